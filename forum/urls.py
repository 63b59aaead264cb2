"""Addresses of pages, built the same way in a request, a command or a test."""

from __future__ import annotations

from flask import current_app, has_request_context, request, url_for


def path_for(endpoint: str, **values) -> str:
    """The path of a page (``/membres/12``), even outside a request (command line, demo)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)


def absolute_url(endpoint: str, **values) -> str:
    """A link for an e-mail, always on FORUM_BASE_URL: a forged Host header cannot redirect it."""
    return current_app.config["FORUM_BASE_URL"].rstrip("/") + path_for(endpoint, **values)


def page_number(upper: int = 100_000) -> int:
    """The ``?page=`` of a list, 1 when missing or odd."""
    return whole_number(request.args.get("page"), upper) or 1


def whole_number(value: str | None, upper: int = 1_000_000_000) -> int | None:
    """A positive whole number typed in an address or a form, else None.

    ASCII digits only: « ² » passes ``str.isdigit`` but not ``int``, and a 30-digit number
    overflows SQLite's integers.
    """
    if value and value.isascii() and value.isdigit() and 0 < int(value) <= upper:
        return int(value)
    return None


class UrlPattern:
    """An address built once by ``url_for`` with a placeholder id, then filled in per item.

    Long lists (a topic's posts) get every link from the routes, so renaming a route changes
    them all, for the cost of a string join per link instead of a ``url_for`` call.
    """

    PLACEHOLDER = 987654321

    @classmethod
    def of(cls, endpoint: str, argument: str) -> UrlPattern:
        """The pattern of a route that needs nothing but the id, built once per application."""
        cache = current_app.extensions.setdefault("url_patterns", {})
        key = (request.script_root, endpoint, argument)
        if key not in cache:
            cache[key] = cls(endpoint, argument)
        return cache[key]

    def __init__(self, endpoint: str, argument: str, **values):
        url = url_for(endpoint, **{argument: self.PLACEHOLDER}, **values)
        self.head, found, self.tail = url.partition(str(self.PLACEHOLDER))
        if not found:
            raise ValueError(f"{endpoint} does not put {argument} in its address")

    def __call__(self, value) -> str:
        return f"{self.head}{value}{self.tail}"
