"""The discussions' blueprint, and what its pages share."""

from __future__ import annotations

from flask import Blueprint, request

from forum.urls import whole_number

bp = Blueprint("discussions", __name__)


def page_number(upper: int = 100_000) -> int:
    """The ``?page=`` of a list, 1 when missing or odd."""
    return whole_number(request.args.get("page"), upper) or 1
