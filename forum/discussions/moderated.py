"""Moderation's changes to posts, as the discussions (which own posts and topics) write them:
hide, show again, ask for an edit, mask a passage, publish a held post, and what an author's
edit answers. Only moderation's actions call these, within their unit of work that records the
reason in the journal and withdraws unsent e-mails.
"""

from __future__ import annotations

from sqlalchemy import case, update

from forum import policy, privacy
from forum.accounts.models import User
from forum.db_types import utcnow
from forum.discussions import redaction
from forum.discussions.mentions import find_mentions
from forum.discussions.models import Post, Revision, Topic
from forum.discussions.states import change_state, count_reply
from forum.errors import ActionError
from forum.extensions import db
from forum.formatting import of
from forum.notifications import actions as notify
from forum.notifications import mail
from forum.transaction import atomic


def answer_edit_request(actor, post: Post) -> None:
    """The author has edited a post moderation asked them to correct: the request is answered, and
    the post shows again if it was hidden for that."""
    from forum.moderation.audit import record

    shown = _clear_edit_request(post)
    if shown is None:
        return  # a twin request answered it already
    record(actor, "edit_done", post, f"Message {of(actor.display_name)} dans « {post.topic.title} »",
           "Message modifié par son auteur" + (" : il est de nouveau visible" if shown else ""), automatic=True)


def _clear_edit_request(post: Post) -> bool | None:
    """Clear the request to edit ``post``, and show it again if it was hidden for that (hidden at the
    very moment of the request). True when shown again, False if not, None when no request was left."""
    shown = change_state(post, Post.edit_requested_at.is_not(None) & (Post.hidden_at == Post.edit_requested_at),
                          edit_requested_at=None, hidden_at=None, hidden_by_id=None)
    if shown is None and change_state(post, Post.edit_requested_at.is_not(None), edit_requested_at=None) is None:
        return None
    if post.is_first:
        post.topic.edit_requested_at = None
    if shown is not None:
        count_reply(post, +1, counted=shown.deleted_at is None and shown.held_at is None)
        redaction.refresh_quotations(post)  # shown again, so are its quotations
    return shown is not None


@atomic
def withdraw_edit_request(actor, post: Post) -> None:
    """Moderation withdraws its request to edit a post (a contest reversed it): shown as it is."""
    policy.require(actor, "unhide" if post.hidden_at is not None else "hide", post)
    _clear_edit_request(post)


def hold_published(post: Post) -> None:
    """Hold a post already published: out of its topic's count (a first post holds its topic)."""
    state = change_state(post, Post.held_at.is_(None), held_at=utcnow())
    if state is None:
        return
    if post.is_first:
        post.topic.held_at = post.held_at
    elif state.deleted_at is None and state.hidden_at is None:
        db.session.execute(update(Topic).where(Topic.id == post.topic_id).values(reply_count=Topic.reply_count - 1))
    # Nothing about a held post goes out, not even e-mails written before the edit.
    mail.withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id])


@atomic
def mark_privacy_reviewed(actor, post: Post) -> None:
    """A moderator has read a post published despite a personal-data warning."""
    policy.require(actor, "review_privacy", post)
    post.privacy_reviewed_at = utcnow()


@atomic
def hide_post(actor, post: Post) -> list[int]:
    """Hide a post from members (moderators still see it); a first post hides its whole discussion.
    Its quotations in other posts read as a placeholder; returns the ids of the posts quoting it."""
    policy.require(actor, "hide", post)
    now = utcnow()
    state = change_state(post, Post.hidden_at.is_(None), hidden_at=now, hidden_by_id=actor.id)
    if state is None:
        raise ActionError("Ce message vient d'être masqué par un autre modérateur.")
    post.privacy_reviewed_at = post.privacy_reviewed_at or now
    count_reply(post, -1, counted=state.deleted_at is None and state.held_at is None)
    return redaction.refresh_quotations(post)  # its quotations in other posts are withdrawn with it


@atomic
def request_edit(actor, post: Post, *, hide: bool) -> None:
    """Moderation asks the author to correct a post; with ``hide`` it is hidden from members
    until then (its author still reads it, to edit it)."""
    policy.require(actor, "request_edit", post)
    now = utcnow()
    still = Post.edit_requested_at.is_(None) & Post.deleted_at.is_(None)
    values = {"edit_requested_at": now}
    if hide:
        still &= Post.hidden_at.is_(None)
        values.update(hidden_at=now, hidden_by_id=actor.id)
    state = change_state(post, still, **values)
    if state is None:
        raise ActionError("Ce message vient d'être traité par quelqu'un d'autre : rechargez la page.")
    if post.is_first:
        post.topic.edit_requested_at = now
    if hide:
        post.privacy_reviewed_at = post.privacy_reviewed_at or now
        count_reply(post, -1, counted=state.deleted_at is None and state.held_at is None)
        redaction.refresh_quotations(post)  # hidden, its quotations are withdrawn as by hide_post


