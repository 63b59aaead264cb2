"""Statements: what moderation tells a member about an action on their content or account.

``issue`` adds the statement to the caller's transaction, from the journal entry of the action.
"""

from __future__ import annotations

from forum.extensions import db
from forum.moderation.models import ModerationAction, Statement


def issue(member_id: int | None, entry: ModerationAction, *, rule: str = "", case=None,
          automatic: bool = False) -> Statement | None:
    """Tell ``member_id`` of the action ``entry`` records (nobody to tell: nothing is written)."""
    if member_id is None:
        return None
    statement = Statement(member_id=member_id, journal=entry, case_id=getattr(case, "id", None),
                          decided_by_id=None if automatic else entry.actor_id, action=entry.action,
                          target_type=entry.target_type, target_id=entry.target_id,
                          target_label=entry.target_label, reason=entry.reason, rule=rule, automatic=automatic)
    db.session.add(statement)
    return statement
