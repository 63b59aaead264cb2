"""The one way to turn a member's Markdown into HTML: Markdown, then bleach, then linkify.

The rendered-text contract: a model that keeps a member's text stores its Markdown, the HTML
``render`` made of it and the version of the rules (``RenderedBody`` for a single body,
``Rendered`` for a model with several fields); it renders at write time, through one setter,
and ``rerender()`` brings it up to date. ``flask markup rerender`` finds every such model.
Templates print stored HTML through ``trusted`` (the models' ``*_markup`` accessors), never
through ``|safe``. Bump ``RENDER_VERSION`` when the output changes, then run the command.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree
from typing import ClassVar

import bleach
import markdown
from bleach.linkifier import Linker
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

RENDER_VERSION = 3  # 2: a list may start right under a line of text; 3: nesting and brackets bounded

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "th": ["align"], "td": ["align"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


class _ShiftHeadings(Treeprocessor):
    """A member's « # Titre » becomes an h3: the page keeps its own h1 and h2."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]) +\S")


class _ListsUnderText(Preprocessor):
    """« Une ligne qui commence par - fait une liste », as the editor's help says, even right under
    a line of text: Markdown would want a blank line first, which nobody types on a phone."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        in_list = False
        for line in lines:
            item = bool(_LIST_ITEM.match(line))
            if item and not in_list and result and result[-1].strip():
                result.append("")
            if item:
                in_list = True
            elif not line.strip():
                in_list = False
            result.append(line)
        return result


class _ForumExtension(markdown.Extension):
    """The forum's two changes to Markdown: shifted headings, lists right under text."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)
        md.preprocessors.register(_ListsUnderText(md), "lists_under_text", 25)


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True
)
_linker = Linker(callbacks=[_set_rel], skip_tags={"pre", "code"})


# Markdown's parser recurses once per level of quote or list, its link pattern scans the rest of a
# paragraph from every « [ », and bleach's link finder backtracks over a run of « ( »: a 20,000-
# character message of « 1. 1. 1. … » overflowed the stack, one of « [[[[… » took 14 s. Past these
# bounds the markers stay as plain text; no one writes that.
MAX_NESTING = 6
MAX_INDENT = 4 * (MAX_NESTING - 1)  # the first level has no indentation
BRACKET_BUDGET = 300_000  # unmatched « [ » in a paragraph × its length: a few tenths of a second at most
MAX_RUN = 100
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BLOCK_MARKERS = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_LONG_RUN = re.compile(rf"([^\w\s])\1{{{MAX_RUN},}}")
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")
_WELL_FORMED_LINK = re.compile(r"\[[^\[\]\n]*\]\([^()\s]*\)")  # found at once by the parser: not counted


def _bounded_line(line: str) -> str:
    """The line with at most MAX_NESTING quote or list markers, and indentation, at its start."""
    if _RULE.match(line):
        return line  # « - - - - - - - - » is a horizontal line, not eight lists
    content = line.lstrip(" \t")
    if len(line) - len(content) > MAX_INDENT and _BLOCK_MARKERS.match(content):
        line = " " * MAX_INDENT + content  # a list nested by its indentation (code keeps its own)
    position = 0
    for depth in range(MAX_NESTING + 1):
        marker = _BLOCK_MARKERS.match(line, position)
        if marker is None:
            return line
        if depth == MAX_NESTING:
            start = marker.end() - len(marker.group().lstrip(" \t"))
            return line[:start] + "\\" + line[start:]
        position = marker.end()
    return line


def _bounded_brackets(paragraph: str) -> str:
    """The paragraph with its unmatched « [ » past the budget escaped (shown as typed, never a link);
    well-formed links cost the parser nothing and are never touched."""
    allowed = max(20, BRACKET_BUDGET // max(len(paragraph), 1))
    if paragraph.count("[") <= allowed:
        return paragraph
    pieces, start, unmatched = [], 0, 0
    for bracket in re.finditer(r"\[", paragraph):
        if _WELL_FORMED_LINK.match(paragraph, bracket.start()):
            continue
        unmatched += 1
        if unmatched > allowed:
            pieces.append(paragraph[start:bracket.start()] + "\\")
            start = bracket.start()
    return "".join(pieces) + paragraph[start:]


def _bounded(text: str) -> str:
    """The text with nesting, brackets and runs of a sign bounded, so that rendering takes bounded time."""
    text = _LONG_RUN.sub(lambda run: run.group(1) * MAX_RUN, text)
    text = "\n".join(_bounded_line(line) for line in text.split("\n"))
    if text.count("[") > 20:
        text = "".join(_bounded_brackets(part) for part in _PARAGRAPHS.split(text))
    return text


def _link_mentions(text: str, mentions: dict[str, str]) -> str:
    """« @Prénom Nom » becomes a Markdown link to the member's profile (longest names first)."""
    for name in sorted(mentions, key=len, reverse=True):
        pattern = re.compile(r"(?<![\w\[])@" + re.escape(name) + r"(?![\w])")
        text = pattern.sub(lambda _match, name=name: f"[@{name}]({mentions[name]})", text)
    return text


def render(text: str, mentions: dict[str, str] | None = None) -> str:
    """Sanitized HTML for a member's Markdown text; ``mentions`` maps names to profile paths."""
    converter = markdown.Markdown(
        extensions=["sane_lists", "tables", "nl2br", _ForumExtension()], output_format="html"
    )
    text = _bounded(text or "")
    html = converter.convert(_link_mentions(text, mentions) if mentions else text)
    return _linker.linkify(_cleaner.clean(html))


def excerpt(html: str, length: int) -> str:
    """The first ``length`` characters of rendered HTML as plain text, cut at a word."""
    text = " ".join(plain_text(html).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


# A tag of the HTML ``render`` stored: well-formed, attribute values quoted (they may hold « > »).
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(html: str) -> str:
    """The text of rendered HTML without tags, for excerpts and the search index.

    Only for HTML ``render`` made: that is well-formed, so removing the tags is enough (a hundred
    times cheaper than parsing it again, which the index does for every post of a topic).
    """
    return html_lib.unescape(_TAG.sub("", html))


def trusted(html: str) -> Markup:
    """HTML that ``render`` made (stored, or just rendered), marked safe for a template."""
    return Markup(html)


class Rendered:
    """A model that stores HTML rendered from Markdown, with the version of the rules that made it."""

    render_version_attribute: ClassVar[str] = "body_render_version"
    rendered_label: ClassVar[str] = ""  # what ``flask markup rerender`` calls these rows, in French

    def rerender(self) -> None:
        """Render the stored Markdown again with today's rules."""
        raise NotImplementedError


class RenderedBody(Rendered):
    """One Markdown body, its HTML and its render version, always set together by ``set_body``."""

    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    body_render_version: Mapped[int] = mapped_column(Integer)

    def set_body(self, text: str, mentions: dict[str, str] | None = None) -> None:
        """Store the Markdown source with its rendered HTML."""
        self.body = text
        self.body_html = render(text, mentions=mentions)
        self.body_render_version = RENDER_VERSION

    def rerender(self) -> None:
        self.set_body(self.body)

    @property
    def body_markup(self) -> Markup:
        """The stored HTML, ready for a template."""
        return trusted(self.body_html)
