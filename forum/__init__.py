"""Forum du Réseau: the application factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application from ``FORUM_*`` variables, then ``overrides`` (tests)."""
    from config import finish_config, load_config
    from forum import cli, errors, extensions, formatting, models, security, templating  # noqa: F401
    from forum.accounts import session as account_session
    from forum.notifications.mail import init_mail
    from forum.search.outbox import init_search

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

    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(ROOT / "migrations"))
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    account_session.init_login(app)
    security.init_security(app)
    formatting.init_formatting(app)
    templating.init_templating(app)
    errors.register_error_handlers(app)
    init_mail(app)
    init_search(app)
    _register_blueprints(app)
    cli.register_commands(app)
    _configure_database(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from forum.accounts.views import bp as accounts_bp
    from forum.admin.views import bp as admin_bp
    from forum.api.views import bp as api_bp
    from forum.discussions import topic_views  # noqa: F401  (registers the topic pages on the blueprint)
    from forum.discussions.views import bp as discussions_bp
    from forum.library.views import bp as library_bp
    from forum.moderation.views import bp as moderation_bp
    from forum.notifications.views import bp as notifications_bp
    from forum.pages.views import bp as pages_bp
    from forum.search.views import bp as search_bp

    for blueprint in (pages_bp, accounts_bp, admin_bp, discussions_bp, library_bp, notifications_bp, moderation_bp,
                      api_bp, search_bp):
        app.register_blueprint(blueprint)


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
