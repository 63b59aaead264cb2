"""Who enters each area of the site (a page group rather than an object)."""

from __future__ import annotations

from forum.accounts.models import Role
from forum.policy.registry import rule
from forum.policy.roles import animated_poles, is_admin, is_member, is_moderator


@rule("access", "admin")
def _access_admin(user, _area) -> bool:
    return is_admin(user)


@rule("access", "moderation")
def _access_moderation(user, _area) -> bool:
    # Animators handle their poles' reports about discussions and sheets from the same queue.
    return is_moderator(user) or bool(animated_poles(user))


@rule("access", "pending_accounts")
def _access_pending(user, _area) -> bool:
    return is_admin(user) or (is_member(user) and user.role == Role.REFERENT)


@rule("access", "members")
def _access_members(user, _area) -> bool:
    return is_member(user)


@rule("access", "review_queue")
def _access_review_queue(user, _area) -> bool:
    return is_admin(user) or bool(animated_poles(user))
