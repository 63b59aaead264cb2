"""Regional poles and cross-cutting themes: reference data that administrators edit."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db


class _Ordered:
    """Reference rows shown in an order administrators choose."""

    @classmethod
    def ordered(cls, active_only: bool = True):
        """Select the rows in display order, the active ones only by default."""
        query = db.select(cls).order_by(cls.position, cls.name)
        return query.where(cls.active.is_(True)) if active_only else query


class Pole(_Ordered, db.Model):
    """A regional pole (or the national space): the main navigation of the forum."""

    __tablename__ = "poles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    insee_codes: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Pole {self.slug}>"


class Theme(_Ordered, db.Model):
    """A theme cutting across poles; ``restricted`` themes accept posts from animators only."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<Theme {self.slug}>"
