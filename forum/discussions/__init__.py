"""Discussions: topics and posts per pole and theme, answers, solutions, reactions."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the discussions' pages and make topics searchable."""
    from forum.discussions import animation_views, search_docs, topic_views, views
    from forum.discussions.blueprint import bp
    from forum.search import register_source

    if not (views.bp is topic_views.bp is animation_views.bp is bp):  # they draw their pages on this one blueprint
        raise RuntimeError("the pages of discussions must share one blueprint")
    app.register_blueprint(bp)
    register_source(app, search_docs.SOURCE)
