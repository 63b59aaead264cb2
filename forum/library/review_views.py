"""Review of sheets: the queue, comments, the workflow buttons, history and diffs, promotion."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy, privacy
from forum.discussions.models import Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.forms import choices
from forum.library import actions, diff, queries
from forum.library.blueprint import bp, load_sheet, render_sheet
from forum.library.forms import CommentForm, PromoteForm
from forum.library.models import STATUS_LABELS
from forum.library.promotion import promote_topic

# button value -> (action, rule, success message)
STEPS = {
    "soumettre": (actions.submit, "submit", "Votre fiche est soumise à la relecture."),
    "publier": (actions.publish, "publish", "La fiche est publiée ; son auteur est prévenu."),
    "archiver": (actions.archive, "archive", "La fiche est archivée ; son auteur est prévenu."),
    "restaurer": (actions.restore, "restore", "La fiche est rétablie."),
}


@bp.route("/relecture")
def queue():
    policy.require(current_user, "access", "review_queue")
    return render_template("library/queue.html", sheets=queries.review_queue(current_user), status_labels=STATUS_LABELS)


@bp.route("/<int:sheet_id>/etape", methods=["POST"])
def step(sheet_id: int):
    """One button of the workflow: submit, publish, archive, restore."""
    chosen = STEPS.get(request.form.get("etape", ""))
    if chosen is None:
        abort(400)
    action, rule, message = chosen
    sheet = load_sheet(sheet_id, rule)
    try:
        if action is actions.archive:
            action(current_user, sheet, request.form.get("note", ""))
        else:
            action(current_user, sheet)
    except ActionError as error:
        flash(error.message, "error")
    else:
        flash(message, "success")
    return redirect(url_for("library.sheet", sheet_id=sheet.id, version="travail"))


@bp.route("/<int:sheet_id>/commentaires", methods=["POST"])
def comment(sheet_id: int):
    """A comment, or (for reviewers) a request for changes."""
    asks_changes = bool(request.form.get("demander"))
    sheet = load_sheet(sheet_id, "review" if asks_changes else "comment")
    body = request.form.get("body", "")
    try:
        if asks_changes:
            actions.request_changes(current_user, sheet, body)
            flash("La fiche est renvoyée à son auteur avec votre demande.", "success")
        else:
            actions.comment(current_user, sheet, body)
            flash("Commentaire ajouté ; l'autre partie est prévenue.", "success")
    except privacy.PrivacyProblem as problem:
        form = CommentForm()
        labels = sorted({finding.label for items in problem.findings.values() for finding in items})
        form.body.errors = ["Ce commentaire contient une information qui permet d'identifier quelqu'un ("
                            + ", ".join(labels) + ") : retirez-la puis envoyez de nouveau."]
        return render_sheet(sheet, sheet.current_revision, True, comment_form=form, status=422)
    except ActionError as error:
        flash(error.message, "error")
    return redirect(url_for("library.sheet", sheet_id=sheet.id, version="travail", _anchor="relecture"))


@bp.route("/<int:sheet_id>/historique")
def history(sheet_id: int):
    sheet = load_sheet(sheet_id, "view_work")
    revisions = queries.revisions(sheet)
    numbers = [revision.number for revision in revisions]
    old = request.args.get("de", type=int)
    new = request.args.get("a", type=int)
    changes = None
    if old is not None and new is not None:
        if old not in numbers or new not in numbers:
            abort(404)
        by_number = {revision.number: revision for revision in revisions}
        changes = diff.compare(by_number[old], by_number[new])
    elif len(numbers) >= 2:
        old, new = numbers[1], numbers[0]
        changes = diff.compare(revisions[1], revisions[0])
    return render_template("library/history.html", sheet=sheet, revisions=revisions, changes=changes, old=old,
                           new=new)


@bp.route("/depuis-discussion/<int:topic_id>", methods=["GET", "POST"])
def promote(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    policy.require(current_user, "promote", topic)
    posts = queries.promotable_posts(topic)
    form = PromoteForm() if request.method == "POST" else PromoteForm(formdata=None, data={
        "posts": [post.id for post in posts if post.number == 1 or post.id == topic.solved_post_id]})
    form.posts.choices = choices(
        (post.id, f"{post.author.display_name}{' (solution)' if post.id == topic.solved_post_id else ''}"
                  f" — {short(post.excerpt)}") for post in posts)
    if request.method == "POST" and form.validate():
        try:
            sheet = promote_topic(current_user, topic, form.posts.data)
        except privacy.PrivacyProblem as problem:
            flash(problem.message, "error")
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Le brouillon de fiche est prêt : complétez les champs manquants, puis soumettez-la.", "success")
            return redirect(url_for("library.edit", sheet_id=sheet.id))
    return render_template("library/promote.html", topic=topic, form=form, posts=posts), 422 if form.errors else 200


def short(text: str, length: int = 110) -> str:
    """A line of a post for a list, cut at a word with « … »."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"

