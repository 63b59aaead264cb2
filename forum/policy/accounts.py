"""Accounts and structures: profiles, approval of sign-ups, roles, suspensions, reference data.

« Who decides on a sign-up » is written once (``decides_on``): the rules, the list of pending
accounts and its badge all read it; ``approvers_of`` (who is asked) mirrors it in SQL.
"""

from __future__ import annotations

from typing import Any

from forum.accounts.models import Role, Status, Structure, User
from forum.extensions import db
from forum.policy.expr import always, never
from forum.policy.registry import rule
from forum.policy.roles import active_accounts, is_admin, is_member, is_moderator, is_referent_of


@rule("view_profile", "User")
def _view_profile(user, target) -> bool:
    if not is_member(user):
        return False
    return user.id == target.id or is_admin(user) or target.status in (Status.ACTIVE, Status.SUSPENDED)


@rule("edit_profile", "User")
def _edit_profile(user, target) -> bool:
    return is_member(user) and user.id == target.id


def decides_on(user: Any, account):
    """A pending sign-up ``user`` may refuse (``account``: one account, or the User class for SQL)."""
    if not is_member(user):
        return never(account)
    scope = always(account) if is_admin(user) else is_referent_of(user, account.structure_id)
    return (account.status == Status.PENDING) & scope


@rule("refuse", "User")
def _refuse(user, target) -> bool:
    return decides_on(user, target)


@rule("approve", "User")
def _approve(user, target) -> bool:
    # Only once the address is confirmed: an account must reach its owner.
    return decides_on(user, target) & target.has_confirmed_email


def pending_accounts(user: Any):
    """The WHERE clause of the sign-ups ``user`` may decide on (``refuse``)."""
    return decides_on(user, User)


def approvable_accounts(user: Any):
    """The WHERE clause of the sign-ups ``user`` may open now (``approve``)."""
    return decides_on(user, User) & User.has_confirmed_email


def approvers_of(structure: Structure) -> list[User]:
    """Who is asked to approve a sign-up: the structure's referents, else the administrators."""
    referents = db.session.scalars(db.select(User).where(
        active_accounts(), User.role == Role.REFERENT, User.structure_id == structure.id)).all()
    if referents:
        return list(referents)
    return list(db.session.scalars(db.select(User).where(active_accounts(), User.role == Role.ADMIN)))


@rule("change_role", "User")
def _change_role(user, target) -> bool:
    # Nobody changes their own role: the last administrator cannot lock everyone out.
    return is_admin(user) and user.id != target.id and target.status != Status.DELETED


@rule("suspend", "User")
def _suspend(user, target) -> bool:
    """Administrators, and moderators for a set time (``suspend_permanently`` is the administrators'):
    a moderator does not suspend another moderator or an administrator."""
    if not is_moderator(user) or user.id == target.id or target.status != Status.ACTIVE:
        return False
    return is_admin(user) or target.role not in (Role.MODERATOR, Role.ADMIN)


@rule("reactivate", "User")
def _reactivate(user, target) -> bool:
    # A moderator lifts a suspension with an end date (a contest reversed); a suspension without end
    # is the administrators'.
    if target.status != Status.SUSPENDED:
        return False
    return is_admin(user) or (is_moderator(user) and target.suspended_until is not None)


@rule("create", "User")
def _create_user(user, _cls) -> bool:
    # Accounts are created by registration (visitors, who have no id) or by the command line (SYSTEM).
    return getattr(user, "id", None) is None


@rule("create", "Structure", "Pole", "Theme")
@rule("edit", "Structure", "Pole", "Theme", "SitePage", "Thesaurus")
def _manage_reference(user, _obj) -> bool:
    return is_admin(user)
