"""Read-side of statements and contests: a member's decisions, one statement with its contest."""

from __future__ import annotations

from flask import g
from sqlalchemy import case, func

from forum import policy
from forum.extensions import db
from forum.moderation.models import Contest, ModerationCase, Statement

PER_PAGE = 30


def statements_page(member, page: int):
    """The statements sent to ``member``, newest first."""
    query = (db.select(Statement).where(Statement.member_id == member.id)
             .order_by(Statement.created_at.desc(), Statement.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def contests_of(statements) -> dict[int, Contest]:
    """The contests of these statements, by statement id (one query)."""
    ids = [statement.id for statement in statements]
    if not ids:
        return {}
    return {contest.statement_id: contest
            for contest in db.session.scalars(db.select(Contest).where(Contest.statement_id.in_(ids)))}


def decisions_count(member) -> tuple[int, int]:
    """(all, unread) statements of the reader, in one query per request (the account menu)."""
    if not policy.can(member, "access", "members"):
        return 0, 0
    if "decisions_count" not in g:
        row = db.session.execute(db.select(func.count(Statement.id),
                                           func.count(case((Statement.read_at.is_(None), 1))))
                                 .where(Statement.member_id == member.id)).one()
        g.decisions_count = (row[0] or 0, row[1] or 0)
    return g.decisions_count


def load_statement(statement_id: int) -> Statement | None:
    return db.session.get(Statement, statement_id)


def load_contest(contest_id: int) -> Contest | None:
    return db.session.get(Contest, contest_id)


def load_case(case_id) -> ModerationCase | None:
    """The case a measure answers (given by the case page), if it exists."""
    return db.session.get(ModerationCase, case_id) if isinstance(case_id, int) else None


def edit_request_reason(post) -> str:
    """Why moderation asked the author to edit ``post`` (the banner its author reads above it)."""
    from forum.moderation.models import ModerationAction

    return db.session.scalar(
        db.select(ModerationAction.reason)
        .where(ModerationAction.target_type == "Post", ModerationAction.target_id == post.id,
               ModerationAction.action == "request_edit")
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc()).limit(1)) or ""


def member_concerned(target):
    """The account a measure would be about: the member themself, or the item's author."""
    from forum.accounts.models import User

    if isinstance(target, User):
        return target
    author_id = getattr(target, "author_id", None)
    return db.session.get(User, author_id) if author_id else None
