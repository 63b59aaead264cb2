"""A readable diff between two revisions of a sheet: field by field, word by word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

from forum.library import fields, vocabulary
from forum.library.models import SheetRevision

_TOKENS = re.compile(r"\s+|[^\s]+")

# Facets compared as lists of labels, beside the text fields.
FACETS = (
    ("registers", "Registres d'intervention", vocabulary.REGISTERS),
    ("publics", "Public visé", vocabulary.PUBLICS),
    ("periods", "Créneaux", vocabulary.PERIODS),
    ("funders", "Financeurs", vocabulary.FUNDERS),
)


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: Markup  # escaped text with <ins> and <del>


def words_diff(old: str, new: str) -> Markup:
    """``new`` compared with ``old``: removed words in <del>, added words in <ins>, all escaped."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(Markup("<del>{}</del>").format("".join(before[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(Markup("<ins>{}</ins>").format("".join(after[b1:b2])))
    return Markup("").join(parts)


def compare(old: SheetRevision, new: SheetRevision) -> list[FieldDiff]:
    """Every field whose text differs between two revisions, in the order of the sheet."""
    changes = []
    for field in fields.FIELDS:
        a, b = getattr(old, field.name) or "", getattr(new, field.name) or ""
        if a != b:
            changes.append(FieldDiff(field.label, words_diff(a, b)))
    for name, label, words in FACETS:
        a, b = vocabulary.labels(getattr(old, name), words), vocabulary.labels(getattr(new, name), words)
        if a != b:
            changes.append(FieldDiff(label, words_diff(", ".join(a), ", ".join(b))))
    singles = (("visibility", "Visibilité", vocabulary.VISIBILITY),
               ("territory_kind", "Type de territoire", vocabulary.TERRITORY_KINDS),
               ("structure_kind", "Type de structure porteuse", vocabulary.STRUCTURE_KINDS))
    for name, label, words in singles:
        if getattr(old, name) != getattr(new, name):
            changes.append(FieldDiff(label, words_diff(words.get(getattr(old, name), ""),
                                                       words.get(getattr(new, name), ""))))
    if old.themes != new.themes:
        changes.append(FieldDiff("Thèmes", words_diff(", ".join(theme_names(old.theme_slugs)),
                                                      ", ".join(theme_names(new.theme_slugs)))))
    if old.pole_id != new.pole_id:
        changes.append(FieldDiff("Pôle", words_diff(old.pole.name, new.pole.name)))
    if old.structure_id != new.structure_id:
        changes.append(FieldDiff("Structure porteuse", words_diff(old.structure.name if old.structure else "",
                                                                  new.structure.name if new.structure else "")))
    if old.contact_consent != new.contact_consent:
        changes.append(FieldDiff("Accord de la personne nommée", words_diff(
            "oui" if old.contact_consent else "non", "oui" if new.contact_consent else "non")))
    documents = attachments_diff(old, new)
    if documents is not None:
        changes.append(documents)
    return changes


def theme_names(slugs: list[str]) -> list[str]:
    from forum.taxonomy import queries as taxonomy
    from forum.taxonomy.models import Theme

    if not slugs:
        return []
    names = taxonomy.names(Theme)
    return [names.get(slug, slug) for slug in slugs]


def attachments_diff(old: SheetRevision, new: SheetRevision) -> FieldDiff | None:
    """The documents of one version compared with the other's."""
    from forum.extensions import db
    from forum.library.models import Attachment

    files = db.session.scalars(db.select(Attachment).where(Attachment.sheet_id == new.sheet_id)).all()
    before = [item.filename for item in files if item.in_revision(old.number)]
    after = [item.filename for item in files if item.in_revision(new.number)]
    if before == after:
        return None
    return FieldDiff("Documents et outils", words_diff(", ".join(before), ", ".join(after)))
