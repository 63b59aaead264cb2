"""Demo library: the three good-practice sheets of the field, and one sheet at each other step.

Everything goes through the real actions (create_sheet, add_attachment, submit, comment,
publish, mark_due_sheets), written by the demo members of the structures concerned and
validated by a reviewer of the sheet's pole (or an administrator), never by its author.
So the texts pass the personal-data guard, and events and notifications are exactly what
members would produce.

What is loaded:

- three published sheets (domain.md §9.2); the first is public and carries a blank PDF
  model of its liaison form, so visitors see that the library works;
- one sheet submitted and in review, with a reviewer's comment;
- one draft, still incomplete, by the demo member (Léa Morvan);
- one sheet « À actualiser »: written and validated more than 24 months ago (its steps are
  played with the clock set back then), then marked by ``mark_due_sheets`` as the daily job does.

Idempotent: a sheet whose current revision has the exact title of a demo sheet is left
alone, with its whole script, so running the loader again changes nothing. Runs after
``load_accounts()`` (structures and accounts) and ``load_discussions()``.

All people, structures and places are fictitious. Contacts are generic service addresses
in the reserved ``.example`` domain; no resident, address or number appears.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from forum.accounts.models import Structure, User
from forum.db_types import clock_at, utcnow
from forum.demo.liaison_pdf import PDF_NAME, liaison_pdf
from forum.demo.library_sheets import DemoSheet
from forum.demo.library_workflow_sheets import DUE_SHEET_AGE_MONTHS, SHEETS
from forum.extensions import db
from forum.library import actions
from forum.library.attachments import add_attachment
from forum.library.models import Sheet, SheetRevision
from forum.taxonomy.models import Pole

# Short keys for the people of the library demo (see forum.demo.accounts).
PEOPLE = {
    "admin": "admin@forum-demo.example",            # Nadia Berthelot, administratrice
    "animation": "animation@forum-demo.example",    # Sophie Le Goff, anime Bretagne et Pays de la Loire
    "referent": "referent@forum-demo.example",      # Karim Haddad, Régie de quartier des Trois Rives
    "lea": "membre@forum-demo.example",             # Léa Morvan, Régie de quartier des Trois Rives
    "ines": "ecole@forum-demo.example",             # Inès Fabre, Association Médiation Sud Partage
    # No demo account belongs to the « Service médiation du réseau Val de Brenne »: the sheet
    # of its practice is written by the other transport-mediation coordinator of the demo.
    "val_de_brenne": "valdebrenne@forum-demo.example",  # Mathieu Roussel, médiation réseau Val de Brenne
    "yacine": "pimms@forum-demo.example",           # Yacine Ferhat, PIMMS des Coteaux
    "damien": "nuit.portlambert@forum-demo.example",   # Damien Chauvet, Ville de Port-Lambert
}


# --- loading ----------------------------------------------------------------------------

def _user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def existing_titles(titles) -> set[str]:
    """The titles, among ``titles``, of sheets whose current revision already bears them."""
    return set(db.session.scalars(
        db.select(SheetRevision.title).join(Sheet, Sheet.current_revision_id == SheetRevision.id)
        .where(SheetRevision.title.in_(list(titles)))))


def _form(demo: DemoSheet, poles: dict[str, Pole], structures: dict[str, Structure]) -> dict:
    return {**demo.text, **demo.facets, "pole_id": poles[demo.pole].id,
            "structure_id": structures[demo.structure].id}


def _dates(demo: DemoSheet) -> dict[str, datetime | None]:
    """When each step of the sheet happens: now, or for the sheet « À actualiser » years ago."""
    if demo.target != "needs_update":
        return {}
    published = actions.add_months(utcnow(), -DUE_SHEET_AGE_MONTHS)
    return {"create": published - timedelta(days=20), "submit": published - timedelta(days=6), "publish": published}


def _play(demo: DemoSheet, people: dict[str, User], form: dict) -> Sheet:
    """Write the sheet as its author, then take it as far as the demo wants, through the workflow."""
    author = people[demo.author]
    dates = _dates(demo)
    with clock_at(dates.get("create")):
        sheet = actions.create_sheet(author, form)
        if demo.attachment:
            add_attachment(author, sheet, PDF_NAME, liaison_pdf(), no_personal_data=True)
    if demo.target == "draft":
        return sheet
    with clock_at(dates.get("submit")):
        actions.submit(author, sheet)
    reviewer = people[demo.reviewer]
    if demo.comment:
        actions.comment(reviewer, sheet, demo.comment)
    if demo.target == "in_review":
        return sheet
    with clock_at(dates.get("publish")):
        actions.publish(reviewer, sheet)
    if demo.target == "needs_update":
        actions.mark_due_sheets(utcnow())
    return sheet


def load_library() -> None:
    """Create the missing demo sheets, each brought to its step of the workflow."""
    people = {key: _user(email) for key, email in PEOPLE.items()}
    poles = {pole.slug: pole for pole in db.session.scalars(db.select(Pole))}
    structures = {structure.name: structure for structure in db.session.scalars(db.select(Structure))}
    existing = existing_titles(demo.title for demo in SHEETS)
    for demo in SHEETS:
        if demo.title not in existing:
            _play(demo, people, _form(demo, poles, structures))
