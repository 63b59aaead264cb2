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
    for name, label in (("themes", "Thèmes"), ("visibility", "Visibilité"), ("territory_kind", "Type de territoire")):
        if getattr(old, name) != getattr(new, name):
            changes.append(FieldDiff(label, words_diff(getattr(old, name), getattr(new, name))))
    return changes
