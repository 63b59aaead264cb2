"""Notifications, subscriptions, read marks, and the mail outbox (e-mails sent after commit)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db


class MailMessage(db.Model):
    """One e-mail waiting to be sent, or sent (kept for a while for support)."""

    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    # Not before this time: e-mails wait for the end of the recipient's quiet hours.
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # One-click unsubscribe address (List-Unsubscribe header) for notification e-mails.
    unsubscribe_url: Mapped[str] = mapped_column(String(500), default="")
    # The post an e-mail quotes, so that masking the post can withdraw unsent e-mails.
    post_id: Mapped[int | None] = mapped_column(Integer, index=True)

    def __repr__(self) -> str:
        return f"<MailMessage {self.id} {self.kind} sent={bool(self.sent_at)}>"


class SubscriptionLevel(StrEnum):
    FOLLOW = "follow"
    MUTE = "mute"


class Subscription(db.Model):
    """A member follows (or mutes) a topic, a pole or a theme."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("user_id", "target_type", "target_id", name="uq_subscriptions_user_target"),
        Index("ix_subscriptions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(20))  # topic | pole | theme
    target_id: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10), default=SubscriptionLevel.FOLLOW)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NotificationKind(StrEnum):
    REPLY = "reply"
    MENTION = "mention"
    SOLUTION = "solution"
    NEW_TOPIC = "new_topic"
    # good-practice sheets
    NEW_SHEET = "new_sheet"
    SHEET_SUBMITTED = "sheet_submitted"
    SHEET_COMMENT = "sheet_comment"
    SHEET_CHANGES = "sheet_changes"
    SHEET_PUBLISHED = "sheet_published"
    SHEET_ARCHIVED = "sheet_archived"
    SHEET_RESTORED = "sheet_restored"
    SHEET_DUE = "sheet_due"
    SHEET_CREDIT = "sheet_credit"


class Notification(db.Model):
    """Something that happened for a member: shown on the notifications page, e-mailed per preference."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_read", "user_id", "read_at"),
        Index("ix_notifications_user_topic", "user_id", "topic_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    sheet_id: Mapped[int | None] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    topic = relationship("Topic", lazy="raise")
    post = relationship("Post", lazy="raise")
    sheet = relationship("Sheet", lazy="raise")
    actor = relationship("User", foreign_keys=[actor_id], lazy="raise")


class ReadMark(db.Model):
    """How far a member has read a topic (the number of the last post seen)."""

    __tablename__ = "read_marks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True)
    last_read_number: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
