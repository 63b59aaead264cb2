"""Moderation buttons on sheets, review comments and whole discussions (from a case page)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from forum.discussions import queries as discussions
from forum.discussions.models import Topic
from forum.extensions import db
from forum.library.models import Sheet, SheetComment
from forum.moderation import actions, masking
from forum.moderation.blueprint import bp
from forum.moderation.forms import HideForm, MaskForm, ModerationForm
from forum.moderation.views import masked_message, masking_with, submitted


@bp.route("/fiches/<int:sheet_id>/caviarder", methods=["POST"])
def mask_sheet(sheet_id: int):
    sheet = db.get_or_404(Sheet, sheet_id)
    return submitted(MaskForm, masking_with(masking.mask_sheet_passage, sheet), masked_message)


@bp.route("/commentaires/<int:comment_id>/caviarder", methods=["POST"])
def mask_comment(comment_id: int):
    comment = db.get_or_404(SheetComment, comment_id)
    return submitted(MaskForm, masking_with(masking.mask_comment_passage, comment), masked_message)


@bp.route("/commentaires/<int:comment_id>/masquer", methods=["POST"])
def hide_comment(comment_id: int):
    comment = db.get_or_404(SheetComment, comment_id)
    return submitted(HideForm, lambda form: masking.hide_comment(current_user, comment, form.reason.data),
                     "Le commentaire est masqué ; l'action est inscrite au journal.")


@bp.route("/commentaires/<int:comment_id>/retablir", methods=["POST"])
def unhide_comment(comment_id: int):
    comment = db.get_or_404(SheetComment, comment_id)
    return submitted(ModerationForm, lambda form: masking.unhide_comment(current_user, comment),
                     "Le commentaire est de nouveau visible.")


def _opening_post(topic_id: int):
    """The first post of a discussion: hiding or masking it acts on the whole discussion and its title."""
    topic = db.get_or_404(Topic, topic_id)
    return discussions.post_from(topic, 1) or abort(404)


@bp.route("/discussions/<int:topic_id>/masquer", methods=["POST"])
def hide_topic(topic_id: int):
    post = _opening_post(topic_id)
    return submitted(HideForm, lambda form: actions.hide_post(current_user, post, form.reason.data),
                     "La discussion est masquée ; l'action est inscrite au journal.")


@bp.route("/discussions/<int:topic_id>/caviarder", methods=["POST"])
def mask_topic(topic_id: int):
    post = _opening_post(topic_id)
    return submitted(MaskForm, masking_with(actions.mask_passage, post), masked_message)


@bp.route("/discussions/<int:topic_id>/retablir", methods=["POST"])
def unhide_topic(topic_id: int):
    post = _opening_post(topic_id)
    return submitted(ModerationForm, lambda form: actions.unhide_post(current_user, post),
                     "La discussion est de nouveau visible.")
