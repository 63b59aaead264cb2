"""Pages of registration, login, password reset, profiles and account approval."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from forum import policy
from forum.accounts import actions, queries
from forum.accounts.forms import (
    ChangePasswordForm,
    EmailOnlyForm,
    LoginForm,
    ProfileForm,
    RefuseForm,
    RegistrationForm,
    ResetPasswordForm,
)
from forum.accounts.models import Status, User
from forum.accounts.session import suspension_message
from forum.errors import ActionError
from forum.extensions import db, limiter
from forum.security import configured_limit, form_email_key, safe_next_url

bp = Blueprint("accounts", __name__)


def _failed(response) -> bool:
    """Only attempts that did not log in count against the login limits."""
    return response.status_code != 302


def structure_choices() -> list[SelectChoice]:
    """Active structures grouped by pole, for the registration list."""
    return [SelectChoice("", "— Choisissez votre structure —")] + [
        SelectChoice(structure.id, f"{structure.name} ({structure.city})" if structure.city else structure.name,
                     optgroup=pole.name)
        for structure, pole in queries.structures_by_pole()
    ]


# --- registration ---------------------------------------------------------------------

@bp.route("/inscription", methods=["GET", "POST"])
# Every attempt counts, whatever its outcome: failures are not free probes.
@limiter.limit(configured_limit("FORUM_RATELIMIT_REGISTER"), methods=["POST"])
@limiter.limit(configured_limit("FORUM_RATELIMIT_REGISTER_ADDRESS"), methods=["POST"], key_func=form_email_key)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegistrationForm(structure_choices=structure_choices())
    if form.validate_on_submit():
        try:
            actions.register(
                current_user, email=form.email.data, display_name=form.display_name.data,
                job_title=form.job_title.data, password=form.password.data,
                structure_id=form.structure_id.data, accepted_charter=form.accept_charter.data,
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            # The same page whether the address was new or already had an account.
            session["registration"] = {"email": actions.normalize_email(form.email.data),
                                       "structure_id": form.structure_id.data}
            return redirect(url_for("accounts.registered"))
    return render_template("accounts/register.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/inscription/enregistree")
def registered():
    registration = session.get("registration")
    structure = queries.structure(registration.get("structure_id")) if isinstance(registration, dict) else None
    if structure is None:
        return redirect(url_for("accounts.login"))
    return render_template("accounts/registered.html", email=registration.get("email"), structure=structure)


@bp.route("/inscription/confirmer/<token>")
def confirm_email(token: str):
    user = actions.confirm_email(token)
    if user is None:
        flash("Ce lien de confirmation n'est pas valide ou a expiré. Demandez-en un nouveau ci-dessous.", "error")
        return redirect(url_for("accounts.resend_confirmation"))
    return render_template("accounts/confirmed.html", user=user)


@bp.route("/inscription/nouveau-lien", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORUM_RATELIMIT_RESET"), methods=["POST"])
def resend_confirmation():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        actions.resend_confirmation(form.email.data)
        flash("Si une inscription attend la confirmation de cette adresse, un nouveau lien vient d'y être envoyé.",
              "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/resend_confirmation.html", form=form)


# --- login ----------------------------------------------------------------------------

LOGIN_PROBLEMS = {
    "invalid": "Adresse e-mail ou mot de passe incorrect.",
    "unverified": "Votre adresse e-mail n'est pas encore confirmée. Cliquez sur le lien reçu par e-mail "
                  "ou demandez un nouveau lien.",
    "pending": "Votre compte attend la validation de votre structure. Vous recevrez un e-mail dès qu'il "
               "sera validé.",
}


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORUM_RATELIMIT_LOGIN"), methods=["POST"], deduct_when=_failed)
@limiter.limit(configured_limit("FORUM_RATELIMIT_LOGIN_ACCOUNT"), methods=["POST"], deduct_when=_failed,
               key_func=form_email_key)
def login():
    next_url = safe_next_url(request.args.get("next"), url_for("pages.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    form = LoginForm()
    problem = problem_kind = None
    if form.validate_on_submit():
        result = actions.authenticate(form.email.data, form.password.data, request.user_agent.string)
        if result.problem is None:
            login_user(result.user, remember=form.remember.data)
            flash(f"Bonjour {result.user.display_name}, bienvenue sur le forum.", "success")
            return redirect(next_url)
        problem_kind = result.problem
        if result.problem == "suspended":
            problem = suspension_message(result.user)
        else:
            problem = LOGIN_PROBLEMS[result.problem]
    status = 200 if request.method == "GET" else 422
    return render_template("accounts/login.html", form=form, problem=problem,
                           problem_kind=problem_kind), status


@bp.route("/deconnexion", methods=["POST"])
def logout():
    # CSRFProtect has checked the token: a third-party page cannot log people out.
    if current_user.is_authenticated:
        actions.log_out(current_user, current_user.session_key)
    logout_user()
    flash("Vous êtes déconnecté. À bientôt.", "info")
    return redirect(url_for("pages.home"))


# --- password reset -------------------------------------------------------------------

@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limiter.limit(configured_limit("FORUM_RATELIMIT_RESET"), methods=["POST"])
def forgot_password():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        actions.request_password_reset(form.email.data)
        return render_template("accounts/reset_sent.html")
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if actions.user_for_reset_token(token) is None:
        flash("Ce lien n'est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.", "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            actions.reset_password(token, form.password.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Votre mot de passe a été changé. Vous pouvez vous connecter.", "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


# --- profiles -------------------------------------------------------------------------

@bp.route("/profil", methods=["GET", "POST"])
def profile():
    policy.require(current_user, "access", "members")
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    password_form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            actions.update_profile(user, user, display_name=form.display_name.data,
                                   job_title=form.job_title.data, time_zone=form.time_zone.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash("Votre profil est enregistré.", "success")
            return redirect(url_for("accounts.profile"))
    status = 422 if form.errors else 200
    return render_template("accounts/profile.html", user=user, form=form, password_form=password_form), status


@bp.route("/profil/mot-de-passe", methods=["POST"])
def change_password():
    policy.require(current_user, "access", "members")
    user = current_user._get_current_object()
    form = ProfileForm(obj=user, formdata=None)
    password_form = ChangePasswordForm(prefix="pw")
    if password_form.validate_on_submit():
        try:
            actions.change_password(user, user, password_form.current_password.data, password_form.password.data,
                                    keep_session=user.session_key)
        except ActionError as error:
            password_form.add_action_error(error)
        else:
            flash("Votre mot de passe est changé. Vos autres sessions sont fermées.", "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", user=user, form=form, password_form=password_form), 422


@bp.route("/membres/<int:user_id>")
def member(user_id: int):
    policy.require(current_user, "access", "members")  # visitors learn nothing, not even which ids exist
    user = db.get_or_404(User, user_id)
    policy.require(current_user, "view_profile", user)
    history = {}
    if policy.can(current_user, "view_history", user):  # moderators read the member's moderation history
        from forum.moderation.audit import ACTION_LABELS
        from forum.moderation.journal import member_history
        from forum.moderation.models import REPORT_REASON_LABELS

        history = {"history": member_history(user), "action_labels": ACTION_LABELS,
                   "report_reasons": REPORT_REASON_LABELS}
    return render_template("accounts/member.html", member=user, **history)


# --- approval by referents and administrators -----------------------------------------

@bp.route("/comptes/en-attente")
def pending():
    policy.require(current_user, "access", "pending_accounts")
    return render_template("accounts/pending.html", users=queries.pending_accounts(current_user))


def _undecided_or_none(user_id: int) -> User | None:
    """The pending account to decide on; None (with a message) when someone already did."""
    policy.require(current_user, "access", "pending_accounts")
    user = queries.account(user_id)
    if user is None or user.status != Status.PENDING:
        flash("Cette demande a déjà été traitée (validée ou refusée) entre-temps.", "info")
        return None
    return user


@bp.route("/comptes/<int:user_id>/valider", methods=["POST"])
def approve(user_id: int):
    user = _undecided_or_none(user_id)
    if user is None:
        return redirect(url_for("accounts.pending"))
    policy.require(current_user, "approve", user)
    actions.approve(current_user, user)
    flash(f"Le compte de {user.display_name} est validé ; la personne est prévenue par e-mail.", "success")
    return redirect(safe_next_url(request.form.get("next"), url_for("accounts.pending")))


@bp.route("/comptes/<int:user_id>/refuser", methods=["POST"])
def refuse(user_id: int):
    user = _undecided_or_none(user_id)
    if user is None:
        return redirect(url_for("accounts.pending"))
    policy.require(current_user, "refuse", user)
    form = RefuseForm()
    if form.validate_on_submit():
        name = user.display_name
        actions.refuse(current_user, user, form.reason.data)
        flash(f"L'inscription de {name} est refusée ; la personne est prévenue et ses données sont effacées.",
              "success")
    else:
        flash("Le motif ne peut pas dépasser 500 caractères.", "error")
    return redirect(safe_next_url(request.form.get("next"), url_for("accounts.pending")))
