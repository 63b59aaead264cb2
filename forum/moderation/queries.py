"""Read-side queries of moderation: the queue and the journal."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy.orm import contains_eager, joinedload

from forum import markup, policy
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.moderation import targets
from forum.moderation.models import (
    PENDING_STATES,
    REPORT_REASON_LABELS,
    ModerationAction,
    ModerationCase,
    Report,
)
from forum.policy import kind_of

JOURNAL_PER_PAGE = 50


def privacy_queue(user) -> list[Post]:
    """Posts published despite a personal-data warning before such posts were held, that no
    moderator has checked yet (they have no case), among those ``user`` may read, oldest first."""
    return list(db.session.scalars(
        db.select(Post).join(Topic, Topic.id == Post.topic_id)
        .options(joinedload(Post.author), contains_eager(Post.topic))
        # « > "" » rather than « != "" »: a range the index on privacy_warnings answers.
        .where(policy.visible_posts(user), Post.privacy_warnings > "", Post.privacy_reviewed_at.is_(None),
               Post.held_at.is_(None), Post.hidden_at.is_(None))
        .order_by(Post.created_at)))


def journal_page(page: int):
    """One page of the journal, newest first."""
    query = db.select(ModerationAction).order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    return db.paginate(query, page=page, per_page=JOURNAL_PER_PAGE, error_out=False)


def journal_of(target, limit: int = 20) -> list[ModerationAction]:
    """The latest journal entries about one object."""
    return list(db.session.scalars(
        db.select(ModerationAction)
        .where(ModerationAction.target_type == type(target).__name__, ModerationAction.target_id == target.id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc()).limit(limit)))


def has_reported(user, target) -> bool:
    """``user`` already reported this item (a report is made once, ever)."""
    return db.session.scalar(db.select(Report.id).where(
        Report.target_type == kind_of(target), Report.target_id == target.id, Report.reporter_id == user.id)
        .limit(1)) is not None


def excerpt_of(target) -> str:
    """The reported passage in a few lines: a post's excerpt, a topic's title, a sheet's summary…"""
    kind = kind_of(target)
    if kind == "Post":
        return target.excerpt
    if kind == "Topic":
        return target.title
    if kind == "Sheet":
        revision = target.published_revision or target.current_revision
        return f"{revision.title} — {revision.summary}" if revision and revision.summary else target.known_title
    if kind == "SheetComment":
        return markup.excerpt(target.body_html, 300)
    if kind == "User":
        return " · ".join(part for part in (target.display_name, target.job_title, target.structure.name) if part)
    return ""


MY_REPORTS_LIMIT = 200


def reports_of(user) -> list[SimpleNamespace]:
    """The member's reports, newest first: the item (when they may still read it), the reason, the
    date and « Reçu » or « Traité » — never who handled it."""
    rows = db.session.execute(
        db.select(Report, ModerationCase.state).join(ModerationCase, ModerationCase.id == Report.case_id)
        .where(Report.reporter_id == user.id).order_by(Report.created_at.desc(), Report.id.desc())
        .limit(MY_REPORTS_LIMIT)).all()
    items = targets.load_many((report.target_type, report.target_id) for report, _state in rows)
    found = []
    for report, state in rows:
        item = items.get((report.target_type, report.target_id))
        readable = item is not None and policy.moderation.readable(user, item)
        found.append(SimpleNamespace(
            report=report, reason=REPORT_REASON_LABELS.get(report.reason, report.reason),
            kind=targets.KIND_LABELS.get(report.target_type, report.target_type),
            label=targets.label(item) if readable else "Contenu retiré ou qui ne vous est plus accessible",
            url=targets.url(item) if readable else None,
            handled=state not in PENDING_STATES))
    return found


def load_case(case_id: int) -> ModerationCase | None:
    """A case with the moderator who took it."""
    return db.session.scalars(db.select(ModerationCase).options(joinedload(ModerationCase.taken_by))
                              .where(ModerationCase.id == case_id)).first()
