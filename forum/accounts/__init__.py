"""Accounts and member structures: registration, approval, login, profiles."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Wire the login manager and attach the account pages."""
    from forum.accounts.session import init_login
    from forum.accounts.views import bp

    init_login(app)
    app.register_blueprint(bp)
