"""Measures about a member from the case page, the member's page or under a post: warn, suspend,
ask for an edit; and the member's moderation history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum import policy
from forum.accounts import queries as accounts
from forum.discussions import queries as discussions
from forum.errors import ActionError
from forum.formatting import long_datetime
from forum.moderation import journal, sanctions
from forum.moderation import statement_queries as queries
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.blueprint import bp
from forum.moderation.models import REPORT_REASON_LABELS
from forum.moderation.sanction_forms import MeasureForm, RequestEditForm, SuspendForm
from forum.security import safe_next_url
from forum.urls import whole_number


def _member(user_id: int):
    return accounts.account(user_id) or abort(404)


def _run(form: MeasureForm, fallback: str, action, success: str):
    """Validate, run the measure, say how it went, go back where the moderator was."""
    if not form.validate():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
    else:
        try:
            case = queries.load_case(whole_number(form.case_id.data))
            if case is not None:
                policy.require(current_user, "see_case", case)  # a case the moderator handles, never their own
            result = action(case)
        except ActionError as error:
            flash(error.message, "error")
        else:
            flash(success if not callable(success) else success(result), "success")
    return redirect(safe_next_url(form.next.data, fallback))


@bp.route("/membres/<int:user_id>")
def member_history(user_id: int):
    member = _member(user_id)
    policy.require(current_user, "view_history", member)
    return render_template("moderation/member_history.html", member=member, history=journal.member_history(member),
                           action_labels=ACTION_LABELS, report_reasons=REPORT_REASON_LABELS)


@bp.route("/membres/<int:user_id>/avertir", methods=["POST"])
def warn(user_id: int):
    member, form = _member(user_id), MeasureForm()
    policy.require(current_user, "warn", member)
    return _run(form, url_for("moderation.member_history", user_id=member.id),
                lambda case: sanctions.warn(current_user, member, form.reason.data, case=case),
                f"{member.display_name} est averti ; la décision lui est transmise.")


@bp.route("/membres/<int:user_id>/suspendre", methods=["POST"])
def suspend(user_id: int):
    member, form = _member(user_id), SuspendForm()
    policy.require(current_user, "suspend", member)
    return _run(form, url_for("moderation.member_history", user_id=member.id),
                lambda case: sanctions.suspend(current_user, member, form.reason.data, days=form.days.data,
                                               until=form.until.data, permanent=form.permanent.data, case=case),
                lambda _statement: f"Le compte de {member.display_name} est suspendu "
                + (f"jusqu'au {long_datetime(member.suspended_until)}." if member.suspended_until
                   else "jusqu'à réactivation."))


@bp.route("/messages/<int:post_id>/demander-modification", methods=["POST"])
def request_edit(post_id: int):
    post, form = discussions.load_post(post_id) or abort(404), RequestEditForm()
    policy.require(current_user, "request_edit", post)
    return _run(form, url_for("discussions.post_permalink", post_id=post.id),
                lambda case: sanctions.request_edit(current_user, post, form.reason.data, form.hide.data, case=case),
                "La demande de modification est envoyée à l'auteur." + (" Le message est masqué d'ici là."
                                                                          if form.hide.data else ""))
