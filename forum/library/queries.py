"""Read-side queries of the library: the filtered catalogue, a sheet page, the review queue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from forum import policy
from forum.db_types import utcnow
from forum.extensions import db
from forum.library import vocabulary
from forum.library.models import (
    Attachment,
    Sheet,
    SheetComment,
    SheetContributor,
    SheetEvent,
    SheetRevision,
    SheetStatus,
)
from forum.taxonomy.models import Pole, Theme

PER_PAGE = 12

# query-string name -> (revision column, vocabulary or None for a single-valued column)
FACET_FILTERS = {
    "theme": ("themes", None),
    "registre": ("registers", vocabulary.REGISTERS),
    "public": ("publics", vocabulary.PUBLICS),
    "structure": ("structure_kind", vocabulary.STRUCTURE_KINDS),
    "territoire": ("territory_kind", vocabulary.TERRITORY_KINDS),
    "periode": ("periods", vocabulary.PERIODS),
}
SORTS = {"recentes": "Publiées récemment", "mises-a-jour": "Mises à jour récemment"}


@dataclass
class Catalogue:
    pagination: object
    filters: dict[str, str]
    sort: str


def catalogue(user, args, page: int) -> Catalogue:
    """One page of the sheets ``user`` may read, filtered and sorted as the query string asks."""
    query = (db.select(Sheet)
             .join(SheetRevision, SheetRevision.id == Sheet.published_revision_id)
             .options(joinedload(Sheet.published_revision))
             .where(policy.visible_sheets(user), Sheet.is_readable))
    applied: dict[str, str] = {}
    pole = args.get("pole", "")
    if pole and db.session.scalar(db.select(Pole.id).where(Pole.slug == pole)) is not None:
        query = query.join(Pole, Pole.id == SheetRevision.pole_id).where(Pole.slug == pole)
        applied["pole"] = pole
    theme_slugs = set(db.session.scalars(db.select(Theme.slug)))
    for name, (column, words) in FACET_FILTERS.items():
        value = args.get(name, "")
        if not value or value not in (words if words is not None else theme_slugs):
            continue  # an unknown value (old link, typing) filters nothing rather than everything
        attribute = getattr(SheetRevision, column)
        if column in ("structure_kind", "territory_kind"):
            query = query.where(attribute == value)
        else:
            query = query.where(attribute.contains(f",{value},", autoescape=True))
        applied[name] = value
    if args.get("actualiser"):
        query = query.where(Sheet.review_due_at <= utcnow())
        applied["actualiser"] = "1"
    sort = args.get("tri", "recentes")
    sort = sort if sort in SORTS else "recentes"
    order = Sheet.published_at.desc() if sort == "recentes" else SheetRevision.published_at.desc()
    pagination = db.paginate(query.order_by(order, Sheet.id.desc()), page=page, per_page=PER_PAGE, error_out=False)
    return Catalogue(pagination, applied, sort)


def related(user, sheet: Sheet, limit: int = 3) -> list[Sheet]:
    """Readable sheets sharing a theme or the pole, most recent first."""
    revision = sheet.published_revision
    if revision is None:
        return []
    same = SheetRevision.pole_id == revision.pole_id
    for slug in revision.theme_slugs:
        same = same | SheetRevision.themes.contains(f",{slug},", autoescape=True)
    return list(db.session.scalars(
        db.select(Sheet).join(SheetRevision, SheetRevision.id == Sheet.published_revision_id)
        .options(joinedload(Sheet.published_revision))
        .where(policy.visible_sheets(user), Sheet.is_readable, same, Sheet.id != sheet.id)
        .order_by(Sheet.published_at.desc()).limit(limit)))


@dataclass
class SheetPage:
    sheet: Sheet
    revision: SheetRevision            # what the page shows
    attachments: list[Attachment]
    contributors: list[SheetContributor]
    themes: list[Theme]
    comments: list[SheetComment]
    events: list[SheetEvent]
    revisions: list[SheetRevision]


def sheet_page(user, sheet: Sheet, revision: SheetRevision) -> SheetPage:
    """What a sheet's page shows; the review trail only to its author and reviewers."""
    working = policy.can(user, "view_work", sheet)
    slugs = revision.theme_slugs
    return SheetPage(
        sheet=sheet, revision=revision,
        attachments=list(db.session.scalars(db.select(Attachment).where(
            Attachment.sheet_id == sheet.id, Attachment.deleted_at.is_(None), Attachment.added_in <= revision.number,
            (Attachment.removed_in.is_(None)) | (Attachment.removed_in > revision.number)).order_by(Attachment.id))),
        contributors=list(db.session.scalars(db.select(SheetContributor).where(SheetContributor.sheet_id == sheet.id))),
        themes=list(db.session.scalars(db.select(Theme).where(Theme.slug.in_(slugs)).order_by(Theme.position)))
        if slugs else [],
        comments=list(db.session.scalars(db.select(SheetComment).where(SheetComment.sheet_id == sheet.id)
                                         .order_by(SheetComment.created_at))) if working else [],
        events=list(db.session.scalars(db.select(SheetEvent).where(SheetEvent.sheet_id == sheet.id)
                                       .order_by(SheetEvent.created_at, SheetEvent.id))) if working else [],
        revisions=revisions(sheet) if working else [],
    )


def review_queue(user) -> list[Sheet]:
    """Submitted sheets the reader may review (their poles; every pole for administrators), oldest first."""
    return list(db.session.scalars(db.select(Sheet).options(joinedload(Sheet.current_revision))
                                   .where(policy.review_queue(user)).order_by(Sheet.updated_at)))


def revision_numbered(sheet: Sheet, number: int) -> SheetRevision | None:
    """One version of the sheet, by its number."""
    return db.session.scalar(db.select(SheetRevision).where(SheetRevision.sheet_id == sheet.id,
                                                            SheetRevision.number == number))


def revisions(sheet: Sheet) -> list[SheetRevision]:
    """Every version of the sheet, newest first."""
    return list(db.session.scalars(db.select(SheetRevision).where(SheetRevision.sheet_id == sheet.id)
                                   .order_by(SheetRevision.number.desc())))


def promotable_posts(topic) -> list:
    """The posts of a discussion a sheet may quote: those every member reads, with their authors."""
    from forum.discussions.models import Post

    return list(db.session.scalars(db.select(Post).options(joinedload(Post.author))
                                   .where(Post.topic_id == topic.id, Post.is_visible).order_by(Post.number)))


def sheet_of_topic(topic_id: int) -> Sheet | None:
    """The sheet a discussion gave rise to, if any (for the banner on the topic page)."""
    return db.session.scalar(db.select(Sheet).where(Sheet.source_topic_id == topic_id).order_by(Sheet.id).limit(1))


def open_sheet_of_topic(topic_id: int) -> int | None:
    """The id of a sheet drawn from this discussion and not archived (a discussion gives one sheet)."""
    return db.session.scalar(db.select(Sheet.id).where(Sheet.source_topic_id == topic_id,
                                                       Sheet.status != SheetStatus.ARCHIVED).limit(1))


def my_sheets(user) -> list[Sheet]:
    """The reader's own sheets, whatever their state."""
    return list(db.session.scalars(db.select(Sheet).options(joinedload(Sheet.current_revision))
                                   .where(Sheet.author_id == user.id).order_by(Sheet.updated_at.desc())))
