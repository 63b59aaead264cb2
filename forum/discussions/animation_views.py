"""Animation and moderation of a topic: pin, lock, move, split, merge (each with its reason).

The actions are moderation's (``forum.moderation.topics``): they write the journal, tell the
authors and settle the topic's case. These pages sit beside the topic page they act on.
"""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.discussions import queries
from forum.discussions.blueprint import bp
from forum.discussions.forms import MergeTopicForm, MoveTopicForm, SplitTopicForm, TopicToolForm
from forum.discussions.models import Placement, Topic
from forum.discussions.restructure import MAX_MOVED
from forum.discussions.topic_views import _topic_or_404
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.moderation.topics import merge_topics, move_topic, set_locked, set_pinned, split_topic
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme
from forum.urls import whole_number

TOPIC_ADDRESS = re.compile(r"(?:^|/discussions/)(\d{1,10})(?:[/?#].*)?$")


def _back(topic: Topic):
    return redirect(url_for("discussions.topic", topic_id=topic.id))


def _tool(topic: Topic, action, done: str):
    """Run a pin or lock from the topic page: its refusal (a colleague acted first, no reason) or ``done``."""
    form = TopicToolForm()
    if not form.validate():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "error")
        return _back(topic)
    try:
        action(form.reason.data or "")
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash(done, "success")
    return _back(topic)


@bp.route("/discussions/<int:topic_id>/epingler", methods=["POST"])
def pin(topic_id: int):
    topic = _topic_or_404(topic_id)
    policy.require(current_user, "pin", topic)
    pinned = topic.pinned_at is None
    return _tool(topic, lambda reason: set_pinned(current_user, topic, pinned, reason),
                 "Discussion épinglée en tête du pôle." if pinned else "Discussion désépinglée.")


@bp.route("/discussions/<int:topic_id>/verrouiller", methods=["POST"])
def lock(topic_id: int):
    topic = _topic_or_404(topic_id)
    policy.require(current_user, "lock", topic)
    locked = topic.locked_at is None
    return _tool(topic, lambda reason: set_locked(current_user, topic, locked, reason),
                 "Discussion fermée aux nouvelles réponses ; son auteur en est informé." if locked
                 else "Discussion rouverte.")


def _placement_choices(form) -> None:
    form.pole_id.choices = choices((pole.id, pole.name) for pole in taxonomy.poles())
    form.theme_id.choices = choices((theme.id, theme.name) for theme in taxonomy.themes())


def _placement(form) -> Placement | None:
    """The chosen pole × theme, if the actor may put a topic there (else the form says why)."""
    placement = Placement(db.get_or_404(Pole, form.pole_id.data), db.get_or_404(Theme, form.theme_id.data))
    if not policy.can(current_user, "move_into", placement):
        form.pole_id.errors = [*form.pole_id.errors, "Choisissez un pôle que vous animez (et un thème qui vous y est "
                                                     "ouvert) : la discussion y sera confiée à votre animation."]
        return None
    return placement


@bp.route("/discussions/<int:topic_id>/deplacer", methods=["GET", "POST"])
def move(topic_id: int):
    topic = _topic_or_404(topic_id)
    policy.require(current_user, "move", topic)
    form = MoveTopicForm(data={"pole_id": topic.pole_id, "theme_id": topic.theme_id}) \
        if request.method == "GET" else MoveTopicForm()
    _placement_choices(form)
    if request.method == "POST" and form.validate() and (placement := _placement(form)):
        try:
            move_topic(current_user, topic, placement.pole, placement.theme, form.reason.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("La discussion est déplacée ; son auteur en est informé.", "success")
            return _back(topic)
    status = 422 if form.errors else 200
    return render_template("discussions/move.html", topic=topic, form=form), status


def _chosen_ids() -> list[int]:
    """The ticked posts: whole numbers only, else a French 400 (nothing is changed)."""
    raw = request.form.getlist("post_ids")
    if len(raw) > MAX_MOVED:
        abort(400, f"Une scission déplace au plus {MAX_MOVED} messages.")
    ids = [whole_number(value) for value in raw]
    if any(value is None for value in ids):
        abort(400, "La liste des messages choisis est illisible : rechargez la page et cochez-les à nouveau.")
    return ids


@bp.route("/discussions/<int:topic_id>/scinder", methods=["GET", "POST"])
def split(topic_id: int):
    topic = _topic_or_404(topic_id)
    policy.require(current_user, "split", topic)
    form = SplitTopicForm(data={"pole_id": topic.pole_id, "theme_id": topic.theme_id}) \
        if request.method == "GET" else SplitTopicForm()
    _placement_choices(form)
    chosen: set[int] = set()
    status = 200
    if request.method == "POST":
        chosen = set(_chosen_ids())
        if form.validate() and (placement := _placement(form)):
            try:
                new = split_topic(current_user, topic, sorted(chosen), title=form.title.data,
                                             pole=placement.pole, theme=placement.theme, reason=form.reason.data)
            except ActionError as error:
                form.add_action_error(error)
            else:
                flash("Les messages choisis forment une nouvelle discussion ; leurs auteurs en sont informés.",
                      "success")
                return redirect(url_for("discussions.topic", topic_id=new.id))
        status = 422
    posts = [post for post in queries.split_candidates(topic, MAX_MOVED) if policy.can(current_user, "view", post)]
    return render_template("discussions/split.html", topic=topic, form=form, posts=posts, chosen=chosen), status


def _topic_named(text: str) -> Topic | None:
    """The topic a moderator named by its number or its address (as shown in the browser)."""
    found = TOPIC_ADDRESS.search(text or "")
    number = whole_number(found.group(1)) if found else None
    return queries.topic_by_id(number) if number else None


@bp.route("/discussions/<int:topic_id>/fusionner", methods=["GET", "POST"])
def merge(topic_id: int):
    topic = _topic_or_404(topic_id)
    policy.require(current_user, "merge", topic)
    form = MergeTopicForm()
    if request.method == "POST" and form.validate():
        into = _topic_named(form.into.data)
        if into is None or not policy.can(current_user, "merge", into):
            form.into.errors = ["Aucune discussion que vous animez ne porte ce numéro (une discussion déjà "
                                "fusionnée ne peut plus en recevoir)."]
        else:
            try:
                merge_topics(current_user, topic, into, form.reason.data)
            except ActionError as error:
                form.add_action_error(error)
            else:
                flash("Les discussions sont fusionnées ; l'ancienne adresse mène ici.", "success")
                return redirect(url_for("discussions.topic", topic_id=into.id))
    status = 422 if form.errors else 200
    return render_template("discussions/merge.html", topic=topic, form=form), status
