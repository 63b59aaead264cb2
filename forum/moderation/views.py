"""The moderation queue: posts published despite a personal-data warning."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from forum import policy
from forum.discussions import queries
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions as moderation_actions
from forum.security import safe_next_url

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.before_request
def _moderators_only():
    policy.require(current_user, "access", "moderation")


@bp.route("/")
def queue():
    posts = db.session.scalars(
        db.select(Post).options(joinedload(Post.author), joinedload(Post.topic))
        .where(Post.privacy_warnings != "", Post.privacy_reviewed_at.is_(None), Post.deleted_at.is_(None))
        .order_by(Post.created_at)
    ).all()
    return render_template("moderation/queue.html", posts=posts)


@bp.route("/messages/<int:post_id>/masquer", methods=["POST"])
def hide(post_id: int):
    post = queries.load_post(post_id) or abort(404)
    try:
        moderation_actions.hide_post(current_user, post, request.form.get("reason", ""))
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("Le message est masqué ; l'action est inscrite au journal.", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/caviarder", methods=["POST"])
def mask(post_id: int):
    post = queries.load_post(post_id) or abort(404)
    try:
        count = moderation_actions.mask_passage(current_user, post, request.form.get("passage", ""),
                                                request.form.get("reason", ""))
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash(f"Passage masqué ({count} occurrence{'s' if count > 1 else ''}, versions antérieures comprises).", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/retablir", methods=["POST"])
def unhide(post_id: int):
    post = queries.load_post(post_id) or abort(404)
    moderation_actions.unhide_post(current_user, post)
    flash("Le message est de nouveau visible.", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("moderation.queue")))


@bp.route("/messages/<int:post_id>/vu", methods=["POST"])
def reviewed(post_id: int):
    post = queries.load_post(post_id)
    if post is None:
        return redirect(url_for("moderation.queue"))
    moderation_actions.mark_reviewed(current_user, post)
    flash("Message vérifié : il sort de la file.", "success")
    return redirect(url_for("moderation.queue"))
