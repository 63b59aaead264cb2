"""The only code that writes accounts: registration, approval, login, profile, roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update

from forum import policy
from forum.accounts import passwords
from forum.accounts.devices import device_summary
from forum.accounts.models import (
    TIME_ZONES,
    LoginSession,
    Role,
    SessionEnd,
    Status,
    Structure,
    User,
)
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record
from forum.notifications.mail import enqueue
from forum.taxonomy.models import Pole
from forum.transaction import atomic
from forum.urls import absolute_url

VALID_TIME_ZONES = {zone for zone, _label in TIME_ZONES}


def normalize_email(email: str) -> str:
    """E-mail addresses are compared trimmed and in lower case."""
    return (email or "").strip().lower()


def _check_password_rules(password: str, field: str = "password") -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise ActionError(f"Le mot de passe doit contenir au moins {passwords.MIN_LENGTH} caractères.", field)
    if len(password) > passwords.MAX_LENGTH:
        raise ActionError(f"Le mot de passe ne peut pas dépasser {passwords.MAX_LENGTH} caractères.", field)


def _active_structure(structure_id) -> Structure:
    structure = db.session.get(Structure, structure_id) if isinstance(structure_id, int) else None
    if structure is None or not structure.active:
        raise ActionError("Choisissez une structure adhérente dans la liste.", "structure_id")
    return structure


def _email_free(email: str, field: str = "email") -> None:
    if _account_of(email) is not None:
        raise ActionError(
            "Un compte existe déjà avec cette adresse. Connectez-vous, ou utilisez « Mot de passe oublié ».",
            field,
        )


def _account_of(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def _clean_name(display_name: str) -> str:
    name = " ".join((display_name or "").split())
    if not name:
        raise ActionError("Indiquez votre nom.", "display_name")
    if len(name) > 80:
        raise ActionError("Le nom ne peut pas dépasser 80 caractères.", "display_name")
    return name


# --- registration ---------------------------------------------------------------------

@atomic
def register(actor, *, email: str, display_name: str, job_title: str, password: str,
             structure_id: int, accepted_charter: bool) -> User | None:
    """Create a pending account and e-mail its confirmation link.

    When the address already has an account, nothing is created and its owner is told by e-mail
    instead (None is returned): whoever fills the form cannot tell the two cases apart.
    """
    policy.require(actor, "create", User)
    email = normalize_email(email)
    if not accepted_charter:
        raise ActionError("Vous devez accepter la charte d'utilisation pour créer un compte.", "accept_charter")
    _check_password_rules(password)
    structure = _active_structure(structure_id)
    display_name = _clean_name(display_name)
    # Hashed before the address is looked up, so that a taken address takes as long as a new one.
    password_hash = passwords.hash_password(password)
    owner = _account_of(email)
    if owner is not None:
        _tell_owner_of_attempt(owner)
        return None
    user = User(
        email=email,
        display_name=display_name,
        job_title=(job_title or "").strip()[:120],
        structure=structure,
        role=Role.MEMBER,
        status=Status.PENDING,
        password_hash=password_hash,
        charter_accepted_at=utcnow(),
    )
    db.session.add(user)
    db.session.flush()
    _send_confirmation(user)
    return user


def _tell_owner_of_attempt(owner: User) -> None:
    if owner.status == Status.DELETED:
        return  # nobody to tell: the person no longer has an account
    unconfirmed = owner.status == Status.PENDING and owner.email_verified_at is None
    enqueue(owner.email, "Quelqu'un a voulu s'inscrire avec votre adresse", "registration_attempt", user=owner,
            login_link=absolute_url("accounts.login"), reset_link=absolute_url("accounts.forgot_password"),
            confirm_link=absolute_url("accounts.resend_confirmation") if unconfirmed else None)


def _send_confirmation(user: User) -> None:
    enqueue(
        user.email, "Confirmez votre adresse e-mail", "confirm_email", user=user,
        link=absolute_url("accounts.confirm_email", token=passwords.make_token("confirm-email", user)),
    )


@atomic
def resend_confirmation(email: str) -> None:
    """Send the confirmation link again to an unconfirmed address; silent otherwise."""
    user = db.session.scalar(db.select(User).where(User.email == normalize_email(email)))
    if user is not None and user.email_verified_at is None and user.status == Status.PENDING:
        _send_confirmation(user)


@atomic
def confirm_email(token: str) -> User | None:
    """Mark the address as confirmed and tell who approves; None when the link is invalid."""
    user = passwords.user_from_token("confirm-email", token)
    if user is None:
        return None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        if user.status == Status.PENDING:
            _notify_approvers(user)
    return user


def _notify_approvers(user: User) -> None:
    for approver in policy.approvers_of(user.structure):
        enqueue(
            approver.email, "Une inscription attend votre validation", "account_to_approve",
            approver=approver, user=user, link=absolute_url("accounts.pending"),
        )


@atomic
def approve(actor, target: User) -> None:
    """Open a pending account and tell its owner."""
    policy.require(actor, "approve", target)
    target.status = Status.ACTIVE
    target.approved_at = utcnow()
    target.approved_by_id = actor.id
    record(actor, "approve_account", target, target.display_name)
    enqueue(target.email, "Votre compte est validé", "account_approved", user=target,
            link=absolute_url("accounts.login"))


@atomic
def refuse(actor, target: User, reason: str = "") -> None:
    """Refuse a pending account: tell its owner, then erase it (no data kept)."""
    policy.require(actor, "refuse", target)
    reason = (reason or "").strip()[:500]
    # The journal keeps no name: the person's data is erased, only the decision remains.
    record(actor, "refuse_account", target, f"Inscription (structure « {target.structure.name} »)", reason)
    enqueue(target.email, "Votre demande d'inscription n'a pas été acceptée", "account_refused",
            user=target, reason=reason)
    db.session.delete(target)


@atomic
def create_account(actor, *, email: str, display_name: str, password: str, structure: Structure,
                   role: str = Role.MEMBER, job_title: str = "", poles: list[Pole] | None = None,
                   time_zone: str = "Europe/Paris") -> User:
    """Create an active, confirmed account directly (command line and demo data)."""
    policy.require(actor, "create", User)
    email = normalize_email(email)
    _check_password_rules(password)
    _email_free(email)
    now = utcnow()
    user = User(
        email=email, display_name=_clean_name(display_name), job_title=job_title, structure=structure,
        role=role, status=Status.ACTIVE, password_hash=passwords.hash_password(password),
        email_verified_at=now, approved_at=now, charter_accepted_at=now,
        animated_poles=list(poles or []), time_zone=time_zone,
    )
    db.session.add(user)
    return user


# --- login ----------------------------------------------------------------------------

@atomic
def end_suspension(user: User, now: datetime) -> bool:
    """Reopen one account whose suspension is over (at login, or by the periodic command); a
    step of the caller's transaction. False when it was not (or no longer) due."""
    reopened = db.session.execute(
        update(User).where(User.id == user.id, User.status == Status.SUSPENDED,
                               User.suspended_until.is_not(None), User.suspended_until <= now)
        .values(status=Status.ACTIVE, suspended_until=None, suspension_reason=""),
        execution_options={"synchronize_session": False}).rowcount
    if reopened:
        user.status, user.suspended_until, user.suspension_reason = Status.ACTIVE, None, ""
        record(None, "suspension_ended", user, user.display_name, "Date de fin atteinte", automatic=True)
    return bool(reopened)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    problem: str | None  # None, "invalid", "unverified", "pending", "suspended"


