"""Moderation of posts: hide a message (or, for a first post, its discussion), show it again,
mask a passage, mark a post as checked.

Each is one unit of work: the discussions' action changes the post, the e-mails about it that
have not left are withdrawn, and the journal records who did it and why.
"""

from __future__ import annotations

from forum import policy
from forum.accounts.models import User
from forum.discussions import actions as discussions
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record
from forum.notifications import mail
from forum.transaction import atomic


def _label(post: Post) -> str:
    author = db.session.get(User, post.author_id)
    return f"Message de {author.display_name} dans « {post.topic.title} »"


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal de modération.", "reason")
    return reason[:1000]


@atomic
def hide_post(actor, post: Post, reason: str) -> None:
    """Hide a post from members (moderators still see it); a first post hides its whole discussion."""
    policy.require(actor, "hide", post)
    reason = _reason(reason)
    discussions.hide_post(actor, post)
    mail.withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id])
    record(actor, "hide_post", post, _label(post), reason)


@atomic
def unhide_post(actor, post: Post) -> None:
    """Show a hidden post again."""
    policy.require(actor, "unhide", post)
    discussions.unhide_post(actor, post)
    record(actor, "unhide_post", post, _label(post))


@atomic
def mask_passage(actor, post: Post, passage: str, reason: str) -> int:
    """Replace a passage of a post by « [masqué] » everywhere it survives: the post, its earlier
    versions, and e-mails not sent yet. Returns how many places were masked."""
    policy.require(actor, "mask", post)
    passage = (passage or "").strip()
    if len(passage) < 2:
        raise ActionError("Copiez le passage exact à masquer (au moins deux caractères).", "passage")
    reason = _reason(reason)
    masked = discussions.mask_passage(actor, post, passage)
    mail.withdraw([post.id])  # an e-mail quoting the passage never leaves
    record(actor, "mask_post", post, _label(post), reason)
    return masked


@atomic
def mark_reviewed(actor, post: Post) -> None:
    """A moderator has read a post published despite a personal-data warning: it leaves the queue."""
    policy.require(actor, "review_privacy", post)
    discussions.mark_privacy_reviewed(actor, post)
    record(actor, "review_post", post, _label(post))
