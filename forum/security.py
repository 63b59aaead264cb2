"""HTTP security headers, safe redirects and rate-limit settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


def safe_next_url(target: str | None, fallback: str = "/") -> str:
    """Return ``target`` only when it is a path on this site; refuse open redirects."""
    if not target:
        return fallback
    target = target.strip()
    if "\\" in target or any(ord(char) < 32 for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def set_security_headers(response):
    """Headers sent with every response."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config["SESSION_COOKIE_SECURE"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint and "static" not in request.endpoint and response.mimetype == "text/html":
        # Pages carry personal details of the reader: no shared caches.
        headers.setdefault("Cache-Control", "no-store")
    return response


def configured_limit(setting: str):
    """A Flask-Limiter limit value read from the config at request time."""
    return lambda: current_app.config[setting]


def member_key() -> str:
    """Rate-limit key for the logged-in member (their address when they are not logged in)."""
    return f"member:{current_user.id}" if current_user.is_authenticated else "address:" + get_remote_address()


def form_email_key() -> str:
    """Rate-limit key for the e-mail a form targets, whoever sends it."""
    return "email:" + (request.form.get("email") or "").strip().lower()


def init_security(app: Flask) -> None:
    """Install headers and trust the configured number of reverse proxies."""
    app.after_request(set_security_headers)
    count = app.config["FORUM_PROXY_COUNT"]
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
