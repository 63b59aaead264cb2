"""Flask-Login wiring: who the current person is, on every request."""

from __future__ import annotations

from flask import Flask, flash, session
from flask_login import current_user
from sqlalchemy.orm import selectinload

from forum.accounts.models import Guest, Status, User
from forum.db_types import utcnow
from forum.extensions import db, login_manager
from forum.formatting import long_datetime


def suspension_message(user: User) -> str:
    """What a suspended person is told, with the end date in their own time zone."""
    if user.suspended_until is None:
        return ("Votre compte est suspendu jusqu'à nouvel ordre. Pour en savoir plus, "
                "écrivez à l'administration du forum (lien « Nous écrire » en bas de page).")
    return (f"Votre compte est suspendu jusqu'au {long_datetime(user.suspended_until, user.time_zone)}. "
            "Pour en savoir plus, écrivez à l'administration du forum (lien « Nous écrire » en bas de page).")


def _end_session_with_reason(user: User) -> None:
    # The person was logged in when the suspension started: say why, once, then forget them.
    session.pop("_user_id", None)
    session["_remember"] = "clear"
    flash(suspension_message(user), "error")


def load_user(session_id: str) -> User | None:
    """Find the account of a session; an old token or a closed account means no one."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id), options=[selectinload(User.animated_poles)])
    if user is None or user.session_token != token:
        return None
    if user.status == Status.SUSPENDED:
        _end_session_with_reason(user)
        return None
    return user if user.status == Status.ACTIVE else None


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
