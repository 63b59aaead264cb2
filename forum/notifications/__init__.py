"""Notifications, follows, read marks and e-mail (outbox, digests, quiet hours)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Attach the notification pages, the mail sender and the ``notifications`` commands."""
    from forum.notifications.cli import notifications_cli
    from forum.notifications.mail import init_mail
    from forum.notifications.views import bp

    init_mail(app)
    app.register_blueprint(bp)
    app.cli.add_command(notifications_cli)
