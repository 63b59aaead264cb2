"""The notifications page, e-mail preferences, following poles and themes, unsubscribing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.accounts.passwords import user_from_token
from forum.errors import ActionError
from forum.extensions import csrf
from forum.notifications import actions, queries
from forum.notifications.forms import PreferencesForm
from forum.security import safe_next_url
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme
from forum.urls import page_number

bp = Blueprint("notifications", __name__)


@bp.route("/notifications")
def index():
    policy.require(current_user, "access", "members")
    page = queries.notifications_page(current_user, page_number())
    return render_template("notifications/index.html", page=page,
                           readable=queries.still_readable(current_user, page.items))


@bp.route("/notifications/tout-lu", methods=["POST"])
def mark_all_read():
    actions.mark_all_read(current_user)
    flash("Toutes vos notifications sont marquées comme lues.", "success")
    return redirect(url_for("notifications.index"))


@bp.route("/profil/notifications", methods=["GET", "POST"])
def preferences():
    policy.require(current_user, "access", "members")
    user = current_user._get_current_object()
    form = PreferencesForm(data={"email_mode": user.email_mode, "quiet_start": user.quiet_start_hour,
                                 "quiet_end": user.quiet_end_hour, "digest_hour": user.digest_hour}) \
        if request.method == "GET" else PreferencesForm()
    if request.method == "POST" and form.validate():
        try:
            actions.update_preferences(user, user, email_mode=form.email_mode.data, quiet_start=form.quiet_start.data,
                                       quiet_end=form.quiet_end.data, digest_hour=form.digest_hour.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Vos préférences de notification sont enregistrées.", "success")
            return redirect(url_for("notifications.preferences"))
    return render_template("notifications/preferences.html", form=form, follows=queries.followed_places(user)), \
        422 if form.errors else 200


def _follow_place(model, slug: str):
    place = taxonomy.by_slug(model, slug, active_only=False) or abort(404)
    level = "follow" if request.form.get("suivre") else None
    actions.set_subscription(current_user, place, level)
    noun = "le pôle" if model is Pole else "le thème"
    flash(f"Vous suivez {noun} « {place.name} » : ses nouvelles discussions vous seront signalées."
          if level else f"Vous ne suivez plus {noun} « {place.name} ».", "success")
    return redirect(safe_next_url(request.form.get("retour"), url_for("discussions.index")))


@bp.route("/poles/<slug>/suivi", methods=["POST"])
def follow_pole(slug: str):
    return _follow_place(Pole, slug)


@bp.route("/themes/<slug>/suivi", methods=["POST"])
def follow_theme(slug: str):
    return _follow_place(Theme, slug)


@bp.route("/desabonnement/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token authenticates; mail clients' one-click unsubscribe sends no CSRF token
def unsubscribe(token: str):
    user = user_from_token("unsubscribe", token)
    if user is None:
        return render_template("notifications/unsubscribe.html", user=None), 404
    if request.method == "POST":
        actions.unsubscribe(user)
        return render_template("notifications/unsubscribe.html", user=user, done=True)
    return render_template("notifications/unsubscribe.html", user=user, done=False)
