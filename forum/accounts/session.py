"""Flask-Login wiring: who the current person is, on every request."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from forum.accounts.models import Guest, Status, User
from forum.db_types import utcnow
from forum.extensions import db, login_manager


def load_user(session_id: str) -> User | None:
    """Find the account of a session; an old token or a closed account means no one."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != token or user.status != Status.ACTIVE:
        return None
    return user


def _touch_last_seen() -> None:
    if current_user.is_authenticated:
        from forum.accounts.actions import touch_last_seen

        touch_last_seen(current_user, utcnow())


def init_login(app: Flask) -> None:
    """Configure Flask-Login for the app."""
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = Guest
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Connectez-vous pour accéder à cette page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(_touch_last_seen)
