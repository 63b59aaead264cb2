"""One transaction per action: ``@atomic`` commits once on success and rolls back on any error.

Every public action is decorated. An action called by another (moderation hiding a post
through the discussions' action, promotion creating a sheet) joins the caller's unit of work:
only the outermost one commits, so a failure anywhere leaves nothing half written. An outer
action must not catch an inner one's error and carry on: the inner writes would stay.
Helpers for the journal, mail and notifications only add to the current transaction; what
must happen only once the rows are saved (deleting a file) is queued with ``after_commit``.
Views never touch the session: a refused action has already rolled back when its error
reaches them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from forum.extensions import db

F = TypeVar("F", bound=Callable)
_DEPTH = "atomic_depth"
_AFTER = "atomic_after_commit"


def atomic(func: F) -> F:
    """Run ``func`` as one unit of work (or as part of the one already running)."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        session = db.session()
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            result = func(*args, **kwargs)
            if depth == 0:
                session.commit()  # a failure here (a constraint, the server gone) rolls back too
        except BaseException:
            if depth == 0:
                session.info.pop(_AFTER, None)
                session.rollback()
            raise
        finally:
            session.info[_DEPTH] = depth
        if depth == 0:
            for callback in session.info.pop(_AFTER, []):
                callback()
        return result

    return run  # type: ignore[return-value]


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the current unit of work is committed (never if it rolls back)."""
    db.session().info.setdefault(_AFTER, []).append(callback)


def in_unit_of_work() -> bool:
    """True inside an ``@atomic`` action (code that ends transactions itself refuses to run there)."""
    return db.session().info.get(_DEPTH, 0) > 0
