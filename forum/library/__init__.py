"""The good-practice library: sheets, their review workflow, attachments, promotion from a discussion."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the library's pages and its ``library`` commands, and make published sheets searchable."""
    from forum.library import review_views, search_docs, views
    from forum.library.blueprint import bp
    from forum.library.cli import library_cli
    from forum.search import register_source

    if not (views.bp is review_views.bp is bp):  # both modules draw their pages on this one blueprint
        raise RuntimeError("the pages of library must share one blueprint")
    app.register_blueprint(bp)
    app.cli.add_command(library_cli)
    register_source(app, search_docs.SOURCE)
