"""The search outbox: one row per change of a searchable row, written in the same transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db


class SearchOutbox(db.Model):
    """A document to bring up to date in the index; the drain deletes the row once applied."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), index=True)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
