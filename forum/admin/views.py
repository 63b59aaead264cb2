"""Administration: accounts, roles, suspensions, and the audit journal."""

from __future__ import annotations

from datetime import datetime, time

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.accounts import admin_actions
from forum.accounts.forms import RefuseForm
from forum.accounts.models import ROLE_LABELS, STATUS_LABELS, Role, Status, Structure, User
from forum.admin.forms import MembershipForm, SuspendForm
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.formatting import reader_zone
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.models import ModerationAction
from forum.taxonomy.models import Pole

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 30


@bp.before_request
def _administrators_only():
    policy.require(current_user, "access", "admin")


@bp.route("/")
def dashboard():
    counts = dict(db.session.execute(db.select(User.status, db.func.count(User.id)).group_by(User.status)).all())
    structures = db.session.scalar(db.select(db.func.count(Structure.id)).where(Structure.active.is_(True)))
    return render_template("admin/dashboard.html", counts=counts, structures=structures)


@bp.route("/comptes")
def accounts():
    status = request.args.get("statut", "")
    role = request.args.get("role", "")
    search = request.args.get("q", "").strip()[:100]
    query = db.select(User).order_by(User.display_name)
    if status in set(Status):
        query = query.where(User.status == status)
    if role in set(Role):
        query = query.where(User.role == role)
    if search:
        query = query.where(db.func.lower(User.display_name).contains(search.lower(), autoescape=True)
                            | User.email.contains(search.lower(), autoescape=True))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("admin/accounts.html", page=page, status=status, role=role, search=search,
                           status_labels=STATUS_LABELS, role_labels=ROLE_LABELS)


def _membership_form(user: User, formdata=None) -> MembershipForm:
    form = MembershipForm(formdata=formdata, prefix="m", data={
        "role": user.role, "poles": [pole.id for pole in user.animated_poles], "structure_id": user.structure_id,
    })
    form.poles.choices = choices((pole.id, pole.name) for pole in db.session.scalars(Pole.ordered(active_only=False)))
    form.structure_id.choices = choices(
        (structure.id, structure.name)
        for structure in db.session.scalars(db.select(Structure).order_by(Structure.name))
    )
    return form


def _render_account(user: User, membership_form=None, suspend_form=None, status: int = 200):
    journal = db.session.scalars(
        db.select(ModerationAction)
        .where(ModerationAction.target_type == "User", ModerationAction.target_id == user.id)
        .order_by(ModerationAction.created_at.desc()).limit(20)
    ).all()
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
    query = db.select(ModerationAction).order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    page = db.paginate(query, per_page=50, error_out=False)
    return render_template("admin/journal.html", page=page, action_labels=ACTION_LABELS)


from forum.admin import reference_views  # noqa: E402,F401  (registers the other admin pages)
