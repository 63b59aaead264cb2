"""Password hashing and the signed, expiring links sent by e-mail."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 128


def hash_password(password: str) -> str:
    """A salted hash with the configured method."""
    return generate_password_hash(password, method=current_app.config["FORUM_PASSWORD_HASH"])


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)


def check_password(password_hash: str | None, password: str) -> bool:
    """Compare a password with a hash; without a hash, spend the same time and fail.

    Checking a dummy hash for unknown e-mail addresses keeps the answer time equal,
    so response times do not reveal which addresses have an account.
    """
    if password_hash is None:
        check_password_hash(_dummy_hash(current_app.config["FORUM_PASSWORD_HASH"]), password)
        return False
    return check_password_hash(password_hash, password)


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:20]


def email_confirmation_token(user) -> str:
    """A link token proving the owner of ``user.email`` clicked it."""
    return _serializer("confirm-email").dumps({"uid": user.id, "email": _fingerprint(user.email)})


def read_email_confirmation_token(token: str) -> tuple[int, str] | None:
    """(user id, e-mail fingerprint) of a valid, unexpired token, else None."""
    max_age = current_app.config["FORUM_EMAIL_CONFIRM_MAX_AGE"]
    try:
        data = _serializer("confirm-email").loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    return data.get("uid"), data.get("email")


def password_reset_token(user) -> str:
    """A reset token bound to the current password hash: it dies once the password changes."""
    return _serializer("reset-password").dumps({"uid": user.id, "pw": _fingerprint(user.password_hash)})


def read_password_reset_token(token: str) -> tuple[int, str] | None:
    """(user id, password fingerprint) of a valid, unexpired token, else None."""
    max_age = current_app.config["FORUM_PASSWORD_RESET_MAX_AGE"]
    try:
        data = _serializer("reset-password").loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    return data.get("uid"), data.get("pw")


def matches_fingerprint(value: str, fingerprint: str | None) -> bool:
    """True when ``fingerprint`` was made from ``value``."""
    return fingerprint is not None and _fingerprint(value) == fingerprint
