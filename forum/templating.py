"""What every template can use: the policy, the site name, the navigation."""

from __future__ import annotations

from flask import Flask, g
from flask_login import current_user

from forum import policy


def pending_accounts_count() -> int:
    """How many sign-ups the reader may approve (for the header badge)."""
    from forum.accounts.models import User
    from forum.extensions import db

    if not policy.can(current_user, "access", "pending_accounts"):
        return 0
    return db.session.scalar(db.select(db.func.count(User.id)).where(policy.approvable_accounts(current_user))) or 0


def unread_notifications_count() -> int:
    """The reader's unread notifications, counted once per request (header badge, topic page)."""
    if not policy.can(current_user, "access", "members"):
        return 0
    if "unread_notifications" not in g:
        from forum.extensions import db
        from forum.notifications.models import Notification

        g.unread_notifications = db.session.scalar(db.select(db.func.count(Notification.id)).where(
            Notification.user_id == current_user.id, Notification.read_at.is_(None))) or 0
    return g.unread_notifications


def reader():
    """The person the page is for, as the object itself: a page asks the policy dozens of times,
    and each pass through Flask-Login's proxy costs more than the rule."""
    try:
        return g.reader
    except AttributeError:
        g.reader = current_user._get_current_object()
        return g.reader


def can(action: str, obj) -> bool:
    """``policy.can`` for the reader, as templates call it."""
    return policy.can(reader(), action, obj)


def file_size(size: int) -> str:
    """« 193 octets », « 12 ko », « 2,4 Mo »."""
    if size < 1024:
        return f"{size} octets"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def init_templating(app: Flask) -> None:
    """Register globals shared by every template."""
    from forum.db_types import utcnow
    from forum.library.actions import EVENT_LABELS
    from forum.library.vocabulary import labels
    from forum.privacy import KINDS

    app.jinja_env.filters["vocab"] = lambda packed, words: ", ".join(labels(packed, words))
    app.jinja_env.filters["file_size"] = file_size
    app.jinja_env.filters["privacy_labels"] = lambda kinds: ", ".join(
        KINDS[kind][1] for kind in (kinds or "").split(",") if kind in KINDS)
    app.jinja_env.globals.update(
        now=utcnow,
        event_labels=EVENT_LABELS,
        can=can,
        pending_accounts_count=pending_accounts_count,
        unread_notifications_count=unread_notifications_count,
    )

    @app.context_processor
    def site_context():
        return {"site_name": app.config["FORUM_SITE_NAME"], "contact_email": app.config["FORUM_CONTACT_EMAIL"]}
