"""The only code that writes topics, posts, revisions and reactions."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, delete, update

from forum import policy, privacy
from forum.accounts.models import User
from forum.db_types import utcnow
from forum.discussions import redaction
from forum.discussions.mentions import find_mentions
from forum.discussions.models import Placement, Post, Reaction, ReactionKind, Revision, Topic, TopicKind
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.holds import ON_EDIT, hold, screened
from forum.moderation.watchwords import screen
from forum.notifications import actions as notify
from forum.notifications import mail
from forum.sql import insert_new
from forum.taxonomy.models import Pole, Theme
from forum.transaction import atomic

TITLE_MAX = 150
WITHDRAWN = "*Version antérieure non conservée : elle contenait une information qui pouvait identifier quelqu'un.*"
BODY_MAX = 20_000


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < 5:
        raise ActionError("Donnez un titre d'au moins 5 caractères, qui résume la situation ou la question.",
                          "title")
    if len(title) > TITLE_MAX:
        raise ActionError(f"Le titre ne peut pas dépasser {TITLE_MAX} caractères.", "title")
    return title


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ActionError("Le message ne peut pas être vide.", "body")
    if len(body) > BODY_MAX:
        raise ActionError(f"Le message ne peut pas dépasser {BODY_MAX} caractères.", "body")
    return body


def _guard(fields: dict[str, str], reason: str) -> tuple[str, str]:
    """Run the personal-data guard; return (warning kinds, reason) to record on the post."""
    kinds = privacy.guard(fields, reason)
    return ",".join(kinds), (reason.strip()[:300] if kinds else "")


def _draft_post(actor, topic: Topic, body: str, reply_to: Post | None,
                warnings: tuple[str, str], held: bool = False) -> tuple[Post, list[User]]:
    """The post about to be written, rendered, with the members it mentions; nothing written yet.

    Rendering and the reads that follow (who hears of it) happen before the first write: on
    SQLite the write lock is the database's, held from the first write to the commit, so the
    shorter that stretch, the more members can reply at the same moment.
    """
    post = Post(topic=topic, author_id=actor.id, reply_to_id=reply_to.id if reply_to else None,
                privacy_warnings=warnings[0], privacy_reason=warnings[1], created_at=utcnow(),
                held_at=utcnow() if held else None)
    mentioned = post.set_body(body)
    return post, mentioned


def _publish(post: Post, topic: Topic, *, is_reply: bool) -> None:
    """Number the post and write it; count it among the topic's replies unless it opens the topic.

    A held reply takes its number (numbers are never reused) but is neither counted nor the
    topic's last post until a moderator releases it: others must not learn it exists.
    """
    # Numbering and counting in one statement on the topic row: concurrent replies queue on
    # the row instead of colliding, and none of their counts is lost. A topic deleted (its
    # unanswered question withdrawn) while this reply was typed takes no new post.
    now = utcnow()
    shown = post.held_at is None
    values = {"reply_count": Topic.reply_count + int(is_reply), "last_post_at": now} if shown else {}
    number = db.session.execute(
        update(Topic).where(Topic.id == topic.id, Topic.deleted_at.is_(None))
        .values(post_count=Topic.post_count + 1, **values)
        .returning(Topic.post_count)
    ).scalar_one_or_none()
    if number is None:
        raise ActionError("Cette discussion vient d'être supprimée par son auteur : votre message n'a pas été "
                          "publié. Copiez-le si vous souhaitez le garder.", "body")
    post.number = number
    post.created_at = now  # stamped in the same order as the numbers (the draft was rendered before)
    if not shown:
        post.held_at = now
    db.session.add(post)
    db.session.flush()


@atomic
def start_topic(actor, *, pole: Pole, theme: Theme, kind: str, title: str, body: str,
                privacy_reason: str = "") -> Topic:
    """Open a discussion or a question; its author follows it."""
    policy.require(actor, "start_topic", Placement(pole, theme))
    if kind not in set(TopicKind):
        raise ActionError("Choisissez « Discussion » ou « Question ».", "kind")
    title, body = _clean_title(title), _clean_body(body)
    warnings = _guard({"title": title, "body": body}, privacy_reason)
    screening = screen({"title": title, "body": body})  # a blocking word refuses here, before any write
    held = bool(warnings[0] or screening.hold)
    now = utcnow()
    # A held first post holds its topic: nobody else reads it, lists or finds it until released.
    topic = Topic(pole_id=pole.id, theme_id=theme.id, kind=kind, title=title, author_id=actor.id,
                  created_at=now, last_post_at=now, post_count=0, reply_count=0, held_at=now if held else None)
    post, mentioned = _draft_post(actor, topic, body, None, warnings, held)
    db.session.add(topic)
    db.session.flush()
    _publish(post, topic, is_reply=False)
    topic.last_post_id = post.id
    notify.topic_started(actor, topic, post, mentioned)  # held: the author follows it, nobody is told
    screened(post, warnings[0], screening)
    return topic


@atomic
def reply(actor, topic: Topic, body: str, *, reply_to: Post | None = None, privacy_reason: str = "") -> Post:
    """Answer a topic, or a given post of it; followers, the quoted author and mentions are told."""
    policy.require(actor, "reply", topic)
    if reply_to is not None:
        if reply_to.topic_id != topic.id:
            raise ActionError("Le message auquel vous répondez n'appartient pas à cette discussion.", "reply_to")
        policy.require(actor, "reply_to", reply_to)
    body = _clean_body(body)
    warnings = _guard({"body": body}, privacy_reason)
    screening = screen({"body": body})
    held = bool(warnings[0] or screening.hold)
    post, mentioned = _draft_post(actor, topic, body, reply_to, warnings, held)
    audience = notify.reply_audience(actor, topic, post, reply_to, mentioned)  # held: empty (nothing goes out)
    _publish(post, topic, is_reply=True)
    screened(post, warnings[0], screening)
    if not held:
        topic.last_post_id = post.id
    notify.replied(actor, topic, post, audience)
    return post


@atomic
def edit_post(actor, post: Post, body: str, *, title: str | None = None, privacy_reason: str = "") -> None:
    """Change one's own post; the earlier text is kept as a revision (and the title for a first post)."""
    policy.require(actor, "edit", post)
    topic = post.topic
    body = _clean_body(body)
    fields = {"body": body}
    if post.is_first and title is not None:
        fields["title"] = title = _clean_title(title)
    warnings = _guard(fields, privacy_reason)
    if body == post.body and (title is None or title == topic.title):
        return
    screening = screen(fields)
    # An author who removes a personal detail must not leave it in the history: such a
    # version is not kept (the history says a version was withdrawn).
    kept = post.body if not privacy.detect(post.body, privacy.allowed_email_domains()) else WITHDRAWN
    revision = Revision(post_id=post.id, editor_id=actor.id)
    revision.set_body(kept)
    db.session.add(revision)
    post.set_body(body)
    post.edited_at = utcnow()
    post.privacy_warnings, post.privacy_reason = warnings
    post.privacy_reviewed_at = None
    if title is not None:
        topic.title = title
    # Overriding a warning (or a word that holds) holds a published post as it holds a new one.
    # A held post stays held even when the edit removed what was found: a moderator releases it.
    if (warnings[0] or screening.hold) and post.held_at is None:
        _hold_published(post)
        hold(post, warnings=warnings[0], words=screening.words, on=ON_EDIT)
    else:
        screened(post, warnings[0], screening, on=ON_EDIT)
    if post.edit_requested_at is not None:
        _answer_edit_request(actor, post)


