"""Moderation's tables: reports gathered into cases, statements sent to members and their
contests, watched words, and the journal (append-only) of every moderator action."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db


class ReportReason(StrEnum):
    """The five reasons of the « Signaler » dialog, in the order they are offered."""

    PERSONAL_DATA = "donnee-personnelle"
    ABUSE = "propos-injurieux"
    DANGEROUS = "information-dangereuse"
    OFF_TOPIC = "hors-sujet"
    OTHER = "autre"


REPORT_REASON_LABELS = {
    ReportReason.PERSONAL_DATA: "Donnée personnelle / personne reconnaissable",
    ReportReason.ABUSE: "Propos injurieux, discriminatoires ou diffamatoires",
    ReportReason.DANGEROUS: "Information dangereuse ou erronée",
    ReportReason.OFF_TOPIC: "Hors sujet / publicité",
    ReportReason.OTHER: "Autre (préciser)",
}

# Reasons that put a case at the top of the queue.
URGENT_REASONS = frozenset({ReportReason.PERSONAL_DATA})


class CaseState(StrEnum):
    OPEN = "ouvert"
    TAKEN = "pris-en-charge"
    HANDLED = "traite"
    CONTESTED = "conteste"
    CLOSED = "clos"


CASE_STATE_LABELS = {
    CaseState.OPEN: "Ouvert",
    CaseState.TAKEN: "Pris en charge",
    CaseState.HANDLED: "Traité",
    CaseState.CONTESTED: "Contesté",
    CaseState.CLOSED: "Clos",
}

# States in which a case waits in the queue.
PENDING_STATES = (CaseState.OPEN, CaseState.TAKEN, CaseState.CONTESTED)


class CaseOrigin(StrEnum):
    REPORT = "signalement"  # members reported the item
    PRIVACY = "donnee-personnelle"  # published over a personal-data warning: held
    WATCHED_WORD = "mot-surveille"  # a watched word held or flagged it
    CONTEST = "contestation"  # the member contests a decision


class ModerationCase(db.Model):
    """One item under review (a post, topic, sheet, sheet comment or member profile).

    ``open_key`` (« Post:12 ») is set while the case waits and cleared when it closes: the unique
    index keeps one waiting case per item, so two reports at once join the same case.
    """

    __tablename__ = "moderation_cases"
    __table_args__ = (Index("ix_moderation_cases_queue", "state", "urgent", "opened_at"),
                      Index("ix_moderation_cases_target", "target_type", "target_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    open_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    origin: Mapped[str] = mapped_column(String(20), default=CaseOrigin.REPORT)
    state: Mapped[str] = mapped_column(String(20), default=CaseState.OPEN)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the item lives (animators see their poles' cases) and whose it is.
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("poles.id", ondelete="SET NULL"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision: Mapped[str] = mapped_column(String(40), default="")
    # A contest case names the contest it decides.
    contest_id: Mapped[int | None] = mapped_column(Integer)

    taken_by = relationship("User", foreign_keys=[taken_by_id], lazy="raise")
    member = relationship("User", foreign_keys=[member_id], lazy="raise")


class Report(db.Model):
    """One member's report of one item: at most one per member and item, ever."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("target_type", "target_id", "reporter_id", name="uq_reports_target_reporter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("moderation_cases.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case = relationship(ModerationCase, lazy="raise")
    reporter = relationship("User", foreign_keys=[reporter_id], lazy="raise")


class ModerationAction(db.Model):
    """Who did what to which object, when and why. Never updated, never deleted.

    ``pole_id`` and ``member_id`` (the member whose content or account it concerns) are copied in
    at writing time so that the journal's filters are indexed queries; ``detail`` holds the
    action's own facts as JSON (duration of a suspension, topics of a split…).
    """

    __tablename__ = "moderation_actions"
    __table_args__ = (Index("ix_moderation_actions_action_created", "action", "created_at"),
                      Index("ix_moderation_actions_actor_created", "actor_id", "created_at"),
                      Index("ix_moderation_actions_member_created", "member_id", "created_at"),
                      Index("ix_moderation_actions_pole_created", "pole_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    target_label: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    pole_id: Mapped[int | None] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[str] = mapped_column(Text, default="")

    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")


class Statement(db.Model):
    """What moderation told a member about their content or account: what, why, which rule,
    whether it was automatic; the member may contest it once."""

    __tablename__ = "moderation_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    journal_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_actions.id", ondelete="SET NULL"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_cases.id", ondelete="SET NULL"))
    # The moderator who decided (a contest is decided by someone else); None when automatic.
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    target_label: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(1000), default="")
    rule: Mapped[str] = mapped_column(String(200), default="")
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    journal = relationship(ModerationAction, lazy="raise")


class ContestState(StrEnum):
    PENDING = "en-attente"
    CONFIRMED = "confirmee"
    REVERSED = "annulee"


class Contest(db.Model):
    """A member's contest of a statement (one per statement), decided by another moderator."""

    __tablename__ = "moderation_contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("moderation_statements.id", ondelete="CASCADE"),
                                              unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20), default=ContestState.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(String(1000), default="")

    statement = relationship(Statement, lazy="joined")


class WatchedEffect(StrEnum):
    BLOCK = "bloquer"
    HOLD = "retenir"
    FLAG = "signaler"


WATCHED_EFFECT_LABELS = {
    WatchedEffect.BLOCK: "Bloquer la publication",
    WatchedEffect.HOLD: "Retenir pour vérification",
    WatchedEffect.FLAG: "Signaler dans la file",
}


class WatchedWord(db.Model):
    """A word or expression administrators watch, matched whole and with accents folded."""

    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(100))
    folded: Mapped[str] = mapped_column(String(100), unique=True)
    effect: Mapped[str] = mapped_column(String(20), default=WatchedEffect.FLAG)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
