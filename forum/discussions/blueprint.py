"""The discussions' blueprint (its pages are in views.py and topic_views.py)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("discussions", __name__)
