"""The only code that writes sheets: writing, the review workflow, and keeping sheets fresh.

The workflow is one state machine, ``TRANSITIONS``: (state, action) -> next state. An action
that is not listed for the sheet's state raises ``IllegalTransition``; nothing is ever
silently ignored. Every transition writes a ``SheetEvent`` (who, when, from, to) and tells
the people concerned.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import update

from forum import policy, privacy
from forum.accounts.models import DEFAULT_TIME_ZONE, Structure
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.formatting import of
from forum.library import fields, notices, vocabulary
from forum.library.models import Sheet, SheetComment, SheetEvent, SheetRevision
from forum.library.models import SheetStatus as S
from forum.moderation.holds import flag_item
from forum.moderation.watchwords import screen
from forum.taxonomy.models import Pole, Theme
from forum.transaction import atomic

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "comment"): S.IN_REVIEW,
    (S.IN_REVIEW, "comment"): S.IN_REVIEW,
    (S.SUBMITTED, "request_changes"): S.DRAFT,
    (S.IN_REVIEW, "request_changes"): S.DRAFT,
    (S.SUBMITTED, "publish"): S.PUBLISHED,
    (S.IN_REVIEW, "publish"): S.PUBLISHED,
    (S.NEEDS_UPDATE, "publish"): S.PUBLISHED,      # re-validated as it stands
    (S.SUBMITTED, "revise"): S.DRAFT,              # the author takes it back to change it
    (S.IN_REVIEW, "revise"): S.DRAFT,
    (S.PUBLISHED, "revise"): S.DRAFT,              # the published version stays readable meanwhile
    (S.NEEDS_UPDATE, "revise"): S.DRAFT,
    (S.PUBLISHED, "mark_due"): S.NEEDS_UPDATE,
    (S.DRAFT, "archive"): S.ARCHIVED,
    (S.SUBMITTED, "archive"): S.ARCHIVED,
    (S.IN_REVIEW, "archive"): S.ARCHIVED,
    (S.PUBLISHED, "archive"): S.ARCHIVED,
    (S.NEEDS_UPDATE, "archive"): S.ARCHIVED,
    (S.ARCHIVED, "restore"): S.PUBLISHED,          # back in the library, as last published
    (S.ARCHIVED, "reopen"): S.DRAFT,               # back to its author, to rework
}

EVENT_LABELS = {
    "create": "Fiche créée", "submit": "Soumise à la relecture", "comment": "Commentaire de relecture",
    "request_changes": "Modifications demandées", "publish": "Publiée", "revise": "Nouvelle version commencée",
    "mark_due": "Passée « À actualiser »", "archive": "Archivée", "restore": "Remise en ligne",
    "reopen": "Rendue à son auteur",
}


class IllegalTransition(ActionError):
    """The action does not apply to a sheet in this state."""


class MissingFields(ActionError):
    """Required fields are still empty: the sheet cannot be submitted yet."""

    def __init__(self, missing: list[tuple[str, str]]):
        self.missing = missing
        super().__init__("Avant de soumettre, complétez : " + " ; ".join(label for _name, label in missing) + ".")


def _transition(actor, sheet: Sheet, action: str, note: str = "") -> str:
    """Move the sheet along the state machine and record the step; refuse what is not listed."""
    target = TRANSITIONS.get((sheet.status, action))
    if target is None:
        raise IllegalTransition(
            f"Impossible de faire « {EVENT_LABELS.get(action, action)} » sur une fiche « {sheet.status_label} ».")
    db.session.add(SheetEvent(sheet_id=sheet.id, revision_id=sheet.current_revision_id,
                              actor_id=getattr(actor, "id", None), action=action, from_status=sheet.status,
                              to_status=target, note=note[:500]))
    sheet.status = target
    sheet.last_action = action
    sheet.updated_at = utcnow()
    return target


# --- writing ---------------------------------------------------------------------------

def _facet_values(form: dict) -> dict:
    """Clean the multi-choice and list fields of the form; unknown values are refused."""
    def choose(name, vocabulary_, required_message=None, limit=None):
        chosen = [slug for slug in form.get(name) or [] if slug]
        unknown = [slug for slug in chosen if slug not in vocabulary_]
        if unknown:
            raise ActionError("Choisissez dans la liste proposée.", name)
        if limit and len(chosen) > limit:
            raise ActionError(f"Choisissez au plus {limit} éléments.", name)
        return vocabulary.pack(chosen)

    theme_slugs = {theme.slug for theme in db.session.scalars(db.select(Theme).where(Theme.active.is_(True)))}
    values = {
        "themes": choose("themes", dict.fromkeys(theme_slugs), limit=3),
        "registers": choose("registers", vocabulary.REGISTERS),
        "publics": choose("publics", vocabulary.PUBLICS),
        "periods": choose("periods", vocabulary.PERIODS),
        "funders": choose("funders", vocabulary.FUNDERS),
        "public_detail": (form.get("public_detail") or "").strip()[:300],
        "contact_consent": bool(form.get("contact_consent")),
    }
    for name, vocabulary_ in (("territory_kind", vocabulary.TERRITORY_KINDS), ("visibility", vocabulary.VISIBILITY)):
        value = form.get(name) or ""
        if value and value not in vocabulary_:
            raise ActionError("Choisissez dans la liste proposée.", name)
        values[name] = value
    values["visibility"] = values["visibility"] or "members"
    pole = db.session.get(Pole, form.get("pole_id")) if isinstance(form.get("pole_id"), int) else None
    if pole is None or not pole.active:
        raise ActionError("Choisissez un pôle dans la liste.", "pole_id")
    values["pole_id"] = pole.id
    structure_id = form.get("structure_id")
    structure = db.session.get(Structure, structure_id) if isinstance(structure_id, int) else None
    if structure_id and structure is None:
        raise ActionError("Choisissez une structure dans la liste.", "structure_id")
    values["structure_id"] = structure.id if structure else None
    kind = form.get("structure_kind") or ""
    if kind and kind not in vocabulary.STRUCTURE_KINDS:
        raise ActionError("Choisissez dans la liste proposée.", "structure_kind")
    inherited = structure.kind if structure and structure.kind in vocabulary.STRUCTURE_KINDS else ""
    values["structure_kind"] = kind or inherited
    return values


def _text_values(form: dict) -> dict[str, str]:
    values = {}
    for field in fields.FIELDS:
        text = (form.get(field.name) or "").strip()
        if field.max_length and len(text) > field.max_length:
            raise ActionError(f"{field.max_length} caractères au maximum.", field.name)
        if field.long and len(text) > 20_000:
            raise ActionError("20 000 caractères au maximum.", field.name)
        values[field.name] = text
    return values


def _contact_needs_consent(contact: str) -> bool:
    """A personal-looking address (prénom.nom@…) names someone: their consent is needed."""
    return any("." in finding.text.split("@")[0] for finding in privacy.detect(contact) if finding.kind == "email")


def _guard(texts: dict[str, str], facets: dict, reason: str) -> tuple[str, str]:
    """The personal-data guard on every field at once; the contact may hold a service address."""
    contact = texts.get("contact", "")
    domains = privacy.allowed_email_domains()
    findings = {name: privacy.detect(text, domains) for name, text in texts.items() if name != "contact"}
    findings["public_detail"] = privacy.detect(facets["public_detail"], domains)
    findings["contact"] = [finding for finding in privacy.detect(contact, domains) if finding.kind != "email"]
    findings = {name: items for name, items in findings.items() if items}
    kinds = []
    if findings:
        problem = privacy.PrivacyProblem(findings)
        if problem.blocked or not (reason or "").strip():
            raise problem
        kinds = problem.kinds
    if _contact_needs_consent(contact) and not facets["contact_consent"]:
        raise ActionError("Cette adresse semble nominative : préférez une adresse de service, ou cochez la case "
                          "confirmant que la personne a donné son accord.", "contact")
    return ",".join(kinds), (reason.strip()[:300] if kinds else "")


@atomic
def create_sheet(actor, form: dict, privacy_reason: str = "", *, source_topic_id: int | None = None) -> Sheet:
    """Start a sheet as a draft (incomplete fields are allowed until submission)."""
    policy.require(actor, "create", Sheet)
    texts, facets = _text_values(form), _facet_values(form)
    if not texts["title"]:
        raise ActionError("Donnez au moins un titre pour enregistrer le brouillon.", "title")
    warnings = _guard(texts, facets, privacy_reason)
    screening = screen(texts)
    sheet = Sheet(author_id=actor.id, pole_id=facets["pole_id"], status=S.DRAFT, source_topic_id=source_topic_id)
    db.session.add(sheet)
    db.session.flush()
    revision = SheetRevision(sheet_id=sheet.id, number=1, editor_id=actor.id, **facets)
    revision.privacy_warnings, revision.privacy_reason = warnings
    revision.set_text(texts)
    db.session.add(revision)
    db.session.flush()
    sheet.current_revision_id = revision.id
    db.session.add(SheetEvent(sheet_id=sheet.id, revision_id=revision.id, actor_id=actor.id, action="create",
                              from_status="", to_status=S.DRAFT))
    _flag_words(sheet, screening.words, texts["title"])
    return sheet


@atomic
def save_sheet(actor, sheet: Sheet, form: dict, privacy_reason: str = "") -> SheetRevision:
    """Change the sheet's working version; a submitted or published version is never changed,
    a new revision starts from it (and the published one stays readable)."""
    policy.require(actor, "edit", sheet)
    texts, facets = _text_values(form), _facet_values(form)
    if not texts["title"]:
        raise ActionError("Le titre ne peut pas être vide.", "title")
    warnings = _guard(texts, facets, privacy_reason)
    screening = screen(texts)
    revision = working_revision(actor, sheet)
    for key, value in facets.items():
        setattr(revision, key, value)
    revision.privacy_warnings, revision.privacy_reason = warnings
    revision.set_text(texts)
    revision.editor_id = actor.id
    revision.updated_at = sheet.updated_at = utcnow()
    sheet.pole_id = facets["pole_id"]
    _flag_words(sheet, screening.words, texts["title"])
    return revision


def _flag_words(sheet: Sheet, words: list[str], title: str) -> None:
    """Watched words in a sheet are shown to moderators; « hold » flags too: no version of a sheet
    reaches readers before a reviewer has validated it."""
    if words:
        flag_item(sheet, words, f"Fiche « {title} »")


def working_revision(actor, sheet: Sheet) -> SheetRevision:
    """The revision changes go into: the current one while it is a draft, else a new copy of it
    (a submitted or published version is never changed; the sheet goes back to « draft »)."""
    revision = sheet.current_revision
    if not revision.is_frozen:
        return revision
    # Two co-authors may start editing the published version at the same moment: the first to
    # take the sheet's row makes the new draft, the second finds it and works in it too.
    db.session.execute(update(Sheet).where(Sheet.id == sheet.id).values(updated_at=utcnow()))
    db.session.refresh(sheet, ["current_revision_id", "status", "updated_at"])
    if sheet.current_revision_id != revision.id:
        sheet.current_revision = revision = db.session.get(SheetRevision, sheet.current_revision_id)
        if not revision.is_frozen:
            return revision
    if sheet.status != S.DRAFT:
        _transition(actor, sheet, "revise")
    copy = revision.copy()
    copy.number = _next_number(sheet)
    db.session.add(copy)
    db.session.flush()
    sheet.current_revision_id = copy.id
    sheet.current_revision = copy
    return copy


def _next_number(sheet: Sheet) -> int:
    return (db.session.scalar(db.select(db.func.max(SheetRevision.number)).where(SheetRevision.sheet_id == sheet.id))
            or 0) + 1


# --- review ----------------------------------------------------------------------------

@atomic
def submit(actor, sheet: Sheet) -> None:
    """Send the draft to the pole's reviewers; every required field must be filled."""
    policy.require(actor, "submit", sheet)
    missing = sheet.current_revision.missing_required()
    if missing:
        raise MissingFields(missing)
    _transition(actor, sheet, "submit")
    sheet.current_revision.submitted_at = utcnow()
    sheet.first_submitted_at = sheet.first_submitted_at or sheet.current_revision.submitted_at
    notices.submitted(actor, sheet)


