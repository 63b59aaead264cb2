"""What moderation can be about: posts, topics, sheets, sheet comments and member profiles.

One place names them in French, finds them from a case's (kind, id), in batches for the queue,
and says where each one is read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from flask import url_for
from sqlalchemy.orm import defer, joinedload

from forum.accounts.models import User
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.formatting import of
from forum.library.models import Sheet, SheetComment
from forum.urls import UrlPattern

MODELS = {"Post": Post, "Topic": Topic, "Sheet": Sheet, "SheetComment": SheetComment, "User": User}

# The kind as it reads in an address (« /moderation/signaler/message/12 ») and back.
SLUGS = {"Post": "message", "Topic": "discussion", "Sheet": "fiche", "SheetComment": "commentaire", "User": "membre"}
KINDS_BY_SLUG = {slug: kind for kind, slug in SLUGS.items()}

KIND_LABELS = {
    "Post": "Message",
    "Topic": "Discussion",
    "Sheet": "Fiche bonne pratique",
    "SheetComment": "Commentaire de relecture",
    "User": "Profil de membre",
}


def _options(kind: str) -> list:
    """Loader options so that a label and a link need no further query."""
    if kind == "Post":  # the queue shows the excerpt: the whole body stays in the database
        return [joinedload(Post.author), joinedload(Post.topic), defer(Post.body), defer(Post.body_html)]
    if kind == "Topic":
        return [joinedload(Topic.author)]
    if kind == "SheetComment":
        sheet = joinedload(SheetComment.sheet)
        return [joinedload(SheetComment.author), sheet.joinedload(Sheet.published_revision),
                sheet.joinedload(Sheet.current_revision)]
    if kind == "Sheet":
        return [joinedload(Sheet.published_revision), joinedload(Sheet.current_revision)]
    return []


def exists(target) -> bool:
    """Still there: not deleted by its author (a hidden item is still there)."""
    if target is None:
        return False
    return getattr(target, "is_present", True) and getattr(target, "status", "") != "deleted"


def load(kind: str, target_id: int):
    """The item a report or a case is about, or None when it no longer exists."""
    model = MODELS.get(kind)
    if model is None:
        return None
    target = db.session.scalars(db.select(model).options(*_options(kind)).where(model.id == target_id)).first()
    return target if exists(target) else None


def load_many(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], object]:
    """Many items at once, one query per kind whatever their number (the queue's cards)."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, target_id in pairs:
        if kind in MODELS:
            wanted[kind].add(target_id)
    found = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        for target in db.session.scalars(db.select(model).options(*_options(kind)).where(model.id.in_(ids))).unique():
            if exists(target):
                found[(kind, target.id)] = target
    return found


def label(target) -> str:
    """The item in a few words, for the journal and the pages: « Message de X dans « titre » »."""
    kind = type(target).__name__
    if kind == "Post":  # the author by key: in the identity map when the page loaded it
        return f"Message {of(db.session.get(User, target.author_id).display_name)} dans « {target.topic.title} »"
    if kind == "Topic":
        return f"Discussion « {target.title} »"
    if kind == "Sheet":
        return f"Fiche « {target.known_title} »"
    if kind == "SheetComment":
        return f"Commentaire {of(target.author.display_name)} sur la fiche « {target.sheet.known_title} »"
    if kind == "User":
        return f"Profil {of(target.display_name)}"
    return kind


# Routes that need nothing but the item's id: built once, filled in per item (the queue lists 50).
_PATTERNS = {"Post": ("discussions.post_permalink", "post_id"), "Topic": ("discussions.topic", "topic_id"),
             "Sheet": ("library.sheet", "sheet_id"), "User": ("accounts.member", "user_id")}


def url(target) -> str:
    """Where the item is read."""
    kind = type(target).__name__
    if kind == "SheetComment":
        return url_for("library.sheet", sheet_id=target.sheet_id, _anchor=f"commentaire-{target.id}")
    return UrlPattern.of(*_PATTERNS[kind])(target.id)


def first_post(topic: Topic) -> Post | None:
    """The opening post of a topic (hiding it hides the topic)."""
    return db.session.scalars(db.select(Post).where(Post.topic_id == topic.id, Post.number == 1)).first()
