"""What one search may cost: its work counted where it is done, within bounds (no Whoosh here).

The bounds that shape a query (words, prefixes, phrase length) are cut when it is read
(``query.py``); the work that grows with the index (the lexicon walked by the spelling
corrector and by prefixes, the posting lists read) is counted here, per request. The search
page counts inside ``counting()`` and sends the total with ``finished`` when it is done: the
tests check hostile inputs by that count rather than by a clock, and operators may log it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from blinker import Namespace

log = logging.getLogger(__name__)

# Rows of the edit-distance table the spelling corrector may compute for one search (one per
# letter of a lexicon word it reaches): about 4 µs each, under a tenth of a second whatever the
# word or the index. Other kinds are counted without a bound of their own: the query's bounds
# keep them small (``prefix``: lexicon words looked at for ``mot*``, ``postings``: posting
# lists read, ``corrected``: words sent to the corrector).
SPELLING_ROWS = 20_000
LIMITS = {"spelling": SPELLING_ROWS}

finished = Namespace().signal("search-work")


class Work:
    """The work of one search so far; ``spend`` refuses once a bounded kind reached its bound."""

    def __init__(self, limits: dict[str, int] | None = None):
        self.limits = dict(LIMITS if limits is None else limits)
        self.done: Counter[str] = Counter()
        self.stopped: set[str] = set()

    def spend(self, kind: str, amount: int = 1) -> bool:
        """Count ``amount`` of ``kind``; False (and nothing counted) when it would pass the bound."""
        limit = self.limits.get(kind)
        if limit is not None and self.done[kind] + amount > limit:
            if kind not in self.stopped:
                self.stopped.add(kind)
                log.info("search stopped at its %s bound (%s)", kind, limit)
            return False
        self.done[kind] += amount
        return True


_current: ContextVar[Work | None] = ContextVar("search_work", default=None)


def current() -> Work:
    """The work being counted for this request, or a fresh bounded count outside ``counting()``."""
    return _current.get() or Work()


def spend(kind: str, amount: int = 1) -> bool:
    """Count work of this request (always allowed outside ``counting()``, for unbounded kinds too)."""
    work = _current.get()
    return True if work is None else work.spend(kind, amount)


@contextmanager
def counting(limits: dict[str, int] | None = None) -> Iterator[Work]:
    """Count the work done inside, then send it with ``finished``."""
    work = Work(limits)
    token = _current.set(work)
    try:
        yield work
    finally:
        _current.reset(token)
        finished.send(work)
