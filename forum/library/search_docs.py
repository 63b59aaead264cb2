"""Sheets in the search index: the published version of each readable sheet."""

from __future__ import annotations

from forum import markup
from forum.extensions import db
from forum.library import fields, vocabulary
from forum.library.models import Sheet, SheetRevision
from forum.search.documents import document
from forum.search.registry import Source

# The contact (a service e-mail) is never indexed: search must not hand out addresses.
SEARCHED = ("summary", "territory", "period", *fields.LONG)


def _text(revision: SheetRevision) -> str:
    parts = []
    for name in SEARCHED:
        if name in fields.LONG:
            parts.append(markup.plain_text(getattr(revision, f"{name}_html") or ""))
        else:
            parts.append(getattr(revision, name) or "")
    return "\n\n".join(part for part in parts if part)


def build(sheet_ids: list[int]) -> dict[int, dict | None]:
    """Documents of these sheets' published versions; drafts, reviews and archives give None."""
    sheets = {sheet.id: sheet for sheet in db.session.scalars(db.select(Sheet).where(Sheet.id.in_(sheet_ids)))}
    documents: dict[int, dict | None] = {}
    for sheet_id in sheet_ids:
        sheet = sheets.get(sheet_id)
        if sheet is None or not sheet.is_readable:
            documents[sheet_id] = None
            continue
        revision = sheet.published_revision
        published = revision.published_at or sheet.published_at
        documents[sheet_id] = document(
            key=f"sheet:{sheet.id}", kind="sheet", pole=revision.pole.slug, themes=",".join(revision.theme_slugs),
            structure_kind=revision.structure_kind or "", year=str(published.year), solved="",
            visibility=revision.visibility, date=published, title=revision.title, body=_text(revision))
    return documents


def all_ids():
    return db.session.scalars(db.select(Sheet.id).order_by(Sheet.id))


SOURCE = Source(kind="sheet", keys={Sheet: lambda sheet: sheet.id, SheetRevision: lambda revision: revision.sheet_id},
                build=build, all_ids=all_ids, page=("library.sheet", "sheet_id"),
                labels={"kind": {"sheet": "Fiches"}, "structure_kind": dict(vocabulary.STRUCTURE_KINDS)})
