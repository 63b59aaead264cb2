"""Member structures and the accounts of their staff."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from flask_login import AnonymousUserMixin, UserMixin
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.db_types import UTCDateTime, utcnow
from forum.extensions import db
from forum.taxonomy.models import Pole


class StructureKind(StrEnum):
    COMMUNE = "commune"
    INTERCOMMUNALITE = "intercommunalite"
    REGIE = "regie"
    ASSOCIATION = "association"
    BAILLEUR = "bailleur"
    TRANSPORTEUR = "transporteur"
    AUTRE = "autre"


STRUCTURE_KIND_LABELS = {
    StructureKind.COMMUNE: "Commune",
    StructureKind.INTERCOMMUNALITE: "Intercommunalité",
    StructureKind.REGIE: "Régie de quartier",
    StructureKind.ASSOCIATION: "Association",
    StructureKind.BAILLEUR: "Bailleur social",
    StructureKind.TRANSPORTEUR: "Transporteur",
    StructureKind.AUTRE: "Autre",
}


class Role(StrEnum):
    MEMBER = "member"
    REFERENT = "structure_referent"
    ANIMATOR = "pole_animator"
    MODERATOR = "moderator"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.MEMBER: "Membre",
    Role.REFERENT: "Référent de structure",
    Role.ANIMATOR: "Animation de pôle",
    Role.MODERATOR: "Modération",
    Role.ADMIN: "Administration",
}


class Status(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    DELETED = "deleted"


STATUS_LABELS = {
    Status.PENDING: "En attente de validation",
    Status.ACTIVE: "Actif",
    Status.SUSPENDED: "Suspendu",
    Status.DELETED: "Supprimé",
}

# Time zones of the people of the network, metropolitan France first (Outre-mer members exist).
TIME_ZONES = (
    ("Europe/Paris", "France métropolitaine, Corse"),
    ("America/Guadeloupe", "Guadeloupe"),
    ("America/Martinique", "Martinique"),
    ("America/Cayenne", "Guyane"),
    ("Indian/Reunion", "La Réunion"),
    ("Indian/Mayotte", "Mayotte"),
    ("America/Miquelon", "Saint-Pierre-et-Miquelon"),
    ("Pacific/Noumea", "Nouvelle-Calédonie"),
    ("Pacific/Tahiti", "Polynésie française"),
    ("Pacific/Wallis", "Wallis-et-Futuna"),
    ("Europe/Brussels", "Belgique"),
)
DEFAULT_TIME_ZONE = "Europe/Paris"


class EmailMode(StrEnum):
    IMMEDIATE = "immediate"
    DIGEST = "digest"
    NONE = "none"


EMAIL_MODE_LABELS = {
    EmailMode.IMMEDIATE: "À chaque nouveauté",
    EmailMode.DIGEST: "Récapitulatif quotidien (conseillé)",
    EmailMode.NONE: "Aucun e-mail",
}
# Most members work evenings and nights and sleep in the morning: no e-mail 7 h – 15 h by default.
DEFAULT_QUIET_HOURS = (7, 15)
DEFAULT_DIGEST_HOUR = 17


class Structure(db.Model):
    """A member structure of the network; every account belongs to one."""

    __tablename__ = "structures"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    pole_id: Mapped[int] = mapped_column(ForeignKey("poles.id"), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pole: Mapped[Pole] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<Structure {self.name}>"

    @property
    def kind_label(self) -> str:
        return STRUCTURE_KIND_LABELS.get(self.kind, self.kind)


pole_animators = Table(
    "pole_animators",
    db.metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("pole_id", Integer, ForeignKey("poles.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    """A person's account; each login on a device is a ``LoginSession``."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(80))
    job_title: Mapped[str] = mapped_column(String(120), default="")
    structure_id: Mapped[int] = mapped_column(ForeignKey("structures.id"), index=True)
    role: Mapped[str] = mapped_column(String(30), default=Role.MEMBER)
    status: Mapped[str] = mapped_column(String(20), default=Status.PENDING, index=True)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str] = mapped_column(String(500), default="")
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    time_zone: Mapped[str] = mapped_column(String(40), default=DEFAULT_TIME_ZONE)
    charter_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_mode: Mapped[str] = mapped_column(String(20), default=EmailMode.DIGEST)
    # Quiet hours in the member's own time zone; equal hours mean none.
    quiet_start_hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_QUIET_HOURS[0])
    quiet_end_hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_QUIET_HOURS[1])
    digest_hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_DIGEST_HOUR)
    last_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    structure: Mapped[Structure] = relationship(lazy="joined")
    # Loaded with the current user (see accounts.session); authors shown in lists never need it.
    animated_poles: Mapped[list[Pole]] = relationship(secondary=pole_animators, order_by=Pole.position)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.status}>"

    # Not a column: the key of the login session this object was loaded or logged in with.
    session_key = None

    # Flask-Login keeps get_id() in the session and « Se souvenir de moi » cookies: it names the
    # login session, not the account, so ending that row ends both cookies (accounts.session).
    def get_id(self) -> str:
        if self.session_key is None:
            raise RuntimeError("log in through actions.authenticate, which opens a login session")
        return self.session_key

    # UserMixin compares get_id(): an account is the same account whatever session it came with.
    def __eq__(self, other):
        if isinstance(other, User):
            return self is other or (self.id is not None and self.id == other.id)
        return NotImplemented

    __hash__ = object.__hash__

    @hybrid_property
    def is_active(self) -> bool:
        """An account in use (Flask-Login logs in only these; the policy's members are these)."""
        return self.status == Status.ACTIVE

    @is_active.inplace.expression
    @classmethod
    def _is_active_expression(cls):
        return cls.status == Status.ACTIVE

    @property
    def animated_pole_ids(self) -> frozenset[int]:
        """The poles given to this account (whether it may animate them is the policy's answer)."""
        return frozenset(pole.id for pole in self.animated_poles)

    @hybrid_property
    def has_confirmed_email(self) -> bool:
        return self.email_verified_at is not None

    @has_confirmed_email.inplace.expression
    @classmethod
    def _has_confirmed_email_expression(cls):
        return cls.email_verified_at.is_not(None)

    @property
    def pole(self) -> Pole:
        return self.structure.pole

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def suspension_over(self, now: datetime) -> bool:
        """A suspension with an end date in the past no longer holds."""
        return self.status == Status.SUSPENDED and self.suspended_until is not None and self.suspended_until <= now


