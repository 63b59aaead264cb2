"""« Signaler »: the report form of each item, and the member's own reports."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_login import current_user

from forum import policy
from forum.errors import ActionError
from forum.extensions import limiter
from forum.moderation import queries, reports, targets
from forum.moderation.blueprint import bp
from forum.moderation.forms import ReportForm
from forum.security import configured_limit, member_key

THANKS = ("Merci : votre signalement a été transmis à l'équipe de modération. "
          "Vous suivez son examen dans « Mes signalements », depuis « Mon profil ».")


def _reported_item(kind_slug: str, target_id: int):
    """The item named by the address, when it exists and the member may report it."""
    policy.require(current_user, "access", "members")  # visitors are asked to log in first
    kind = targets.KINDS_BY_SLUG.get(kind_slug)
    target = targets.load(kind, target_id) if kind else None
    if target is None:
        abort(404)
    policy.require(current_user, "report", target)
    return target


@bp.route("/signaler/<kind_slug>/<int:target_id>", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORUM_RATELIMIT_REPORT"), methods=["POST"], key_func=member_key)
def report(kind_slug: str, target_id: int):
    target = _reported_item(kind_slug, target_id)
    back = targets.url(target)
    form = ReportForm()
    already = queries.has_reported(current_user, target)
    if request.method == "POST" and not already and form.validate():
        try:
            reports.report(current_user, target, form.reason.data, form.note.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash(THANKS, "success")
            return redirect(back)
    status = 422 if request.method == "POST" else 200
    return render_template("moderation/report.html", form=form, target=target, back=back, already=already,
                           kind_label=targets.KIND_LABELS[type(target).__name__], label=targets.label(target),
                           excerpt=queries.excerpt_of(target)), status


@bp.route("/mes-signalements")
def my_reports():
    policy.require(current_user, "access", "members")
    return render_template("moderation/my_reports.html", rows=queries.reports_of(current_user))
