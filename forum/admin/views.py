"""Administration: accounts, roles, suspensions, and the audit journal."""

from __future__ import annotations

from datetime import datetime, time

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.accounts import admin_actions
from forum.accounts import queries as accounts_queries
from forum.accounts.forms import RefuseForm
from forum.accounts.models import ROLE_LABELS, STATUS_LABELS, User
from forum.admin.blueprint import bp
from forum.admin.forms import MembershipForm, SuspendForm
from forum.errors import ActionError
from forum.extensions import db
from forum.formatting import reader_zone
from forum.forms import choices
from forum.moderation import queries as moderation_queries
from forum.moderation.audit import ACTION_LABELS
from forum.taxonomy import queries as taxonomy
from forum.urls import page_number


@bp.route("/")
def dashboard():
    counts, structures = accounts_queries.counts()
    return render_template("admin/dashboard.html", counts=counts, structures=structures)


@bp.route("/comptes")
def accounts():
    status = request.args.get("statut", "")
    role = request.args.get("role", "")
    search = request.args.get("q", "").strip()[:100]
    page = accounts_queries.accounts_page(status=status, role=role, search=search, page=page_number())
    return render_template("admin/accounts.html", page=page, status=status, role=role, search=search,
                           status_labels=STATUS_LABELS, role_labels=ROLE_LABELS)


def _membership_form(user: User, formdata=None) -> MembershipForm:
    form = MembershipForm(formdata=formdata, prefix="m", data={
        "role": user.role, "poles": [pole.id for pole in user.animated_poles], "structure_id": user.structure_id,
    })
    form.poles.choices = choices((pole.id, pole.name) for pole in taxonomy.poles(active_only=False))
    form.structure_id.choices = choices(
        (structure.id, structure.name) for structure in accounts_queries.structures(active_only=False))
    return form


def _render_account(user: User, membership_form=None, suspend_form=None, status: int = 200):
    journal = moderation_queries.journal_of(user)
    return render_template(
        "admin/account.html", user=user, journal=journal, action_labels=ACTION_LABELS,
        membership_form=membership_form or _membership_form(user),
        suspend_form=suspend_form or SuspendForm(prefix="s", formdata=None),
        refuse_form=RefuseForm(formdata=None),
    ), status


@bp.route("/comptes/<int:user_id>")
def account(user_id: int):
    return _render_account(db.get_or_404(User, user_id))


@bp.route("/comptes/<int:user_id>/role", methods=["POST"])
def change_role(user_id: int):
    user = db.get_or_404(User, user_id)
    policy.require(current_user, "change_role", user)
    form = _membership_form(user, formdata=request.form)
    if form.validate():
        try:
            admin_actions.update_membership(current_user, user, role=form.role.data, pole_ids=form.poles.data,
                                            structure_id=form.structure_id.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Le rôle et le rattachement sont enregistrés.", "success")
            return redirect(url_for("admin.account", user_id=user.id))
    return _render_account(user, membership_form=form, status=422)


def end_of_day(day, zone) -> datetime:
    """The last minute of ``day`` in ``zone``: a suspension « jusqu'au » that day included."""
    return datetime.combine(day, time(23, 59), tzinfo=zone)


@bp.route("/comptes/<int:user_id>/suspendre", methods=["POST"])
def suspend(user_id: int):
    user = db.get_or_404(User, user_id)
    policy.require(current_user, "suspend", user)
    form = SuspendForm(prefix="s")
    if form.validate():
        until = end_of_day(form.until.data, reader_zone()) if form.until.data else None
        try:
            admin_actions.suspend(current_user, user, until=until, reason=form.reason.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash(f"Le compte de {user.display_name} est suspendu.", "success")
            return redirect(url_for("admin.account", user_id=user.id))
    return _render_account(user, suspend_form=form, status=422)


@bp.route("/comptes/<int:user_id>/reactiver", methods=["POST"])
def reactivate(user_id: int):
    user = db.get_or_404(User, user_id)
    policy.require(current_user, "reactivate", user)
    admin_actions.reactivate(current_user, user)
    flash(f"Le compte de {user.display_name} est réactivé.", "success")
    return redirect(url_for("admin.account", user_id=user.id))


@bp.route("/journal")
def journal():
    page = moderation_queries.journal_page(page_number())
    return render_template("admin/journal.html", page=page, action_labels=ACTION_LABELS)

