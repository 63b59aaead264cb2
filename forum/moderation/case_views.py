"""A case of the queue: its page with every report and the actions on it; take, release, dismiss."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum import policy
from forum.errors import ActionError
from forum.moderation import queries, reports
from forum.moderation import queue as waiting
from forum.moderation.blueprint import bp
from forum.moderation.forms import CaseReasonForm, ModerationForm
from forum.moderation.models import REPORT_REASON_LABELS, ModerationCase
from forum.moderation.sanction_forms import DecideForm
from forum.security import safe_next_url


def _case(case_id: int) -> ModerationCase:
    """The case, when the person may see it (a visitor is asked to log in, as everywhere)."""
    policy.require(current_user, "access", "moderation")
    case = queries.load_case(case_id) or abort(404)
    policy.require(current_user, "see_case", case)
    return case


def _run(action, success: str) -> bool:
    """Run a case action; flash its French refusal (another moderator was first) or ``success``."""
    try:
        action()
    except ActionError as error:
        flash(error.message, "error")
        return False
    flash(success, "success")
    return True


@bp.route("/cas/<int:case_id>")
def case(case_id: int):
    found = _case(case_id)
    [card] = waiting.cards(current_user, [found], full=True)
    return render_template("moderation/case.html", card=card, case=found, target=card.target,
                           dismiss_form=CaseReasonForm(formdata=None), decide_form=DecideForm(formdata=None),
                           reason_labels=REPORT_REASON_LABELS)


@bp.route("/cas/<int:case_id>/prendre", methods=["POST"])
def take(case_id: int):
    found, form = _case(case_id), ModerationForm()
    if form.validate():
        _run(lambda: reports.take(current_user, found), "Vous avez pris en charge ce signalement.")
    return redirect(url_for("moderation.case", case_id=case_id))


@bp.route("/cas/<int:case_id>/liberer", methods=["POST"])
def give_back(case_id: int):
    found, form = _case(case_id), ModerationForm()
    if form.validate():
        _run(lambda: reports.release(current_user, found), "Le signalement est remis dans la file.")
    return redirect(url_for("moderation.queue"))


@bp.route("/cas/<int:case_id>/classer", methods=["POST"])
def dismiss(case_id: int):
    found, form = _case(case_id), CaseReasonForm()
    if not form.validate():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
        return redirect(url_for("moderation.case", case_id=case_id))
    if _run(lambda: reports.dismiss(current_user, found, form.reason.data),
            "Signalement classé sans suite ; l'action est inscrite au journal."):
        return redirect(safe_next_url(form.next.data, url_for("moderation.queue")))
    return redirect(url_for("moderation.case", case_id=case_id))
