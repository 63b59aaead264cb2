"""Fixtures: an app on a database built by the migrations, clients, personas and states.

SQLite (default): the migrations run once into a template file, which each test copies.
PostgreSQL (``FORUM_TEST_DATABASE_URL``): the migrations run once per session; after each
test every table is emptied and the reference data written again.
"""

from __future__ import annotations

import contextvars
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from forum import create_app
from forum.db_types import travel_to, utcnow
from forum.extensions import db
from tests import factories

TEST_DATABASE_URL = os.environ.get("FORUM_TEST_DATABASE_URL", "")
CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def base_config(tmp_path: Path, database_url: str) -> dict:
    """Settings of a test app whose files all live under ``tmp_path``."""
    return {
        "FORUM_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "FORUM_INDEX_DIR": str(tmp_path / "index"),
        "FORUM_UPLOAD_DIR": str(tmp_path / "uploads"),
        "FORUM_MAIL_DIR": str(tmp_path / "mail"),
        "FORUM_MAIL_TRANSPORT": "file",
        "FORUM_BASE_URL": "http://forum.test",
        "FORUM_PASSWORD_HASH": "pbkdf2:sha256:1000",  # fast in tests; production uses scrypt
        "RATELIMIT_ENABLED": True,
        "FORUM_SEARCH_DRAIN": "manual",  # tests drain explicitly (tests/search covers the background thread)
        "RATELIMIT_STORAGE_URI": "memory://",
    }


def run_migrations(app) -> None:
    """Build the schema exactly as production does: ``flask db upgrade``."""
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> str:
    """A database at the latest migration: a SQLite file to copy, or the PostgreSQL URL."""
    folder = tmp_path_factory.mktemp("template")
    if TEST_DATABASE_URL:
        app = create_app(base_config(folder, TEST_DATABASE_URL))
        with app.app_context():
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
            db.engine.dispose()
        run_migrations(app)
        remember_reference_rows(app)
        with app.app_context():
            db.engine.dispose()
        return TEST_DATABASE_URL
    path = folder / "template.sqlite3"
    app = create_app(base_config(folder, f"sqlite:///{path}"))
    run_migrations(app)
    with app.app_context():
        db.engine.dispose()
    return str(path)


# The rows the migrations wrote (reference data), read once on the PostgreSQL lane.
_REFERENCE_ROWS: dict[str, list[dict]] = {}


def remember_reference_rows(app) -> None:
    """Keep the poles and themes the migrations installed, to write them again after each test."""
    from forum.taxonomy.models import Pole, Theme

    with app.app_context():
        with db.engine.connect() as connection:
            for model in (Pole, Theme):
                columns = [column for column in model.__table__.columns if column.key != "id"]
                _REFERENCE_ROWS[model.__tablename__] = [
                    dict(row._mapping) for row in connection.execute(db.select(*columns).order_by(model.id))]


def reset_postgres(app) -> None:
    """Empty every table and write the reference data again (PostgreSQL lane)."""
    with app.app_context():
        db.session.remove()
        tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            for name, rows in _REFERENCE_ROWS.items():
                connection.execute(db.metadata.tables[name].insert(), rows)


class Client(FlaskClient):
    """A test client whose requests run in their own app context, like real requests.

    Without this, requests would share the test's app context: one database session and
    one ``g`` (where Flask-Login caches the user) across requests. After each request the
    test's session is expired, so objects reload what the request changed.
    """

    _csrf: str | None = None

    def open(self, *args, **kwargs):
        # buffered: the response is closed like a server would, so call_on_close work runs
        kwargs.setdefault("buffered", True)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():  # redirects followed inside the request's own context skip this
            db.session.expire_all()
        return response

    def csrf_token(self) -> str:
        """A CSRF token for this client's session, read from a page like a browser would."""
        if self._csrf is None:
            page = self.get("/connexion").get_data(as_text=True)
            if "csrf_token" not in page:
                page = self.get("/").get_data(as_text=True)
            self._csrf = CSRF_INPUT.search(page).group(1)
        return self._csrf

    def post_form(self, url: str, data: dict | None = None, **kwargs):
        """POST a form with its CSRF token, as the page would."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def login(self, user, password: str = factories.PASSWORD):
        """Log in through the login form; fails the test if it does not work."""
        response = self.post_form("/connexion", {"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response


@pytest.fixture
def app(tmp_path, template_database):
    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL
    else:
        database = tmp_path / "forum.sqlite3"
        shutil.copyfile(template_database, database)
        url = f"sqlite:///{database}"
    application = create_app(base_config(tmp_path, url))
    application.test_client_class = Client
    with application.app_context():
        yield application
        db.session.remove()
    if TEST_DATABASE_URL:
        reset_postgres(application)
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app) -> Client:
    return app.test_client()


@pytest.fixture
def make_client(app):
    """A fresh client (another browser), optionally logged in as ``user``."""

    def build(user=None) -> Client:
        new_client = app.test_client()
        if user is not None:
            new_client.login(user)
        return new_client

    return build


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- time -----------------------------------------------------------------------------

# Every test starts on this day, whatever day it runs: a Tuesday in the middle of a month,
# in winter time. Tests about month ends, leap years or summer time travel elsewhere.
TEST_START = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
# FORUM_TEST_START=2026-01-31T22:30 runs the whole suite from another day (a month's end, the 1st,
# a 29 February): no test may depend on the day it starts.
if os.environ.get("FORUM_TEST_START"):
    TEST_START = datetime.fromisoformat(os.environ["FORUM_TEST_START"]).replace(tzinfo=UTC)


class Clock:
    """The application's clock as a test sees it: fixed start, still ticking, movable."""

    def now(self) -> datetime:
        return utcnow()

    def travel_to(self, moment: datetime) -> None:
        travel_to(moment)

    def advance(self, **delta) -> None:
        travel_to(utcnow() + timedelta(**delta))


