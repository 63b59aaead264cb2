"""Flask-Login wiring: who the current person is, on every request.

The session cookie and the « Se souvenir de moi » cookie hold the key of a ``LoginSession``;
each request looks that row up by its primary key, so ending the row (logging out, changing the
password, a suspension) ends every copy of those cookies.
"""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask, current_app, flash, g, request, session
from flask_login import current_user, decode_cookie

from forum.accounts import queries
from forum.accounts.models import Guest, SessionEnd, Status, User
from forum.db_types import utcnow
from forum.extensions import login_manager
from forum.formatting import long_datetime

# The shape of LoginSession.new_key(): anything else (an old "id:token", a forged or huge
# value, a NUL byte) is nobody, without a query.
SESSION_KEY = re.compile(r"[A-Za-z0-9_-]{43}")


def suspension_message(user: User) -> str:
    """What a suspended person is told, with the end date in their own time zone and the reason."""
    until = ("jusqu'à nouvel ordre" if user.suspended_until is None
             else f"jusqu'au {long_datetime(user.suspended_until, user.time_zone)}")
    reason = f" Motif : {user.suspension_reason.rstrip('.')}." if user.suspension_reason else ""
    return (f"Votre compte est suspendu {until}.{reason} Pour en savoir plus ou contester cette décision, "
            "écrivez à l'administration du forum (lien « Nous écrire » en bas de page).")


def _forget(key) -> None:
    # A dead key is dropped from the browser's cookies, so that later requests skip the lookup.
    if session.get("_user_id") == key:
        session.pop("_user_id", None)
    cookie = request.cookies.get(_remember_cookie_name())
    if cookie and _could_be_ours(cookie) and session.get("_remember") != "clear" and decode_cookie(cookie) == key:
        session["_remember"] = "clear"


def load_user(key) -> User | None:
    """The account of an open login session; an ended, idle or unknown one means no one."""
    if not isinstance(key, str) or not SESSION_KEY.fullmatch(key):
        _forget(key)
        return None
    found = queries.login_session(key)
    if found is None:
        _forget(key)
        return None
    login, user = found
    idle_limit = timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"])
    is_open = login.is_open(utcnow(), idle_limit)
    if user.status == Status.SUSPENDED and (is_open or login.end_reason == SessionEnd.SUSPENSION):
        # The person was logged in when the suspension started: say why, once, then forget them.
        flash(suspension_message(user), "error")
    if not is_open or user.status != Status.ACTIVE:
        _forget(key)
        return None
    user.session_key = key
    g.login_session = login
    return user


def _remember_cookie_name() -> str:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")


def _could_be_ours(cookie: str) -> bool:
    """Flask-Login compares a remember cookie's signature with hmac.compare_digest, which raises on
    non-ASCII text: such a cookie was not made here, and is never given to it."""
    return cookie.isascii()


def _before_request() -> None:
    # A cookie that cannot be ours is dropped before anything reads it.
    cookie = request.cookies.get(_remember_cookie_name())
    if cookie is not None and not _could_be_ours(cookie):
        session["_remember"] = "clear"
    _touch_last_seen()


def _touch_last_seen() -> None:
    if current_user.is_authenticated and "login_session" in g:
        from forum.accounts.actions import touch_last_seen

        touch_last_seen(current_user, g.login_session, utcnow())


def init_login(app: Flask) -> None:
    """Configure Flask-Login for the app."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = Guest
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Connectez-vous pour accéder à cette page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(_before_request)
