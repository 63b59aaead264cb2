"""Quotations of one post in another: the « > » blocks that « Citer » writes, found again so that
they follow the post they quote (hidden with it) and a passage masked in it.

A block is a quotation of a post when its words are a run of that post's words (current text,
rendered text or an earlier version): « Citer » without JavaScript copies the Markdown, with
JavaScript the text as shown, cut at 300 or 600 characters. In a reply to that very post any
such run counts; elsewhere it must be long enough not to be a common phrase. Nested quotations
(a quote of a post that quoted it) are looked for inside each block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forum import privacy

PLACEHOLDER = "[passage d'un message retiré par la modération]"
MIN_MATCH = 12  # characters of words a quote needs to be recognised outside a reply to its post
MAX_DEPTH = 6  # markup.MAX_NESTING: deeper markers are plain text

_QUOTE_LINE = re.compile(r"^ {0,3}>")
_ONE_LEVEL = re.compile(r"^ {0,3}> ?")
_ALL_LEVELS = re.compile(r"^[ \t>]*")


@dataclass(frozen=True)
class Quoted:
    """A post whose quotations are concealed: its id and its texts, as words (see ``words``)."""

    post_id: int
    texts: tuple[str, ...]


def words(text: str) -> str:
    """The words of a text, lower case, one space apart: a quote copied from the page and one
    copied from the Markdown compare equal."""
    return " ".join(re.findall(r"\w+", text.lower()))


def has_quotes(text: str) -> bool:
    """The text holds at least one « > » line."""
    return any(_QUOTE_LINE.match(line) for line in (text or "").split("\n"))


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, past-last) line numbers of each run of « > » lines."""
    runs, start = [], None
    for number, line in enumerate(lines):
        if _QUOTE_LINE.match(line):
            start = number if start is None else start
        elif start is not None:
            runs.append((start, number))
            start = None
    if start is not None:
        runs.append((start, len(lines)))
    return runs


def _quotes(quote: str, source: Quoted, in_reply: bool) -> bool:
    if not quote or (not in_reply and len(quote) < MIN_MATCH):
        return False
    return any(f" {quote} " in f" {text} " for text in source.texts)


def conceal(text: str, sources: list[Quoted], reply_to_id: int | None = None, depth: int = 0) -> str:
    """``text`` with each quotation of one of ``sources`` replaced by the placeholder line."""
    if not sources or not has_quotes(text):
        return text
    lines = text.split("\n")
    for start, end in reversed(_blocks(lines)):
        quote = words(" ".join(_ALL_LEVELS.sub("", line) for line in lines[start:end]))
        if any(_quotes(quote, source, source.post_id == reply_to_id) for source in sources):
            # A line of text right under the quote would join it (Markdown's lazy continuation):
            # a blank line keeps the author's own words out of what is withdrawn.
            after = [""] if end < len(lines) and lines[end].strip() else []
            lines[start:end] = ["> " + PLACEHOLDER, *after]
        elif depth < MAX_DEPTH:
            inner = "\n".join(_ONE_LEVEL.sub("", line) for line in lines[start:end])
            hidden = conceal(inner, sources, None, depth + 1)
            if hidden != inner:
                lines[start:end] = [f"> {line}" if line else ">" for line in hidden.split("\n")]
    return "\n".join(lines)


def redact_quotes(text: str, passage: str) -> tuple[str, int]:
    """``text`` with ``passage`` masked inside its quotations only (the rest is its author's own
    words), and how many times."""
    if not has_quotes(text):
        return text, 0
    lines, total = text.split("\n"), 0
    for start, end in reversed(_blocks(lines)):
        block, count = privacy.redact("\n".join(lines[start:end]), passage)
        if count:
            lines[start:end] = block.split("\n")
            total += count
    return "\n".join(lines), total
