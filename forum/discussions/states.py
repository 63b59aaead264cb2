"""A post's state changed only if it still is as the actor saw it, and the topic's reply count
with it: written once for the discussions' own actions and moderation's."""

from __future__ import annotations

from sqlalchemy import ColumnElement, update

from forum.discussions.models import Post, Topic
from forum.extensions import db


def change_state(post: Post, still: ColumnElement[bool], **values):
    """Change the post's state only if ``still`` holds on its row now; return the row's
    (deleted_at, hidden_at, held_at) after the change, or None when it no longer held.

    The rule was read when the request began: a twin request or another moderator may have
    changed the post since. The condition is checked in the statement that writes, so only one
    of them changes it and counts it.
    """
    state = db.session.execute(update(Post).where(Post.id == post.id, still).values(**values)
                               .returning(Post.deleted_at, Post.hidden_at, Post.held_at),
                               execution_options={"synchronize_session": False}).first()
    if state is not None:
        for name, value in values.items():
            setattr(post, name, value)  # the session's flush hooks (the search outbox) see the change too
    return state


def count_reply(post: Post, delta: int, *, counted: bool) -> None:
    """A first post takes its topic along; a reply still there counts among the topic's replies."""
    if post.is_first:
        post.topic.hidden_at = post.hidden_at
    elif counted:
        db.session.execute(update(Topic).where(Topic.id == post.topic_id)
                           .values(reply_count=Topic.reply_count + delta))