@atomic
def authenticate(email: str, password: str, user_agent: str = "") -> LoginResult:
    """Check credentials and open a login session; the account's state is only revealed to whoever
    knows the password. The user returned carries the new session's key (``session_key``)."""
    user = db.session.scalar(db.select(User).where(User.email == normalize_email(email)))
    usable = user is not None and user.status != Status.DELETED
    if not passwords.check_password(user.password_hash if usable else None, password or ""):
        return LoginResult(None, "invalid")
    now = utcnow()
    if user.suspension_over(now):  # the end date passed: the account reopens by itself
        end_suspension(user, now)
    if user.status == Status.SUSPENDED:
        return LoginResult(user, "suspended")
    if user.status == Status.PENDING:
        return LoginResult(user, "unverified" if user.email_verified_at is None else "pending")
    user.last_seen_at = now
    user.session_key = LoginSession.new_key()
    db.session.add(LoginSession(id=LoginSession.digest(user.session_key), user_id=user.id, created_at=now,
                                last_seen_at=now, device=device_summary(user_agent)))
    return LoginResult(user, None)


@atomic
def log_out(actor: User, session_key: str) -> None:
    """End the login session ``session_key``: no copy of its cookies opens the account any more.

    Holding the key is the right to end it; only the actor's own sessions match.
    """
    db.session.execute(update(LoginSession).where(
        LoginSession.id == LoginSession.digest(session_key), LoginSession.user_id == actor.id,
        LoginSession.ended_at.is_(None)).values(ended_at=utcnow(), end_reason=SessionEnd.LOGOUT))


