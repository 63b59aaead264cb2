"""Good-practice sheets: who reads a sheet, who works on it, who reviews it.

« Readable » is written once (``sheet_visible``) over the models' hybrid attributes, so that
``can(user, "view", sheet)`` and the list filter ``visible_sheets(user)`` agree; the review
queue (``review_queue``) and who is asked to review (``reviewers_of``) mirror ``review``.
"""

from __future__ import annotations

from typing import Any

from forum.accounts.models import Role, User, pole_animators
from forum.extensions import db
from forum.library.models import AWAITING_REVIEW, Sheet, SheetStatus
from forum.policy.discussions import topic_visible
from forum.policy.expr import is_sql, never, one_of
from forum.policy.registry import rule
from forum.policy.roles import POLE_ROLES, active_accounts, is_admin, is_member, reviews


def works_on(user: Any, sheet):
    """The author, and the reviewers once it was submitted, see the working version, its comments
    and its history (a draft never sent for review is nobody else's business)."""
    if not is_member(user):
        return never(sheet)
    return (sheet.author_id == user.id) | (reviews(user, sheet.pole_id) & sheet.was_submitted)


def sheet_visible(user: Any, sheet):
    """Readers see what is in the library (visitors the public sheets only); those who work on a
    sheet, and the members credited on a sheet drawn from their discussion, see it in preparation."""
    if not is_member(user):
        return sheet.is_readable & sheet.is_public
    if not is_sql(sheet) and sheet.is_readable:
        return True  # the answer the expression below gives, without loading the sheet's credits
    return sheet.is_readable | works_on(user, sheet) | sheet.credits(user.id)


def visible_sheets(user: Any):
    """The WHERE clause of the sheets ``user`` may open."""
    return sheet_visible(user, Sheet)


def in_review_queue_of(user: Any, sheet):
    """A submitted sheet of a pole ``user`` reviews (their own included: the queue tells them so)."""
    if not is_member(user):
        return never(sheet)
    return reviews(user, sheet.pole_id) & one_of(sheet.status, AWAITING_REVIEW)


def review_queue(user: Any):
    """The WHERE clause of ``user``'s review queue."""
    return in_review_queue_of(user, Sheet)


def reviewers_of(sheet: Sheet, exclude: User | None = None) -> list[User]:
    """Who is asked to validate the sheet: its pole's animators, else the administrators (never its author)."""
    animators = db.session.scalars(
        db.select(User).join(pole_animators, pole_animators.c.user_id == User.id)
        .where(pole_animators.c.pole_id == sheet.pole_id, active_accounts(), User.role.in_(POLE_ROLES),
               User.id != sheet.author_id)).all()
    people = animators or db.session.scalars(db.select(User).where(
        active_accounts(), User.role == Role.ADMIN, User.id != sheet.author_id)).all()
    return [user for user in people if exclude is None or user.id != exclude.id]


@rule("view", "Sheet")
def _view_sheet(user, sheet) -> bool:
    return sheet_visible(user, sheet)


@rule("notify", "Sheet")
def _notify_sheet(user, sheet) -> bool:
    """Told of it (notification, e-mail, digest): a member who may open it (a suspended author is not)."""
    return is_member(user) and sheet_visible(user, sheet)


@rule("view_work", "Sheet")
def _view_work(user, sheet) -> bool:
    return works_on(user, sheet)


@rule("create", "Sheet")
def _create_sheet(user, _cls) -> bool:
    return is_member(user)


@rule("edit", "Sheet")
def _edit_sheet(user, sheet) -> bool:
    return is_member(user) and sheet.status != SheetStatus.ARCHIVED and (
        sheet.author_id == user.id or (is_admin(user) and sheet.was_submitted))


@rule("submit", "Sheet")
def _submit_sheet(user, sheet) -> bool:
    return is_member(user) and sheet.author_id == user.id and sheet.status == SheetStatus.DRAFT


@rule("comment", "Sheet")
def _comment_sheet(user, sheet) -> bool:
    return works_on(user, sheet) and sheet.status != SheetStatus.ARCHIVED


@rule("list_for_review", "Sheet")
def _list_for_review(user, sheet) -> bool:
    return in_review_queue_of(user, sheet)


@rule("review", "Sheet")
def _review_sheet(user, sheet) -> bool:
    # Nobody reviews their own sheet: another animator of the pole, or an administrator, must.
    return in_review_queue_of(user, sheet) & (sheet.author_id != user.id)


@rule("publish", "Sheet")
def _publish_sheet(user, sheet) -> bool:
    return (reviews(user, sheet.pole_id) and sheet.author_id != user.id
            and sheet.status in (*AWAITING_REVIEW, SheetStatus.NEEDS_UPDATE))


@rule("archive", "Sheet")
def _archive_sheet(user, sheet) -> bool:
    return reviews(user, sheet.pole_id) and sheet.was_submitted and sheet.status != SheetStatus.ARCHIVED


@rule("restore", "Sheet")
def _restore_sheet(user, sheet) -> bool:
    return reviews(user, sheet.pole_id) and sheet.status == SheetStatus.ARCHIVED


@rule("promote", "Topic")
def _promote(user, topic) -> bool:
    return topic_visible(user, topic) and reviews(user, topic.pole_id)
