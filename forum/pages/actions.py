"""Writes to the site pages."""

from __future__ import annotations

from forum import policy
from forum.db_types import utcnow
from forum.extensions import db
from forum.moderation.audit import record
from forum.pages.content import PAGES
from forum.pages.models import SitePage
from forum.transaction import atomic


@atomic
def edit_page(actor, slug: str, title: str, body: str) -> SitePage:
    """Replace the text of a site page (charte, privacy notice)."""
    policy.require(actor, "edit", SitePage)
    if slug not in PAGES:
        raise KeyError(slug)
    page = db.session.scalar(db.select(SitePage).where(SitePage.slug == slug))
    if page is None:
        page = SitePage(slug=slug)
        db.session.add(page)
    page.title = title.strip()
    page.set_body(body)
    page.updated_at = utcnow()
    page.updated_by_id = actor.id
    db.session.flush()
    record(actor, "edit_page", page, page.title)
    return page
