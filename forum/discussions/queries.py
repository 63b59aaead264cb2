"""Read-side queries of the discussions: lists and topic pages, eager-loaded.

Relationships are ``lazy="raise"`` on the models, so a page can only touch what these
queries load: the number of SQL statements of a page does not grow with its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy.orm import defer, joinedload

from forum import policy
from forum.discussions.models import Post, Reaction, Revision, Topic
from forum.extensions import db
from forum.notifications.models import ReadMark, Subscription

POSTS_PER_PAGE = 20  # keeps a topic page with its CSS and JS under 100 kB
TOPICS_PER_PAGE = 25
TREE_ROOTS_PER_PAGE = 15
TREE_MAX_DEPTH = 4

FILTERS = {
    "sans-reponse": "Sans réponse",
    "resolues": "Résolues",
    "mes-discussions": "Mes discussions",
    "suivies": "Suivies",
}


@dataclass
class TopicRow:
    topic: Topic
    unread: bool


def topic_list(user, *, pole_id: int | None = None, theme_id: int | None = None, show: str = "",
               page: int = 1, pinned_first: bool = False):
    """One page of the topics ``user`` may open, most recently active first, with unread marks."""
    query = (
        db.select(Topic)
        .where(policy.visible_topics(user))
        .options(joinedload(Topic.author),
                 # the list shows who wrote last and when, never the text: leave the bodies in the database
                 joinedload(Topic.last_post).load_only(Post.id, Post.author_id, Post.created_at)
                 .joinedload(Post.author))
    )
    if pole_id is not None:
        query = query.where(Topic.pole_id == pole_id)
    if theme_id is not None:
        query = query.where(Topic.theme_id == theme_id)
    if show == "sans-reponse":
        query = query.where(Topic.reply_count == 0)
    elif show == "resolues":
        query = query.where(Topic.solved_post_id.is_not(None))
    elif show == "mes-discussions":
        mine = db.select(Post.id).where(Post.topic_id == Topic.id, Post.author_id == user.id, Post.is_present)
        query = query.where(mine.exists())
    elif show == "suivies":
        query = query.join(Subscription, (Subscription.target_type == "topic") & (Subscription.target_id == Topic.id)
                           & (Subscription.user_id == user.id) & (Subscription.level == "follow"))
    order = [Topic.last_post_at.desc(), Topic.id.desc()]
    if pinned_first:
        order.insert(0, Topic.pinned_at.is_(None))
    pagination = db.paginate(query.order_by(*order), page=page, per_page=TOPICS_PER_PAGE, error_out=False)
    ids = [topic.id for topic in pagination.items]
    read = dict(db.session.execute(
        db.select(ReadMark.topic_id, ReadMark.last_read_number).where(ReadMark.user_id == user.id,
                                                                     ReadMark.topic_id.in_(ids))
    ).all()) if ids else {}
    pagination.rows = [TopicRow(topic, read.get(topic.id, 0) < topic.post_count) for topic in pagination.items]
    return pagination


@dataclass
class TopicPage:
    topic: Topic
    posts: list[Post]
    page: int
    pages: int
    solution: Post | None
    my_reactions: set[tuple[int, str]]
    subscription: str | None
    last_read: int
    reader_id: int | None = None
    depth: dict[int, int] = field(default_factory=dict)  # tree view: post id -> indentation

    @property
    def first_unread(self) -> int | None:
        """The number of the first post written since the reader's last visit (None: all read or first visit)."""
        if self.last_read and self.last_read < self.topic.post_count:
            return self.last_read + 1
        return None

    @property
    def first_unread_page(self) -> int:
        return page_of_number(self.first_unread or 1)

    @cached_property  # asked once per post by the page
    def first_new_id(self) -> int | None:
        """The first post of this page the reader has not seen (their own posts are not news)."""
        return next((post.id for post in self.posts
                     if post.number > self.last_read and post.author_id != self.reader_id), None) \
            if self.last_read else None


def _posts_with_authors():
    # The page shows rendered HTML, never the Markdown source; of the post answered, only its excerpt.
    return (db.select(Post)
            .options(defer(Post.body), joinedload(Post.author),
                     joinedload(Post.reply_to).load_only(Post.id, Post.topic_id, Post.excerpt, Post.author_id,
                                                         Post.deleted_at, Post.hidden_at, Post.held_at,
                                                         Post.edit_requested_at).joinedload(Post.author)))