@atomic
def unhide_post(actor, post: Post) -> list[int]:
    """Show a hidden post again (and its quotations in other posts); returns the ids of those quoting it."""
    policy.require(actor, "unhide", post)
    state = change_state(post, Post.hidden_at.is_not(None), hidden_at=None, hidden_by_id=None)
    if state is None:
        raise ActionError("Ce message vient d'être rétabli par un autre modérateur.")
    count_reply(post, +1, counted=state.deleted_at is None and state.held_at is None)
    return redaction.refresh_quotations(post)  # and its quotations come back


@atomic
def mask_passage(actor, post: Post, passage: str) -> dict[str, int]:
    """Replace a passage by « [masqué] » wherever the discussions keep it: the post's text, its
    topic's title, its earlier versions, and every quotation of it in other posts
    and their earlier versions. Returns how many places of each kind were masked."""
    policy.require(actor, "mask", post)
    # The row is taken first, then read again: a moderator masking the same passage at the same
    # moment waits here, then finds it gone and is told so; nothing is masked or logged twice.
    db.session.execute(update(Post).where(Post.id == post.id).values(privacy_reviewed_at=utcnow()),
                       execution_options={"synchronize_session": False})
    db.session.refresh(post)
    db.session.refresh(post.topic)
    # The passage may survive in an earlier version only: the author changed the text since.
    body, in_body = privacy.redact(post.body, passage)
    title, in_title = privacy.redact(post.topic.title, passage)  # a reply's passage may name the topic too
    versions = []
    for revision in db.session.scalars(db.select(Revision).where(Revision.post_id == post.id)
                                       .execution_options(populate_existing=True)):
        text, count = privacy.redact(revision.body, passage)
        if count:
            versions.append((revision, text))
    if not (in_body or in_title or versions):
        raise ActionError("Ce passage ne figure ni dans le message ni dans ses versions antérieures (un autre "
                          "modérateur vient peut-être de le masquer) : copiez-le tel qu'il est écrit.", "passage")
    if in_body:
        post.set_body(body)
    if in_title:
        post.topic.title = title
    # The author's reason for publishing over a warning may repeat what the warning was about.
    post.privacy_reason = privacy.redact(post.privacy_reason, passage)[0]
    for revision, text in versions:
        revision.set_body(text)
    return {"post": in_body, "title": in_title, "versions": len(versions),
            **redaction.mask_quotations(post, passage)}


@atomic
def release_post(actor, post: Post, *, announce: bool) -> None:
    """Publish a held post (and its topic, for a first post) once a moderator has checked it.

    ``announce``: it was held at publishing, so nobody has heard of it. It then counts and
    becomes the topic's latest activity, and its readers are told now what they were not told
    then (the same audience rules as on publishing; e-mails too: to them it is new).
    """
    policy.require(actor, "release", post)
    state = change_state(post, Post.held_at.is_not(None), held_at=None)
    if state is None:
        raise ActionError("Ce message vient d'être publié par un autre modérateur.")
    now = utcnow()
    post.privacy_reviewed_at = now
    topic = post.topic
    values: dict = {"held_at": None} if post.is_first else {}
    if not post.is_first and state.deleted_at is None and state.hidden_at is None:
        values["reply_count"] = Topic.reply_count + 1
    if announce:
        latest = db.select(Post.number).where(Post.id == Topic.last_post_id).scalar_subquery()
        values["last_post_at"] = now
        values["last_post_id"] = case((Topic.last_post_id.is_(None) | (latest < post.number), post.id),
                                      else_=Topic.last_post_id)
    if values:
        db.session.execute(update(Topic).where(Topic.id == topic.id).values(**values),
                           execution_options={"synchronize_session": False})
        db.session.expire(topic, list(values))  # read again from the row, as the statement left it
    if announce and post.is_visible:
        _announce(post, topic)


def _announce(post: Post, topic: Topic) -> None:
    """Tell, in the author's name, whoever would have heard of the post when it was written."""
    author = db.session.get(User, post.author_id)
    mentioned = find_mentions(post.body).users
    if post.is_first:
        notify.topic_started(author, topic, post, mentioned)
        return
    reply_to = db.session.get(Post, post.reply_to_id) if post.reply_to_id else None
    notify.replied(author, topic, post, notify.reply_audience(author, topic, post, reply_to, mentioned))