@atomic
def end_sessions(user: User, reason: str, keep: str | None = None) -> None:
    """End every open login session of the account but the one of key ``keep`` (a step of the
    actions that change a password or suspend an account; it joins their unit of work)."""
    query = update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(LoginSession.id != LoginSession.digest(keep))
    db.session.execute(query.values(ended_at=utcnow(), end_reason=reason))


# --- password reset -------------------------------------------------------------------

@atomic
def request_password_reset(email: str) -> None:
    """E-mail a reset link when the address has an account; the same silence otherwise."""
    user = db.session.scalar(db.select(User).where(User.email == normalize_email(email)))
    if user is None or user.status == Status.DELETED:
        return
    enqueue(user.email, "Réinitialisation de votre mot de passe", "password_reset", user=user,
            link=absolute_url("accounts.reset_password", token=passwords.make_token("reset-password", user)))


def user_for_reset_token(token: str) -> User | None:
    """The account a reset link belongs to, if the link is valid, unexpired and unused."""
    return passwords.user_from_token("reset-password", token)


@atomic
def reset_password(token: str, new_password: str) -> User | None:
    """Set a new password from a reset link; the link cannot be used twice."""
    user = user_for_reset_token(token)
    if user is None:
        return None
    _check_password_rules(new_password)
    user.password_hash = passwords.hash_password(new_password)
    end_sessions(user, SessionEnd.PASSWORD)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()  # the link reached this mailbox
    return user


# --- profile --------------------------------------------------------------------------

@atomic
def update_profile(actor, target: User, *, display_name: str, job_title: str, time_zone: str) -> None:
    """Change one's own name, job title and time zone."""
    policy.require(actor, "edit_profile", target)
    if time_zone not in VALID_TIME_ZONES:
        raise ActionError("Choisissez un fuseau horaire dans la liste.", "time_zone")
    target.display_name = _clean_name(display_name)
    target.job_title = (job_title or "").strip()[:120]
    target.time_zone = time_zone


@atomic
def change_password(actor, target: User, current_password: str, new_password: str,
                    keep_session: str | None = None) -> None:
    """Change one's own password; every session of the account but ``keep_session`` ends."""
    policy.require(actor, "edit_profile", target)
    if not passwords.check_password(target.password_hash, current_password or ""):
        raise ActionError("Le mot de passe actuel est incorrect.", "current_password")
    _check_password_rules(new_password)
    if new_password == current_password:
        raise ActionError("Choisissez un mot de passe différent de l'actuel.", "password")
    target.password_hash = passwords.hash_password(new_password)
    end_sessions(target, SessionEnd.PASSWORD, keep=keep_session)
    enqueue(target.email, "Votre mot de passe a été changé", "password_changed", user=target,
            link=absolute_url("accounts.forgot_password"))


SEEN_EVERY_SECONDS = 300


def touch_last_seen(user: User, login: LoginSession, now: datetime) -> None:
    """Record activity at most every few minutes, to keep requests free of writes."""
    if (now - login.last_seen_at).total_seconds() > SEEN_EVERY_SECONDS:
        _record_seen(user, login, now)


@atomic
def _record_seen(user: User, login: LoginSession, now: datetime) -> None:
    login.last_seen_at = now
    user.last_seen_at = now