def _answer_edit_request(actor, post: Post) -> None:
    """The author has edited a post moderation asked them to correct: the request is answered, and
    the post shows again if it was hidden for that."""
    from forum.moderation.audit import record

    shown = _clear_edit_request(post)
    if shown is None:
        return  # a twin request answered it already
    record(actor, "edit_done", post, f"Message de {actor.display_name} dans « {post.topic.title} »",
           "Message modifié par son auteur" + (" : il est de nouveau visible" if shown else ""), automatic=True)


def _clear_edit_request(post: Post) -> bool | None:
    """Clear the request to edit ``post``, and show it again if it was hidden for that (hidden at the
    very moment of the request). True when shown again, False if not, None when no request was left."""
    shown = _change_state(post, Post.edit_requested_at.is_not(None) & (Post.hidden_at == Post.edit_requested_at),
                          edit_requested_at=None, hidden_at=None, hidden_by_id=None)
    if shown is None and _change_state(post, Post.edit_requested_at.is_not(None), edit_requested_at=None) is None:
        return None
    if post.is_first:
        post.topic.edit_requested_at = None
    if shown is not None:
        _count_reply(post, +1, counted=shown.deleted_at is None and shown.held_at is None)
        redaction.refresh_quotations(post)  # shown again, so are its quotations
    return shown is not None