@pytest.fixture(autouse=True)
def clock():
    travel_to(TEST_START)
    yield Clock()
    travel_to(None)


# --- personas -------------------------------------------------------------------------

@pytest.fixture
def structure(app):
    return factories.make_structure("Régie de test des Trois Ponts", pole_slug="bretagne")


@pytest.fixture
def other_structure(app):
    return factories.make_structure("Association de test Sud", pole_slug="occitanie")


@pytest.fixture
def member(app, structure):
    return factories.make_user("Léa Membre", structure=structure)


@pytest.fixture
def other_member(app, other_structure):
    return factories.make_user("Omar Autre", structure=other_structure)


@pytest.fixture
def referent(app, structure):
    return factories.make_user("Rémi Référent", structure=structure, role="structure_referent")


@pytest.fixture
def other_referent(app, other_structure):
    return factories.make_user("Rita Référente", structure=other_structure, role="structure_referent")


@pytest.fixture
def animator(app, structure):
    return factories.make_user("Anne Animatrice", structure=structure, role="pole_animator", poles=["bretagne"])


@pytest.fixture
def moderator(app, other_structure):
    return factories.make_user("Marc Modérateur", structure=other_structure, role="moderator")


@pytest.fixture
def admin(app, other_structure):
    return factories.make_user("Alice Admin", structure=other_structure, role="admin")


@pytest.fixture
def suspended_member(app, structure, admin):
    user = factories.make_user("Sam Suspendu", structure=structure)
    factories.suspend(admin, user, days=7)
    return user


@pytest.fixture
def guest():
    from forum.accounts.models import Guest

    return Guest()


@pytest.fixture
def pending_user(app, structure):
    return factories.make_pending_user("Paul Attente", structure=structure, confirmed=True)


# --- states, each reached through the real actions -----------------------------------

@pytest.fixture
def topic(member, other_member):
    """The member's question in Bretagne, answered once by a colleague of another structure."""
    question = factories.make_topic(member, "Comment gérer les appels répétés la nuit ?")
    factories.make_reply(other_member, question, "Nous passons en médiation différée le lendemain.")
    return question


@pytest.fixture
def reply_post(topic):
    """The colleague's answer in ``topic``."""
    return factories.post_number(topic, 2)


@pytest.fixture
def hidden_post(topic, other_member, moderator):
    """A colleague's reply hidden by a moderator, with its reason in the journal."""
    from forum.moderation import actions

    post = factories.make_reply(other_member, topic, "Une réponse qui nommait quelqu'un.")
    actions.hide_post(moderator, post, "Personne reconnaissable")
    return post


@pytest.fixture
def locked_topic(topic, animator):
    """``topic`` closed to new replies by its pole's animator."""
    from forum.discussions import actions

    actions.set_locked(animator, topic, True)
    return topic


@pytest.fixture
def warned_post(topic, referent):
    """A reply published over a personal-data warning, with the author's reason: it waits in the queue."""
    from forum.discussions import actions

    return actions.reply(referent, topic, "Mme Martin a rappelé ce soir.", privacy_reason="Nom inventé, cas fictif")


@pytest.fixture
def published_sheet(member, animator):
    """A sheet by the member, validated by the Bretagne animator."""
    return factories.make_sheet(member, "published", reviewer=animator)


# --- observation helpers -------------------------------------------------------------

@pytest.fixture
def outbox(app):
    """The e-mails written by the file transport, oldest first."""

    def read() -> list:
        folder = Path(app.config["FORUM_MAIL_DIR"])
        if not folder.exists():
            return []
        return [message_from_bytes(path.read_bytes(), policy=email_policy.default)
                for path in sorted(folder.glob("*.eml"))]

    return read
