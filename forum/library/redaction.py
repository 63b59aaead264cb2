"""Moderation's changes to sheets and their review comments: a passage masked in every version,
a comment masked in part, hidden or shown again.

Only ``forum.moderation`` calls these, inside its own unit of work that records the journal
entry and tells the author; the search outbox follows the revisions changed here.
"""

from __future__ import annotations

from sqlalchemy import update

from forum import policy, privacy
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.library import fields
from forum.library.models import Sheet, SheetComment, SheetEvent, SheetRevision
from forum.transaction import atomic

NOT_FOUND = ("Ce passage ne figure pas dans {what} (un autre modérateur vient peut-être de le masquer) : "
             "copiez-le tel qu'il est écrit.")


def _redact_events(sheet_id: int, passage: str) -> int:
    """Mask the passage in the notes of the sheet's steps (a request for changes copies its comment)."""
    changed = 0
    for event in db.session.scalars(db.select(SheetEvent).where(SheetEvent.sheet_id == sheet_id)
                                    .execution_options(populate_existing=True)):
        note, count = privacy.redact(event.note, passage)
        if count:
            event.note = note[:500]
            changed += 1
    return changed


@atomic
def mask_sheet_passage(actor, sheet: Sheet, passage: str) -> dict[str, int]:
    """Replace a passage by « [masqué] » in every field of every version of the sheet (the published
    one, the one in work and the history) and in the notes of its steps; returns what changed."""
    policy.require(actor, "mask", sheet)
    # The row is taken first, then read again: two moderators at once, one masks, one is told.
    db.session.execute(update(Sheet).where(Sheet.id == sheet.id).values(updated_at=Sheet.updated_at),
                       execution_options={"synchronize_session": False})
    versions = changed_fields = 0
    for revision in db.session.scalars(db.select(SheetRevision).where(SheetRevision.sheet_id == sheet.id)
                                       .execution_options(populate_existing=True)):
        changes = {}
        for name in fields.TEXT:
            text, count = privacy.redact(getattr(revision, name) or "", passage)
            if count:
                limit = fields.BY_NAME[name].max_length
                changes[name] = text[:limit] if limit else text
        # Outside the sheet's fields: the audience's detail, and the author's reason for saving
        # over a personal-data warning (which may repeat what it was about).
        for name in ("public_detail", "privacy_reason"):
            text, count = privacy.redact(getattr(revision, name) or "", passage)
            if count:
                setattr(revision, name, text[:300])
                changes.setdefault(name, text)
        if changes:
            revision.set_text({name: text for name, text in changes.items() if name in fields.TEXT})
            versions += 1
            changed_fields += len(changes)
    if not versions:
        raise ActionError(NOT_FOUND.format(what="la fiche ni dans ses versions antérieures"), "passage")
    return {"versions": versions, "fields": changed_fields, "steps": _redact_events(sheet.id, passage)}


@atomic
def mask_comment_passage(actor, comment: SheetComment, passage: str) -> dict[str, int]:
    """Replace a passage by « [masqué] » in a review comment (and in the step that copied it)."""
    policy.require(actor, "mask", comment)
    db.session.execute(update(SheetComment).where(SheetComment.id == comment.id)
                       .values(sheet_id=SheetComment.sheet_id), execution_options={"synchronize_session": False})
    db.session.refresh(comment)
    body, count = privacy.redact(comment.body, passage)
    if not count:
        raise ActionError(NOT_FOUND.format(what="le commentaire"), "passage")
    comment.set_body(body)
    return {"comment": count, "steps": _redact_events(comment.sheet_id, passage)}


def _change_state(comment: SheetComment, hidden: bool) -> bool:
    """Hide or show the comment only if it is not so already, in the statement that writes."""
    still = SheetComment.hidden_at.is_(None) if hidden else SheetComment.hidden_at.is_not(None)
    value = utcnow() if hidden else None
    done = db.session.execute(update(SheetComment).where(SheetComment.id == comment.id, still)
                              .values(hidden_at=value), execution_options={"synchronize_session": False}).rowcount
    if done:
        comment.hidden_at = value
    return bool(done)


@atomic
def hide_comment(actor, comment: SheetComment) -> None:
    """Hide a review comment: its author and the reviewers read « Commentaire masqué par la modération »."""
    policy.require(actor, "hide", comment)
    if not _change_state(comment, hidden=True):
        raise ActionError("Ce commentaire vient d'être masqué par un autre modérateur.")


@atomic
def unhide_comment(actor, comment: SheetComment) -> None:
    """Show a hidden review comment again."""
    policy.require(actor, "unhide", comment)
    if not _change_state(comment, hidden=False):
        raise ActionError("Ce commentaire vient d'être rétabli par un autre modérateur.")
