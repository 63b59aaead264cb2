"""The journal as moderators read it: filters (action, moderator, member, pole, period), pages of
50 newest first, the CSV export of the same view, and a member's moderation history.

Each filter is one of the journal's composite indexes ((column, created_at)); a page is one
query (actor, member and pole joined), whatever the filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import aliased, raiseload

from forum.accounts.models import Role, User
from forum.extensions import db
from forum.formatting import reader_zone
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.models import Contest, ModerationAction, Report, Statement
from forum.taxonomy.models import Pole
from forum.urls import whole_number

PER_PAGE = 50
CSV_HEADERS = ["Date", "Modérateur", "Action", "Élément", "Membre concerné", "Pôle", "Motif"]
Member = aliased(User, name="member")
Actor = aliased(User, name="actor")


@dataclass
class JournalFilter:
    """The filters read from the address; ``errors`` says in French what was not understood."""

    action: str = ""
    actor_id: int | None = None
    member_id: int | None = None
    pole_id: int | None = None
    start: date | None = None
    end: date | None = None
    errors: list[str] = field(default_factory=list)

    def args(self) -> dict:
        """The filters as address parameters (pager links, CSV link)."""
        values = {"action": self.action, "moderateur": self.actor_id, "membre": self.member_id,
                  "pole": self.pole_id, "du": self.start and self.start.isoformat(),
                  "au": self.end and self.end.isoformat()}
        return {key: value for key, value in values.items() if value}

    def args_without(self, key: str) -> dict:
        return {name: value for name, value in self.args().items() if name != key}


def _day(text: str | None, label: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    # Years outside the calendar's margins would overflow once shifted into UTC: nothing is logged there.
    if day is None or not 1900 <= day.year <= 9000:
        errors.append(f"La date « {label} » n'est pas une date valide (jj/mm/aaaa).")
        return None
    return day


def read_filters(args) -> JournalFilter:
    """The journal's filters from the query string; what is not understood is said, not guessed."""
    errors: list[str] = []
    found = JournalFilter(errors=errors)
    action = (args.get("action") or "").strip()
    if action and action not in ACTION_LABELS:
        errors.append("Cette action n'existe pas dans le journal.")
    else:
        found.action = action
    for key, attribute, label in (("moderateur", "actor_id", "modérateur"), ("membre", "member_id", "membre"),
                                  ("pole", "pole_id", "pôle")):
        raw = args.get(key)
        value = whole_number(raw)
        if raw and value is None:
            errors.append(f"Le filtre « {label} » n'est pas valide.")
        setattr(found, attribute, value)
    found.start, found.end = _day(args.get("du"), "du", errors), _day(args.get("au"), "au", errors)
    if found.start and found.end and found.start > found.end:
        errors.append("La date de début est après la date de fin.")
    return found


def _midnight(day: date, zone: str | None) -> datetime:
    return datetime.combine(day, time(0), tzinfo=reader_zone(zone)).astimezone(UTC)


def _filtered(filters: JournalFilter, zone: str | None):
    # Names only: loading each moderator's account (with its structure and pole) costs more than the page.
    query = (db.select(ModerationAction, Actor.display_name, Member.display_name, Pole.name)
             .options(raiseload(ModerationAction.actor))
             .outerjoin(Actor, Actor.id == ModerationAction.actor_id)
             .outerjoin(Member, Member.id == ModerationAction.member_id)
             .outerjoin(Pole, Pole.id == ModerationAction.pole_id))
    if filters.action:
        query = query.where(ModerationAction.action == filters.action)
    if filters.actor_id:
        query = query.where(ModerationAction.actor_id == filters.actor_id)
    if filters.member_id:
        query = query.where(ModerationAction.member_id == filters.member_id)
    if filters.pole_id:
        query = query.where(ModerationAction.pole_id == filters.pole_id)
    if filters.start:  # the viewer's days: midnight in their time zone
        query = query.where(ModerationAction.created_at >= _midnight(filters.start, zone))
    if filters.end:
        query = query.where(ModerationAction.created_at < _midnight(filters.end + timedelta(days=1), zone))
    return query.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())


@dataclass
class JournalPage:
    rows: list  # (entry, moderator or « Automatique », member name, pole name, local date)
    page: int
    has_next: bool


def journal_page(filters: JournalFilter, page: int, zone: str | None) -> JournalPage:
    """One page of the filtered journal, newest first (one query: no total is counted)."""
    rows = db.session.execute(_filtered(filters, zone).limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)).all()
    local = reader_zone(zone)
    # The date is written here, once per row: babel's long format costs a millisecond a row.
    return JournalPage(rows=[(entry, "Automatique" if entry.automatic or not actor else actor, member, pole,
                              _when(entry.created_at, local))
                             for entry, actor, member, pole in rows[:PER_PAGE]], page=page,
                       has_next=len(rows) > PER_PAGE)


def _when(moment: datetime, local) -> str:
    """« 10/03/2026 09:30 » in the reader's zone (the table's and the export's dates)."""
    return moment.astimezone(local).strftime("%d/%m/%Y %H:%M")


def filter_choices() -> dict:
    """The moderators and poles offered by the filters (two small queries)."""
    moderators = db.session.execute(db.select(User.id, User.display_name)
                                    .where(User.role.in_((Role.MODERATOR, Role.ADMIN)))
                                    .order_by(User.display_name)).all()
    poles = db.session.execute(db.select(Pole.id, Pole.name).order_by(Pole.position)).all()
    return {"moderators": moderators, "poles": poles, "actions": sorted(ACTION_LABELS.items(), key=lambda i: i[1])}


def _cell(value: str) -> str:
    # A cell starting with = + - @ would be a formula in a spreadsheet: neutralised.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_lines(filters: JournalFilter, zone: str | None) -> Iterator[str]:
    """The filtered journal as CSV for French spreadsheets (« ; », UTF-8 with its mark), streamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_HEADERS)
    yield "\ufeff" + flush()
    local = reader_zone(zone)
    result = db.session.execute(_filtered(filters, zone).execution_options(yield_per=500))
    for count, (entry, actor, member, pole) in enumerate(result, 1):
        writer.writerow([_when(entry.created_at, local),
                         "Automatique" if entry.automatic or actor is None else _cell(actor),
                         ACTION_LABELS.get(entry.action, entry.action), _cell(entry.target_label),
                         _cell(member or ""), pole or "", _cell(entry.reason)])
        if count % 200 == 0:
            yield flush()
    yield flush()


def member_history(member: User, limit: int = 20) -> dict:
    """What moderators read on a member's page: reports they made, actions that concern them,
    statements sent to them and their contests (four queries)."""
    return {
        "reports": list(db.session.scalars(db.select(Report).where(Report.reporter_id == member.id)
                                           .order_by(Report.created_at.desc()).limit(limit))),
        "actions": list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.member_id == member.id)
                                           .order_by(ModerationAction.created_at.desc(),
                                                     ModerationAction.id.desc()).limit(limit))),
        "statements": list(db.session.scalars(db.select(Statement).where(Statement.member_id == member.id)
                                              .order_by(Statement.created_at.desc()).limit(limit))),
        "contests": list(db.session.scalars(db.select(Contest).where(Contest.member_id == member.id)
                                            .order_by(Contest.created_at.desc()).limit(limit))),
    }
