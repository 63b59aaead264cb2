"""Editable site pages: the charte d'utilisation and the privacy notice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from forum import markup
from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db


class SitePage(markup.RenderedBody, db.Model):
    """A page whose text administrators edit; ``body_html`` comes from ``markup.render``."""

    __tablename__ = "site_pages"
    rendered_label = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(160))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
