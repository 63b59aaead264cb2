"""Small JSON endpoints behind the editor's progressive enhancements (preview, guard, mentions).

The pages work without them: each one answers what a submit button also does.
"""

from __future__ import annotations

import unicodedata

from flask import Blueprint, jsonify, request
from flask_login import current_user

from forum import markup, policy, privacy
from forum.accounts import queries as accounts
from forum.discussions.mentions import render_linked
from forum.extensions import limiter
from forum.security import configured_limit, member_key

bp = Blueprint("api", __name__, url_prefix="/api")
MAX_TEXT = 20_000


def _text() -> str:
    data = request.get_json(silent=True) or {}
    text = data.get("text", request.form.get("text", ""))
    return text if isinstance(text, str) else ""


@bp.before_request
def _members_only():
    policy.require(current_user, "access", "members")


# Each call renders or scans up to 20,000 characters: a member's editor calls them as they type
# (debounced), a script looping on them would tie up a worker.
PREVIEW_LIMIT = limiter.shared_limit(configured_limit("FORUM_RATELIMIT_PREVIEW"), scope="preview", key_func=member_key)


@bp.route("/apercu", methods=["POST"])
@PREVIEW_LIMIT
def preview():
    """Rendered HTML of a Markdown text, and what the personal-data guard finds in it."""
    text = _text()
    if len(text) > MAX_TEXT:
        return jsonify(error="Le texte est trop long pour l'aperçu."), 400
    findings = privacy.detect(text, privacy.allowed_email_domains())
    data = request.get_json(silent=True) or {}
    html = render_linked(text) if data.get("mentions") is True else markup.render(text)
    return jsonify(html=html, findings=[finding.as_dict() for finding in findings])


@bp.route("/confidentialite", methods=["POST"])
@PREVIEW_LIMIT
def privacy_check():
    """What the personal-data guard finds in a text (for the live check under the editor)."""
    text = _text()[:MAX_TEXT]
    findings = privacy.detect(text, privacy.allowed_email_domains())
    return jsonify(findings=[finding.as_dict() for finding in findings],
                   blocked=any(finding.blocks for finding in findings))


@bp.route("/membres")
def members():
    """Active members one of whose names starts like ``q`` (accents ignored), for @mention autocompletion.

    The network counts a few hundred accounts: folding accents in Python is simpler than in SQL
    and just as fast.
    """
    query = fold((request.args.get("q") or "").strip()[:40])
    if len(query) < 2:
        return jsonify(members=[])
    found = sorted(((ident, name) for ident, name in accounts.active_members(exclude_id=current_user.id)
                    if fold(name).startswith(query) or any(word.startswith(query) for word in fold(name).split())),
                   key=lambda row: fold(row[1]))  # « Élodie » sorts with the E, not after Z
    return jsonify(members=[{"id": ident, "name": name} for ident, name in found[:8]])


def fold(text: str) -> str:
    """Lower case without accents: « Élodie » and « elodie » compare equal."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
