"""Read-side queries of accounts and structures."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from forum import policy
from forum.accounts.models import LoginSession, Role, Status, Structure, User
from forum.extensions import db
from forum.taxonomy.models import Pole

ACCOUNTS_PER_PAGE = 30


def structures(active_only: bool = True) -> list[Structure]:
    """The member structures by name."""
    query = db.select(Structure).order_by(Structure.name)
    return list(db.session.scalars(query.where(Structure.active.is_(True)) if active_only else query))


def structures_by_pole() -> list[tuple[Structure, Pole]]:
    """Active structures with their pole, poles in display order (the registration list)."""
    return [tuple(row) for row in db.session.execute(
        db.select(Structure, Pole).join(Pole, Structure.pole_id == Pole.id)
        .where(Structure.active.is_(True)).order_by(Pole.position, Structure.name))]


def structures_with_member_counts() -> list[tuple[Structure, int]]:
    """Every structure with how many accounts it holds."""
    return [tuple(row) for row in db.session.execute(
        db.select(Structure, db.func.count(User.id)).outerjoin(User, User.structure_id == Structure.id)
        .group_by(Structure.id).order_by(Structure.name))]


def account(user_id: int | None) -> User | None:
    """An account by id (None for a missing or odd id)."""
    return db.session.get(User, user_id) if isinstance(user_id, int) else None


def structure(structure_id: int | None) -> Structure | None:
    """A structure by id (None for a missing or odd id)."""
    return db.session.get(Structure, structure_id) if isinstance(structure_id, int) else None


def login_session(key: str) -> tuple[LoginSession, User] | None:
    """The login session of a cookie's key with its account, in one statement (run on every request)."""
    row = db.session.execute(
        db.select(LoginSession, User).join(User, User.id == LoginSession.user_id)
        .where(LoginSession.id == LoginSession.digest(key)).options(selectinload(User.animated_poles))
    ).first()
    return tuple(row) if row is not None else None


def pending_accounts(user) -> list[User]:
    """The sign-ups ``user`` may decide on, oldest first."""
    return list(db.session.scalars(db.select(User).where(policy.pending_accounts(user)).order_by(User.created_at)))


def accounts_page(*, status: str, role: str, search: str, page: int):
    """One page of the accounts, filtered by status, role and a piece of name or e-mail."""
    query = db.select(User).order_by(User.display_name)
    if status in set(Status):
        query = query.where(User.status == status)
    if role in set(Role):
        query = query.where(User.role == role)
    if search:
        query = query.where(db.func.lower(User.display_name).contains(search.lower(), autoescape=True)
                            | User.email.contains(search.lower(), autoescape=True))
    return db.paginate(query, page=page, per_page=ACCOUNTS_PER_PAGE, error_out=False)


def counts() -> tuple[dict[str, int], int]:
    """Accounts per status, and active structures (the administration's dashboard)."""
    by_status = dict(db.session.execute(db.select(User.status, db.func.count(User.id)).group_by(User.status)).all())
    active = db.session.scalar(db.select(db.func.count(Structure.id)).where(Structure.active.is_(True))) or 0
    return by_status, active


def active_members(exclude_id: int | None) -> list[tuple[int, str]]:
    """(id, name) of every active account but one (whom @mentions may name)."""
    return [tuple(row) for row in db.session.execute(
        db.select(User.id, User.display_name).where(policy.active_accounts(), User.id != exclude_id))]
