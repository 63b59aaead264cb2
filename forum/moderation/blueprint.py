"""The moderation blueprint, shared by its pages (queue, reports, journal, statements, words)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
