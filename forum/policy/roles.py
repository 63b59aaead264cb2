"""Who is who: the roles every rule is built from.

Each answer needs an active account: a suspended administrator is no administrator. Pole
answers take a pole id or a pole column, so that rules built on them also give SQL.
"""

from __future__ import annotations

from typing import Any

from forum.accounts.models import Role, Status, User
from forum.policy.expr import always, never, one_of

# The roles that animate the poles given to them.
POLE_ROLES = (Role.ANIMATOR, Role.MODERATOR)


def is_member(user: Any) -> bool:
    """A logged-in, active account (any role); a visitor (``Guest``) has no status."""
    # Read on every rule: one attribute, not Flask-Login's properties.
    return getattr(user, "status", None) == Status.ACTIVE


def active_accounts():
    """The WHERE clause of ``is_member`` on the accounts table (audiences and member lists)."""
    return User.is_active


def is_admin(user: Any) -> bool:
    return is_member(user) and user.role == Role.ADMIN


def is_moderator(user: Any) -> bool:
    return is_member(user) and user.role in (Role.MODERATOR, Role.ADMIN)


def is_referent_of(user: Any, structure_id) -> bool:
    """A structure's referent (``structure_id`` may be a column: then a clause)."""
    if not (is_member(user) and user.role == Role.REFERENT):
        return never(structure_id)
    return structure_id == user.structure_id


def animated_poles(user: Any) -> frozenset[int]:
    """The poles ``user`` animates: those given to an active animator or moderator."""
    if is_member(user) and user.role in POLE_ROLES:
        return user.animated_pole_ids
    return frozenset()


def animates(user: Any, pole_id):
    """An animator (or a moderator given poles) of that pole."""
    return one_of(pole_id, animated_poles(user))


def curates(user: Any, pole_id):
    """Who animates a pole's discussions: its animators, moderators and administrators."""
    return always(pole_id) if is_moderator(user) else animates(user, pole_id)


def reviews(user: Any, pole_id):
    """Who validates a pole's sheets: its animators, and the administrators."""
    return always(pole_id) if is_admin(user) else animates(user, pole_id)
