"""What moderation's hiding and masking change in the other posts: their quotations of the post.

Helpers of the discussions' actions (hide, show again, mask): they add to the caller's
transaction; the search outbox follows the posts they render again.
"""

from __future__ import annotations

from sqlalchemy import or_

from forum import privacy
from forum.discussions import quotations
from forum.discussions.models import Post, Revision
from forum.extensions import db


def refresh_quotations(post: Post) -> list[int]:
    """Render again the posts that may quote ``post`` (its topic's, and the replies to it), so that
    its quotations read as the placeholder while it is hidden and come back once shown; returns
    the ids of those that changed."""
    quoting = db.session.scalars(db.select(Post).where(
        or_(Post.topic_id == post.topic_id, Post.reply_to_id == post.id), Post.id != post.id,
        Post.body.contains(">"))).all()
    changed = []
    for other in quoting:
        before = other.body_html
        other.set_body(other.body)
        if other.body_html != before:
            changed.append(other.id)
    return changed


def mask_quotations(post: Post, passage: str) -> dict[str, int]:
    """Mask ``passage`` in every quotation other posts (and their earlier versions) make of it;
    returns how many posts and versions were changed."""
    needle = privacy.needle(passage)
    posts = versions = 0
    for other in db.session.scalars(db.select(Post).where(Post.id != post.id, Post.body.contains(needle))):
        body, count = quotations.redact_quotes(other.body, passage)
        if count:
            other.set_body(body)
            posts += 1
    for revision in db.session.scalars(db.select(Revision).where(Revision.post_id != post.id,
                                                                 Revision.body.contains(needle))):
        body, count = quotations.redact_quotes(revision.body, passage)
        if count:
            revision.set_body(body)
            versions += 1
    return {"quoting_posts": posts, "quoting_versions": versions}