@atomic
def withdraw_edit_request(actor, post: Post) -> None:
    """Moderation withdraws its request to edit a post (a contest reversed it): shown as it is."""
    policy.require(actor, "unhide" if post.hidden_at is not None else "hide", post)
    _clear_edit_request(post)


def _hold_published(post: Post) -> None:
    """Hold a post already published: out of its topic's count (a first post holds its topic)."""
    state = _change_state(post, Post.held_at.is_(None), held_at=utcnow())
    if state is None:
        return
    if post.is_first:
        post.topic.held_at = post.held_at
    elif state.deleted_at is None and state.hidden_at is None:
        db.session.execute(update(Topic).where(Topic.id == post.topic_id).values(reply_count=Topic.reply_count - 1))
    # Nothing about a held post goes out, not even e-mails written before the edit.
    mail.withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id])


@atomic
def delete_post(actor, post: Post) -> None:
    """Withdraw one's own post (« message supprimé par son auteur »); an unanswered first post takes its topic."""
    policy.require(actor, "delete", post)
    now = utcnow()
    if post.is_first:
        post.deleted_at = now
        # The rule read the count when the request began; a colleague may have answered since.
        # Checked again in the statement itself, which waits for any reply being written.
        withdrawn = db.session.execute(update(Topic).where(Topic.id == post.topic_id, Topic.reply_count == 0)
                                       .values(deleted_at=now)).rowcount
        if not withdrawn:
            raise ActionError("Un collègue vient de répondre à cette discussion : elle reste en ligne pour que sa "
                              "réponse garde son contexte. Vous pouvez encore modifier votre message.")
        return
    state = _change_state(post, Post.deleted_at.is_(None), deleted_at=now)
    if state is None:
        return  # withdrawn a moment ago by the same click sent twice
    db.session.execute(update(Topic).where(Topic.id == post.topic_id)
                       .values(reply_count=Topic.reply_count - int(state.hidden_at is None
                                                                   and state.held_at is None),
                               solved_post_id=case((Topic.solved_post_id == post.id, None),
                                                   else_=Topic.solved_post_id)))


@atomic
def mark_solution(actor, post: Post) -> None:
    """Mark a reply as the answer to its question (replacing any earlier one)."""
    policy.require(actor, "mark_solution", post)
    topic = post.topic
    if topic.solved_post_id == post.id:
        return
    topic.solved_post_id = post.id
    notify.solution_marked(actor, topic, post)


@atomic
def unmark_solution(actor, post: Post) -> None:
    """Take the « solution » mark off a reply."""
    policy.require(actor, "mark_solution", post)
    if post.topic.solved_post_id == post.id:
        post.topic.solved_post_id = None


COUNTERS = {ReactionKind.THANKS: Post.thanks_count, ReactionKind.USEFUL: Post.useful_count}


@atomic
def toggle_reaction(actor, post: Post, kind: str) -> bool:
    """Add the member's « Merci » or « Utile », or take it back; True when it is now given."""
    policy.require(actor, "react", post)
    if kind not in COUNTERS:
        raise ActionError("Réaction inconnue.", "kind")
    mine = (Reaction.post_id == post.id, Reaction.user_id == actor.id, Reaction.kind == kind)
    # Taken back if given, else given; in SQL, so that a double click counts twice or not at all.
    if db.session.execute(delete(Reaction).where(*mine)).rowcount:
        delta = -1
    else:
        delta = int(insert_new(Reaction, post_id=post.id, user_id=actor.id, kind=kind))
    counter = COUNTERS[kind]
    if delta:
        db.session.execute(update(Post).where(Post.id == post.id).values({counter.key: counter + delta}))
    return delta >= 0


# --- animation of a pole: pin, lock, move --------------------------------------------

@atomic
def set_pinned(actor, topic: Topic, pinned: bool) -> None:
    """Keep a topic at the top of its pole's list, or let it go back in order."""
    policy.require(actor, "pin", topic)
    still = Topic.pinned_at.is_(None) if pinned else Topic.pinned_at.is_not(None)
    if not _change_topic(topic, still, pinned_at=utcnow() if pinned else None):
        raise ActionError("Cette discussion vient d'être " + ("épinglée" if pinned else "désépinglée")
                          + " par quelqu'un d'autre.")