class Guest(AnonymousUserMixin):
    """A visitor who is not logged in: policy rules test its status, never ``None``."""

    id = None
    role = "visitor"
    status = None
    animated_pole_ids = frozenset()
    structure_id = None
    time_zone = DEFAULT_TIME_ZONE
    display_name = "Visiteur"


class SessionEnd(StrEnum):
    LOGOUT = "logout"
    PASSWORD = "password"
    SUSPENSION = "suspension"


class LoginSession(db.Model):
    """One login on one device; its key is what the session and « Se souvenir de moi » cookies hold.

    Only the SHA-256 of the key is stored, so a copy of the database (a backup) opens no account.
    Ended rows stay as the account's login history.
    """

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str] = mapped_column(String(20), default="")
    device: Mapped[str] = mapped_column(String(80), default="")

    def __repr__(self) -> str:
        return f"<LoginSession of user {self.user_id}{' ended' if self.ended_at else ''}>"

    @staticmethod
    def new_key() -> str:
        """A random key for a new session (43 URL-safe characters)."""
        return secrets.token_urlsafe(32)

    @staticmethod
    def digest(key: str) -> str:
        """The stored form of a key."""
        return hashlib.sha256(key.encode()).hexdigest()

    def is_open(self, now: datetime, idle_limit: timedelta) -> bool:
        """Not ended, and used within ``idle_limit`` (a forgotten session ends by itself)."""
        return self.ended_at is None and now - self.last_seen_at <= idle_limit
