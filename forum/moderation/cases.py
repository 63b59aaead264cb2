"""Cases: one per item under review, gathering its reports; opened by reports, by the
personal-data guard, by watched words and by contests.

``open_case``, ``waiting_case`` and ``settle`` add to the caller's transaction: every feature that
puts an item under review or acts on one calls them (the report actions are in ``reports``).
"""

from __future__ import annotations

from sqlalchemy import update

from forum.db_types import utcnow
from forum.extensions import db
from forum.moderation.audit import concerned
from forum.moderation.models import CaseState, ModerationCase
from forum.policy import kind_of
from forum.sql import insert_new


def open_key(target) -> str:
    """The key that keeps one waiting case per item: « Post:12 »."""
    return f"{kind_of(target)}:{target.id}"


def open_case(target, origin: str, *, urgent: bool = False) -> ModerationCase:
    """The waiting case of ``target``, opened now if it has none; ``urgent`` only ever raises it.

    Two requests opening the same case at once both get the one row (the unique key decides).
    """
    key = open_key(target)
    pole_id, member_id = concerned(target)
    insert_new(ModerationCase, target_type=kind_of(target), target_id=target.id, open_key=key, origin=origin,
               state=CaseState.OPEN, urgent=urgent, pole_id=pole_id, member_id=member_id, report_count=0,
               opened_at=utcnow(), decision="")
    if urgent:
        db.session.execute(update(ModerationCase).where(ModerationCase.open_key == key).values(urgent=True),
                           execution_options={"synchronize_session": False})
    return db.session.scalars(db.select(ModerationCase).where(ModerationCase.open_key == key)
                              .execution_options(populate_existing=True)).one()


def waiting_case(target) -> ModerationCase | None:
    """The case of ``target`` still waiting in the queue, if any."""
    return db.session.scalars(db.select(ModerationCase).where(ModerationCase.open_key == open_key(target))).first()


def settle(target, actor, decision: str, *, state: str = CaseState.HANDLED) -> ModerationCase | None:
    """Close the waiting case of ``target`` (if any) with ``decision``: an action on the item answers
    its reports. Returns the case, or None when nothing waited."""
    row = db.session.execute(
        update(ModerationCase)
        .where(ModerationCase.open_key == open_key(target))
        .values(state=state, open_key=None, closed_at=utcnow(), closed_by_id=getattr(actor, "id", None),
                decision=decision)
        .returning(ModerationCase.id), execution_options={"synchronize_session": False}).first()
    return db.session.get(ModerationCase, row.id, populate_existing=True) if row else None
