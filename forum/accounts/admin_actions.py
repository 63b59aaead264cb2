"""Writes that administrators make on accounts and member structures."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update

from forum import policy
from forum.accounts.actions import end_sessions, end_suspension
from forum.accounts.models import Role, SessionEnd, Status, Structure, StructureKind, User
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record
from forum.moderation.statements import issue
from forum.notifications.mail import enqueue
from forum.taxonomy.models import Pole
from forum.transaction import atomic
from forum.urls import absolute_url

ROLES_WITH_POLES = (Role.ANIMATOR, Role.MODERATOR)


def _poles(pole_ids: list[int]) -> list[Pole]:
    poles = list(db.session.scalars(db.select(Pole).where(Pole.id.in_(pole_ids))).all()) if pole_ids else []
    if len(poles) != len(set(pole_ids)):
        raise ActionError("Un des pôles choisis n'existe pas.", "poles")
    return poles


@atomic
def update_membership(actor, target: User, *, role: str, pole_ids: list[int], structure_id: int) -> None:
    """Set an account's role, the poles it animates and its structure."""
    policy.require(actor, "change_role", target)
    if role not in set(Role):
        raise ActionError("Choisissez un rôle dans la liste.", "role")
    structure = db.session.get(Structure, structure_id) if isinstance(structure_id, int) else None
    if structure is None:
        raise ActionError("Choisissez une structure dans la liste.", "structure_id")
    if pole_ids and role not in ROLES_WITH_POLES:
        raise ActionError("Seules l'animation de pôle et la modération peuvent animer des pôles : "
                          "décochez les pôles ou choisissez un de ces rôles.", "poles")
    poles = _poles(pole_ids)
    if role == Role.ANIMATOR and not poles:
        raise ActionError("Une personne qui anime doit animer au moins un pôle.", "poles")
    before = _membership_summary(target)
    target.role = role
    target.animated_poles = poles
    target.structure = structure
    after = _membership_summary(target)
    if after != before:
        record(actor, "change_role", target, target.display_name, f"{before} → {after}")


def _membership_summary(user: User) -> str:
    poles = ", ".join(pole.name for pole in user.animated_poles)
    return f"{user.role_label}{f' ({poles})' if poles else ''}, {user.structure.name}"


# A moderator suspends for at most this long; longer, or without end, is the administrators'.
MODERATOR_MAX_SUSPENSION = timedelta(days=90)


@atomic
def suspend(actor, target: User, *, until: datetime | None, reason: str, case=None):
    """Suspend an account (until a date, or until reactivated) and end its sessions; the member is
    told by e-mail and finds the statement on the site once back. Returns the statement."""
    policy.require(actor, "suspend", target)
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif de la suspension.", "reason")
    now = utcnow()
    if until is not None and until <= now:
        raise ActionError("La date de fin doit être dans le futur.", "until")
    if not policy.can(actor, "suspend_permanently", target):
        if until is None:
            raise ActionError("Une suspension sans date de fin est réservée à l'administration : "
                              "choisissez une durée.", "until")
        if until > now + MODERATOR_MAX_SUSPENSION:
            raise ActionError("Une suspension décidée par la modération dure 90 jours au plus.", "until")
    claimed = db.session.execute(
        update(User).where(User.id == target.id, User.status == Status.ACTIVE)
        .values(status=Status.SUSPENDED, suspended_until=until, suspension_reason=reason[:500]),
        execution_options={"synchronize_session": False}).rowcount
    if not claimed:  # another moderator was quicker: one suspension, one statement
        raise ActionError("Ce compte vient d'être suspendu par quelqu'un d'autre.")
    target.status, target.suspended_until, target.suspension_reason = Status.SUSPENDED, until, reason[:500]
    end_sessions(target, SessionEnd.SUSPENSION)
    entry = record(actor, "suspend_account", target, target.display_name, reason, case=case,
                   detail={"until": until.isoformat() if until else None})
    enqueue(target.email, "Votre compte est suspendu", "account_suspended", user=target)
    # The member cannot log in to read it meanwhile: the e-mail above tells them, always.
    return issue(target.id, entry, case=case, email=False)


@atomic
def expire_suspensions(now: datetime | None = None) -> int:
    """Reopen every account whose suspension has reached its end date; returns how many."""
    now = now or utcnow()
    due = db.session.scalars(db.select(User).where(User.status == Status.SUSPENDED,
                                                   User.suspended_until.is_not(None),
                                                   User.suspended_until <= now)).all()
    return sum(end_suspension(user, now) for user in due)


@atomic
def reactivate(actor, target: User) -> None:
    """Lift a suspension."""
    policy.require(actor, "reactivate", target)
    target.status = Status.ACTIVE
    target.suspended_until = None
    target.suspension_reason = ""
    record(actor, "reactivate_account", target, target.display_name)
    enqueue(target.email, "Votre compte est réactivé", "account_reactivated", user=target,
            link=absolute_url("accounts.login"))


def _structure_fields(name: str, kind: str, pole_id: int, city: str, exclude_id: int | None) -> dict:
    name = " ".join((name or "").split())
    if not name:
        raise ActionError("Indiquez le nom de la structure.", "name")
    if len(name) > 160:
        raise ActionError("Le nom ne peut pas dépasser 160 caractères.", "name")
    if kind not in set(StructureKind):
        raise ActionError("Choisissez un type de structure dans la liste.", "kind")
    pole = db.session.get(Pole, pole_id) if isinstance(pole_id, int) else None
    if pole is None:
        raise ActionError("Choisissez un pôle dans la liste.", "pole_id")
    clash = db.select(Structure.id).where(db.func.lower(Structure.name) == name.lower())
    if exclude_id is not None:
        clash = clash.where(Structure.id != exclude_id)
    if db.session.scalar(clash) is not None:
        raise ActionError("Une structure porte déjà ce nom.", "name")
    return {"name": name, "kind": kind, "pole": pole, "city": (city or "").strip()[:120]}


@atomic
def create_structure(actor, *, name: str, kind: str, pole_id: int, city: str = "") -> Structure:
    """Add a member structure."""
    policy.require(actor, "create", Structure)
    structure = Structure(**_structure_fields(name, kind, pole_id, city, None), active=True)
    db.session.add(structure)
    db.session.flush()
    record(actor, "create_structure", structure, structure.name)
    return structure


@atomic
def edit_structure(actor, structure: Structure, *, name: str, kind: str, pole_id: int, city: str,
                   active: bool) -> None:
    """Change a structure; an inactive one is no longer offered at registration."""
    policy.require(actor, "edit", structure)
    for key, value in _structure_fields(name, kind, pole_id, city, structure.id).items():
        setattr(structure, key, value)
    structure.active = bool(active)
    record(actor, "edit_structure", structure, structure.name,
           "" if structure.active else "désactivée : plus proposée à l'inscription")
