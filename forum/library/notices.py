"""Who hears about each step of a sheet's life (written in the step's transaction)."""

from __future__ import annotations

from forum.extensions import db
from forum.library.models import Sheet, SheetContributor
from forum.notifications.actions import followers_of_places, sheet_event
from forum.notifications.models import NotificationKind as K
from forum.policy import reviewers_of
from forum.taxonomy.models import Theme


def _title(sheet: Sheet) -> str:
    return (sheet.current_revision.title if sheet.current_revision else "") or "Sans titre"


def submitted(actor, sheet: Sheet) -> None:
    sheet_event(reviewers_of(sheet), K.SHEET_SUBMITTED, actor, sheet, _title(sheet))


def commented(actor, sheet: Sheet) -> None:
    if actor.id == sheet.author_id:  # the author answers: the reviewer (or the pole's reviewers) hear it
        people = [sheet.reviewer] if sheet.reviewer_id else reviewers_of(sheet)
    else:
        people = [sheet.author]
    sheet_event(people, K.SHEET_COMMENT, actor, sheet, _title(sheet))


def changes_requested(actor, sheet: Sheet, note: str) -> None:
    sheet_event([sheet.author], K.SHEET_CHANGES, actor, sheet, _title(sheet), note)


def published(actor, sheet: Sheet, first: bool) -> None:
    sheet_event([sheet.author], K.SHEET_PUBLISHED, actor, sheet, _title(sheet))
    if first:
        slugs = sheet.published_revision.theme_slugs
        theme_ids = list(db.session.scalars(db.select(Theme.id).where(Theme.slug.in_(slugs)))) if slugs else []
        followers = [user for user in followers_of_places(sheet.pole_id, theme_ids) if user.id != sheet.author_id]
        sheet_event(followers, K.NEW_SHEET, actor, sheet, _title(sheet))


def archived(actor, sheet: Sheet, note: str) -> None:
    sheet_event([sheet.author], K.SHEET_ARCHIVED, actor, sheet, _title(sheet), note)


def restored(actor, sheet: Sheet) -> None:
    sheet_event([sheet.author], K.SHEET_RESTORED, actor, sheet, _title(sheet))


def due(sheet: Sheet) -> None:
    sheet_event([sheet.author, *reviewers_of(sheet)], K.SHEET_DUE, None, sheet, _title(sheet))


def credited(actor, sheet: Sheet) -> None:
    contributors = db.session.scalars(db.select(SheetContributor).where(SheetContributor.sheet_id == sheet.id)).all()
    sheet_event([contributor.user for contributor in contributors], K.SHEET_CREDIT, actor, sheet, _title(sheet))
