"""The administration's blueprint: every page of it is for administrators only."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from forum import policy

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _administrators_only():
    policy.require(current_user, "access", "admin")
