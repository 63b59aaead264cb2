"""Writes to poles and themes (administrators only)."""

from __future__ import annotations

import re
import unicodedata

from forum import policy
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record
from forum.taxonomy.models import Pole, Theme
from forum.transaction import atomic

INSEE_CODES = re.compile(r"^(?:\d{2}(?:\s*,\s*\d{2})*)?$")


def slugify(text: str) -> str:
    """« Pays de la Loire » -> « pays-de-la-loire »."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def _name(model, name: str, exclude_id: int | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ActionError("Indiquez un libellé.", "name")
    if len(name) > 120:
        raise ActionError("Le libellé ne peut pas dépasser 120 caractères.", "name")
    if not slugify(name):
        raise ActionError("Le libellé doit contenir des lettres ou des chiffres.", "name")
    same = db.select(model.id).where(db.func.lower(model.name) == name.lower())
    if exclude_id is not None:
        same = same.where(model.id != exclude_id)
    if db.session.scalar(same) is not None:
        raise ActionError("Un autre élément porte déjà ce libellé.", "name")
    return name


def _position(position) -> int:
    if not isinstance(position, int) or not 0 <= position <= 100000:
        raise ActionError("L'ordre est un nombre entier entre 0 et 100000.", "position")
    return position


def _insee_codes(codes: str) -> str:
    codes = (codes or "").strip()
    if not INSEE_CODES.match(codes):
        raise ActionError("Indiquez des codes de région à deux chiffres séparés par des virgules, par exemple 53.",
                          "insee_codes")
    return ",".join(code.strip() for code in codes.split(",")) if codes else ""


def _new_slug(model, name: str) -> str:
    slug = slugify(name)
    if db.session.scalar(db.select(model.id).where(model.slug == slug)) is not None:
        raise ActionError("Un élément porte déjà un libellé très proche.", "name")
    return slug


@atomic
def create_pole(actor, *, name: str, position: int, insee_codes: str = "") -> Pole:
    """Add a regional pole."""
    policy.require(actor, "create", Pole)
    name = _name(Pole, name, None)
    pole = Pole(slug=_new_slug(Pole, name), name=name, position=_position(position),
                insee_codes=_insee_codes(insee_codes), active=True)
    db.session.add(pole)
    db.session.flush()
    record(actor, "create_pole", pole, pole.name)
    return pole


@atomic
def edit_pole(actor, pole: Pole, *, name: str, position: int, active: bool, insee_codes: str = "") -> None:
    """Rename, reorder or (de)activate a pole; its slug, used in addresses, stays."""
    policy.require(actor, "edit", pole)
    pole.name = _name(Pole, name, pole.id)
    pole.position = _position(position)
    pole.active = bool(active)
    pole.insee_codes = _insee_codes(insee_codes)
    record(actor, "edit_pole", pole, pole.name, "" if pole.active else "désactivé")


@atomic
def create_theme(actor, *, name: str, position: int, description: str = "", restricted: bool = False) -> Theme:
    """Add a theme."""
    policy.require(actor, "create", Theme)
    name = _name(Theme, name, None)
    theme = Theme(slug=_new_slug(Theme, name), name=name, position=_position(position),
                  description=(description or "").strip()[:300], restricted=bool(restricted), active=True)
    db.session.add(theme)
    db.session.flush()
    record(actor, "create_theme", theme, theme.name)
    return theme


@atomic
def edit_theme(actor, theme: Theme, *, name: str, position: int, active: bool, description: str = "",
               restricted: bool = False) -> None:
    """Rename, reorder or (de)activate a theme."""
    policy.require(actor, "edit", theme)
    theme.name = _name(Theme, name, theme.id)
    theme.position = _position(position)
    theme.active = bool(active)
    theme.description = (description or "").strip()[:300]
    theme.restricted = bool(restricted)
    record(actor, "edit_theme", theme, theme.name, "" if theme.active else "désactivé")
