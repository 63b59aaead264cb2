"""Administration of structures, poles, themes and site pages."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forum.accounts import admin_actions
from forum.accounts import queries as accounts_queries
from forum.accounts.models import Structure
from forum.admin.blueprint import bp
from forum.admin.forms import PoleForm, SitePageForm, StructureForm, ThemeForm, ThesaurusForm
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.pages import actions as page_actions
from forum.pages.content import PAGES, page_content
from forum.search import actions as search_actions
from forum.search import thesaurus
from forum.taxonomy import actions as taxonomy_actions
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme


def _saved_or_form(form, save, message: str, redirect_to: str, template: str, **context):
    """Run ``save`` when the form is valid; otherwise show the form again with its errors."""
    if form.validate_on_submit():
        try:
            save()
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash(message, "success")
            return redirect(redirect_to)
    status = 422 if form.errors or form.form_errors else 200
    return render_template(template, form=form, **context), status


# --- structures -----------------------------------------------------------------------

@bp.route("/structures")
def structures():
    return render_template("admin/structures.html", rows=accounts_queries.structures_with_member_counts())


def _structure_form(obj=None) -> StructureForm:
    form = StructureForm(obj=obj)
    form.pole_id.choices = [SelectChoice("", "— Choisissez —")] + choices(
        (pole.id, pole.name) for pole in taxonomy.poles(active_only=False))
    return form


@bp.route("/structures/nouvelle", methods=["GET", "POST"])
def new_structure():
    form = _structure_form()
    return _saved_or_form(
        form,
        lambda: admin_actions.create_structure(current_user, name=form.name.data, kind=form.kind.data,
                                               pole_id=form.pole_id.data, city=form.city.data),
        "La structure est créée.", url_for("admin.structures"), "admin/structure_form.html", structure=None,
    )


@bp.route("/structures/<int:structure_id>", methods=["GET", "POST"])
def edit_structure(structure_id: int):
    structure = db.get_or_404(Structure, structure_id)
    form = _structure_form(structure)
    return _saved_or_form(
        form,
        lambda: admin_actions.edit_structure(current_user, structure, name=form.name.data, kind=form.kind.data,
                                             pole_id=form.pole_id.data, city=form.city.data,
                                             active=form.active.data),
        "La structure est enregistrée.", url_for("admin.structures"), "admin/structure_form.html",
        structure=structure,
    )


# --- poles and themes -----------------------------------------------------------------

@bp.route("/poles")
def poles():
    return render_template("admin/taxonomy.html", items=taxonomy.poles(active_only=False),
                           kind="pole")


@bp.route("/poles/nouveau", methods=["GET", "POST"])
def new_pole():
    form = PoleForm()
    return _saved_or_form(
        form,
        lambda: taxonomy_actions.create_pole(current_user, name=form.name.data, position=form.position.data,
                                             insee_codes=form.insee_codes.data),
        "Le pôle est créé.", url_for("admin.poles"), "admin/taxonomy_form.html", kind="pole", item=None,
    )


@bp.route("/poles/<int:pole_id>", methods=["GET", "POST"])
def edit_pole(pole_id: int):
    pole = db.get_or_404(Pole, pole_id)
    form = PoleForm(obj=pole)
    return _saved_or_form(
        form,
        lambda: taxonomy_actions.edit_pole(current_user, pole, name=form.name.data, position=form.position.data,
                                           active=form.active.data, insee_codes=form.insee_codes.data),
        "Le pôle est enregistré.", url_for("admin.poles"), "admin/taxonomy_form.html", kind="pole", item=pole,
    )


@bp.route("/themes")
def themes():
    return render_template("admin/taxonomy.html", items=taxonomy.themes(active_only=False),
                           kind="theme")


@bp.route("/themes/nouveau", methods=["GET", "POST"])
def new_theme():
    form = ThemeForm()
    return _saved_or_form(
        form,
        lambda: taxonomy_actions.create_theme(current_user, name=form.name.data, position=form.position.data,
                                              description=form.description.data, restricted=form.restricted.data),
        "Le thème est créé.", url_for("admin.themes"), "admin/taxonomy_form.html", kind="theme", item=None,
    )


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
def edit_theme(theme_id: int):
    theme = db.get_or_404(Theme, theme_id)
    form = ThemeForm(obj=theme)
    return _saved_or_form(
        form,
        lambda: taxonomy_actions.edit_theme(current_user, theme, name=form.name.data, position=form.position.data,
                                            active=form.active.data, description=form.description.data,
                                            restricted=form.restricted.data),
        "Le thème est enregistré.", url_for("admin.themes"), "admin/taxonomy_form.html", kind="theme", item=theme,
    )


# --- site pages -----------------------------------------------------------------------

@bp.route("/pages/<slug>", methods=["GET", "POST"])
def edit_page(slug: str):
    if slug not in PAGES:
        abort(404)
    content = page_content(slug)
    form = SitePageForm(data={"title": content.title, "body": content.body})
    return _saved_or_form(
        form,
        lambda: page_actions.edit_page(current_user, slug, form.title.data, form.body.data),
        "La page est enregistrée.", url_for("pages.charter" if slug == "charte" else "pages.privacy_notice"),
        "admin/page_form.html", slug=slug,
    )


# --- search thesaurus -----------------------------------------------------------------

THESAURUS_EXAMPLE = ("# Exemple : chercher l'un de ces mots trouve aussi les autres.\n"
                     "# CUCS, contrat urbain de cohésion sociale\n")


@bp.route("/thesaurus", methods=["GET", "POST"], endpoint="thesaurus")
def thesaurus_page():
    path = Path(current_app.config["FORUM_SEARCH_THESAURUS"])
    current = path.read_text(encoding="utf-8") if path.is_file() else THESAURUS_EXAMPLE
    form = ThesaurusForm(data={"text": current})
    shipped = thesaurus.read_groups(thesaurus.DEFAULT.read_text(encoding="utf-8"))
    return _saved_or_form(
        form, lambda: search_actions.edit_thesaurus(current_user, form.text.data or ""),
        "Le thésaurus est enregistré : les prochaines recherches l'utilisent.", url_for("admin.thesaurus"),
        "admin/thesaurus.html", shipped=shipped,
    )
