"""Moderation: who reports, who sees which cases, who takes and handles them, who contests and
who decides a contest, who reads the journal and the watched words."""

from __future__ import annotations

from forum.policy.registry import rule  # noqa: F401  (rules are added below, one per action)
from forum.policy.roles import animated_poles, is_admin, is_member, is_moderator  # noqa: F401
