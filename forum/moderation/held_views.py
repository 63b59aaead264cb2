"""Publishing a post held for a check (« Publier (vérifié) »), from the queue, a case or the post."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from forum import policy
from forum.discussions import queries as discussions
from forum.errors import ActionError
from forum.moderation import actions
from forum.moderation.blueprint import bp
from forum.moderation.forms import ReleaseForm
from forum.security import safe_next_url


@bp.route("/messages/<int:post_id>/publier", methods=["POST"])
def release_post(post_id: int):
    post, form = discussions.load_post(post_id), ReleaseForm()
    back = redirect(safe_next_url(form.next.data, url_for("moderation.queue")))
    if post is None:
        abort(404)
    policy.require(current_user, "access", "moderation")
    if not form.validate():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
        return back
    if post.held_at is None:  # a colleague published it, or masked it, a moment ago
        flash("Ce message n'est plus en attente de vérification : un autre modérateur s'en est occupé.", "error")
        return back
    try:
        actions.release_post(current_user, post, form.note.data or "")
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("Le message est publié : ses lecteurs le voient et ceux qui suivent la discussion en sont avertis.",
              "success")
    return back
