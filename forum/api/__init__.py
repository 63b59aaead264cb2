"""Small JSON endpoints behind the editor's progressive enhancements."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the JSON endpoints."""
    from forum.api.views import bp

    app.register_blueprint(bp)
