"""Lists of discussions (home, pole, theme, pole × theme) and starting a topic."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import editor, policy, privacy
from forum.discussions import actions
from forum.discussions.blueprint import bp
from forum.discussions.forms import TopicForm
from forum.discussions.listing import listing
from forum.discussions.models import Placement
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.moderation.holds import HELD_NOTICE
from forum.search import outbox, searching
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme


@bp.route("/discussions")
def index():
    return listing("discussions/index.html")


@bp.route("/poles/<slug>")
def pole(slug: str):
    return listing("discussions/index.html", pole=taxonomy.by_slug_or_404(Pole, slug))


@bp.route("/themes/<slug>")
def theme(slug: str):
    return listing("discussions/index.html", theme=taxonomy.by_slug_or_404(Theme, slug))


@bp.route("/poles/<pole_slug>/<theme_slug>")
def pole_theme(pole_slug: str, theme_slug: str):
    return listing("discussions/index.html", pole=taxonomy.by_slug_or_404(Pole, pole_slug),
                   theme=taxonomy.by_slug_or_404(Theme, theme_slug))


def topic_form(formdata=None, **data) -> TopicForm:
    """The new-topic form, offering the poles and themes the member may post in."""
    form = TopicForm(formdata=formdata, data=data) if formdata is not None or data else TopicForm()
    form.pole_id.choices = choices((pole.id, pole.name) for pole in taxonomy.poles())
    # « Vie du réseau » is offered to those who animate a pole; the action checks which pole.
    form.theme_id.choices = choices((theme.id, theme.name) for theme in taxonomy.themes()
                                    if policy.can(current_user, "choose", theme))
    return form


@bp.route("/discussions/nouvelle", methods=["GET", "POST"])
def new_topic():
    policy.require(current_user, "access", "members")
    if request.method == "GET":
        defaults = {"pole_id": current_user.pole.id, "kind": "question"}
        for key, model in (("pole", Pole), ("theme", Theme)):
            found = taxonomy.by_slug(model, request.args.get(key), active_only=False)
            if found is not None:
                defaults[f"{key}_id"] = found.id
        return render_template("discussions/new_topic.html", form=topic_form(**defaults), state=editor.EditorState(),
                               similar=[])
    form = topic_form(formdata=request.form)
    state = editor.EditorState()
    similar = []
    wish = editor.intent()
    if wish == editor.MASK:
        state.masked = editor.mask_fields(form, ["title", "body"])
    elif form.validate():
        if wish == editor.PREVIEW:
            state = editor.preview(form)
            similar = searching.similar(outbox.store(), form.title.data or "", visitor=False)
        else:
            place = Placement(db.get_or_404(Pole, form.pole_id.data), db.get_or_404(Theme, form.theme_id.data))
            try:
                if not policy.can(current_user, "start_topic", place):
                    mine = ", ".join(pole.name for pole in current_user.animated_poles)
                    raise ActionError(f"Le thème « {place.theme.name} » est réservé à l'animation de chaque pôle "
                                      f"et à l'administration" + (f" : vous pouvez l'utiliser pour {mine}." if mine
                                                                 else "."), "theme_id")
                topic = actions.start_topic(
                    current_user, pole=place.pole, theme=place.theme, kind=form.kind.data,
                    title=form.title.data, body=form.body.data, privacy_reason=form.privacy_reason.data or "")
            except privacy.PrivacyProblem as problem:
                state = editor.explain(problem, form)
            except ActionError as error:
                form.add_action_error(error)
            else:
                if topic.held_at:
                    flash(HELD_NOTICE, "warning")
                return redirect(url_for("discussions.topic", topic_id=topic.id, publie=1))
    status = 200 if wish in (editor.PREVIEW, editor.MASK) and not form.errors else 422
    return render_template("discussions/new_topic.html", form=form, state=state, similar=similar), status
