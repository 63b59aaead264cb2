"""The library: the catalogue, a sheet's page, writing a sheet and its attachments."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forum import editor, policy, privacy
from forum.accounts import queries as accounts
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.library import actions, attachments, fields, queries, vocabulary
from forum.library.blueprint import bp, load_sheet, render_sheet, vocabularies
from forum.library.forms import AttachmentForm, SheetForm
from forum.library.models import Attachment, Sheet, SheetRevision
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Theme
from forum.urls import page_number, whole_number


@bp.route("/")
def index():
    catalogue = queries.catalogue(current_user, request.args, page_number())
    return render_template("library/index.html", catalogue=catalogue, sorts=queries.SORTS,
                           poles=taxonomy.poles(), themes=taxonomy.themes(), theme_names=taxonomy.names(Theme),
                           **vocabularies())


@bp.route("/<int:sheet_id>")
def sheet(sheet_id: int):
    found = load_sheet(sheet_id)
    working = policy.can(current_user, "view_work", found)
    wanted = request.args.get("version", "")
    if working and whole_number(wanted):  # an earlier revision, from the history
        shown = queries.revision_numbered(found, whole_number(wanted)) or abort(404)
    elif (working and wanted == "travail") or not found.is_readable:
        shown = found.current_revision  # a sheet in preparation: its author, reviewers, credited members
    else:
        shown = found.published_revision
    return render_sheet(found, shown, working)


def sheet_form(formdata=None, revision: SheetRevision | None = None) -> SheetForm:
    """The form, filled from a revision (or the member's defaults), with its lists of choices."""
    if formdata is not None:
        form = SheetForm(formdata=formdata)
    elif revision is not None:
        data = {name: getattr(revision, name) for name in fields.TEXT}
        data.update(pole_id=revision.pole_id, structure_id=revision.structure_id,
                    structure_kind=revision.structure_kind,
                    territory_kind=revision.territory_kind, visibility=revision.visibility,
                    public_detail=revision.public_detail, contact_consent=revision.contact_consent,
                    themes=revision.theme_slugs, registers=vocabulary.unpack(revision.registers),
                    publics=vocabulary.unpack(revision.publics), periods=vocabulary.unpack(revision.periods),
                    funders=vocabulary.unpack(revision.funders))
        form = SheetForm(formdata=None, data=data)
    else:
        form = SheetForm(formdata=None, data={"pole_id": current_user.pole.id,
                                              "structure_id": current_user.structure_id, "visibility": "members"})
    form.pole_id.choices = choices((pole.id, pole.name) for pole in taxonomy.poles())
    form.themes.choices = choices((theme.slug, theme.name) for theme in taxonomy.themes() if not theme.restricted)
    form.structure_id.choices = [SelectChoice("", "— Choisissez —")] + choices(
        (structure.id, structure.name) for structure in accounts.structures())
    return form


# The sheet's text fields « Masquer automatiquement » goes through (a contact keeps its service address).
MASKED_FIELDS = [name for name in fields.TEXT if name != "contact"] + ["public_detail"]


def _save(form: SheetForm, existing: Sheet | None) -> tuple[Sheet | None, editor.EditorState]:
    """Run the action behind the form; return the sheet saved (or None) and the editor's state."""
    data = form.data_for_action()
    reason = form.privacy_reason.data or ""
    try:
        if existing is None:
            return actions.create_sheet(current_user, data, reason), editor.EditorState()
        actions.save_sheet(current_user, existing, data, reason)
        return existing, editor.EditorState()
    except privacy.PrivacyProblem as problem:
        return None, editor.explain(problem, form, saving=True)
    except ActionError as error:
        form.add_action_error(error)
        return None, editor.EditorState()


def _flag_missing(form: SheetForm, error: actions.MissingFields) -> None:
    for name, _label in error.missing:
        getattr(form, name).errors = ["À remplir pour soumettre la fiche."]


def _editor(existing: Sheet | None):
    form = sheet_form(formdata=request.form) if request.method == "POST" else \
        sheet_form(revision=existing.current_revision if existing else None)
    state, missing = editor.EditorState(), None
    if request.method == "POST" and editor.intent() == editor.MASK:
        state.masked = editor.mask_fields(form, MASKED_FIELDS)
    elif request.method == "POST" and form.validate():
        saved, state = _save(form, existing)
        if saved is not None:
            if request.form.get("action") != "soumettre":
                flash("Brouillon enregistré. Vous pouvez le compléter plus tard.", "success")
                return redirect(url_for("library.edit", sheet_id=saved.id, publie=1))
            try:
                actions.submit(current_user, saved)
            except actions.MissingFields as error:
                _flag_missing(form, error)
                missing, existing = error.missing, saved
            except ActionError as error:
                flash(f"Brouillon enregistré, mais pas encore soumis. {error.message}", "error")
                return redirect(url_for("library.edit", sheet_id=saved.id))
            else:
                flash("Votre fiche est soumise : elle va être relue par l'animation de son pôle "
                      "(ou par l'administration du forum).", "success")
                return redirect(url_for("library.sheet", sheet_id=saved.id, version="travail", publie=1))
    status = 200 if request.method == "GET" or (state.masked and not form.errors) else 422
    return render_template("library/edit.html", form=form, sheet=existing, state=state, missing=missing,
                           sections=fields.SECTIONS, attachment_form=AttachmentForm(formdata=None),
                           attachments=[] if existing is None else queries.sheet_page(
                               current_user, existing, existing.current_revision).attachments), status


@bp.route("/nouvelle", methods=["GET", "POST"])
def new():
    policy.require(current_user, "create", Sheet)
    return _editor(None)


@bp.route("/<int:sheet_id>/modifier", methods=["GET", "POST"])
def edit(sheet_id: int):
    return _editor(load_sheet(sheet_id, "edit"))


@bp.route("/mes-fiches")
def mine():
    policy.require(current_user, "create", Sheet)
    return render_template("library/mine.html", sheets=queries.my_sheets(current_user), **vocabularies())


# --- attachments -----------------------------------------------------------------------

@bp.route("/<int:sheet_id>/pieces-jointes", methods=["POST"])
def upload(sheet_id: int):
    found = load_sheet(sheet_id, "edit")
    upload_ = request.files.get("file")
    try:
        if upload_ is None or not upload_.filename:
            raise ActionError("Choisissez un fichier.", "file")
        attachments.add_attachment(current_user, found, upload_.filename, upload_.read(),
                                   bool(request.form.get("no_personal_data")))
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("Le document est joint à la fiche.", "success")
    return redirect(url_for("library.edit", sheet_id=found.id, _anchor="documents"))


@bp.route("/pieces-jointes/<int:attachment_id>/<filename>")
def download(attachment_id: int, filename: str):
    attachment = db.get_or_404(Attachment, attachment_id)
    if attachment.deleted_at is not None or attachment.filename != filename:
        abort(404)
    sheet = load_sheet(attachment.sheet_id)
    if not policy.can(current_user, "view_work", sheet):
        # readers get the documents of the published version only, never those still in review
        if not sheet.is_readable or not attachment.in_revision(sheet.published_revision.number):
            abort(404)
    response = send_file(attachments.stored_path(attachment), mimetype=attachment.content_type, as_attachment=True,
                         download_name=attachment.filename, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/pieces-jointes/<int:attachment_id>/retirer", methods=["POST"])
def remove_attachment(attachment_id: int):
    attachment = db.get_or_404(Attachment, attachment_id)
    sheet_id = attachment.sheet_id
    load_sheet(sheet_id, "edit")
    try:
        attachments.remove_attachment(current_user, attachment)
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash("Le document est retiré.", "success")
    return redirect(url_for("library.edit", sheet_id=sheet_id, _anchor="documents"))

