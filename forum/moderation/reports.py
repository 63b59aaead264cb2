"""Reports and the handling of their cases: a member reports an item (once), the item is hidden
pending review when enough members reported it, a moderator or animator takes the case, gives it
back, or classes it « sans suite ». Each is one unit of work with its journal entry.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import update

from forum import policy
from forum.accounts.models import User
from forum.db_types import utcnow
from forum.discussions import moderated as discussions
from forum.discussions.models import Post
from forum.errors import ActionError
from forum.extensions import db
from forum.library import actions as library
from forum.moderation import statements, targets
from forum.moderation.audit import record
from forum.moderation.cases import open_case
from forum.moderation.models import (
    PENDING_STATES,
    URGENT_REASONS,
    CaseOrigin,
    CaseState,
    ModerationAction,
    ModerationCase,
    Report,
    ReportReason,
)
from forum.notifications import mail
from forum.policy import kind_of
from forum.sql import insert_new
from forum.transaction import atomic

AUTO_HIDE_RULE = ("Charte d'utilisation : un contenu signalé par plusieurs membres est masqué "
                  "en attente de vérification par l'équipe de modération.")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal de modération.", "reason")
    return reason[:1000]


@atomic
def report(actor, target, reason: str, note: str = "") -> ModerationCase:
    """A member reports an item they read: the report joins the item's waiting case (opened if
    needed, urgent for personal data); enough different reporters hide it pending review."""
    policy.require(actor, "report", target)
    if reason not in set(ReportReason):
        raise ActionError("Choisissez le motif du signalement.", "reason")
    note = (note or "").strip()
    if reason == ReportReason.OTHER and not note:
        raise ActionError("Précisez le motif : vous avez choisi « Autre ».", "note")
    if len(note) > 1000:
        raise ActionError("1 000 caractères au maximum.", "note")
    case = open_case(target, CaseOrigin.REPORT, urgent=reason in URGENT_REASONS)
    added = insert_new(Report, case_id=case.id, target_type=kind_of(target), target_id=target.id,
                       reporter_id=actor.id, reason=str(reason), note=note, created_at=utcnow())
    if not added:  # the unique (item, reporter) row decides, even for two clicks at once
        raise ActionError("Vous avez déjà signalé ce contenu.")
    # Counted in SQL: each report sees its own total, so exactly one of them reaches the threshold.
    count = db.session.execute(update(ModerationCase).where(ModerationCase.id == case.id)
                               .values(report_count=ModerationCase.report_count + 1)
                               .returning(ModerationCase.report_count),
                               execution_options={"synchronize_session": False}).scalar_one()
    case.report_count = count
    if count == current_app.config["FORUM_AUTO_HIDE_REPORTS"]:
        _auto_hide(target, case, count)
    return case


def _auto_hide(target, case: ModerationCase, count: int) -> None:
    """Hide the item pending review and tell its author. A sheet or a profile is not hidden: its
    case is only raised to urgent (a whole sheet or an account is not taken down by members)."""
    kind = kind_of(target)
    if kind in ("Post", "Topic"):
        post = targets.first_post(target) if kind == "Topic" else target
        if post is None or post.hidden_at is not None or not post.is_present:
            return  # already hidden by a moderator: nothing to do automatically
        discussions.hide_post(policy.SYSTEM, post)
        mail.withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id])
        hidden = post
    elif kind == "SheetComment":
        if not library.set_comment_hidden(policy.SYSTEM, target, True):
            return
        hidden = target
    else:
        db.session.execute(update(ModerationCase).where(ModerationCase.id == case.id).values(urgent=True),
                           execution_options={"synchronize_session": False})
        case.urgent = True
        return
    entry = record(policy.SYSTEM, "auto_hide", hidden, targets.label(hidden),
                   f"Masqué automatiquement après {count} signalements de membres différents.",
                   case=case, automatic=True, detail={"reports": count})
    statements.issue(getattr(hidden, "author_id", None), entry, rule=AUTO_HIDE_RULE, case=case, automatic=True)


@atomic
def take(actor, case: ModerationCase) -> None:
    """Take a waiting case: the others see who handles it. Two moderators at once: one wins."""
    policy.require(actor, "take", case)
    now = utcnow()
    taken = db.session.execute(
        update(ModerationCase).where(ModerationCase.id == case.id, ModerationCase.state == CaseState.OPEN)
        .values(state=CaseState.TAKEN, taken_by_id=actor.id, taken_at=now).returning(ModerationCase.id),
        execution_options={"synchronize_session": False}).first()
    if taken is None:
        db.session.refresh(case)
        if case.state == CaseState.TAKEN and case.taken_by_id == actor.id:
            raise ActionError("Vous avez déjà pris en charge ce signalement.")
        if case.state == CaseState.TAKEN:
            # Colleagues may know who: they can then agree between themselves on who handles it.
            who = db.session.get(User, case.taken_by_id) if case.taken_by_id else None
            name = f" ({who.display_name})" if who else ""
            raise ActionError(f"Ce signalement vient d'être pris en charge par un autre modérateur{name}.")
        raise ActionError("Ce signalement a déjà été traité.")
    case.state, case.taken_by_id, case.taken_at = CaseState.TAKEN, actor.id, now


@atomic
def release(actor, case: ModerationCase) -> None:
    """Give a case one has taken back to the queue."""
    policy.require(actor, "take", case)
    released = db.session.execute(
        update(ModerationCase).where(ModerationCase.id == case.id, ModerationCase.state == CaseState.TAKEN,
                                     ModerationCase.taken_by_id == actor.id)
        .values(state=CaseState.OPEN, taken_by_id=None, taken_at=None).returning(ModerationCase.id),
        execution_options={"synchronize_session": False}).first()
    if released is None:
        raise ActionError("Ce signalement n'est plus pris en charge par vous.")
    case.state, case.taken_by_id, case.taken_at = CaseState.OPEN, None, None


@atomic
def dismiss(actor, case: ModerationCase, reason: str) -> None:
    """« Classer sans suite »: the reports were not founded. An item hidden automatically by the
    reports is shown again (no moderator decided to hide it); one a moderator hid stays hidden."""
    policy.require(actor, "dismiss", case)
    if case.origin == CaseOrigin.CONTEST:  # a contest is decided (confirmed or reversed), never set aside
        raise ActionError("Une contestation ne se classe pas : confirmez ou annulez la décision contestée.")
    reason = _reason(reason)
    closed = db.session.execute(
        update(ModerationCase).where(ModerationCase.id == case.id, ModerationCase.state.in_(PENDING_STATES))
        .values(state=CaseState.CLOSED, open_key=None, closed_at=utcnow(), closed_by_id=actor.id,
                decision="dismissed").returning(ModerationCase.id),
        execution_options={"synchronize_session": False}).first()
    if closed is None:
        raise ActionError("Ce signalement a déjà été traité par un autre modérateur.")
    db.session.refresh(case)
    target = targets.load(case.target_type, case.target_id)
    shown = _undo_auto_hide(case, target) if target is not None else False
    journal_target = target if target is not None else case.target_type
    entry = record(actor, "dismiss_reports", journal_target,
                   targets.label(target) if target is not None else "Contenu supprimé depuis",
                   reason, case=case, pole_id=case.pole_id, member_id=case.member_id,
                   detail={"reports": case.report_count, "shown_again": shown})
    if target is None:
        entry.target_id = case.target_id


def _undo_auto_hide(case: ModerationCase, target) -> bool:
    """Show again what the reports of this case hid automatically; True when something was shown."""
    hidden_by_reports = db.session.scalar(
        db.select(ModerationAction.id).where(ModerationAction.case_id == case.id,
                                             ModerationAction.action == "auto_hide").limit(1))
    if hidden_by_reports is None:
        return False
    kind = kind_of(target)
    if kind in ("Post", "Topic"):
        post = targets.first_post(target) if kind == "Topic" else target
        if post is None or post.hidden_at is None or post.hidden_by_id is not None:
            return False  # a moderator hid it since: their decision stands
        discussions.unhide_post(policy.SYSTEM, post)
        return True
    if kind == "SheetComment":
        return library.set_comment_hidden(policy.SYSTEM, target, False)
    return False
