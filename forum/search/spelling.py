"""Words of the forum close to a mistyped one, at a bounded cost (no Whoosh here).

The lexicon is a sorted list of words, walked as the trie it implicitly is: one row of the
edit-distance table per letter, a row shared by every word with that prefix, and a whole
branch skipped (by bisection) as soon as no word below it can be close enough. Each row
computed is one unit of work, spent from the request's budget, so a 290-letter word or a
lexicon of a million words costs what the budget allows and no more. The lists themselves
are read from the index once per segment and kept here (``Lexicons``).
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

# Past any character a word can hold: ``prefix + LAST`` sorts after every word starting with ``prefix``.
LAST = "\U0010ffff"
Lexicon = tuple[list[str], array]   # sorted words, and the number of documents holding each


class Lexicons:
    """Word lists kept in memory by key (a segment never changes), the least recently used dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict[Hashable, Lexicon] = OrderedDict()
        self._guard = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Lexicon]) -> Lexicon:
        """The list kept under ``key``, built (outside the lock) the first time."""
        with self._guard:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        lexicon = build()
        with self._guard:
            self._kept[key] = lexicon
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return lexicon


def merged(lexicons: list[Lexicon]) -> Lexicon:
    """One list of the words of several, their counts added."""
    counts: dict[str, int] = {}
    for words, frequencies in lexicons:
        for word, frequency in zip(words, frequencies, strict=True):
            counts[word] = counts.get(word, 0) + frequency
    words = sorted(counts)
    return words, array("L", (counts[word] for word in words))


def _next_row(word: str, depth: int, letter: str, previous: list[int], before: list[int] | None,
              last_letter: str, maxdist: int) -> list[int]:
    """The edit distances from ``word``'s prefixes to a prefix of ``depth`` letters ending in ``letter``.

    Only the band of cells within ``maxdist`` of the diagonal can stay in reach; the others
    hold ``maxdist + 1`` (too far). Adjacent letters swapped count as one edit (« mediatoin »).
    """
    far = maxdist + 1
    row = [far] * (len(word) + 1)
    row[0] = min(depth, far)
    for index in range(max(1, depth - maxdist), min(len(word), depth + maxdist) + 1):
        char = word[index - 1]
        value = min(row[index - 1] + 1, previous[index] + 1, previous[index - 1] + (char != letter))
        if before is not None and index > 1 and char == last_letter and word[index - 2] == letter:
            value = min(value, before[index - 2] + 1)
        row[index] = min(value, far)
    return row


def close_words(word: str, lexicon: Sequence[str], maxdist: int, spend: Callable[[int], bool]) -> list[tuple[int, int]]:
    """The words of ``lexicon`` (sorted) within ``maxdist`` edits of ``word``, as (distance, position).

    ``spend(1)`` is asked before each row; when it refuses, the walk stops with what it found.
    """
    found: list[tuple[int, int]] = []
    rows = [[min(index, maxdist + 1) for index in range(len(word) + 1)]]  # rows[depth]: to ``depth`` letters
    path = ""                             # the letters ``rows`` were computed for
    position = 0
    while position < len(lexicon):
        term = lexicon[position]
        shared = 0
        limit = min(len(path), len(term))
        while shared < limit and path[shared] == term[shared]:
            shared += 1
        del rows[shared + 1:]
        path = term[:shared]
        dead_end = False
        for depth in range(shared, len(term)):
            if not spend(1):
                return found
            before = rows[depth - 1] if depth else None
            row = _next_row(word, depth + 1, term[depth], rows[depth], before, term[depth - 1] if depth else "",
                            maxdist)
            rows.append(row)
            path += term[depth]
            # No longer word can come back within reach: a swap reaches two rows back at most.
            if min(row) > maxdist and min(rows[depth]) >= maxdist:
                dead_end = True
                break
        if dead_end:
            position = bisect_left(lexicon, path + LAST, position + 1)
            continue
        if rows[-1][-1] <= maxdist and term != word:
            found.append((rows[-1][-1], position))
        position += 1
    return found
