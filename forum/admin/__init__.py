"""Administration: accounts, roles, suspensions, structures, poles, themes, site pages, journal."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the administration pages."""
    from forum.admin import reference_views, views
    from forum.admin.blueprint import bp

    if not (views.bp is reference_views.bp is bp):  # both modules draw their pages on this one blueprint
        raise RuntimeError("the pages of admin must share one blueprint")
    app.register_blueprint(bp)
