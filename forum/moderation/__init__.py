"""Moderation: the queue, hiding and masking posts, and the journal of every moderator action."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the moderation pages."""
    from forum.moderation.views import bp

    app.register_blueprint(bp)
