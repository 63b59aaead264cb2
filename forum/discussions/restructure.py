"""Moderation's changes to the shape of discussions: split replies off into a new topic, merge
one topic into another. The only code that moves posts between topics.

Moderation's own actions (``forum.moderation.topics``) call these within their unit of work,
which records the journal, tells the authors and settles the cases. Each move:

- takes the source topic's row first (an UPDATE that re-checks it still stands), so two
  moderators moving the same posts queue on that row and the second finds them gone;
- keeps every post's author, dates, reactions, versions and ``reply_to`` link (a link may now
  point into the other topic: the page says so);
- numbers the posts of every topic it touches 1..n again, in their order (pages are cut by
  number), and recomputes the counters in SQL;
- moves the read marks, notifications and follows along (``notifications.restructure``) and
  queues both topics for the search index.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select, update

from forum import policy, privacy
from forum.db_types import utcnow
from forum.discussions.actions import _clean_title
from forum.discussions.models import Placement, Post, Topic, TopicKind
from forum.errors import ActionError
from forum.extensions import db
from forum.notifications import restructure as follow
from forum.search import outbox
from forum.search.registry import key_of
from forum.transaction import atomic

MAX_MOVED = 2000  # a split moves at most this many posts in one go (a page lists them all)
GONE = ("Cette discussion vient d'être fusionnée, scindée ou supprimée par quelqu'un d'autre : "
        "rien n'a été changé. Rechargez la page.")


@dataclass(frozen=True)
class Moved:
    """What a split or a merge did: the topics on each side and the posts that went."""

    source_id: int
    target_id: int
    post_ids: list[int]
    author_ids: list[int]


def _claim(topic: Topic) -> None:
    """Take the topic's row for this transaction, if it still stands (neither merged nor deleted).

    A no-op UPDATE: on PostgreSQL it locks the row, on SQLite it takes the write lock; a second
    moderator doing the same waits here, then reads what the first one committed.
    """
    row = db.session.execute(
        update(Topic).where(Topic.id == topic.id, Topic.deleted_at.is_(None), Topic.merged_into_id.is_(None))
        .values(post_count=Topic.post_count).returning(Topic.id),
        execution_options={"synchronize_session": False}).first()
    if row is None:
        raise ActionError(GONE)


def _clean_split_title(title: str) -> str:
    title = _clean_title(title)
    if privacy.detect(title, privacy.allowed_email_domains()):
        raise ActionError("Le titre contient une information qui pourrait identifier quelqu'un : reformulez-le.",
                          "title")
    return title


def _renumber(topic_id: int) -> None:
    """Number the topic's posts 1..n in their current order, without breaking the unique numbering."""
    ids = db.session.scalars(select(Post.id).where(Post.topic_id == topic_id).order_by(Post.number, Post.id)).all()
    if not ids:
        return
    # Two passes: first out of the way (negative numbers), then into place; a single pass could
    # collide with a number not moved yet (the constraint is checked row by row).
    db.session.execute(update(Post).where(Post.topic_id == topic_id).values(number=-Post.number),
                       execution_options={"synchronize_session": False})
    db.session.execute(update(Post), [{"id": post_id, "number": index} for index, post_id in enumerate(ids, 1)],
                       execution_options={"synchronize_session": False})


def _recount(topic_ids: list[int]) -> None:
    """Recompute post_count, reply_count, last_post_id and last_post_at of these topics in SQL."""
    replies = (select(func.count(Post.id)).where(Post.topic_id == Topic.id, Post.number > 1, Post.is_visible)
               .scalar_subquery())
    numbered = select(func.coalesce(func.max(Post.number), 0)).where(Post.topic_id == Topic.id).scalar_subquery()
    latest = select(Post.id).where(Post.topic_id == Topic.id).order_by(Post.created_at.desc(), Post.number.desc()) \
        .limit(1).scalar_subquery()
    latest_at = select(func.max(Post.created_at)).where(Post.topic_id == Topic.id).scalar_subquery()
    db.session.execute(
        update(Topic).where(Topic.id.in_(topic_ids))
        .values(post_count=numbered, reply_count=replies, last_post_id=latest,
                last_post_at=func.coalesce(latest_at, Topic.created_at)),
        execution_options={"synchronize_session": False})


def _reindex(topic_ids: list[int]) -> None:
    """Both topics are read again by the search index (rows moved in SQL are not seen by the ORM hooks)."""
    outbox.enqueue_keys([key_of("topic", topic_id) for topic_id in topic_ids])


def _refresh(*topics: Topic) -> None:
    """Reload what SQL changed behind the session's back (the caller reads these objects next)."""
    db.session.flush()
    for topic in topics:
        db.session.refresh(topic)
    for post in [obj for obj in db.session.identity_map.values() if isinstance(obj, Post)]:
        db.session.expire(post)


def selected_posts(topic: Topic, post_ids: list[int]) -> list[Post]:
    """The posts of ``topic`` with these ids, in order; an id of another topic is refused."""
    wanted = sorted(set(post_ids))
    if not wanted:
        raise ActionError("Cochez au moins un message à déplacer dans la nouvelle discussion.", "post_ids")
    if len(wanted) > MAX_MOVED:
        raise ActionError(f"Une scission déplace au plus {MAX_MOVED} messages.", "post_ids")
    posts = list(db.session.scalars(select(Post).where(Post.id.in_(wanted), Post.topic_id == topic.id)
                                    .order_by(Post.number).execution_options(populate_existing=True)))
    if len(posts) != len(wanted):
        raise ActionError("Certains messages choisis ne sont pas (ou plus) dans cette discussion : rien n'a été "
                          "changé. Rechargez la page.", "post_ids")
    return posts