@atomic
def comment(actor, sheet: Sheet, body: str) -> SheetComment:
    """Add a review comment (reviewers) or an answer (the author); the other side is told."""
    policy.require(actor, "comment", sheet)
    body = (body or "").strip()
    if not body:
        raise ActionError("Le commentaire ne peut pas être vide.", "body")
    if len(body) > 5000:
        raise ActionError("5 000 caractères au maximum.", "body")
    privacy.guard({"body": body})
    screening = screen({"body": body})
    note = SheetComment(sheet_id=sheet.id, revision_id=sheet.current_revision_id, author_id=actor.id)
    note.set_body(body)
    db.session.add(note)
    if screening.words:  # a comment is read by the sheet's author and reviewers only: flagged, never held
        db.session.flush()
        flag_item(note, screening.words, f"Commentaire {of(actor.display_name)} sur la fiche « {sheet.known_title} »",
                  pole_id=sheet.pole_id)
    if actor.id != sheet.author_id and sheet.status in (S.SUBMITTED, S.IN_REVIEW):
        _transition(actor, sheet, "comment")
    notices.commented(actor, sheet)
    return note


@atomic
def request_changes(actor, sheet: Sheet, note: str) -> None:
    """Send the sheet back to its author with what to change."""
    policy.require(actor, "review", sheet)
    note = (note or "").strip()
    if not note:
        raise ActionError("Dites à l'auteur ce qu'il faut modifier.", "body")
    privacy.guard({"body": note})
    comment_ = SheetComment(sheet_id=sheet.id, revision_id=sheet.current_revision_id, author_id=actor.id)
    comment_.set_body(note)
    db.session.add(comment_)
    _transition(actor, sheet, "request_changes", note)
    sheet.reviewer_id = actor.id
    notices.changes_requested(actor, sheet, note)


