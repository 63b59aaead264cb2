"""The notifications page, e-mail preferences, following poles and themes, unsubscribing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from forum import policy
from forum.accounts.models import EMAIL_MODE_LABELS
from forum.accounts.passwords import user_from_token
from forum.errors import ActionError
from forum.extensions import csrf, db
from forum.forms import ChoiceField, Form, choices
from forum.notifications import actions
from forum.library.models import Sheet
from forum.notifications.models import Notification
from forum.security import safe_next_url
from forum.taxonomy.models import Pole, Theme

bp = Blueprint("notifications", __name__)

HOURS = [(hour, f"{hour} h") for hour in range(24)]


class PreferencesForm(Form):
    email_mode = ChoiceField("Recevoir des e-mails", choices=choices(EMAIL_MODE_LABELS.items()))
    quiet_start = ChoiceField("Pas d'e-mail à partir de", coerce=int, choices=choices(HOURS))
    quiet_end = ChoiceField("jusqu'à", coerce=int, choices=choices(HOURS),
                            description="Choisissez la même heure des deux côtés pour ne pas avoir d'heures de repos.")
    digest_hour = ChoiceField("Heure du récapitulatif quotidien", coerce=int, choices=choices(HOURS))


@bp.route("/notifications")
def index():
    policy.require(current_user, "access", "members")
    page = db.paginate(
        db.select(Notification)
        .options(joinedload(Notification.topic), joinedload(Notification.post), joinedload(Notification.actor),
                 joinedload(Notification.sheet).joinedload(Sheet.current_revision),
                 joinedload(Notification.sheet).joinedload(Sheet.published_revision))
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        per_page=30, error_out=False)
    return render_template("notifications/index.html", page=page)


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
    follows = _followed_places(user)
    return render_template("notifications/preferences.html", form=form, follows=follows), 422 if form.errors else 200


def _followed_places(user):
    from forum.notifications.models import Subscription

    rows = db.session.execute(db.select(Subscription.target_type, Subscription.target_id).where(
        Subscription.user_id == user.id, Subscription.target_type.in_(["pole", "theme"]))).all()
    poles = [pid for kind, pid in rows if kind == "pole"]
    themes = [tid for kind, tid in rows if kind == "theme"]
    return {
        "poles": db.session.scalars(db.select(Pole).where(Pole.id.in_(poles)).order_by(Pole.position)).all(),
        "themes": db.session.scalars(db.select(Theme).where(Theme.id.in_(themes)).order_by(Theme.position)).all(),
    }


def _follow_place(model, slug: str):
    place = db.first_or_404(db.select(model).where(model.slug == slug))
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
