"""The library's blueprint, and what its pages share: loading a sheet the reader may see, drawing it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, render_template
from flask_login import current_user

from forum import policy
from forum.extensions import db
from forum.library import fields, queries, vocabulary
from forum.library.forms import AttachmentForm, CommentForm
from forum.library.models import STATUS_LABELS, Sheet, SheetRevision
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Theme

bp = Blueprint("library", __name__, url_prefix="/bibliotheque")


def vocabularies() -> dict:
    """The French words of every facet, for the templates."""
    return {"registers": vocabulary.REGISTERS, "publics": vocabulary.PUBLICS, "periods": vocabulary.PERIODS,
            "funders": vocabulary.FUNDERS, "territories": vocabulary.TERRITORY_KINDS,
            "structure_kinds": vocabulary.STRUCTURE_KINDS, "visibility": vocabulary.VISIBILITY,
            "status_labels": STATUS_LABELS}


def load_sheet(sheet_id: int, action: str = "view") -> Sheet:
    """The sheet, if the reader may do ``action`` on it (404 when they may not even see it)."""
    sheet = db.get_or_404(Sheet, sheet_id)
    if not policy.can(current_user, "view", sheet):
        if not current_user.is_authenticated and sheet.is_readable:
            flash("Cette fiche est réservée aux membres du réseau : connectez-vous pour la lire.", "info")
            policy.require(current_user, "view", sheet)  # visitors are asked to log in
        abort(404)  # a sheet in preparation does not exist for those who may not read it
    policy.require(current_user, action, sheet)
    return sheet


def render_sheet(found: Sheet, shown: SheetRevision, working: bool, comment_form: CommentForm | None = None,
                 status: int = 200):
    """A sheet's page (also shown again when a review comment is refused, with the text kept)."""
    page = queries.sheet_page(current_user, found, shown)
    # only sections with something to say: an empty heading would also print
    sections = [(title, names) for title, names in fields.SECTIONS
                if any(getattr(shown, name) for name in names) or (title == "Les moyens" and shown.funders)]
    return render_template("library/sheet.html", page=page, sheet=found, revision=shown, working=working,
                           related=queries.related(current_user, found), sections=sections,
                           fields=fields.BY_NAME, theme_names=taxonomy.names(Theme),
                           comment_form=comment_form or CommentForm(formdata=None),
                           attachment_form=AttachmentForm(formdata=None), **vocabularies()), status
