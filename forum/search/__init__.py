"""Search with Whoosh: the index, its transactional outbox, the search page and the ``search`` commands.

Features make their rows searchable with ``register_source`` from their own ``init_app``;
the search package imports none of them.
"""

from __future__ import annotations

from flask import Flask

from forum.search.registry import Source, register_source

__all__ = ["Source", "init_app", "register_source"]


def init_app(app: Flask) -> None:
    """Bind the index, listen to flushes, attach the search page and the ``search`` commands."""
    from forum.search.cli import search_cli
    from forum.search.outbox import init_search
    from forum.search.views import bp

    init_search(app)
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
