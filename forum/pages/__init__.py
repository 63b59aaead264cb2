"""The site's own pages: home, charte, privacy notice, emergency numbers, health check."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the site's pages."""
    from forum.pages.views import bp

    app.register_blueprint(bp)
