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


# purpose of a link -> (setting holding its lifetime, account attribute it is bound to).
# A confirmation link dies if the address changes; a reset link dies once the password does.
PURPOSES = {
    "confirm-email": ("FORUM_EMAIL_CONFIRM_MAX_AGE", "email"),
    "reset-password": ("FORUM_PASSWORD_RESET_MAX_AGE", "password_hash"),
    # The unsubscribe link in every notification e-mail works as long as the address does.
    "unsubscribe": (None, "email"),
}


def make_token(purpose: str, user) -> str:
    """A signed token for an e-mailed link, bound to the account's current e-mail or password."""
    _setting, attribute = PURPOSES[purpose]
    return _serializer(purpose).dumps({"uid": user.id, "fp": _fingerprint(getattr(user, attribute))})


def user_from_token(purpose: str, token: str):
    """The account a valid, unexpired token was made for, if what it is bound to is unchanged."""
    from forum.accounts.models import Status, User
    from forum.extensions import db

    setting, attribute = PURPOSES[purpose]
    try:
        data = _serializer(purpose).loads(token, max_age=current_app.config[setting] if setting else None)
    except (BadSignature, SignatureExpired):
        return None
    user_id = data.get("uid") if isinstance(data, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.status == Status.DELETED:
        return None
    return user if _fingerprint(getattr(user, attribute)) == data.get("fp") else None
