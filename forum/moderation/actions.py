"""Moderation of posts: hide a message (or, for a first post, its discussion), and show it again.

Every action is recorded in the audit log with its reason.
"""

from __future__ import annotations

from sqlalchemy import delete

from forum import policy
from forum.accounts.models import User
from forum.db_types import utcnow
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record


def _label(post: Post) -> str:
    author = db.session.get(User, post.author_id)
    return f"Message de {author.display_name} dans « {post.topic.title} »"


def _drop_unsent_mail(post_ids) -> None:
    """Delete the e-mails about these posts that have not left yet (held by quiet hours, say)."""
    from forum.notifications.models import MailMessage

    db.session.execute(delete(MailMessage).where(MailMessage.post_id.in_(post_ids), MailMessage.sent_at.is_(None)))


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
        _drop_unsent_mail(db.select(Post.id).where(Post.topic_id == topic.id))
    else:
        _drop_unsent_mail([post.id])
        if post.deleted_at is None:
            topic.reply_count -= 1
    record(actor, "hide_post", post, _label(post), reason[:1000])
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
    record(actor, "unhide_post", post, _label(post))
    db.session.commit()


def mask_passage(actor, post: Post, passage: str, reason: str) -> int:
    """Replace a passage of a post by « [masqué] » everywhere it survives: the post, its earlier
    versions, and e-mails not sent yet. Returns how many places were masked."""
    from forum.discussions.mentions import find_mentions
    from forum.discussions.models import Revision
    from forum.privacy import PLACEHOLDER

    policy.require(actor, "mask", post)
    passage = (passage or "").strip()
    reason = (reason or "").strip()
    if len(passage) < 2:
        raise ActionError("Copiez le passage exact à masquer (au moins deux caractères).", "passage")
    if not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal de modération.", "reason")
    if passage not in post.body:
        raise ActionError("Ce passage ne figure pas dans le message : copiez-le tel qu'il est écrit.", "passage")
    masked = post.body.count(passage)
    post.set_body(post.body.replace(passage, PLACEHOLDER), mentions=find_mentions(post.body).links)
    if post.is_first and passage in post.topic.title:
        post.topic.title = post.topic.title.replace(passage, PLACEHOLDER)
    for revision in db.session.scalars(db.select(Revision).where(Revision.post_id == post.id)):
        if passage in revision.body:
            revision.body = revision.body.replace(passage, PLACEHOLDER)
            masked += 1
    _drop_unsent_mail([post.id])  # an e-mail quoting the passage never leaves
    post.privacy_reviewed_at = utcnow()
    record(actor, "mask_post", post, _label(post),
           reason[:1000])
    db.session.commit()
    return masked
