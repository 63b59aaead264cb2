"""Read-side queries of notifications and follows."""

from __future__ import annotations

from sqlalchemy.orm import joinedload

from forum import policy
from forum.extensions import db
from forum.notifications.models import Notification, Subscription
from forum.taxonomy.models import Pole, Theme

PER_PAGE = 30


def follows(user, target_type: str, target_id: int) -> bool:
    """True when the member follows (or mutes) this topic, pole or theme."""
    return db.session.scalar(db.select(Subscription.id).where(
        Subscription.user_id == user.id, Subscription.target_type == target_type,
        Subscription.target_id == target_id)) is not None


def unread_in_topic(user, topic) -> int:
    """How many of the member's unread notifications belong to this topic."""
    return db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.topic_id == topic.id, Notification.read_at.is_(None))) or 0


def notifications_page(user, page: int):
    """One page of the member's notifications, newest first, with what each one is about."""
    from forum.discussions.models import Post
    from forum.library.models import Sheet

    return db.paginate(
        db.select(Notification)
        .options(joinedload(Notification.topic), joinedload(Notification.post).joinedload(Post.topic),
                 joinedload(Notification.actor),
                 joinedload(Notification.sheet).joinedload(Sheet.current_revision),
                 joinedload(Notification.sheet).joinedload(Sheet.published_revision))
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=page, per_page=PER_PAGE, error_out=False)


def still_readable(user, notifications) -> dict[int, str]:
    """What each notification may still show its reader, by notification id: « post » (its title,
    linked to the message), « topic » (the message is gone but the discussion is there), « sheet »,
    or nothing — a discussion or sheet withdrawn since, whose title is no longer theirs to read."""
    shown = {}
    for note in notifications:
        if note.sheet is not None:
            if policy.can(user, "view", note.sheet):
                shown[note.id] = "sheet"
        elif note.topic is not None and policy.can(user, "view", note.topic):
            shown[note.id] = "post" if note.post is not None and policy.can(user, "view", note.post) else "topic"
    return shown


def followed_places(user) -> dict[str, list]:
    """The poles and themes the member follows, in display order."""
    rows = db.session.execute(db.select(Subscription.target_type, Subscription.target_id).where(
        Subscription.user_id == user.id, Subscription.target_type.in_(["pole", "theme"]))).all()
    poles = [pid for kind, pid in rows if kind == "pole"]
    themes = [tid for kind, tid in rows if kind == "theme"]
    return {
        "poles": db.session.scalars(db.select(Pole).where(Pole.id.in_(poles)).order_by(Pole.position)).all(),
        "themes": db.session.scalars(db.select(Theme).where(Theme.id.in_(themes)).order_by(Theme.position)).all(),
    }
