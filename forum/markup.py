"""The one way to turn a member's Markdown into HTML: Markdown, then bleach, then linkify.

Every stored ``*_html`` column comes from ``render``; templates mark only those as safe.
Bump ``RENDER_VERSION`` when the output changes, then run ``flask markup rerender``.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree

import bleach
import markdown
from bleach.linkifier import Linker
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

RENDER_VERSION = 2  # 2: a list may start right under a line of text

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
    html = converter.convert(_link_mentions(text or "", mentions) if mentions else (text or ""))
    return _linker.linkify(_cleaner.clean(html))


def excerpt(html: str, length: int) -> str:
    """The first ``length`` characters of rendered HTML as plain text, cut at a word."""
    text = " ".join(plain_text(html).split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def plain_text(html: str) -> str:
    """The text of rendered HTML without tags, for excerpts and e-mails."""
    return html_lib.unescape(bleach.clean(html, tags=set(), strip=True))
