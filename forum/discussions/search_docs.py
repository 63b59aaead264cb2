"""Discussions in the search index: one document per topic, its title and its visible posts."""

from __future__ import annotations

from forum import markup
from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.search.documents import document
from forum.search.registry import Source


def build(topic_ids: list[int]) -> dict[int, dict | None]:
    """The documents of these topics as every member reads them; hidden or deleted topics give None.

    The index is shared by all readers, so it holds what is visible to every member
    (``Topic.is_visible`` and ``Post.is_visible``, the same expressions the policy builds on).
    """
    topics = {topic.id: topic for topic in db.session.scalars(db.select(Topic).where(Topic.id.in_(topic_ids)))}
    texts: dict[int, list[str]] = {}
    rows = db.session.execute(
        db.select(Post.topic_id, Post.body_html)
        .where(Post.topic_id.in_(list(topics)), Post.is_visible)
        .order_by(Post.topic_id, Post.number))
    for topic_id, body_html in rows:
        texts.setdefault(topic_id, []).append(markup.plain_text(body_html))
    documents: dict[int, dict | None] = {}
    for topic_id in topic_ids:
        topic = topics.get(topic_id)
        if topic is None or not topic.is_visible or topic_id not in texts:
            documents[topic_id] = None
            continue
        documents[topic_id] = document(
            key=f"topic:{topic.id}", kind="discussion", pole=topic.pole.slug, themes=topic.theme.slug,
            structure_kind="", year=str(topic.created_at.year), solved="1" if topic.is_solved else "0",
            visibility="members", date=topic.last_post_at, title=topic.title, body="\n\n".join(texts[topic_id]))
    return documents


def all_ids():
    return db.session.scalars(db.select(Topic.id).order_by(Topic.id))


SOURCE = Source(kind="topic", keys={Topic: lambda topic: topic.id, Post: lambda post: post.topic_id},
                build=build, all_ids=all_ids, page=("discussions.topic", "topic_id"),
                labels={"kind": {"discussion": "Discussions"}})
