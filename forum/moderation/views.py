"""The moderation queue, and the buttons on posts: hide, show again, mask a passage, checked."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.discussions import queries as discussions
from forum.errors import ActionError
from forum.moderation import actions, queries
from forum.moderation import queue as waiting
from forum.moderation.blueprint import bp
from forum.moderation.forms import HideForm, MaskForm, ModerationForm
from forum.security import safe_next_url
from forum.urls import UrlPattern, page_number


@bp.route("/")
def queue():
    policy.require(current_user, "access", "moderation")
    show = request.args.get("voir", "")
    if show not in waiting.FILTERS or (show == "mes-poles" and not policy.animated_poles(current_user)):
        show = ""
    pagination, cards = waiting.queue_page(current_user, show, page_number())
    # The posts published over a privacy warning stay listed until held posts join the cases.
    posts = [post for post in queries.privacy_queue(current_user) if policy.can(current_user, "review_privacy", post)]
    links = SimpleNamespace(case=UrlPattern.of("moderation.case", "case_id"),
                            take=UrlPattern.of("moderation.take", "case_id"))
    return render_template("moderation/queue.html", posts=posts, cards=cards, pagination=pagination, show=show,
                           filters=waiting.FILTERS, my_poles=bool(policy.animated_poles(current_user)), links=links)


def _post(post_id: int):
    """The post a button acts on (the action checks the moderator's right on it)."""
    return discussions.load_post(post_id) or abort(404)


def _back(form: ModerationForm):
    return redirect(safe_next_url(form.next.data, url_for("moderation.queue")))


def _act(action, success) -> None:
    """Run a moderation action and say how it went: its French refusal (another moderator acted
    first, the passage is not there), or ``success`` — a message, or one made from the result."""
    try:
        result = action()
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash(success(result) if callable(success) else success, "success")


def submitted(form_class, run, success):
    """A moderation button: check its form, run ``run(form)`` and go back, saying how it went."""
    form = form_class()
    if not form.validate():
        return _refused(form)
    _act(lambda: run(form), success)
    return _back(form)


def masking_with(mask, target):
    """The action of a « caviarder » form: mask in ``target`` the passage it names, for its reason."""
    return lambda form: mask(current_user, target, form.passage.data, form.reason.data)


def masked_message(count: int) -> str:
    """What a moderator is told once a passage is masked."""
    return f"Passage masqué ({count} occurrence{'s' if count > 1 else ''}, versions antérieures et e-mails compris)."


def _refused(form: ModerationForm):
    """A form the moderator sent incomplete: say what is missing, change nothing."""
    flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
    return _back(form)


@bp.route("/messages/<int:post_id>/masquer", methods=["POST"])
def hide(post_id: int):
    post = _post(post_id)
    return submitted(HideForm, lambda form: actions.hide_post(current_user, post, form.reason.data),
                     "Le message est masqué ; l'action est inscrite au journal.")


@bp.route("/messages/<int:post_id>/caviarder", methods=["POST"])
def mask(post_id: int):
    post = _post(post_id)
    return submitted(MaskForm, masking_with(actions.mask_passage, post), masked_message)


@bp.route("/messages/<int:post_id>/retablir", methods=["POST"])
def unhide(post_id: int):
    post = _post(post_id)
    return submitted(ModerationForm, lambda form: actions.unhide_post(current_user, post),
                     "Le message est de nouveau visible.")


@bp.route("/messages/<int:post_id>/vu", methods=["POST"])
def reviewed(post_id: int):
    policy.require(current_user, "access", "moderation")  # the action checks the post itself
    post, form = discussions.load_post(post_id), ModerationForm()
    if not form.validate():
        return _refused(form)
    if post is None:  # deleted meanwhile: nothing left to check
        return redirect(url_for("moderation.queue"))
    _act(lambda: actions.mark_reviewed(current_user, post), "Message vérifié : il sort de la file.")
    return _back(form)
