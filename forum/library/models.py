"""Good-practice sheets (« fiches »), their revisions, review comments, events and attachments.

A sheet points at two revisions: the one readers see (``published_revision``) and the one
being worked on (``current_revision``); they are the same once a revision is published.
A revision becomes read-only once submitted, so the history shows what reviewers read.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from markupsafe import Markup
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from forum import markup
from forum.accounts.models import Structure, User
from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db
from forum.library import fields, vocabulary
from forum.taxonomy.models import Pole


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    NEEDS_UPDATE = "needs_update"
    ARCHIVED = "archived"


# Waiting for a reviewer's decision (the review queue).
AWAITING_REVIEW = (SheetStatus.SUBMITTED, SheetStatus.IN_REVIEW)

STATUS_LABELS = {
    SheetStatus.DRAFT: "Brouillon",
    SheetStatus.SUBMITTED: "Soumise",
    SheetStatus.IN_REVIEW: "En relecture",
    SheetStatus.PUBLISHED: "Publiée",
    SheetStatus.NEEDS_UPDATE: "À actualiser",
    SheetStatus.ARCHIVED: "Archivée",
}

class Sheet(db.Model):
    """A good practice: its workflow state and the revisions it points at."""

    __tablename__ = "sheets"
    __table_args__ = (Index("ix_sheets_status_published_at", "status", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    pole_id: Mapped[int] = mapped_column(ForeignKey("poles.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=SheetStatus.DRAFT)
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("sheet_revisions.id", use_alter=True, ondelete="SET NULL"))
    published_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("sheet_revisions.id", use_alter=True, ondelete="SET NULL"))
    source_topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # until then, its authors' only
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)   # first publication
    validated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)   # last validation by a reviewer
    review_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_action: Mapped[str] = mapped_column(String(30), default="create")  # the last workflow step

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    pole: Mapped[Pole] = relationship(lazy="joined")
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    current_revision: Mapped[SheetRevision | None] = relationship(foreign_keys=[current_revision_id],
                                                                    post_update=True)
    published_revision: Mapped[SheetRevision | None] = relationship(foreign_keys=[published_revision_id],
                                                                      post_update=True)
    contributors: Mapped[list[SheetContributor]] = relationship(viewonly=True)

    def __repr__(self) -> str:
        return f"<Sheet {self.id} {self.status}>"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    # What « readable » means for a sheet, once, in Python and in SQL (the policy builds on these).
    @hybrid_property
    def is_readable(self) -> bool:
        """In the library: readers see its published version, even while a new one is reviewed."""
        return self.published_revision_id is not None and self.status != SheetStatus.ARCHIVED

    @is_readable.inplace.expression
    @classmethod
    def _is_readable_expression(cls):
        return cls.published_revision_id.is_not(None) & (cls.status != SheetStatus.ARCHIVED)

    @hybrid_property
    def was_submitted(self) -> bool:
        """Sent to the reviewers at least once: before that, a draft is its authors' alone."""
        return self.first_submitted_at is not None

    @was_submitted.inplace.expression
    @classmethod
    def _was_submitted_expression(cls):
        return cls.first_submitted_at.is_not(None)

    @hybrid_property
    def is_public(self) -> bool:
        """Its published version is open to visitors."""
        return self.published_revision is not None and self.published_revision.visibility == "public"

    @is_public.inplace.expression
    @classmethod
    def _is_public_expression(cls):
        # An alias of its own: a query that already joins the published revision must not absorb it.
        published = aliased(SheetRevision)
        return db.select(published.id).where(published.id == cls.published_revision_id,
                                             published.visibility == "public").exists()

    @hybrid_method
    def credits(self, user_id: int | None) -> bool:
        """The member is credited on the sheet (an author of the discussion it was drawn from)."""
        return user_id in self.contributor_ids

    @credits.inplace.expression
    @classmethod
    def _credits_expression(cls, user_id):
        credited = aliased(SheetContributor)
        return db.select(credited.sheet_id).where(credited.sheet_id == cls.id, credited.user_id == user_id).exists()

    @property
    def known_title(self) -> str:
        """The title readers know: the published version's, else the one in preparation."""
        return (self.published_revision or self.current_revision).title

    @property
    def contributor_ids(self) -> set[int]:
        return {contributor.user_id for contributor in self.contributors}

    @property
    def changes_requested(self) -> bool:
        return self.status == SheetStatus.DRAFT and self.last_action == "request_changes"

    @property
    def state_label(self) -> str:
        """The status as people read it (a draft sent back says so)."""
        return "Modifications demandées" if self.changes_requested else self.status_label

    @property
    def has_pending_revision(self) -> bool:
        return self.published_revision_id is not None and self.current_revision_id != self.published_revision_id


