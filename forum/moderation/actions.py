"""Moderation of posts: hide a message (or, for a first post, its discussion), show it again,
mask a passage, mark a post as checked, publish a held post.

Each is one unit of work: the discussions' action changes the post, the e-mails about it that
have not left are withdrawn, and the journal records who did it and why.
"""

from __future__ import annotations

from forum import policy
from forum.accounts.models import User
from forum.discussions import moderated as discussions
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.formatting import of
from forum.moderation import holds
from forum.moderation.audit import record
from forum.moderation.cases import settle
from forum.moderation.statements import issue
from forum.notifications import mail
from forum.transaction import atomic

# The charte's rule each action applies, as the statement to the author names it (keys of
# statements.RULES): a passage is masked because it identifies someone; a content hidden on an
# urgent (personal-data) case for the same reason, otherwise for disrespecting the charte.
RULES = {"hide": "respect", "mask": "personnes"}


def hide_rule(case) -> str:
    """The rule a hide applies: the golden rule when the case was about personal data."""
    return "personnes" if case is not None and case.urgent else RULES["hide"]


def _label(post: Post) -> str:
    author = db.session.get(User, post.author_id)
    return f"Message {of(author.display_name)} dans « {post.topic.title} »"


def _passage(passage: str) -> str:
    passage = (passage or "").strip()
    if len(passage) < 2:
        raise ActionError("Copiez le passage exact à masquer (au moins deux caractères).", "passage")
    return passage[:500]


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal de modération.", "reason")
    return reason[:1000]


@atomic
def hide_post(actor, post: Post, reason: str) -> None:
    """Hide a post from members (moderators still see it); a first post hides its whole discussion.
    Its quotations in other posts are withdrawn too, its author is told, its waiting case closed."""
    policy.require(actor, "hide", post)
    reason = _reason(reason)
    quoting = discussions.hide_post(actor, post)
    # Nothing goes out about it, nor about the posts quoting it (their e-mails quote it in turn).
    mail.withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id, *quoting])
    case = settle(post, actor, "hidden")
    if post.is_first:
        case = settle(post.topic, actor, "hidden") or case
    entry = record(actor, "hide_post", post, _label(post), reason, case=case,
                   detail={"quoting_posts": len(quoting), "whole_topic": post.is_first})
    issue(post.author_id, entry, rule=hide_rule(case), case=case)


@atomic
def unhide_post(actor, post: Post) -> None:
    """Show a hidden post again (and its quotations in other posts)."""
    policy.require(actor, "unhide", post)
    quoting = discussions.unhide_post(actor, post)
    record(actor, "unhide_post", post, _label(post), detail={"quoting_posts": len(quoting)})


@atomic
def mask_passage(actor, post: Post, passage: str, reason: str) -> int:
    """Replace a passage of a post by « [masqué] » everywhere it survives: the post, its topic's
    title, its earlier versions, its quotations in other posts and theirs, the search index (the
    outbox follows the posts), and every stored e-mail, sent or not. Returns how many places."""
    policy.require(actor, "mask", post)
    passage = _passage(passage)
    reason = _reason(reason)
    masked = discussions.mask_passage(actor, post, passage)
    mail.withdraw([post.id])  # an e-mail about the post never leaves
    masked["emails"] = mail.redact(passage)  # those sent, and those about other posts quoting it
    case = settle(post, actor, "masked")
    # The journal says where and how much, never the passage itself.
    entry = record(actor, "mask_post", post, _label(post), reason, case=case, detail=masked)
    issue(post.author_id, entry, rule=RULES["mask"], case=case)
    return sum(masked.values())


@atomic
def mark_reviewed(actor, post: Post) -> None:
    """A moderator has read a post published despite a personal-data warning: it leaves the queue."""
    policy.require(actor, "review_privacy", post)
    if post.held_at is not None:
        raise ActionError("Ce message est retenu : publiez-le s'il peut l'être, sinon masquez-le ou caviardez-le.")
    discussions.mark_privacy_reviewed(actor, post)
    case = settle(post, actor, "verifie")  # a flagged post checked: its case is answered
    record(actor, "review_post", post, _label(post), case=case)


@atomic
def release_post(actor, post: Post, note: str = "") -> None:
    """Publish a post held for a check: its readers see it, its topic counts it, the search index
    finds it, the notifications that waited go out; its case is settled (« traité »)."""
    policy.require(actor, "release", post)
    discussions.release_post(actor, post, announce=holds.held_on_publishing(post))
    case = settle(post, actor, "publie")
    record(actor, "release_post", post, _label(post), (note or "").strip()[:1000], case=case)
