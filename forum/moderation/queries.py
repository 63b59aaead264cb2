"""Read-side queries of moderation: the queue and the journal."""

from __future__ import annotations

from sqlalchemy.orm import contains_eager, joinedload

from forum import policy
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.moderation.models import ModerationAction

JOURNAL_PER_PAGE = 50


def privacy_queue(user) -> list[Post]:
    """Posts published despite a personal-data warning that no moderator has checked yet, among
    those ``user`` may read, oldest first."""
    return list(db.session.scalars(
        db.select(Post).join(Topic, Topic.id == Post.topic_id)
        .options(joinedload(Post.author), contains_eager(Post.topic))
        .where(policy.visible_posts(user), Post.privacy_warnings != "", Post.privacy_reviewed_at.is_(None))
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
