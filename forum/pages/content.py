"""The site pages: the stored version when an administrator edited it, else the default text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from forum import markup
from forum.extensions import db
from forum.pages.models import SitePage

DEFAULTS_DIR = Path(__file__).parent / "defaults"

# slug -> title; the slug is also the name of the default text file.
PAGES = {
    "charte": "Charte d'utilisation",
    "confidentialite": "Données personnelles et confidentialité",
}


@dataclass(frozen=True)
class PageContent:
    slug: str
    title: str
    body: str
    body_html: str
    updated_at: object = None

    @property
    def body_markup(self) -> Markup:
        """The page's HTML, ready for its template."""
        return markup.trusted(self.body_html)


@cache
def default_content(slug: str) -> PageContent:
    """The text shipped with the forum, rendered once per process."""
    body = (DEFAULTS_DIR / f"{slug}.md").read_text(encoding="utf-8")
    return PageContent(slug, PAGES[slug], body, markup.render(body))


def page_content(slug: str) -> PageContent:
    """What the page shows now."""
    page = db.session.scalar(db.select(SitePage).where(SitePage.slug == slug))
    if page is None:
        return default_content(slug)
    return PageContent(slug, page.title, page.body, page.body_html, page.updated_at)
