"""The member's « Décisions de modération »: each statement, its contest; a moderator decides it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum import policy
from forum.errors import ActionError
from forum.moderation import statement_queries as queries
from forum.moderation import statements
from forum.moderation.blueprint import bp
from forum.moderation.sanction_forms import ContestForm, DecideForm
from forum.security import safe_next_url
from forum.urls import page_number


@bp.route("/decisions")
def decisions():
    policy.require(current_user, "access", "members")
    page = queries.statements_page(current_user, page_number())
    return render_template("moderation/decisions.html", page=page, contests=queries.contests_of(page.items),
                           action_label=statements.action_label)


def _statement(statement_id: int):
    statement = queries.load_statement(statement_id) or abort(404)
    policy.require(current_user, "view", statement)
    return statement


def _render(statement, contest_form=None, decide_form=None, status: int = 200):
    contest = statements.contest_of(statement)
    return render_template(
        "moderation/statement.html", statement=statement, contest=contest,
        action_label=statements.action_label, item_link=statements.item_link(statement, current_user),
        contest_form=contest_form or ContestForm(formdata=None),
        decide_form=decide_form or DecideForm(formdata=None)), status


@bp.route("/decisions/<int:statement_id>")
def statement(statement_id: int):
    found = _statement(statement_id)
    statements.mark_read(current_user, found)
    return _render(found)


@bp.route("/decisions/<int:statement_id>/contester", methods=["POST"])
def contest(statement_id: int):
    found, form = _statement(statement_id), ContestForm()
    if form.validate():
        try:
            statements.contest(current_user, found, form.text.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Votre contestation est enregistrée : un autre membre de l'équipe de modération l'examinera. "
                  "Vous serez prévenu de sa réponse.", "success")
            return redirect(url_for("moderation.statement", statement_id=found.id))
    return _render(found, contest_form=form, status=422)


@bp.route("/contestations/<int:contest_id>/trancher", methods=["POST"])
def decide(contest_id: int):
    contest_row, form = queries.load_contest(contest_id) or abort(404), DecideForm()
    policy.require(current_user, "access", "moderation")
    back = safe_next_url(form.next.data, url_for("moderation.statement", statement_id=contest_row.statement_id))
    if not form.validate():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
        return redirect(back)
    try:
        statements.decide_contest(current_user, contest_row, form.outcome.data, form.note.data)
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("La contestation est tranchée ; le membre est prévenu.", "success")
    return redirect(back)
