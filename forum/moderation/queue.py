"""The moderation queue: the waiting cases a person may handle, one card per item, with its
reports, the passage in context and its author's recent history.

Whatever the number of cases, a page costs the same few queries: the cases, their reports,
the items (one query per kind), and the authors' histories (one windowed query).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from types import SimpleNamespace

from flask import url_for
from sqlalchemy.orm import aliased, joinedload, raiseload

from forum import policy
from forum.accounts.models import User
from forum.extensions import db
from forum.moderation import holds, targets
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.models import (
    CASE_STATE_LABELS,
    PENDING_STATES,
    REPORT_REASON_LABELS,
    CaseOrigin,
    CaseState,
    Contest,
    ModerationAction,
    ModerationCase,
    Report,
)
from forum.moderation.queries import excerpt_of

PER_PAGE = 20  # a card is a screen on a phone: twenty make a long enough page
HISTORY_LENGTH = 3  # journal entries about the author shown on each card
FILTERS = {"": "Tous", "urgents": "Urgents", "mes-poles": "Mes pôles"}

ORIGIN_LABELS = {
    CaseOrigin.REPORT: "Signalé par des membres",
    CaseOrigin.PRIVACY: "Retenu par le contrôle des données personnelles",
    CaseOrigin.WATCHED_WORD: "Repéré par un mot surveillé",
    CaseOrigin.CONTEST: "Contestation d'une décision",
}


def waiting_cases(user, show: str = ""):
    """The query of the waiting cases ``user`` may see, urgent first, then oldest."""
    query = (db.select(ModerationCase).options(joinedload(ModerationCase.taken_by))
             .where(policy.visible_cases(user), ModerationCase.state.in_(PENDING_STATES)))
    if show == "urgents":
        query = query.where(ModerationCase.urgent.is_(True))
    elif show == "mes-poles":
        query = query.where(ModerationCase.pole_id.in_(sorted(policy.animated_poles(user))))
    return query.order_by(ModerationCase.urgent.desc(), ModerationCase.opened_at, ModerationCase.id)


def queue_page(user, show: str = "", page: int = 1):
    """One page of the queue: the pagination and a card per case."""
    pagination = db.paginate(waiting_cases(user, show), page=page, per_page=PER_PAGE, error_out=False)
    return pagination, cards(user, pagination.items)


def _reports_by_case(case_ids: list[int]) -> dict[int, list[Report]]:
    found = defaultdict(list)
    if case_ids:
        for report in db.session.scalars(db.select(Report).where(Report.case_id.in_(case_ids))
                                         .order_by(Report.created_at, Report.id)):
            found[report.case_id].append(report)
    return found


def _histories(member_ids: set[int], length: int) -> dict[int, list[ModerationAction]]:
    """The latest journal entries about each member, in one query of a fixed shape: an entry is
    kept when it is among its member's ``length`` newest, read off the (member, date) index."""
    found = defaultdict(list)
    if not member_ids:
        return found
    newer = aliased(ModerationAction)
    newest = (db.select(newer.id).where(newer.member_id == ModerationAction.member_id)
              .order_by(newer.created_at.desc()).limit(length).correlate(ModerationAction))
    for entry in db.session.scalars(
            db.select(ModerationAction).options(raiseload(ModerationAction.actor))
            .where(ModerationAction.member_id.in_(sorted(member_ids)), ModerationAction.id.in_(newest))
            .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())):
        found[entry.member_id].append(entry)
    return found


def _reporters(reports: list[Report]) -> dict[int, User]:
    ids = {report.reporter_id for report in reports if report.reporter_id}
    return {user.id: user for user in db.session.scalars(db.select(User).where(User.id.in_(ids)))} if ids else {}


def _contests(cases: list[ModerationCase]) -> dict[int, Contest]:
    """The contest behind each contest case, with its statement (one query)."""
    ids = [case.contest_id for case in cases if case.contest_id]
    return {contest.id: contest for contest in db.session.scalars(db.select(Contest).where(Contest.id.in_(ids)))} \
        if ids else {}


def _contest_fields(contest: Contest) -> dict:
    """A contest case is about a decision, not an item: name the decision, link to it, quote the member."""
    statement = contest.statement
    action = ACTION_LABELS.get(statement.action, statement.action)
    return {"kind": "Décision contestée", "contest": contest, "readable": True,
            "label": f"{action} — {statement.target_label}",
            "url": url_for("moderation.statement", statement_id=statement.id), "excerpt": contest.text}


def cards(user, cases: list[ModerationCase], *, full: bool = False) -> list[SimpleNamespace]:
    """What the queue (or, ``full``, the case page) shows of each case."""
    reports = _reports_by_case([case.id for case in cases])
    items = targets.load_many((case.target_type, case.target_id) for case in cases)
    histories = _histories({case.member_id for case in cases if case.member_id}, 10 if full else HISTORY_LENGTH)
    reporters = _reporters([report for case in cases for report in reports[case.id]]) if full else {}
    contests = _contests(cases)
    found_by_guard = holds.grounds([case.id for case in cases if case.origin != CaseOrigin.REPORT])
    found = []
    for case in cases:
        target = items.get((case.target_type, case.target_id))
        readable = target is not None and policy.moderation.readable(user, target)
        own = reports[case.id]
        card = SimpleNamespace(
            case=case, target=target, readable=readable,
            kind=targets.KIND_LABELS.get(case.target_type, case.target_type),
            # An item the reader may not read (held, hidden) is named by its kind only: a title can tell.
            label=(targets.label(target) if readable else "Contenu que votre rôle ne permet pas de lire")
            if target is not None else "Contenu supprimé depuis",
            url=targets.url(target) if readable else None,
            excerpt=excerpt_of(target) if readable else "",
            reasons=[(REPORT_REASON_LABELS.get(reason, reason), count)
                     for reason, count in Counter(report.reason for report in own).most_common()],
            notes=[report.note for report in own if report.note][: None if full else 3],
            reports=[(report, reporters.get(report.reporter_id)) for report in own] if full else [],
            history=[(entry, ACTION_LABELS.get(entry.action, entry.action)) for entry in histories[case.member_id]]
            if case.member_id else [],
            origin=ORIGIN_LABELS.get(case.origin, case.origin),
            # What the personal-data guard or a watched word found, and the author's explanation.
            warnings=found_by_guard.get(case.id, {}).get("warnings", ""),
            words=found_by_guard.get(case.id, {}).get("words", []),
            author_reason=getattr(target, "privacy_reason", "") if readable else "",
            state=CASE_STATE_LABELS.get(case.state, case.state),
            waiting=case.state in PENDING_STATES, open=case.state == CaseState.OPEN, contest=None,
        )
        if case.contest_id in contests:
            vars(card).update(_contest_fields(contests[case.contest_id]))
        found.append(card)
    return found
