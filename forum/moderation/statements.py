"""Statements: what moderation tells a member about an action on their content or account, and
the member's contest of it, decided by another moderator.

``issue`` adds the statement (and its e-mail) to the caller's transaction, from the journal
entry of the action; ``contest`` and ``decide_contest`` are actions.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update

from forum import policy
from forum.accounts.models import EmailMode, Status, User
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import targets
from forum.moderation.audit import ACTION_LABELS, record
from forum.moderation.cases import open_case, settle
from forum.moderation.models import (
    CaseOrigin,
    CaseState,
    Contest,
    ContestState,
    ModerationAction,
    ModerationCase,
    Statement,
)
from forum.notifications.mail import enqueue
from forum.policy.moderation import FINAL_ACTIONS  # outcomes of a contest: told, not contestable again
from forum.sql import insert_new
from forum.transaction import atomic
from forum.urls import absolute_url

# The charte's rules, as a statement names them (pages/defaults/charte.md, domain.md §6.2).
RULES = {
    "personnes": "Règle d'or : on parle des situations, jamais des personnes (aucune donnée permettant "
                 "de reconnaître quelqu'un)",
    "respect": "Respect et bienveillance : pas de propos injurieux, discriminatoires ou diffamatoires, "
               "ni de publicité ou de hors-sujet",
    "alerte": "Ce forum n'est pas un canal d'alerte",
    "compte": "Vos comptes et vos responsabilités",
}
# The rule a statement names when the action does not say.
ACTION_RULES = {"mask_post": "personnes", "review_post": "personnes", "suspend_account": "respect",
                "warn_member": "respect", "request_edit": "respect", "hide_post": "respect"}
CONTEST_MAX = 1000

# Where a statement's item is read: (endpoint, argument) per kind of target.
_LINKS = {"Post": ("discussions.post_permalink", "post_id"), "Topic": ("discussions.topic", "topic_id"),
          "Sheet": ("library.sheet", "sheet_id")}


def rule_text(rule: str, action: str) -> str:
    """The charte rule a statement names: a key of RULES, a text as given, or the action's default."""
    rule = rule or ACTION_RULES.get(action, "")
    return RULES.get(rule, rule)


def target_of(kind: str, target_id: int | None):
    """The object a statement or journal entry is about, if its row still exists (deleted or not)."""
    model = targets.MODELS.get(kind)
    return db.session.get(model, target_id) if model is not None and target_id is not None else None


def item_link(statement: Statement, member) -> str:
    """A link to the statement's item when its member can still read it; empty otherwise."""
    if statement.target_type not in _LINKS:
        return ""
    target = target_of(statement.target_type, statement.target_id)
    if target is None or not policy.can(member, "view", target):
        return ""
    endpoint, argument = _LINKS[statement.target_type]
    return absolute_url(endpoint, **{argument: target.id})


def issue(member_id: int | None, entry: ModerationAction, *, rule: str = "", case=None,
          automatic: bool = False, email: bool = True) -> Statement | None:
    """Tell ``member_id`` of the action ``entry`` records (nobody to tell: nothing is written).

    The e-mail follows the member's setting: « Aucun e-mail » sends none; immediate and daily
    digest both send it at once (after quiet hours): a decision on one's own content is not
    news to gather in a digest. ``email=False`` when the action already wrote to the member.
    """
    if member_id is None:
        return None
    statement = Statement(member_id=member_id, journal=entry, case_id=getattr(case, "id", None),
                          decided_by_id=None if automatic else entry.actor_id, action=entry.action,
                          target_type=entry.target_type, target_id=entry.target_id,
                          target_label=entry.target_label, reason=entry.reason,
                          rule=rule_text(rule, entry.action)[:200], automatic=automatic)
    db.session.add(statement)
    db.session.flush()
    member = db.session.get(User, member_id)
    if email and member is not None and member.email_mode != EmailMode.NONE and member.status != Status.DELETED:
        _email(member, statement)
    return statement


def _email(member: User, statement: Statement) -> None:
    from forum.notifications.actions import quiet_until

    message = enqueue(member.email, f"Décision de modération : {action_label(statement.action)}",
                      "moderation_statement", kind="moderation-statement", user=member, statement=statement,
                      action=action_label(statement.action), item_link=item_link(statement, member),
                      link=absolute_url("moderation.statement", statement_id=statement.id),
                      contestable=statement.action not in FINAL_ACTIONS)
    message.send_after = quiet_until(member, utcnow())


