"""Measures about a member: a warning, a suspension for a set time, a request to edit a post.

Each is one unit of work: the change, its journal entry, the statement to the member (with its
e-mail), and the case of the item settled when the measure answers one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from forum import policy
from forum.accounts.admin_actions import reactivate
from forum.accounts.admin_actions import suspend as suspend_account
from forum.accounts.models import Status, User
from forum.db_types import utcnow
from forum.discussions.models import Post
from forum.discussions.moderated import request_edit as ask_for_edit
from forum.discussions.moderated import withdraw_edit_request
from forum.errors import ActionError
from forum.extensions import db
from forum.formatting import of, reader_zone
from forum.moderation.actions import unhide_post
from forum.moderation.audit import record
from forum.moderation.cases import settle
from forum.moderation.models import Statement
from forum.moderation.statements import issue, target_of, undoes
from forum.notifications.mail import withdraw
from forum.transaction import atomic

# The durations offered to moderators, in days; or a date up to 90 days ahead.
SUSPENSION_DAYS = (1, 3, 7, 30)
MAX_DAYS = 90


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez le motif : il est transmis au membre et conservé dans le journal.", "reason")
    return reason[:1000]


def _settle(case, actor, decision: str) -> None:
    if case is not None and case.target_type is not None:
        target = target_of(case.target_type, case.target_id)
        if target is not None:
            settle(target, actor, decision)


@atomic
def warn(actor, member: User, reason: str, case=None) -> Statement:
    """Warn a member: no effect on the account, a statement they may contest."""
    policy.require(actor, "warn", member)
    reason = _reason(reason)
    entry = record(actor, "warn_member", member, member.display_name, reason, case=case)
    _settle(case, actor, "warn_member")
    return issue(member.id, entry, case=case)


def suspension_end(days: int | None, until: date | None, zone: str | None = None) -> datetime | None:
    """The end of a suspension chosen as a number of days from now, or as a last day (inclusive,
    the suspension ends that night at midnight in the moderator's time zone); the date wins."""
    if until is not None:  # a date typed in wins over the duration preselected in the list
        if until.year > 9000:  # a date no suspension reaches (and past which the calendar ends)
            raise ActionError("Choisissez une date de fin plus proche.", "until")
        return datetime.combine(until + timedelta(days=1), time(0), tzinfo=reader_zone(zone)).astimezone(UTC)
    if days:
        return utcnow() + timedelta(days=days)
    return None


@atomic
def suspend(actor, member: User, reason: str, *, days: int | None = None, until: date | None = None,
            permanent: bool = False, case=None) -> Statement:
    """Suspend a member for ``days`` days or until a day (inclusive); ``permanent`` (administrators
    only) until reactivated. Ends by itself at its date."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ActionError("Choisissez une durée de 1 à 90 jours.", "days")
    end = None if permanent else suspension_end(days, until, getattr(actor, "time_zone", None))
    if end is None and not permanent:
        raise ActionError("Choisissez une durée ou une date de fin.", "days")
    statement = suspend_account(actor, member, until=end, reason=_reason(reason), case=case)
    _settle(case, actor, "suspend_account")
    return statement


def _post_label(post: Post) -> str:
    author = db.session.get(User, post.author_id)
    return f"Message {of(author.display_name)} dans « {post.topic.title} »"


@atomic
def request_edit(actor, post: Post, reason: str, hide: bool, case=None) -> Statement:
    """Ask the author to edit their post; hidden from members until they do when ``hide``. Their
    edit answers the request (and shows the post again)."""
    policy.require(actor, "request_edit", post)
    reason = _reason(reason)
    ask_for_edit(actor, post, hide=hide)
    if hide:
        withdraw(db.select(Post.id).where(Post.topic_id == post.topic_id) if post.is_first else [post.id])
    entry = record(actor, "request_edit", post, _post_label(post), reason, case=case, detail={"hidden": bool(hide)})
    settle(post, actor, "request_edit")
    return issue(post.author_id, entry, case=case)


@undoes("request_edit")
def _withdraw_edit_request(actor, statement: Statement) -> str:
    post = target_of("Post", statement.target_id)
    if post is None or post.edit_requested_at is None:
        return ""
    withdraw_edit_request(actor, post)
    return "La demande de modification est retirée ; votre message est visible tel quel."


@undoes("hide_post")
def _show_post_again(actor, statement: Statement) -> str:
    post = target_of("Post", statement.target_id)
    if post is None or post.hidden_at is None:
        return ""
    unhide_post(actor, post)
    return "Votre message est de nouveau visible."


@undoes("suspend_account")
def _lift_suspension(actor, statement: Statement) -> str:
    member = db.session.get(User, statement.member_id)
    if member is None or member.status != Status.SUSPENDED:
        return ""
    reactivate(actor, member)
    return "Votre suspension est levée : vous pouvez de nouveau vous connecter."


@undoes("warn_member")
def _withdraw_warning(_actor, _statement: Statement) -> str:
    return "L'avertissement est retiré."
