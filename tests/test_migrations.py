"""The schema comes from the migrations, and the models agree with them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from forum.db_types import render_migration_item
from forum.extensions import db


def test_models_and_migrations_agree(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "render_item": render_migration_item,
        })
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask --app wsgi db migrate` and review the new migration"


def test_database_is_at_the_latest_migration(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    config = Config(str(app.extensions["migrate"].directory) + "/alembic.ini")
    config.set_main_option("script_location", app.extensions["migrate"].directory)
    head = ScriptDirectory.from_config(config).get_current_head()
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head


def test_every_migration_goes_down_and_up_again(app, tmp_path):
    """From the latest schema down to nothing and back, step by step: the schema comes back whole."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import inspect

    from tests.conftest import TEST_DATABASE_URL, base_config

    if TEST_DATABASE_URL:  # the lane's database is the one under test: leave it as the migrations make it
        target = app
        db.session.remove()
    else:
        from forum import create_app

        target = create_app(base_config(tmp_path / "roundtrip", f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"))
    with target.app_context():
        upgrade()
        steps = 0
        while _current_revision() is not None:
            downgrade(revision="-1")
            steps += 1
        assert steps >= 8
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "render_item": render_migration_item})
            assert compare_metadata(context, db.metadata) == []
            assert connection.execute(db.text("SELECT count(*) FROM poles")).scalar() == 15
            assert connection.execute(db.text("SELECT count(*) FROM themes")).scalar() == 17
        db.session.remove()
        if not TEST_DATABASE_URL:
            db.engine.dispose()


def _current_revision():
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_migrations_import_no_application_code():
    """A migration is history: later changes to the code must not rewrite what it did."""
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "migrations" / "versions"
    offenders = [path.name for path in folder.glob("*.py")
                 if re.search(r"^\s*(from|import)\s+forum\b", path.read_text(), re.M)]
    assert offenders == []
