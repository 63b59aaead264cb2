"""The moderation queue: posts published despite a personal-data warning."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.discussions import queries as discussions
from forum.errors import ActionError
from forum.moderation import actions, queries
from forum.security import safe_next_url

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.before_request
def _moderators_only():
    policy.require(current_user, "access", "moderation")


@bp.route("/")
def queue():
    return render_template("moderation/queue.html", posts=queries.privacy_queue())


@bp.route("/messages/<int:post_id>/masquer", methods=["POST"])
def hide(post_id: int):
    post = discussions.load_post(post_id) or abort(404)
    try:
        actions.hide_post(current_user, post, request.form.get("reason", ""))
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("Le message est masqué ; l'action est inscrite au journal.", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/caviarder", methods=["POST"])
def mask(post_id: int):
    post = discussions.load_post(post_id) or abort(404)
    try:
        count = actions.mask_passage(current_user, post, request.form.get("passage", ""),
                                                request.form.get("reason", ""))
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash(f"Passage masqué ({count} occurrence{'s' if count > 1 else ''}, versions antérieures comprises).", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/retablir", methods=["POST"])
def unhide(post_id: int):
    post = discussions.load_post(post_id) or abort(404)
    actions.unhide_post(current_user, post)
    flash("Le message est de nouveau visible.", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/vu", methods=["POST"])
def reviewed(post_id: int):
    post = discussions.load_post(post_id)
    if post is None:
        return redirect(url_for("moderation.queue"))
    actions.mark_reviewed(current_user, post)
    flash("Message vérifié : il sort de la file.", "success")
    return redirect(url_for("moderation.queue"))
