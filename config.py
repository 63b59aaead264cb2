"""Every setting of the forum, read from ``FORUM_*`` environment variables.

Each setting is declared once in ``SETTINGS``; the README documents the same list
(a test checks that every variable appears there).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "testing", "production")


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


@dataclass(frozen=True)
class Setting:
    """One ``FORUM_*`` variable: where it goes in the Flask config and its default."""

    env: str
    key: str
    default: Any
    parse: Callable[[str], Any] = str
    doc: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("FORUM_ENV", "FORUM_ENV", "production", str,
            "development, testing or production. Production refuses to start without a secret key."),
    Setting("FORUM_SECRET_KEY", "SECRET_KEY", None, str,
            "Signs sessions and e-mail links. Required outside development."),
    Setting("FORUM_DATABASE_URL", "SQLALCHEMY_DATABASE_URI", None, str,
            "SQLAlchemy URL. Default: SQLite file instance/forum.sqlite3. "
            "PostgreSQL: postgresql+psycopg://user:password@host/dbname"),
    Setting("FORUM_INDEX_DIR", "FORUM_INDEX_DIR", None, str,
            "Directory of the Whoosh search index. Default: instance/index."),
    Setting("FORUM_SEARCH_DRAIN", "FORUM_SEARCH_DRAIN", "thread", str,
            "thread: each web process applies changes to the index in the background; manual: only "
            "`flask search sync` does (tests, or a separate `flask search indexer`)."),
    Setting("FORUM_SEARCH_INTERVAL", "FORUM_SEARCH_INTERVAL", 2.0, float,
            "Seconds between two background checks of the search outbox (a commit wakes it at once)."),
    Setting("FORUM_SEARCH_THESAURUS", "FORUM_SEARCH_THESAURUS", None, str,
            "Administrators' thesaurus of synonyms and acronyms. Default: instance/thesaurus.txt."),
    Setting("FORUM_SEARCH_PROCS", "FORUM_SEARCH_PROCS", 1, int,
            "Processes used by `flask search reindex` (Whoosh's multi-process writer when above 1)."),
    Setting("FORUM_UPLOAD_DIR", "FORUM_UPLOAD_DIR", None, str,
            "Directory of uploaded attachments, outside static/. Default: instance/uploads."),
    Setting("FORUM_BASE_URL", "FORUM_BASE_URL", "http://127.0.0.1:5000", str,
            "Public address of the site, used in the links of e-mails."),
    Setting("FORUM_SITE_NAME", "FORUM_SITE_NAME", "Forum du Réseau", str,
            "Name shown in the header and in e-mails."),
    Setting("FORUM_CONTACT_EMAIL", "FORUM_CONTACT_EMAIL", "contact@forum-reseau.example", str,
            "Address of the forum's administration, shown in the footer and in e-mails."),
    Setting("FORUM_PRIVACY_ALLOWED_EMAIL_DOMAINS", "FORUM_PRIVACY_ALLOWED_EMAIL_DOMAINS", "forum-reseau.example", str,
            "Comma-separated domains whose e-mail addresses members may write (the forum's own, service addresses)."),
    Setting("FORUM_MAIL_TRANSPORT", "FORUM_MAIL_TRANSPORT", "file", str,
            "file (writes .eml files to FORUM_MAIL_DIR) or smtp."),
    Setting("FORUM_MAIL_DIR", "FORUM_MAIL_DIR", None, str,
            "Where the file transport writes e-mails. Default: instance/mail."),
    Setting("FORUM_MAIL_FROM", "FORUM_MAIL_FROM", "Forum du Réseau <ne-pas-repondre@forum-reseau.example>", str,
            "Sender of every e-mail."),
    Setting("FORUM_SMTP_HOST", "FORUM_SMTP_HOST", "localhost", str, "SMTP server."),
    Setting("FORUM_SMTP_PORT", "FORUM_SMTP_PORT", 587, int, "SMTP port."),
    Setting("FORUM_SMTP_USER", "FORUM_SMTP_USER", "", str, "SMTP login (empty: no authentication)."),
    Setting("FORUM_SMTP_PASSWORD", "FORUM_SMTP_PASSWORD", "", str, "SMTP password."),
    Setting("FORUM_SMTP_STARTTLS", "FORUM_SMTP_STARTTLS", True, _bool, "Use STARTTLS (true/false)."),
    Setting("FORUM_RATELIMIT_ENABLED", "RATELIMIT_ENABLED", True, _bool,
            "Rate limits on login, registration, password reset, previews and search (true/false)."),
    Setting("FORUM_RATELIMIT_STORAGE_URI", "RATELIMIT_STORAGE_URI", "memory://", str,
            "Where rate-limit counters live. With several workers use a shared store, "
            "e.g. redis://127.0.0.1:6379/0 (install the redis extra)."),
    Setting("FORUM_RATELIMIT_LOGIN", "FORUM_RATELIMIT_LOGIN", "10 per minute;60 per hour", str,
            "Failed logins allowed per client address."),
    Setting("FORUM_RATELIMIT_LOGIN_ACCOUNT", "FORUM_RATELIMIT_LOGIN_ACCOUNT", "20 per hour", str,
            "Failed logins allowed per e-mail address, from any client."),
    Setting("FORUM_RATELIMIT_REGISTER", "FORUM_RATELIMIT_REGISTER", "10 per hour", str,
            "Sign-up attempts allowed per client address (every attempt counts)."),
    Setting("FORUM_RATELIMIT_REGISTER_ADDRESS", "FORUM_RATELIMIT_REGISTER_ADDRESS", "3 per hour", str,
            "Sign-up attempts allowed per e-mail address, from any client (each one e-mails that address)."),
    Setting("FORUM_RATELIMIT_RESET", "FORUM_RATELIMIT_RESET", "5 per hour", str,
            "Password-reset requests allowed per client address."),
    Setting("FORUM_RATELIMIT_PREVIEW", "FORUM_RATELIMIT_PREVIEW", "60 per minute;600 per hour", str,
            "Editor previews and live personal-data checks allowed per member."),
    Setting("FORUM_RATELIMIT_SEARCH", "FORUM_RATELIMIT_SEARCH", "30 per minute;300 per hour", str,
            "Searches allowed per client address to visitors (not logged in)."),
    Setting("FORUM_RATELIMIT_SEARCH_MEMBER", "FORUM_RATELIMIT_SEARCH_MEMBER", "120 per minute", str,
            "Searches allowed per logged-in account."),
    Setting("FORUM_RATELIMIT_REPORT", "FORUM_RATELIMIT_REPORT", "20 per hour", str,
            "Reports (« Signaler ») allowed per logged-in account."),
    Setting("FORUM_AUTO_HIDE_REPORTS", "FORUM_AUTO_HIDE_REPORTS", 3, int,
            "Reports from different members after which a post or a topic is hidden pending review."),
    Setting("FORUM_PASSWORD_RESET_MAX_AGE", "FORUM_PASSWORD_RESET_MAX_AGE", 3600, int,
            "Lifetime of a password-reset link, in seconds."),
    Setting("FORUM_EMAIL_CONFIRM_MAX_AGE", "FORUM_EMAIL_CONFIRM_MAX_AGE", 7 * 24 * 3600, int,
            "Lifetime of an e-mail confirmation link, in seconds."),
    Setting("FORUM_PASSWORD_HASH", "FORUM_PASSWORD_HASH", "scrypt", str,
            "Werkzeug password-hash method."),
    Setting("FORUM_REMEMBER_DAYS", "FORUM_REMEMBER_DAYS", 30, int,
            "Lifetime of the « Se souvenir de moi » cookie, in days; a session unused that long ends."),
    Setting("FORUM_SHEET_REVIEW_MONTHS", "FORUM_SHEET_REVIEW_MONTHS", 24, int,
            "Months after its last validation when a published sheet becomes « À actualiser »."),
    Setting("FORUM_PROXY_COUNT", "FORUM_PROXY_COUNT", 0, int,
            "Number of reverse proxies in front of the app (trusts X-Forwarded-For/Proto)."),
    Setting("FORUM_MAX_UPLOAD_MB", "FORUM_MAX_UPLOAD_MB", 10, int,
            "Largest accepted request body, in megabytes."),
)


def load_config(instance_path: str | os.PathLike, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, filling paths under the instance folder."""
    environ = os.environ if environ is None else environ
    instance = Path(instance_path)
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        config[setting.key] = setting.default if raw in (None, "") else setting.parse(raw)

    env = config["FORUM_ENV"]
    if env not in ENVIRONMENTS:
        raise RuntimeError(f"FORUM_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    config["SQLALCHEMY_DATABASE_URI"] = config["SQLALCHEMY_DATABASE_URI"] or f"sqlite:///{instance / 'forum.sqlite3'}"
    config["FORUM_INDEX_DIR"] = config["FORUM_INDEX_DIR"] or str(instance / "index")
    config["FORUM_UPLOAD_DIR"] = config["FORUM_UPLOAD_DIR"] or str(instance / "uploads")
    config["FORUM_SEARCH_THESAURUS"] = config["FORUM_SEARCH_THESAURUS"] or str(instance / "thesaurus.txt")
    config["FORUM_MAIL_DIR"] = config["FORUM_MAIL_DIR"] or str(instance / "mail")
    return config


def finish_config(config: dict[str, Any], instance_path: str | os.PathLike) -> None:
    """Derive the settings that depend on others, after test overrides are applied."""
    env = config["FORUM_ENV"]
    if not config.get("SECRET_KEY"):
        if env == "production":
            raise RuntimeError("FORUM_SECRET_KEY must be set outside development (see README).")
        config["SECRET_KEY"] = development_secret(instance_path)
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = env == "production"
    config["REMEMBER_COOKIE_HTTPONLY"] = True
    config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    config["REMEMBER_COOKIE_SECURE"] = env == "production"
    config["REMEMBER_COOKIE_DURATION"] = config["FORUM_REMEMBER_DAYS"] * 24 * 3600
    config["MAX_CONTENT_LENGTH"] = config["FORUM_MAX_UPLOAD_MB"] * 1024 * 1024 + 64 * 1024
    config["RATELIMIT_HEADERS_ENABLED"] = False
    config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["SQLALCHEMY_DATABASE_URI"])
    config["WTF_CSRF_TIME_LIMIT"] = None  # the session bounds the token; long forms must not expire
    config["WTF_I18N_ENABLED"] = False  # WTForms reads its French messages itself (Form.Meta)


def engine_options(url: str) -> dict[str, Any]:
    """Per-engine options: SQLite waits for locks instead of failing at once."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 15}}
    return {"pool_pre_ping": True}


def development_secret(instance_path: str | os.PathLike) -> str:
    """Read (or create once) a random secret kept under instance/, for development only."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
