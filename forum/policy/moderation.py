"""Moderation: who reports, who sees which cases, who takes and handles them, who contests and
who decides a contest, who reads the journal and the watched words.

« Which cases may this person handle » is written once (``handles_case``) over the case's
columns: ``can(user, "see_case", case)`` and the queue's filter ``visible_cases(user)`` agree.
"""

from __future__ import annotations

from typing import Any

from forum.moderation.models import ModerationCase
from forum.policy.expr import always, is_sql, never, one_of
from forum.policy.library import works_on
from forum.policy.registry import can, kind_of, rule
from forum.policy.roles import animated_poles, is_member, is_moderator

# What a pole's animators handle: discussions and sheets of their pole, never a member's account.
POLE_KINDS = frozenset({"Post", "Topic", "Sheet", "SheetComment"})


def readable(user: Any, target) -> bool:
    """``user`` reads this item: a post, topic or sheet they may view, a review comment of a sheet
    they work on (while not hidden), a member's profile."""
    kind = kind_of(target)
    if kind == "User":
        return can(user, "view_profile", target)
    if kind == "SheetComment":
        return is_member(user) and target.hidden_at is None and bool(works_on(user, target.sheet))
    return can(user, "view", target)


@rule("report", "Post", "Topic", "Sheet", "SheetComment", "User")
def _report(user, target) -> bool:
    """An active member reports what they can read, never their own content nor their own profile."""
    if not is_member(user):
        return False
    own = target.id == user.id if kind_of(target) == "User" else target.author_id == user.id
    return not own and readable(user, target)


def _not_theirs(user: Any, case):
    """Nobody handles a case about their own content or account (a contest of theirs included)."""
    if is_sql(case):
        return case.member_id.is_(None) | (case.member_id != user.id)
    return case.member_id is None or case.member_id != user.id


def handles_case(user: Any, case):
    """Moderators and administrators every case; a pole's animators the cases about discussions
    and sheets of their poles; nobody a case about themselves (``case``: one case, or the class)."""
    if not is_member(user):
        return never(case)
    if is_moderator(user):
        scope = always(case)
    else:
        poles = animated_poles(user)
        if not poles:
            return never(case)
        scope = one_of(case.pole_id, poles) & one_of(case.target_type, POLE_KINDS)
    return scope & _not_theirs(user, case)


def visible_cases(user: Any):
    """The WHERE clause of the cases ``user`` may see (the queue adds the waiting states)."""
    return handles_case(user, ModerationCase)


@rule("see_case", "ModerationCase")
@rule("take", "ModerationCase")
@rule("dismiss", "ModerationCase")
def _handle_case(user, case) -> bool:
    # The state is decided by the action's conditional UPDATE, so that a button clicked on a stale
    # page gets the French « already taken / already handled » rather than a bare 403.
    return handles_case(user, case)


@rule("hide", "SheetComment")
def _hide_comment(user, comment) -> bool:
    return is_moderator(user) and comment.hidden_at is None


@rule("unhide", "SheetComment")
def _unhide_comment(user, comment) -> bool:
    return is_moderator(user) and comment.hidden_at is not None