class SheetRevision(markup.Rendered, db.Model):
    """One version of a sheet's content; read-only once submitted."""

    __tablename__ = "sheet_revisions"
    render_version_attribute = "render_version"
    rendered_label = "versions de fiches"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    # Facets (comma-packed slugs, see library.vocabulary) and where it comes from.
    pole_id: Mapped[int] = mapped_column(ForeignKey("poles.id"))
    themes: Mapped[str] = mapped_column(String(200), default="")
    registers: Mapped[str] = mapped_column(String(300), default="")
    publics: Mapped[str] = mapped_column(String(300), default="")
    public_detail: Mapped[str] = mapped_column(String(300), default="")
    territory_kind: Mapped[str] = mapped_column(String(30), default="")
    structure_id: Mapped[int | None] = mapped_column(ForeignKey("structures.id", ondelete="SET NULL"))
    structure_kind: Mapped[str] = mapped_column(String(30), default="")
    periods: Mapped[str] = mapped_column(String(100), default="")
    funders: Mapped[str] = mapped_column(String(200), default="")
    visibility: Mapped[str] = mapped_column(String(10), default="members")
    contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    privacy_warnings: Mapped[str] = mapped_column(String(200), default="")
    privacy_reason: Mapped[str] = mapped_column(String(300), default="")
    render_version: Mapped[int] = mapped_column(Integer, default=markup.RENDER_VERSION)

    # The text of the sheet: short fields, and Markdown long fields with their HTML.
    title: Mapped[str] = mapped_column(String(120), default="")
    summary: Mapped[str] = mapped_column(String(400), default="")
    territory: Mapped[str] = mapped_column(String(200), default="")
    period: Mapped[str] = mapped_column(String(300), default="")
    fte: Mapped[str] = mapped_column(String(20), default="")
    budget_amount: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    context: Mapped[str] = mapped_column(Text, default="")
    context_html: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    objectives_html: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    actions_html: Mapped[str] = mapped_column(Text, default="")
    human_resources: Mapped[str] = mapped_column(Text, default="")
    human_resources_html: Mapped[str] = mapped_column(Text, default="")
    material_resources: Mapped[str] = mapped_column(Text, default="")
    material_resources_html: Mapped[str] = mapped_column(Text, default="")
    budget: Mapped[str] = mapped_column(Text, default="")
    budget_html: Mapped[str] = mapped_column(Text, default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    partners_html: Mapped[str] = mapped_column(Text, default="")
    results: Mapped[str] = mapped_column(Text, default="")
    results_html: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    difficulties_html: Mapped[str] = mapped_column(Text, default="")
    success_factors: Mapped[str] = mapped_column(Text, default="")
    success_factors_html: Mapped[str] = mapped_column(Text, default="")
    perspectives: Mapped[str] = mapped_column(Text, default="")
    perspectives_html: Mapped[str] = mapped_column(Text, default="")

    pole: Mapped[Pole] = relationship(lazy="joined")
    structure: Mapped[Structure | None] = relationship(lazy="joined")
    editor: Mapped[User | None] = relationship(foreign_keys=[editor_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    def set_text(self, values: dict[str, str]) -> None:
        """Store the text fields; long ones are rendered with ``markup.render`` at the same time."""
        for name in fields.TEXT:
            if name in values:
                setattr(self, name, values[name] or "")
                if name in fields.LONG:
                    setattr(self, f"{name}_html", markup.render(values[name] or ""))
        self.render_version = markup.RENDER_VERSION

    def rerender(self) -> None:
        self.set_text({name: getattr(self, name) for name in fields.LONG})

    def field_markup(self, name: str) -> Markup:
        """The stored HTML of a long field, ready for a template."""
        return markup.trusted(getattr(self, f"{name}_html"))

    def copy(self) -> SheetRevision:
        """A new draft revision with the same content (to revise a submitted or published one)."""
        copied = SheetRevision(sheet_id=self.sheet_id)
        for column in self.__table__.columns:
            if column.key not in {"id", "number", "created_at", "updated_at", "submitted_at", "published_at",
                                  "published_by_id", "editor_id"}:
                setattr(copied, column.key, getattr(self, column.key))
        return copied

    @property
    def is_frozen(self) -> bool:
        return self.submitted_at is not None

    @property
    def theme_slugs(self) -> list[str]:
        return vocabulary.unpack(self.themes)

    def missing_required(self) -> list[tuple[str, str]]:
        """(form field, French label) of the required fields still empty: submission needs none."""
        missing = [(field.name, field.label) for field in fields.FIELDS
                   if field.required and not (getattr(self, field.name) or "").strip()]
        for name, label, filled in (("themes", "Thèmes", self.theme_slugs),
                                    ("publics", "Public visé", vocabulary.unpack(self.publics)),
                                    ("territory_kind", "Type de territoire", self.territory_kind),
                                    ("structure_id", "Structure porteuse", self.structure_id)):
            if not filled:
                missing.append((name, label))
        return missing


class SheetComment(markup.RenderedBody, db.Model):
    """A review comment, visible to the author and the reviewers only."""

    __tablename__ = "sheet_comments"
    rendered_label = "commentaires de relecture"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("sheet_revisions.id", ondelete="SET NULL"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # by moderation

    author: Mapped[User] = relationship(lazy="joined")
    # Many-to-one by key: found in the identity map when the sheet is loaded (the review panel).
    sheet: Mapped[Sheet] = relationship(foreign_keys=[sheet_id])


class SheetEvent(db.Model):
    """A step of the workflow: who moved the sheet from which state to which, and when."""

    __tablename__ = "sheet_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("sheet_revisions.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(lazy="joined")


class SheetContributor(db.Model):
    """A member credited on a sheet (the authors of the posts a discussion's sheet drew from)."""

    __tablename__ = "sheet_contributors"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)

    user: Mapped[User] = relationship(lazy="joined")


class Attachment(db.Model):
    """A document or image of a sheet, stored outside static/ under a random name.

    It belongs to versions like the text does: added in revision ``added_in`` (a number), and
    withdrawn from ``removed_in`` on; readers see the attachments of the published revision.
    """

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    added_in: Mapped[int] = mapped_column(Integer, default=1)
    removed_in: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the file itself is gone

    def in_revision(self, number: int) -> bool:
        """Part of the version numbered ``number``."""
        return self.added_in <= number and (self.removed_in is None or self.removed_in > number)