@atomic
def set_locked(actor, topic: Topic, locked: bool) -> None:
    """Close a topic to new replies (its animators and moderators may still answer), or reopen it."""
    policy.require(actor, "lock", topic)
    still = Topic.locked_at.is_(None) if locked else Topic.locked_at.is_not(None)
    if not _change_topic(topic, still, locked_at=utcnow() if locked else None):
        raise ActionError("Cette discussion vient d'être " + ("fermée" if locked else "rouverte")
                          + " par quelqu'un d'autre.")


@atomic
def move_topic(actor, topic: Topic, pole: Pole, theme: Theme) -> None:
    """Put a topic in another pole or theme."""
    policy.require(actor, "move", topic)
    policy.require(actor, "start_topic", Placement(pole, theme))
    if not policy.curates(actor, pole.id):
        raise ActionError("Vous ne pouvez déplacer une discussion que vers un pôle que vous animez.", "pole_id")
    if (topic.pole_id, topic.theme_id) == (pole.id, theme.id):
        raise ActionError("La discussion est déjà dans ce pôle et ce thème.", "pole_id")
    # Moved only from where the mover saw it: a colleague moving it at the same moment wins alone.
    if not _change_topic(topic, (Topic.pole_id == topic.pole_id) & (Topic.theme_id == topic.theme_id),
                         pole_id=pole.id, theme_id=theme.id):
        raise ActionError("Cette discussion vient d'être déplacée par quelqu'un d'autre.", "pole_id")


def _change_topic(topic: Topic, still: ColumnElement[bool], **values) -> bool:
    """Change the topic's row only if ``still`` holds on it now (see ``_change_state``); True when changed."""
    changed = db.session.execute(update(Topic).where(Topic.id == topic.id, Topic.deleted_at.is_(None), still)
                                 .values(**values).returning(Topic.id),
                                 execution_options={"synchronize_session": False}).first()
    if changed is not None:
        for name, value in values.items():
            setattr(topic, name, value)  # the search outbox sees the move (pole and theme are indexed)
    return changed is not None


# --- moderation's changes to posts: only moderation.actions calls these, within its own unit of
# work that records the reason in the journal and withdraws unsent e-mails ---------------------

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
    state = _change_state(post, Post.hidden_at.is_(None), hidden_at=now, hidden_by_id=actor.id)
    if state is None:
        raise ActionError("Ce message vient d'être masqué par un autre modérateur.")
    post.privacy_reviewed_at = post.privacy_reviewed_at or now
    _count_reply(post, -1, counted=state.deleted_at is None and state.held_at is None)
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
    state = _change_state(post, still, **values)
    if state is None:
        raise ActionError("Ce message vient d'être traité par quelqu'un d'autre : rechargez la page.")
    if post.is_first:
        post.topic.edit_requested_at = now
    if hide:
        post.privacy_reviewed_at = post.privacy_reviewed_at or now
        _count_reply(post, -1, counted=state.deleted_at is None and state.held_at is None)
        redaction.refresh_quotations(post)  # hidden, its quotations are withdrawn as by hide_post


@atomic
def unhide_post(actor, post: Post) -> list[int]:
    """Show a hidden post again (and its quotations in other posts); returns the ids of those quoting it."""
    policy.require(actor, "unhide", post)
    state = _change_state(post, Post.hidden_at.is_not(None), hidden_at=None, hidden_by_id=None)
    if state is None:
        raise ActionError("Ce message vient d'être rétabli par un autre modérateur.")
    _count_reply(post, +1, counted=state.deleted_at is None and state.held_at is None)
    return redaction.refresh_quotations(post)  # and its quotations come back


def _change_state(post: Post, still: ColumnElement[bool], **values):
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


def _count_reply(post: Post, delta: int, *, counted: bool) -> None:
    """A first post takes its topic along; a reply still there counts among the topic's replies."""
    if post.is_first:
        post.topic.hidden_at = post.hidden_at
    elif counted:
        db.session.execute(update(Topic).where(Topic.id == post.topic_id)
                           .values(reply_count=Topic.reply_count + delta))


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
    state = _change_state(post, Post.held_at.is_not(None), held_at=None)
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
