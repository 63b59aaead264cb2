"""Forum du Réseau: the application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application from ``FORUM_*`` variables, then ``overrides`` (tests)."""
    from config import finish_config, load_config
    from forum import (
        accounts,
        admin,
        api,
        cli,
        discussions,
        errors,
        extensions,
        formatting,
        inputs,
        library,
        models,
        moderation,
        notifications,
        pages,
        search,
        security,
        templating,
    )

    app = Flask(
        __name__,
        instance_path=str((overrides or {}).get("INSTANCE_PATH") or ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(load_config(app.instance_path))
    app.config.update(overrides or {})
    finish_config(app.config, app.instance_path)
    app.json.ensure_ascii = False  # French stays readable in JSON answers
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    Path(app.config["FORUM_INDEX_DIR"]).mkdir(parents=True, exist_ok=True)

    inputs.init_app(app)  # before any route: the converters apply when routes are added
    models.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(ROOT / "migrations"))
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    security.init_security(app)
    formatting.init_formatting(app)
    templating.init_templating(app)
    errors.register_error_handlers(app)
    cli.init_app(app)
    # The features, each attaching its pages, search source and commands. Search comes first:
    # the others register what they make searchable with it.
    for feature in (search, pages, accounts, admin, discussions, library, notifications, moderation, api):
        feature.init_app(app)
    _configure_database(app)
    return app


def _configure_database(app: Flask) -> None:
    """SQLite: enforce foreign keys and let readers work while one process writes."""
    from sqlalchemy import event

    from forum.extensions import db

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