def _tree_page(topic: Topic, page: int) -> tuple[list[Post], int, dict[int, int]]:
    """Posts of one page of the tree view: a slice of the top-level posts with all their answers."""
    shape = db.session.execute(
        db.select(Post.id, Post.reply_to_id, Post.number).where(Post.topic_id == topic.id).order_by(Post.number)
    ).all()
    children: dict[int | None, list[int]] = {}
    known = {row.id for row in shape}
    for row in shape:
        parent = row.reply_to_id if row.reply_to_id in known else None
        children.setdefault(parent, []).append(row.id)
    roots = children.get(None, [])
    pages = max(1, -(-len(roots) // TREE_ROOTS_PER_PAGE))
    ordered: list[int] = []
    depth: dict[int, int] = {}

    def walk(post_id: int, level: int) -> None:
        ordered.append(post_id)
        depth[post_id] = min(level, TREE_MAX_DEPTH)
        for child in children.get(post_id, []):
            walk(child, level + 1)

    start = (page - 1) * TREE_ROOTS_PER_PAGE
    for root in roots[start:start + TREE_ROOTS_PER_PAGE]:
        walk(root, 0)
    loaded = {post.id: post for post in db.session.scalars(_posts_with_authors().where(Post.id.in_(ordered)))}
    return [loaded[post_id] for post_id in ordered], pages, depth


def topic_page(user, topic: Topic, page: int, tree: bool = False) -> TopicPage:
    """Everything the topic page shows, in a fixed number of queries."""
    depth: dict[int, int] = {}
    if tree:
        posts, pages, depth = _tree_page(topic, page)
    else:
        pages = max(1, -(-topic.post_count // POSTS_PER_PAGE))
        first = (page - 1) * POSTS_PER_PAGE + 1
        posts = list(db.session.scalars(_posts_with_authors().where(
            Post.topic_id == topic.id, Post.number >= first, Post.number < first + POSTS_PER_PAGE,
        ).order_by(Post.number)))
    solution = None
    if topic.solved_post_id is not None:  # always its own query: the page costs the same on every page
        solution = db.session.scalar(_posts_with_authors().where(Post.id == topic.solved_post_id))
    ids = [post.id for post in posts]
    reactions = {tuple(row) for row in db.session.execute(
        db.select(Reaction.post_id, Reaction.kind).where(Reaction.user_id == user.id, Reaction.post_id.in_(ids))
    )} if ids else set()
    state = db.session.execute(
        db.select(Subscription.level, ReadMark.last_read_number)
        .select_from(Topic)
        .outerjoin(Subscription, (Subscription.target_type == "topic") & (Subscription.target_id == Topic.id)
                   & (Subscription.user_id == user.id))
        .outerjoin(ReadMark, (ReadMark.topic_id == Topic.id) & (ReadMark.user_id == user.id))
        .where(Topic.id == topic.id)
    ).first()
    return TopicPage(topic=topic, posts=posts, page=page, pages=pages, solution=solution, my_reactions=reactions,
                     subscription=state[0] if state else None, last_read=(state[1] or 0) if state else 0,
                     reader_id=user.id, depth=depth)


def load_post(post_id: int) -> Post | None:
    """A post with its topic (the rules need it) and its author (the pages show them)."""
    return db.session.scalar(db.select(Post).options(joinedload(Post.topic), joinedload(Post.author))
                             .where(Post.id == post_id))


def post_from(topic: Topic, number: int) -> Post | None:
    """The first post of the topic numbered ``number`` or later."""
    return db.session.scalar(db.select(Post).where(Post.topic_id == topic.id, Post.number >= number)
                             .order_by(Post.number).limit(1))


def post_revisions(post: Post) -> list[Revision]:
    """The earlier versions of a post, newest first."""
    return list(db.session.scalars(db.select(Revision).where(Revision.post_id == post.id)
                                   .order_by(Revision.created_at.desc(), Revision.id.desc())))


def page_of_number(number: int) -> int:
    """The page (chronological view) that shows post ``number``."""
    return max(1, (number - 1) // POSTS_PER_PAGE + 1)


def split_candidates(topic: Topic, limit: int) -> list[Post]:
    """The replies of a topic a split may move, in order: those not deleted (the policy filters further)."""
    return list(db.session.scalars(
        db.select(Post).options(joinedload(Post.author))
        .where(Post.topic_id == topic.id, Post.number > 1, Post.is_present).order_by(Post.number).limit(limit)))


def topic_by_id(topic_id: int) -> Topic | None:
    """A topic by its number, whatever its state (the caller asks the policy)."""
    return db.session.get(Topic, topic_id)
