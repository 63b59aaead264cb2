"""What a search gives back: hits, counts, and snippets with the matching words marked.

No Whoosh here: the index hands over stored text and a test « is this word one of the
query's? », and the snippet is cut and escaped in plain Python.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from forum.search.registry import page_url

SNIPPET_WIDTH = 220        # characters of one passage
SNIPPET_PASSAGES = 2
SNIPPET_CHARS = 20_000     # a snippet is looked for in this much of a document
MAX_SPANS = 200           # matched words looked at (a frequent word may match thousands)


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    snippet_html: str            # escaped text with <mark>, from ``snippet``
    pole: str
    themes: list[str]
    structure_kind: str
    date: datetime | None
    solved: bool

    @property
    def ident(self) -> int:
        return int(self.key.partition(":")[2])

    @property
    def snippet(self) -> Markup:
        """The snippet for a template: ``snippet`` escaped the text before marking the words."""
        return Markup(self.snippet_html)

    @property
    def url(self) -> str:
        """The page of this result (its feature says which, see ``registry.Source.page``)."""
        return page_url(self.key)


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _best_passage(spans: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The passage of SNIPPET_WIDTH characters holding the most different matched words."""
    best, best_score = None, 0
    for start_index, (start, _end, _word) in enumerate(spans):
        begin = max(0, start - 40)
        finish = begin + SNIPPET_WIDTH
        if any(begin < other_end and other_start < finish for other_start, other_end in taken):
            continue
        words = set()
        for span_start, _span_end, word in spans[start_index:]:
            if span_start >= finish:
                break
            words.add(word)
        if len(words) > best_score:
            best, best_score = (begin, finish), len(words)
    return best


def _passage_html(text: str, begin: int, finish: int, spans: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """A passage cut on spaces (never inside a word), escaped, with its matches in <mark>."""
    if begin > 0:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= 0 and begin - space < 30 else begin
    if finish < len(text):
        space = text.find(" ", finish)
        finish = space if 0 <= space < finish + 30 else finish
    pieces, cursor = [], begin
    for start, end, _word in spans:
        if start >= cursor and end <= finish:
            pieces.append(html.escape(text[cursor:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>")
            cursor = end
    pieces.append(html.escape(text[cursor:finish]))
    return begin, finish, "".join(pieces).strip()


_ACCENTED = {"a": "aàâäáã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "c": "cç", "n": "nñ", "y": "yÿ"}
_WORD = re.compile(r"\w+")


def _candidates(stems: set[str]) -> re.Pattern | None:
    """A pattern finding the words that may have one of these stems, whatever their accents.

    Stemming every word of a long document is what made snippets slow; a stem (minus the
    endings the French stemmer rewrites) is the start of the folded words it comes from.
    """
    heads = sorted({stem[:max(3, len(stem) - 2)] for stem in stems if stem}, key=len, reverse=True)
    if not heads:
        return None
    spelled = ("".join(f"[{_ACCENTED[char]}]" if char in _ACCENTED else re.escape(char) for char in head)
               for head in heads)
    return re.compile(r"\b(?:" + "|".join(spelled) + r")\w*", re.IGNORECASE)


def _phrase_end(text: str, after: int, rest: tuple[str, ...], stem_of: Callable[[str], str]) -> int | None:
    """Where a phrase ends if the words after ``after`` are its ``rest`` (stop words skipped)."""
    expected = iter(rest)
    wanted = next(expected)
    for word in _WORD.finditer(text, after, after + 40 * len(rest)):
        stem = stem_of(word.group().lower())
        if not stem:
            continue
        if stem != wanted:
            return None
        wanted = next(expected, None)
        if wanted is None:
            return word.end()
    return None


def _spans(text: str, words: set[str], phrases: set[tuple[str, ...]], stem_of) -> list[tuple[int, int, str]]:
    """The matches to mark: single words, and phrases from their first word to their last."""
    # Several phrases may start alike (« quartier prioritaire », « … de la politique de la ville »):
    # the longest that the text holds is marked.
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        firsts.setdefault(phrase[0], []).append(phrase)
    pattern = _candidates(words | set(firsts))
    spans = []
    for match in pattern.finditer(text) if pattern else ():
        stem = stem_of(match.group().lower())
        if stem in words:
            spans.append((match.start(), match.end(), match.group().lower()))
            continue
        for phrase in firsts.get(stem, ()):
            end = _phrase_end(text, match.end(), phrase[1:], stem_of)
            if end is not None:
                spans.append((match.start(), end, " ".join(phrase)))
                break
        if len(spans) >= MAX_SPANS:
            break
    return spans


def snippet(text: str, words: set[str], phrases: set[tuple[str, ...]], stem_of: Callable[[str], str]) -> str:
    """Up to two passages of ``text`` where the most query words are, escaped, matches in <mark>."""
    text = " ".join(text[:SNIPPET_CHARS].split())
    spans = _spans(text, words, phrases, stem_of)
    passages: list[tuple[int, int]] = []
    while len(passages) < SNIPPET_PASSAGES:
        passage = _best_passage(spans, passages)
        if passage is None:
            break
        passages.append(passage)
    if not passages:  # the words are in the title only: the opening of the text, cut between words
        if len(text) <= SNIPPET_WIDTH:
            return html.escape(text)
        head = text[:SNIPPET_WIDTH + 1]
        opening = head.rsplit(" ", 1)[0] if " " in head else text[:SNIPPET_WIDTH]
        return html.escape(opening.rstrip(",;:")) + " …"
    cut = [_passage_html(text, begin, finish, spans) for begin, finish in sorted(passages)]
    return (("… " if cut[0][0] > 0 else "") + " … ".join(piece for _begin, _finish, piece in cut)
            + (" …" if cut[-1][1] < len(text) else ""))


def as_written(folded: str, hits: list[Hit], fold: Callable[[str], str]) -> str:
    """A corrected word (accents folded, as the spelling field keeps it) as the results write it:
    « médiation » rather than « mediation »."""
    for hit in hits:
        for word in _WORD.findall(hit.title + " " + html.unescape(re.sub(r"<[^>]+>", "", hit.snippet_html))):
            if fold(word) == folded:
                return word.lower()
    return folded
