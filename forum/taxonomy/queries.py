"""Read-side queries of the poles and themes (lists, names, lookups by slug)."""

from __future__ import annotations

from flask import abort

from forum.extensions import db
from forum.taxonomy.models import Pole, Theme


def poles(active_only: bool = True) -> list[Pole]:
    """The poles in display order."""
    return list(db.session.scalars(Pole.ordered(active_only)))


def themes(active_only: bool = True) -> list[Theme]:
    """The themes in display order."""
    return list(db.session.scalars(Theme.ordered(active_only)))


def by_slug(model, slug: str | None, active_only: bool = True):
    """The pole or theme with this slug, or None."""
    if not slug:
        return None
    query = db.select(model).where(model.slug == slug)
    return db.session.scalar(query.where(model.active.is_(True)) if active_only else query)


def by_slug_or_404(model, slug: str):
    """The active pole or theme with this slug, or a 404."""
    found = by_slug(model, slug)
    if found is None:
        abort(404)
    return found


def names(model) -> dict[str, str]:
    """Slug -> name of every pole or theme (results and sheets carry slugs)."""
    return dict(db.session.execute(db.select(model.slug, model.name)).all())
