"""Small JSON endpoints behind the editor's progressive enhancements (preview, guard, mentions).

The pages work without them: each one answers what a submit button also does.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_login import current_user

from forum import markup, policy, privacy
from forum.accounts.models import Status, User
from forum.extensions import db

bp = Blueprint("api", __name__, url_prefix="/api")
MAX_TEXT = 20_000


def _text() -> str:
    data = request.get_json(silent=True) or {}
    text = data.get("text", request.form.get("text", ""))
    return text if isinstance(text, str) else ""


@bp.before_request
def _members_only():
    policy.require(current_user, "access", "members")


@bp.route("/apercu", methods=["POST"])
def preview():
    """Rendered HTML of a Markdown text, and what the personal-data guard finds in it."""
    text = _text()
    if len(text) > MAX_TEXT:
        return jsonify(error="Le texte est trop long pour l'aperçu."), 400
    findings = privacy.detect(text, privacy.allowed_email_domains())
    return jsonify(html=markup.render(text), findings=[finding.as_dict() for finding in findings])


@bp.route("/confidentialite", methods=["POST"])
def privacy_check():
    """What the personal-data guard finds in a text (for the live check under the editor)."""
    text = _text()[:MAX_TEXT]
    findings = privacy.detect(text, privacy.allowed_email_domains())
    return jsonify(findings=[finding.as_dict() for finding in findings],
                   blocked=any(finding.blocks for finding in findings))


@bp.route("/membres")
def members():
    """Names of active members starting like ``q``, for @mention autocompletion."""
    query = (request.args.get("q") or "").strip()[:40]
    if len(query) < 2:
        return jsonify(members=[])
    rows = db.session.execute(
        db.select(User.id, User.display_name)
        .where(User.status == Status.ACTIVE, db.func.lower(User.display_name).startswith(query.lower(), autoescape=True))
        .order_by(User.display_name).limit(8)
    ).all()
    return jsonify(members=[{"id": row.id, "name": row.display_name} for row in rows])