def action_label(action: str) -> str:
    """The French label of an action code."""
    return ACTION_LABELS.get(action, action)


@atomic
def mark_read(actor, statement: Statement) -> None:
    """The member has opened the statement."""
    if statement.member_id == getattr(actor, "id", None) and statement.read_at is None:
        db.session.execute(update(Statement).where(Statement.id == statement.id, Statement.read_at.is_(None))
                           .values(read_at=utcnow()), execution_options={"synchronize_session": False})
        statement.read_at = utcnow()


# --- contests ------------------------------------------------------------------------------

@atomic
def contest(actor, statement: Statement, text: str) -> Contest:
    """The member contests a decision, once, with a short text: a case goes to the queue."""
    text = (text or "").strip()
    if not text:
        raise ActionError("Expliquez en quelques mots pourquoi vous contestez cette décision.", "text")
    if len(text) > CONTEST_MAX:
        raise ActionError("1 000 caractères au maximum.", "text")
    if statement.member_id == getattr(actor, "id", None) and contest_of(statement) is not None:
        raise ActionError("Vous avez déjà contesté cette décision.")
    policy.require(actor, "contest", statement)
    # The unique statement_id decides between two submissions at once: one row, one case.
    if not insert_new(Contest, statement_id=statement.id, member_id=actor.id, text=text,
                      state=ContestState.PENDING, created_at=utcnow(), decision_note=""):
        raise ActionError("Vous avez déjà contesté cette décision.")
    found = contest_of(statement)
    case = open_case(statement, CaseOrigin.CONTEST)
    db.session.execute(update(ModerationCase).where(ModerationCase.id == case.id)
                       .values(state=CaseState.CONTESTED, contest_id=found.id),
                       execution_options={"synchronize_session": False})
    case.state, case.contest_id = CaseState.CONTESTED, found.id
    record(actor, "contest_filed", statement, statement.target_label, text, case=case,
           detail={"statement": statement.id, "contested_action": statement.action})
    return found


def contest_of(statement: Statement) -> Contest | None:
    """The contest of a statement, if the member filed one."""
    return db.session.scalars(db.select(Contest).where(Contest.statement_id == statement.id)
                              .execution_options(populate_existing=True)).first()


# Undoing a contested decision, per action code: a function (actor, statement) -> sentence for the
# member. Features register theirs with ``undoes`` (a masked passage has none: it cannot come back).
UNDO: dict[str, Callable] = {}
CANNOT_UNDO = {"mask_post": "Le passage masqué ne peut pas être rétabli : il a été effacé partout où il "
                            "figurait. Vous pouvez republier votre propos sans la donnée en cause."}


def undoes(action: str):
    """Register how to undo ``action`` when a contest reverses it."""

    def register(func):
        UNDO[action] = func
        return func

    return register


@atomic
def decide_contest(actor, contest_row: Contest, outcome: str, note: str) -> Statement:
    """Another moderator confirms or reverses a contested decision; the member is told."""
    policy.require(actor, "decide", contest_row)
    if outcome not in (ContestState.CONFIRMED, ContestState.REVERSED):
        raise ActionError("Choisissez : confirmer ou annuler la décision.", "outcome")
    note = (note or "").strip()
    if not note:
        raise ActionError("Indiquez le motif : il est transmis au membre et conservé dans le journal.", "note")
    claimed = db.session.execute(
        update(Contest).where(Contest.id == contest_row.id, Contest.state == ContestState.PENDING)
        .values(state=outcome, decided_by_id=actor.id, decided_at=utcnow(), decision_note=note[:1000]),
        execution_options={"synchronize_session": False}).rowcount
    if not claimed:
        raise ActionError("Cette contestation vient d'être tranchée par un autre modérateur.")
    statement = contest_row.statement
    told = note[:1000]
    if outcome == ContestState.REVERSED:
        undo = UNDO.get(statement.action)
        effect = undo(actor, statement) if undo else CANNOT_UNDO.get(statement.action, "")
        told = f"{told}\n\n{effect}".strip() if effect else told
    case = settle(statement, actor, f"contest_{outcome}", state=CaseState.CLOSED)
    code = "contest_confirmed" if outcome == ContestState.CONFIRMED else "contest_reversed"
    entry = record(actor, code, statement, statement.target_label, told[:1000], case=case,
                   detail={"statement": statement.id, "contest": contest_row.id,
                           "contested_action": statement.action})
    db.session.refresh(contest_row)
    return issue(statement.member_id, entry, rule=statement.rule, case=case)
