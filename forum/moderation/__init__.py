"""Moderation: reports and their cases, the queue, actions with their reasons, statements and
contests, watched words, and the journal of every moderator action."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the moderation pages."""
    from forum.moderation import case_views, report_views, views  # noqa: F401  (each pages module adds its routes to bp)
    from forum.moderation.blueprint import bp

    app.register_blueprint(bp)
