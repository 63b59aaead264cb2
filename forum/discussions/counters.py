"""The counters kept on topics and posts, compared with the rows they count, and repaired.

The actions keep them right as they go (one SQL statement per change); this is for a database
that an older version, a restore or a manual edit may have left wrong: ``flask forum check``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from forum.discussions.models import Post, Reaction, ReactionKind, Topic
from forum.extensions import db
from forum.transaction import atomic


@dataclass(frozen=True)
class Drift:
    """A counter that disagrees with what it counts."""

    label: str
    row_id: int
    stored: int
    counted: int


def _counted():
    """(label, model, counter column, correlated count) for each counter."""
    replies = (select(func.count(Post.id)).where(Post.topic_id == Topic.id, Post.number > 1, Post.is_visible)
               .scalar_subquery())
    numbered = select(func.coalesce(func.max(Post.number), 0)).where(Post.topic_id == Topic.id).scalar_subquery()

    def reactions(kind):
        return (select(func.count(Reaction.id)).where(Reaction.post_id == Post.id, Reaction.kind == kind)
                .scalar_subquery())

    return [
        ("réponses de la discussion", Topic, Topic.reply_count, replies),
        ("messages numérotés de la discussion", Topic, Topic.post_count, numbered),
        ("« Merci » du message", Post, Post.thanks_count, reactions(ReactionKind.THANKS)),
        ("« Utile » du message", Post, Post.useful_count, reactions(ReactionKind.USEFUL)),
    ]


def drifts() -> list[Drift]:
    """Every counter that differs from a fresh count, in order of kind then row."""
    found = []
    for label, model, counter, count in _counted():
        rows = db.session.execute(select(model.id, counter, count).where(counter != count).order_by(model.id))
        found.extend(Drift(label, row_id, stored, counted) for row_id, stored, counted in rows)
    return found


@atomic
def repair() -> list[Drift]:
    """Set every drifted counter to its fresh count; return what was wrong."""
    found = drifts()
    for _label, model, counter, count in _counted():
        db.session.execute(update(model).where(counter != count).values({counter.key: count}),
                           execution_options={"synchronize_session": False})
    return found
