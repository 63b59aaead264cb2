"""The only code that writes topics, posts, revisions and reactions."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, delete, update

from forum import policy, privacy
from forum.accounts.models import User
from forum.db_types import utcnow
from forum.discussions.models import Placement, Post, Reaction, ReactionKind, Revision, Topic, TopicKind
from forum.discussions.moderated import answer_edit_request, hold_published
from forum.discussions.states import change_state
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.holds import ON_EDIT, hold, screened
from forum.moderation.watchwords import screen
from forum.notifications import actions as notify
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
        hold_published(post)
        hold(post, warnings=warnings[0], words=screening.words, on=ON_EDIT)
    else:
        screened(post, warnings[0], screening, on=ON_EDIT)
    if post.edit_requested_at is not None:
        answer_edit_request(actor, post)


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
    state = change_state(post, Post.deleted_at.is_(None), deleted_at=now)
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
    """Change the topic's row only if ``still`` holds on it now (see ``states.change_state``); True when changed."""
    changed = db.session.execute(update(Topic).where(Topic.id == topic.id, Topic.deleted_at.is_(None), still)
                                 .values(**values).returning(Topic.id),
                                 execution_options={"synchronize_session": False}).first()
    if changed is not None:
        for name, value in values.items():
            setattr(topic, name, value)  # the search outbox sees the move (pole and theme are indexed)
    return changed is not None