def review_period_months() -> int:
    """How long a validation holds before the sheet is « À actualiser »."""
    return current_app.config["FORUM_SHEET_REVIEW_MONTHS"]


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, as the network's calendar counts days (Paris time); the last
    day of the month when it has no such day. Returned in UTC, like every stored time."""
    local = moment.astimezone(ZoneInfo(DEFAULT_TIME_ZONE))
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    shifted = local.replace(year=year, month=month, day=min(local.day, monthrange(year, month)[1]))
    return shifted.astimezone(UTC)


@atomic
def publish(actor, sheet: Sheet) -> None:
    """Validate the working version: it becomes the one readers see. Never by its own author."""
    policy.require(actor, "publish", sheet)
    first = sheet.published_revision_id is None
    _transition(actor, sheet, "publish")
    now = utcnow()
    revision = sheet.current_revision
    if revision.submitted_at is None:
        revision.submitted_at = now
    revision.published_at, revision.published_by_id = now, actor.id
    sheet.published_revision_id = revision.id
    sheet.reviewer_id = actor.id
    sheet.validated_at = now
    sheet.published_at = sheet.published_at or now
    sheet.review_due_at = add_months(now, review_period_months())
    notices.published(actor, sheet, first)


@atomic
def archive(actor, sheet: Sheet, note: str = "") -> None:
    """Take the sheet out of the library (its history is kept)."""
    policy.require(actor, "archive", sheet)
    note = (note or "").strip()
    if not note:
        raise ActionError("Indiquez pourquoi la fiche est archivée : son auteur en est informé.", "note")
    _transition(actor, sheet, "archive", note)
    notices.archived(actor, sheet, note)


@atomic
def restore(actor, sheet: Sheet) -> None:
    """Put an archived sheet back: in the library if it was published, else back to its author."""
    policy.require(actor, "restore", sheet)
    _transition(actor, sheet, "restore" if sheet.published_revision_id else "reopen")
    if sheet.status == S.PUBLISHED:
        sheet.current_revision_id = sheet.published_revision_id
    notices.restored(actor, sheet)


@atomic
def mark_due_sheets(now: datetime) -> int:
    """Mark « À actualiser » the sheets whose validation is too old; tell their authors and animators."""
    due = db.session.scalars(db.select(Sheet).where(Sheet.status == S.PUBLISHED, Sheet.review_due_at <= now)).all()
    for sheet in due:
        _transition(policy.SYSTEM, sheet, "mark_due")
        notices.due(sheet)
    return len(due)



@atomic
def set_comment_hidden(actor, comment: SheetComment, hidden: bool) -> bool:
    """Hide a review comment by moderation, or show it again; True when this call changed it
    (another moderator, or an automatic hide, may have done it first: then nothing changes)."""
    policy.require(actor, "hide" if hidden else "unhide", comment)
    still = SheetComment.hidden_at.is_(None) if hidden else SheetComment.hidden_at.is_not(None)
    value = utcnow() if hidden else None
    changed = db.session.execute(update(SheetComment).where(SheetComment.id == comment.id, still)
                                 .values(hidden_at=value).returning(SheetComment.id),
                                 execution_options={"synchronize_session": False}).first()
    if changed is not None:
        comment.hidden_at = value
    return changed is not None