@atomic
def split_topic(actor, source: Topic, post_ids: list[int], *, title: str, pole, theme) -> tuple[Topic, Moved]:
    """Make a new discussion of some replies of ``source``; the first of them opens it."""
    policy.require(actor, "split", source)
    policy.require(actor, "move_into", Placement(pole, theme))
    title = _clean_split_title(title)
    _claim(source)
    posts = selected_posts(source, post_ids)
    if any(post.number == 1 for post in posts):
        raise ActionError("Le premier message reste dans la discussion d'origine : ne cochez que des réponses.",
                          "post_ids")
    if any(not post.is_present or not policy.can(actor, "view", post) for post in posts):
        raise ActionError("Seuls des messages que vous pouvez lire et qui n'ont pas été supprimés peuvent être "
                          "déplacés.", "post_ids")
    first = posts[0]
    # The new topic is its first post's: same author, same date, same moderation state.
    target = Topic(pole_id=pole.id, theme_id=theme.id, kind=TopicKind.DISCUSSION, title=title,
                   author_id=first.author_id, created_at=first.created_at, last_post_at=first.created_at,
                   post_count=0, reply_count=0, hidden_at=first.hidden_at, held_at=first.held_at,
                   edit_requested_at=first.edit_requested_at)
    db.session.add(target)
    db.session.flush()
    moved_ids = [post.id for post in posts]
    follow.split_read_marks(source.id, target.id, moved_ids)  # read while the numbers are still the old ones
    db.session.execute(update(Post), [{"id": post.id, "topic_id": target.id, "number": index}
                                      for index, post in enumerate(posts, 1)],
                       execution_options={"synchronize_session": False})
    _renumber(source.id)
    # A solution that left with its post is no solution of the old question; the new topic is a discussion.
    db.session.execute(update(Topic).where(Topic.id == source.id, Topic.solved_post_id.in_(moved_ids))
                       .values(solved_post_id=None), execution_options={"synchronize_session": False})
    _recount([source.id, target.id])
    follow.posts_moved(moved_ids, source.id, target.id)
    _reindex([source.id, target.id])
    _refresh(source, target)
    return target, Moved(source.id, target.id, moved_ids, sorted({post.author_id for post in posts}))


@atomic
def merge_topics(actor, absorbed: Topic, into: Topic) -> Moved:
    """Append every post of ``absorbed`` to ``into`` (in their order, after its own); ``absorbed``'s
    address leads to ``into`` from now on."""
    policy.require(actor, "merge", absorbed)
    policy.require(actor, "merge", into)
    if absorbed.id == into.id:
        raise ActionError("Choisissez une autre discussion que celle-ci.", "into")
    # Rows taken in id order: two merges crossing each other (A into B, B into A) cannot deadlock.
    for topic in sorted((absorbed, into), key=lambda item: item.id):
        _claim(topic)
    now = utcnow()
    db.session.execute(update(Topic).where(Topic.id == absorbed.id)
                       .values(merged_into_id=into.id, deleted_at=now, pinned_at=None),
                       execution_options={"synchronize_session": False})
    offset = db.session.scalar(select(func.coalesce(func.max(Post.number), 0)).where(Post.topic_id == into.id))
    moved = db.session.execute(select(Post.id, Post.author_id).where(Post.topic_id == absorbed.id)
                               .order_by(Post.number)).all()
    moved_ids = [row.id for row in moved]
    follow.merge_read_marks(absorbed.id, into.id)
    db.session.execute(update(Post).where(Post.topic_id == absorbed.id)
                       .values(topic_id=into.id, number=Post.number + offset),
                       execution_options={"synchronize_session": False})
    _renumber(into.id)  # the absorbed topic's numbering may have gaps: close them
    # ``into`` keeps its own solution; a question without one takes the absorbed topic's.
    db.session.execute(update(Topic).where(Topic.id == into.id).values(solved_post_id=case(
        (Topic.solved_post_id.is_(None) & (Topic.kind == TopicKind.QUESTION), absorbed.solved_post_id),
        else_=Topic.solved_post_id)), execution_options={"synchronize_session": False})
    db.session.execute(update(Topic).where(Topic.id == absorbed.id).values(solved_post_id=None),
                       execution_options={"synchronize_session": False})
    _recount([absorbed.id, into.id])
    follow.posts_moved(moved_ids, absorbed.id, into.id, whole_topic=True)
    _reindex([absorbed.id, into.id])
    _refresh(absorbed, into)
    return Moved(absorbed.id, into.id, moved_ids, sorted({row.author_id for row in moved}))


def merged_target(topic: Topic) -> Topic | None:
    """The topic a merged one now lives in (following later merges), or None if it was not merged."""
    seen = set()
    while topic is not None and topic.merged_into_id is not None and topic.id not in seen:
        seen.add(topic.id)
        topic = db.session.get(Topic, topic.merged_into_id)
    return topic if seen else None
