"""Read marks, notifications and follows when moderation moves posts between topics (split,
merge). Steps only: they add to the transaction of ``discussions.restructure``.

Read marks keep exactly what each member had read: a mark is a post number, and the numbers
change, so each mark becomes the count of the posts it covered that are still (or now) in
that topic. Those read before the move stay read; those not read yet stay new.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, func, literal, select, update

from forum.db_types import utcnow
from forum.discussions.models import Post
from forum.extensions import db
from forum.notifications.models import Notification, ReadMark, Subscription
from forum.sql import insert

_QUIET = {"synchronize_session": False}


def _covered(last_read_number, *where):
    """How many posts matching ``where`` a read mark covers (numbers as they are now)."""
    return (select(func.count(Post.id)).where(Post.number <= last_read_number, *where)
            .correlate(last_read_number.table).scalar_subquery())


def split_read_marks(source_id: int, target_id: int, moved_ids: list[int]) -> None:
    """Before a split (old numbers still in place): a mark on the new topic for whoever had read
    some of the moved posts, and the old topic's marks counted again without them."""
    source_marks = ReadMark.__table__.alias("source_marks")
    read_moved = _covered(source_marks.c.last_read_number, Post.id.in_(moved_ids))
    # Typed like the column: a bare literal would skip UTCDateTime's conversion on SQLite.
    now = literal(utcnow(), ReadMark.updated_at.type)
    rows = select(source_marks.c.user_id, literal(target_id), read_moved, now).where(
        source_marks.c.topic_id == source_id, read_moved > 0)
    db.session.execute(insert(ReadMark).from_select(
        ["user_id", "topic_id", "last_read_number", "updated_at"], rows).on_conflict_do_nothing())
    still_here = _covered(ReadMark.__table__.c.last_read_number, Post.topic_id == source_id,
                          Post.id.not_in(moved_ids))
    db.session.execute(update(ReadMark).where(ReadMark.topic_id == source_id).values(last_read_number=still_here),
                       execution_options=_QUIET)


def merge_read_marks(absorbed_id: int, into_id: int) -> None:
    """A merge appends the absorbed posts after the others: the marks on the receiving topic still
    hold (its numbers do not change) and the absorbed posts are new to its readers; the marks of
    the absorbed topic go with it."""
    del into_id  # its marks stay as they are: named for the reader of the call
    db.session.execute(delete(ReadMark).where(ReadMark.topic_id == absorbed_id), execution_options=_QUIET)


def posts_moved(moved_ids: list[int], source_id: int, target_id: int, *, whole_topic: bool = False) -> None:
    """Notifications about the moved posts lead to their new topic; the followers (and the muted) of
    the old topic get the same setting on the new one, unless they already chose one there."""
    which = Notification.topic_id == source_id if whole_topic \
        else and_(Notification.topic_id == source_id, Notification.post_id.in_(moved_ids))
    db.session.execute(update(Notification).where(which).values(topic_id=target_id), execution_options=_QUIET)
    now = literal(utcnow(), Subscription.created_at.type)
    rows = select(Subscription.user_id, literal("topic"), literal(target_id), Subscription.level, now).where(
        Subscription.target_type == "topic", Subscription.target_id == source_id)
    db.session.execute(insert(Subscription).from_select(
        ["user_id", "target_type", "target_id", "level", "created_at"], rows).on_conflict_do_nothing())
    if whole_topic:  # the absorbed topic has no page any more: nothing left to follow there
        db.session.execute(delete(Subscription).where(Subscription.target_type == "topic",
                                                      Subscription.target_id == source_id),
                           execution_options=_QUIET)
