"""Moderation of posts: hide a message (or, for a first post, its discussion), and show it again.

Every action is recorded in the audit log with its reason.
"""

from __future__ import annotations

from forum import policy
from forum.db_types import utcnow
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record


def hide_post(actor, post: Post, reason: str) -> None:
    """Hide a post from members (moderators still see it); a first post hides its whole discussion."""
    policy.require(actor, "hide", post)
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal de modération.", "reason")
    now = utcnow()
    post.hidden_at, post.hidden_by_id = now, actor.id
    post.privacy_reviewed_at = post.privacy_reviewed_at or now
    topic = post.topic
    if post.is_first:
        topic.hidden_at = now
    elif post.deleted_at is None:
        topic.reply_count -= 1
    record(actor, "hide_post", post, f"Message de {post.author.display_name} dans « {topic.title} »", reason[:1000])
    db.session.commit()


def unhide_post(actor, post: Post) -> None:
    """Show a hidden post again."""
    policy.require(actor, "unhide", post)
    topic = post.topic
    post.hidden_at = post.hidden_by_id = None
    if post.is_first:
        topic.hidden_at = None
    elif post.deleted_at is None:
        topic.reply_count += 1
    record(actor, "unhide_post", post, f"Message de {post.author.display_name} dans « {topic.title} »")
    db.session.commit()
