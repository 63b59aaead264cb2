"""Topics, their posts, earlier versions of posts, and reactions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum import markup
from forum.accounts.models import User
from forum.db_types import UTCDateTime, utcnow
from forum.discussions import quotations
from forum.discussions.mentions import find_mentions
from forum.extensions import db
from forum.taxonomy.models import Pole, Theme

EXCERPT_LENGTH = 180


class TopicKind(StrEnum):
    DISCUSSION = "discussion"
    QUESTION = "question"


TOPIC_KIND_LABELS = {TopicKind.DISCUSSION: "Discussion", TopicKind.QUESTION: "Question"}


class ReactionKind(StrEnum):
    THANKS = "merci"
    USEFUL = "utile"


REACTION_LABELS = {ReactionKind.THANKS: "Merci", ReactionKind.USEFUL: "Utile"}


@dataclass(frozen=True)
class Placement:
    """Where a new topic goes: the policy decides who may start one there."""

    pole: Pole
    theme: Theme


class Withdrawable:
    """A topic or a post: its author may delete it, moderation may hide it.

    What « present » and « visible » mean, once, in Python and in SQL (the policy builds on these).
    """

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Waiting for a moderator's check (published over a personal-data warning, or a watched
    # word): its author and moderators read it, nobody else, and nothing about it goes out.
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Moderation asked the author for an edit: if it also hid the item, its author still reads it
    # (to edit it), and the edit shows it again.
    edit_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @hybrid_property
    def is_present(self) -> bool:
        """Not deleted by its author."""
        return self.deleted_at is None

    @is_present.inplace.expression
    @classmethod
    def _is_present_expression(cls):
        return cls.deleted_at.is_(None)

    @hybrid_property
    def is_visible(self) -> bool:
        """What every member reads: neither deleted, hidden by moderation nor held for a check."""
        return self.deleted_at is None and self.hidden_at is None and self.held_at is None

    @is_visible.inplace.expression
    @classmethod
    def _is_visible_expression(cls):
        return cls.deleted_at.is_(None) & cls.hidden_at.is_(None) & cls.held_at.is_(None)

    @hybrid_property
    def is_shown_to_author(self) -> bool:
        """What its author still reads: held for a check, or hidden until they edit it."""
        return self.deleted_at is None and (self.hidden_at is None or self.edit_requested_at is not None)

    @is_shown_to_author.inplace.expression
    @classmethod
    def _is_shown_to_author_expression(cls):
        return cls.deleted_at.is_(None) & (cls.hidden_at.is_(None) | cls.edit_requested_at.is_not(None))


class Topic(Withdrawable, db.Model):
    """A discussion or a question, in one pole and one theme."""

    __tablename__ = "topics"
    __table_args__ = (
        Index("ix_topics_pole_last_post_at", "pole_id", "last_post_at"),
        Index("ix_topics_theme_last_post_at", "theme_id", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pole_id: Mapped[int] = mapped_column(ForeignKey("poles.id"))
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"))
    kind: Mapped[str] = mapped_column(String(20), default=TopicKind.DISCUSSION)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", use_alter=True, ondelete="SET NULL"))
    # Posts ever written (numbers are never reused) and replies still visible.
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    solved_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", use_alter=True, ondelete="SET NULL"))
    pinned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Merged into another topic by moderation: its posts live there now and its address leads there.
    merged_into_id: Mapped[int | None] = mapped_column(Integer)

    pole: Mapped[Pole] = relationship(lazy="joined", innerjoin=True)
    theme: Mapped[Theme] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="raise")
    last_post: Mapped[Post | None] = relationship(foreign_keys=[last_post_id], lazy="raise", post_update=True)
    solved_post: Mapped[Post | None] = relationship(foreign_keys=[solved_post_id], lazy="raise",
                                                      post_update=True)

    def __repr__(self) -> str:
        return f"<Topic {self.id} {self.title[:30]!r}>"

    @property
    def is_question(self) -> bool:
        return self.kind == TopicKind.QUESTION

    @property
    def is_solved(self) -> bool:
        return self.solved_post_id is not None

    @property
    def kind_label(self) -> str:
        return TOPIC_KIND_LABELS.get(self.kind, self.kind)


class Post(Withdrawable, markup.RenderedBody, db.Model):
    """A message in a topic; ``number`` is its place in the topic, starting at 1."""

    rendered_label = "messages"

    __tablename__ = "posts"
    __table_args__ = (UniqueConstraint("topic_id", "number", name="uq_posts_topic_number"),
                      # The few posts published over a warning, found without reading every post.
                      Index("ix_posts_privacy_warnings", "privacy_warnings"))

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    excerpt: Mapped[str] = mapped_column(String(EXCERPT_LENGTH + 10), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    thanks_count: Mapped[int] = mapped_column(Integer, default=0)
    useful_count: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the author published despite a personal-data warning, for moderators.
    privacy_warnings: Mapped[str] = mapped_column(String(200), default="")
    privacy_reason: Mapped[str] = mapped_column(String(300), default="")
    privacy_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Many-to-one by key: found in the session's identity map once the topic is loaded, no query.
    topic: Mapped[Topic] = relationship(foreign_keys=[topic_id])
    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="raise")
    reply_to: Mapped[Post | None] = relationship(remote_side=[id], foreign_keys=[reply_to_id], lazy="raise")

    def __repr__(self) -> str:
        return f"<Post {self.id} #{self.number} of topic {self.topic_id}>"

    def set_body(self, text: str) -> list[User]:
        """Store the Markdown source, its HTML (« @Prénom Nom » linked to the member's profile) and its
        excerpt together; return the active members it mentions.

        Quotations of a post hidden by moderation are rendered as a placeholder (the source keeps
        them: shown again, the post's quotations come back when this is called again).
        """
        found = find_mentions(text)
        super().set_body(text, mentions=found.links)
        shown = self.shown_source()
        if shown != text:
            self.body_html = markup.render(shown, mentions=found.links)
        self.excerpt = markup.excerpt(self.body_html, EXCERPT_LENGTH)
        return found.users

    def shown_source(self) -> str:
        """The Markdown as members read it: quotations of hidden posts replaced by the placeholder."""
        if not quotations.has_quotes(self.body):
            return self.body
        return quotations.conceal(self.body, self._hidden_quoted(), self.reply_to_id)

    def _hidden_quoted(self) -> list[quotations.Quoted]:
        """The hidden posts this one may quote: of its topic, and the one it replies to."""
        topic_id = self.topic.id if self.topic is not None else self.topic_id
        if topic_id is None:
            return []
        nearby = Post.topic_id == topic_id
        if self.reply_to_id is not None:
            nearby = nearby | (Post.id == self.reply_to_id)
        with db.session.no_autoflush:
            hidden = db.session.execute(db.select(Post.id, Post.body, Post.body_html).where(
                nearby, Post.hidden_at.is_not(None), Post.id != (self.id or 0))).all()
            if not hidden:
                return []
            earlier: dict[int, list[str]] = {}
            for post_id, body in db.session.execute(db.select(Revision.post_id, Revision.body)
                                                    .where(Revision.post_id.in_([row.id for row in hidden]))):
                earlier.setdefault(post_id, []).append(quotations.words(body))
        return [quotations.Quoted(row.id, (quotations.words(row.body), quotations.words(markup.plain_text(
            row.body_html)), *earlier.get(row.id, []))) for row in hidden]

    @property
    def is_first(self) -> bool:
        return self.number == 1


class Revision(markup.RenderedBody, db.Model):
    """An earlier version of a post's text, kept (and rendered) when the author edits it."""

    __tablename__ = "revisions"
    rendered_label = "versions de messages"

    def set_body(self, text: str) -> None:
        """Store an earlier text as it read then: « @Prénom Nom » linked, as in the post."""
        super().set_body(text, mentions=find_mentions(text).links)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Reaction(db.Model):
    """« Merci » or « Utile » from one member on one post (at most one of each)."""

    __tablename__ = "reactions"
    __table_args__ = (UniqueConstraint("post_id", "user_id", "kind", name="uq_reactions_post_user_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
