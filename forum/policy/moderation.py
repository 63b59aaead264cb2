"""Moderation: who reports, who sees which cases, who takes and handles them, who contests and
who decides a contest, who reads the journal and the watched words.

« Which cases may this person handle » is written once (``handles_case``) over the case's
columns: ``can(user, "see_case", case)`` and the queue's filter ``visible_cases(user)`` agree.
"""

from __future__ import annotations

from typing import Any

from forum.accounts.models import Status
from forum.extensions import db
from forum.moderation.models import ModerationCase
from forum.policy.discussions import topic_visible
from forum.policy.expr import always, is_sql, never, one_of
from forum.policy.library import works_on
from forum.policy.registry import can, kind_of, rule
from forum.policy.roles import animated_poles, curates, is_admin, is_member, is_moderator

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


# --- masking and hiding sheets and their review comments (moderators and administrators) ---

@rule("mask", "Sheet")
def _mask_sheet(user, sheet) -> bool:
    # A draft never sent for review is its author's alone: nobody else has read it to report it.
    return is_moderator(user) and sheet.was_submitted


@rule("mask", "SheetComment")
def _mask_comment(user, _comment) -> bool:
    return is_moderator(user)


@rule("hide", "SheetComment")
def _hide_comment(user, comment) -> bool:
    return is_moderator(user) and comment.hidden_at is None


@rule("unhide", "SheetComment")
def _unhide_comment(user, comment) -> bool:
    return is_moderator(user) and comment.hidden_at is not None and comment.author_id != user.id



# Outcomes of a contest are told to the member but cannot be contested again.
FINAL_ACTIONS = frozenset({"contest_confirmed", "contest_reversed"})


@rule("view", "Statement")
def _view_statement(user, statement) -> bool:
    return is_member(user) and (statement.member_id == user.id or is_moderator(user))


@rule("contest", "Statement")
def _contest(user, statement) -> bool:
    """Its member, once, while their account is active; a contest's outcome is final."""
    from forum.moderation.models import Contest

    if not (is_member(user) and statement.member_id == user.id) or statement.action in FINAL_ACTIONS:
        return False
    return db.session.scalar(db.select(Contest.id).where(Contest.statement_id == statement.id)) is None


@rule("decide", "Contest")
def _decide_contest(user, contest) -> bool:
    """A moderator other than the one who decided, and other than the member (no one judges their own)."""
    if not is_moderator(user) or contest.state != "en-attente":
        return False
    return user.id not in (contest.member_id, contest.statement.decided_by_id)


@rule("warn", "User")
def _warn(user, target) -> bool:
    return is_moderator(user) and user.id != target.id and target.status == Status.ACTIVE


@rule("suspend_permanently", "User")
def _suspend_permanently(user, target) -> bool:
    # Moderators suspend for a set time only (accounts' « suspend »); administrators also without end.
    return is_admin(user) and user.id != target.id and target.status == Status.ACTIVE


@rule("request_edit", "Post")
def _request_edit(user, post) -> bool:
    """Moderators and the pole's animators ask an author to correct a post (not their own)."""
    if not is_member(user) or post.author_id == user.id or post.deleted_at is not None:
        return False
    if post.edit_requested_at is not None or not topic_visible(user, post.topic):
        return False
    return bool(curates(user, post.topic.pole_id))


@rule("access", "journal")
@rule("export", "journal")
def _journal(user, _area) -> bool:
    return is_moderator(user)


@rule("view_history", "User")
def _view_history(user, _target) -> bool:
    """A member's moderation history (reports made, actions received) is for moderators."""
    return is_moderator(user)


# A whole discussion, from its case page: acting on its first post hides or masks it all.
@rule("mask", "Topic")
def _mask_topic(user, topic) -> bool:
    return is_moderator(user) and topic.is_present


@rule("hide", "Topic")
def _hide_topic(user, topic) -> bool:
    return is_moderator(user) and topic.is_present and topic.hidden_at is None


@rule("unhide", "Topic")
def _unhide_topic(user, topic) -> bool:
    return is_moderator(user) and topic.is_present and topic.hidden_at is not None and topic.author_id != user.id


# --- held posts and watched words ---

@rule("release", "Post")
def _release_post(user, post) -> bool:
    """Publish a post held for a check: moderators, never on their own post."""
    return is_moderator(user) and post.held_at is not None and post.is_present and post.author_id != user.id


@rule("manage", "WatchedWord")
def _manage_watched_words(user, _word) -> bool:
    """List, add and remove the watched words and expressions."""
    return is_admin(user)
