"""A topic page, replying, and what can be done to a post."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forum import editor, policy, privacy
from forum.discussions import actions, queries, restructure
from forum.discussions.blueprint import bp
from forum.discussions.forms import EditPostForm, ReplyForm
from forum.discussions.models import REACTION_LABELS, Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.library import queries as library_queries
from forum.moderation.holds import HELD_NOTICE
from forum.notifications import actions as notify
from forum.notifications import queries as notification_queries
from forum.templating import unread_notifications_count
from forum.urls import UrlPattern, page_number, whole_number


def _topic_or_404(topic_id: int) -> Topic:
    """The topic, when the reader may open it (a deleted one no longer exists; a merged one leads to
    the topic that took its posts, a form sent to it included)."""
    topic = db.get_or_404(Topic, topic_id)
    if topic.merged_into_id is not None and (target := restructure.merged_target(topic)) is not None:
        address = url_for(request.endpoint, **{**request.view_args, "topic_id": target.id}, **request.args)
        abort(redirect(address, 302 if request.method == "GET" else 307))
    if not topic.is_present or (topic.held_at and not policy.can(current_user, "view", topic)):
        abort(404)  # held for a check: to others it does not exist yet
    policy.require(current_user, "view", topic)
    return topic


def _post_or_404(post_id: int) -> Post:
    """A post of a topic the reader may open (what they may do to it is asked next)."""
    post = queries.load_post(post_id)
    if post is None or not post.topic.is_present:
        abort(404)
    policy.require(current_user, "view", post.topic)
    return post


def _anchor(post: Post, **params) -> str:
    return url_for("discussions.topic", topic_id=post.topic_id, page=queries.page_of_number(post.number),
                   _anchor=f"message-{post.id}", **params)


def post_links(topic: Topic) -> SimpleNamespace:
    """Every per-post address of a topic page, from the routes, built once for the page."""
    post = "post_id"
    return SimpleNamespace(
        message=UrlPattern.of("discussions.post_permalink", post),
        history=UrlPattern.of("discussions.post_history", post),
        edit=UrlPattern.of("discussions.edit_post", post), delete=UrlPattern.of("discussions.delete_post", post),
        react=UrlPattern.of("discussions.react", post), solution=UrlPattern.of("discussions.solution", post),
        reply=UrlPattern("discussions.reply", "a", topic_id=topic.id, _anchor="editeur"),
        quote=UrlPattern("discussions.reply", "a", topic_id=topic.id, citer=1, _anchor="editeur"),
        mask=UrlPattern.of("moderation.mask", post), hide=UrlPattern.of("moderation.hide", post),
        unhide=UrlPattern.of("moderation.unhide", post), member=UrlPattern.of("accounts.member", "user_id"),
        report=UrlPattern("moderation.report", "target_id", kind_slug="message"),
        csrf=generate_csrf())


def _render_topic(topic: Topic, reply_form: ReplyForm | None = None, state=None, status: int = 200):
    tree = request.args.get("vue") == "arbre"
    page = page_number()
    view = queries.topic_page(current_user, topic, page, tree=tree)
    if page > view.pages:
        abort(404)
    # This page clears the topic's notifications: the header already shows what will be left.
    unread_here = notification_queries.unread_in_topic(current_user, topic) if unread_notifications_count() else 0
    g.unread_notifications -= unread_here
    html = render_template(
        "discussions/topic.html", view=view, topic=topic, tree=tree, reactions=REACTION_LABELS,
        sheet=library_queries.sheet_of_topic(topic.id), links=post_links(topic),
        reply_form=reply_form or ReplyForm(formdata=None), state=state or editor.EditorState(),
    )
    # Written after rendering (a commit expires the objects the page is drawn from), and only
    # when the reader got further or had notifications here: reading again writes nothing.
    furthest = max((post.number for post in view.posts), default=0)
    if furthest > view.last_read or unread_here:
        notify.mark_read(current_user, topic, furthest, with_notifications=unread_here > 0)
    return html, status


@bp.route("/discussions/<int:topic_id>")
def topic(topic_id: int):
    return _render_topic(_topic_or_404(topic_id))


@bp.route("/discussions/<int:topic_id>/premier-non-lu")
def first_unread(topic_id: int):
    topic = _topic_or_404(topic_id)
    view = queries.topic_page(current_user, topic, 1)
    number = min(view.last_read + 1, topic.post_count)
    post = queries.post_from(topic, number)
    return redirect(_anchor(post) if post else url_for("discussions.topic", topic_id=topic.id))


@bp.route("/messages/<int:post_id>")
def post_permalink(post_id: int):
    post = _post_or_404(post_id)
    if post.held_at and not policy.can(current_user, "view", post):
        abort(404)  # held for a check: to others it does not exist yet
    return redirect(_anchor(post))


@bp.route("/discussions/<int:topic_id>/repondre", methods=["GET", "POST"])
def reply(topic_id: int):
    topic = _topic_or_404(topic_id)
    if request.method == "POST" and topic.locked_at and not policy.can(current_user, "reply", topic):
        form = ReplyForm()  # closed while the member was writing: say so and give the text back
        form.form_errors.append("Cette discussion vient d'être fermée aux nouvelles réponses. Votre texte est "
                                "conservé ci-dessous : copiez-le si vous voulez le garder.")
        return render_template("discussions/reply.html", topic=topic, target=None, form=form,
                               state=editor.EditorState(), closed=True), 409
    policy.require(current_user, "reply", topic)
    if request.method == "GET":  # answering one post, without JavaScript
        wanted = whole_number(request.args.get("a"))
        target = _post_or_404(wanted) if wanted else None
        # Its excerpt and quote are shown: only a visible post of this very topic.
        if target is not None and (target.topic_id != topic.id or not policy.can(current_user, "reply_to", target)):
            abort(404)
        body = ""
        if target is not None and request.args.get("citer"):
            source = target.shown_source()  # its own quotations of hidden posts stay withdrawn
            quoted = source if len(source) <= 600 else source[:600].rsplit(" ", 1)[0] + " […]"
            body = "> " + quoted.replace("\n", "\n> ") + "\n\n"
        form = ReplyForm(formdata=None, data={"reply_to": target.id if target else "", "body": body})
        return render_template("discussions/reply.html", topic=topic, target=target, form=form,
                               state=editor.EditorState())
    form = ReplyForm()
    target_id = form.reply_to.data
    target = queries.load_post(whole_number(target_id)) if whole_number(target_id) else None
    if target_id and target is None:
        form.body.errors = ["Le message auquel vous répondez n'existe plus."]
    state = editor.EditorState()
    wish = editor.intent()
    if wish == editor.MASK:
        state.masked = editor.mask_fields(form, ["body"])
    elif not form.errors and form.validate():
        if wish == editor.PREVIEW:
            state = editor.preview(form)
        else:
            try:
                post = actions.reply(current_user, topic, form.body.data, reply_to=target,
                                     privacy_reason=form.privacy_reason.data or "")
            except privacy.PrivacyProblem as problem:
                state = editor.explain(problem, form)
            except ActionError as error:
                form.add_action_error(error)
            else:
                if post.held_at:
                    flash(HELD_NOTICE, "warning")
                return redirect(_anchor(post, publie=1))
    target = queries.load_post(target.id) if target is not None else None
    status = 200 if wish in (editor.PREVIEW, editor.MASK) and not form.errors else 422
    return render_template("discussions/reply.html", topic=topic, target=target, form=form, state=state), status


@bp.route("/messages/<int:post_id>/modifier", methods=["GET", "POST"])
def edit_post(post_id: int):
    post = _post_or_404(post_id)
    policy.require(current_user, "edit", post)
    topic = post.topic
    form = EditPostForm(data={"body": post.body, "title": topic.title}) if request.method == "GET" else EditPostForm()
    state = editor.EditorState()
    status = 200
    if request.method == "POST":
        wish = editor.intent()
        if wish == editor.MASK:
            state.masked = editor.mask_fields(form, ["title", "body"] if post.is_first else ["body"])
        elif form.validate():
            if wish == editor.PREVIEW:
                state = editor.preview(form)
            else:
                try:
                    actions.edit_post(current_user, post, form.body.data,
                                      title=form.title.data if post.is_first else None,
                                      privacy_reason=form.privacy_reason.data or "")
                except privacy.PrivacyProblem as problem:
                    state = editor.explain(problem, form)
                except ActionError as error:
                    form.add_action_error(error)
                else:
                    flash("Votre message est modifié ; la version précédente est conservée dans l'historique.",
                          "success")
                    if post.held_at:
                        flash(HELD_NOTICE, "warning")
                    return redirect(_anchor(post, modifie=post.id))  # tells the page to drop the edit draft
        status = 200 if wish in (editor.PREVIEW, editor.MASK) and not form.errors else 422
    return render_template("discussions/edit_post.html", post=post, topic=topic, form=form, state=state), status


@bp.route("/messages/<int:post_id>/historique")
def post_history(post_id: int):
    post = _post_or_404(post_id)
    policy.require(current_user, "view_history", post)
    versions = queries.post_revisions(post)
    return render_template("discussions/history.html", post=post, topic=post.topic, versions=versions)


@bp.route("/messages/<int:post_id>/supprimer", methods=["POST"])
def delete_post(post_id: int):
    post = _post_or_404(post_id)
    policy.require(current_user, "delete", post)
    try:
        actions.delete_post(current_user, post)
    except ActionError as error:
        flash(error.message, "error")
        return redirect(_anchor(post))
    if post.is_first:
        flash("Votre discussion est supprimée.", "success")
        return redirect(url_for("discussions.index"))
    flash("Votre message est supprimé.", "success")
    return redirect(_anchor(post))


@bp.route("/messages/<int:post_id>/solution", methods=["POST"])
def solution(post_id: int):
    post = _post_or_404(post_id)
    policy.require(current_user, "mark_solution", post)
    if request.form.get("retirer"):
        actions.unmark_solution(current_user, post)
        flash("Ce message n'est plus marqué comme la solution.", "info")
    else:
        actions.mark_solution(current_user, post)
        flash("La discussion est marquée « Résolue » ; la solution s'affiche en haut.", "success")
    return redirect(_anchor(post))


@bp.route("/messages/<int:post_id>/reaction", methods=["POST"])
def react(post_id: int):
    post = _post_or_404(post_id)
    policy.require(current_user, "react", post)
    kind = request.form.get("kind", "")
    try:
        actions.toggle_reaction(current_user, post, kind)
    except ActionError as error:
        flash(error.message, "error")
    return redirect(_anchor(post).replace(f"#message-{post.id}", f"#actions-{post.id}"))


@bp.route("/discussions/<int:topic_id>/suivi", methods=["POST"])
def follow_topic(topic_id: int):
    topic = _topic_or_404(topic_id)
    level = request.form.get("level") or None
    try:
        notify.set_subscription(current_user, topic, level)
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash({"follow": "Vous suivez cette discussion.", "mute": "Cette discussion est en sourdine : plus aucune "
               "notification."}.get(level, "Vous ne suivez plus cette discussion."), "success")
    return redirect(url_for("discussions.topic", topic_id=topic.id))
