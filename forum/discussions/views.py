"""Lists of discussions (home, pole, theme, pole × theme) and starting a topic."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from forum import editor, policy, privacy
from forum.discussions import actions, queries
from forum.discussions.forms import TopicForm
from forum.discussions.models import Placement
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.notifications.models import Subscription
from forum.search import outbox, searching
from forum.search.views import hit_url
from forum.taxonomy.models import Pole, Theme
from forum.urls import whole_number

bp = Blueprint("discussions", __name__)


def _page_number() -> int:
    return whole_number(request.args.get("page"), 100_000) or 1


def _followed(kind: str, target_id: int) -> bool:
    return db.session.scalar(db.select(Subscription.id).where(
        Subscription.user_id == current_user.id, Subscription.target_type == kind,
        Subscription.target_id == target_id)) is not None


def _listing(template: str, *, pole: Pole | None = None, theme: Theme | None = None, **context):
    policy.require(current_user, "access", "members")
    show = request.args.get("filtre", "")
    show = show if show in queries.FILTERS or show == "mon-pole" else ""
    pole_id = pole.id if pole else (current_user.pole.id if show == "mon-pole" else None)
    pagination = queries.topic_list(current_user, pole_id=pole_id, theme_id=theme.id if theme else None,
                                    show="" if show == "mon-pole" else show, page=_page_number(),
                                    pinned_first=pole is not None)
    return render_template(
        template, pagination=pagination, pole=pole, theme=theme, show=show, filters=queries.FILTERS,
        poles=db.session.scalars(Pole.ordered()).all(), themes=db.session.scalars(Theme.ordered()).all(),
        pole_followed=pole is not None and _followed("pole", pole.id),
        theme_followed=theme is not None and _followed("theme", theme.id), **context)


@bp.route("/discussions")
def index():
    return _listing("discussions/index.html")


@bp.route("/poles/<slug>")
def pole(slug: str):
    found = db.first_or_404(db.select(Pole).where(Pole.slug == slug, Pole.active.is_(True)))
    return _listing("discussions/index.html", pole=found)


@bp.route("/themes/<slug>")
def theme(slug: str):
    found = db.first_or_404(db.select(Theme).where(Theme.slug == slug, Theme.active.is_(True)))
    return _listing("discussions/index.html", theme=found)


@bp.route("/poles/<pole_slug>/<theme_slug>")
def pole_theme(pole_slug: str, theme_slug: str):
    found_pole = db.first_or_404(db.select(Pole).where(Pole.slug == pole_slug, Pole.active.is_(True)))
    found_theme = db.first_or_404(db.select(Theme).where(Theme.slug == theme_slug, Theme.active.is_(True)))
    return _listing("discussions/index.html", pole=found_pole, theme=found_theme)


def topic_form(formdata=None, **data) -> TopicForm:
    """The new-topic form, offering the poles and themes the member may post in."""
    form = TopicForm(formdata=formdata, data=data) if formdata is not None or data else TopicForm()
    poles = db.session.scalars(Pole.ordered()).all()
    themes = db.session.scalars(Theme.ordered()).all()
    form.pole_id.choices = choices((pole.id, pole.name) for pole in poles)
    # « Vie du réseau » is offered to those who animate a pole; the action checks which pole.
    form.theme_id.choices = choices((theme.id, theme.name) for theme in themes
                                    if policy.can(current_user, "choose", theme))
    return form


@bp.route("/discussions/nouvelle", methods=["GET", "POST"])
def new_topic():
    policy.require(current_user, "access", "members")
    if request.method == "GET":
        defaults = {"pole_id": current_user.pole.id, "kind": "question"}
        for key, model in (("pole", Pole), ("theme", Theme)):
            slug = request.args.get(key)
            found = db.session.scalar(db.select(model).where(model.slug == slug)) if slug else None
            if found is not None:
                defaults[f"{key}_id"] = found.id
        return render_template("discussions/new_topic.html", form=topic_form(**defaults), state=editor.EditorState(),
                               similar=[], similar_url=hit_url)
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
                return redirect(url_for("discussions.topic", topic_id=topic.id, publie=1))
    status = 200 if wish in (editor.PREVIEW, editor.MASK) and not form.errors else 422
    return render_template("discussions/new_topic.html", form=form, state=state, similar=similar,
                           similar_url=hit_url), status
