"""Every authorization rule of the forum, and the list filters that go with them.

``can(user, action, obj)`` looks the rule up by the action and the kind of object. A pair
that has no rule raises ``UnknownRule``: a forgotten rule fails closed, loudly.
``obj`` is an instance, a model class (``can(user, "create", Structure)``) or a string
naming an area (``can(user, "access", "admin")``).
"""

from __future__ import annotations

from typing import Any, Callable

from werkzeug.exceptions import Forbidden

from forum.accounts.models import Role, Status


class UnknownRule(LookupError):
    """No rule exists for this (action, kind) pair."""


class NotAllowed(Forbidden):
    """The actor may not do this; rendered as a 403 (or a login redirect for visitors)."""


class _System:
    """The actor of command-line tasks and demo data: every rule lets it through."""

    id = None
    role = "system"
    is_authenticated = True
    is_active = True
    is_admin = True
    display_name = "Système"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()

Rule = Callable[[Any, Any], bool]
_RULES: dict[tuple[str, str], Rule] = {}


def kind_of(obj: Any) -> str:
    """The name rules are registered under for this object."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, type):
        return obj.__name__
    return type(obj).__name__


def rule(action: str, *kinds: str) -> Callable[[Rule], Rule]:
    """Register a rule for an action on one or more kinds of object."""

    def register(func: Rule) -> Rule:
        for kind in kinds:
            key = (action, kind)
            if key in _RULES:
                raise RuntimeError(f"two rules for {key}")
            _RULES[key] = func
        return func

    return register


def can(user: Any, action: str, obj: Any) -> bool:
    """True when ``user`` may do ``action`` on ``obj``; unknown pairs raise."""
    key = (action, kind_of(obj))
    try:
        check = _RULES[key]
    except KeyError:
        raise UnknownRule(f"no rule for {key}") from None
    if user is SYSTEM:
        return True
    return bool(check(user, obj))


def require(user: Any, action: str, obj: Any) -> None:
    """Raise ``NotAllowed`` unless ``user`` may do ``action`` on ``obj``."""
    if not can(user, action, obj):
        raise NotAllowed()


def known_rules() -> list[tuple[str, str]]:
    """Every registered (action, kind) pair, for the policy matrix test."""
    return sorted(_RULES)


# --- who is who -----------------------------------------------------------------------

def is_member(user: Any) -> bool:
    """A logged-in, active account (any role)."""
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "status", None) == Status.ACTIVE


def is_admin(user: Any) -> bool:
    return is_member(user) and user.role == Role.ADMIN


def is_moderator(user: Any) -> bool:
    return is_member(user) and user.role in (Role.MODERATOR, Role.ADMIN)


def is_referent_of(user: Any, structure_id: int | None) -> bool:
    return is_member(user) and user.role == Role.REFERENT and user.structure_id == structure_id


# --- areas ----------------------------------------------------------------------------

@rule("access", "admin")
def _access_admin(user, _area) -> bool:
    return is_admin(user)


@rule("access", "moderation")
def _access_moderation(user, _area) -> bool:
    return is_moderator(user)


@rule("access", "pending_accounts")
def _access_pending(user, _area) -> bool:
    return is_admin(user) or (is_member(user) and user.role == Role.REFERENT)


@rule("access", "members")
def _access_members(user, _area) -> bool:
    return is_member(user)


# --- accounts -------------------------------------------------------------------------

@rule("view_profile", "User")
def _view_profile(user, target) -> bool:
    if not is_member(user):
        return False
    return user.id == target.id or is_admin(user) or target.status in (Status.ACTIVE, Status.SUSPENDED)


@rule("edit_profile", "User")
def _edit_profile(user, target) -> bool:
    return is_member(user) and user.id == target.id


@rule("approve", "User")
def _approve(user, target) -> bool:
    if target.status != Status.PENDING or target.email_verified_at is None:
        return False
    return is_admin(user) or is_referent_of(user, target.structure_id)


@rule("refuse", "User")
def _refuse(user, target) -> bool:
    if target.status != Status.PENDING:
        return False
    return is_admin(user) or is_referent_of(user, target.structure_id)


@rule("change_role", "User")
def _change_role(user, target) -> bool:
    # Nobody changes their own role: the last administrator cannot lock everyone out.
    return is_admin(user) and user.id != target.id and target.status != Status.DELETED


@rule("suspend", "User")
def _suspend(user, target) -> bool:
    return is_admin(user) and user.id != target.id and target.status == Status.ACTIVE


@rule("reactivate", "User")
def _reactivate(user, target) -> bool:
    return is_admin(user) and target.status == Status.SUSPENDED


@rule("create", "User")
def _create_user(user, _cls) -> bool:
    # Accounts are created by registration (visitors, who have no id) or by the command line (SYSTEM).
    return getattr(user, "id", None) is None


# --- structures and taxonomy ---------------------------------------------------------

@rule("create", "Structure", "Pole", "Theme")
@rule("edit", "Structure", "Pole", "Theme", "SitePage", "Thesaurus")
def _manage_reference(user, _obj) -> bool:
    return is_admin(user)


# --- discussions ----------------------------------------------------------------------

def animates(user: Any, pole_id: int | None) -> bool:
    """An animator (or a moderator given poles) of that pole."""
    return is_member(user) and user.animates(pole_id)


def curates(user: Any, pole_id: int | None) -> bool:
    """Who animates a pole's discussions: its animators, moderators and administrators."""
    return is_moderator(user) or animates(user, pole_id)


@rule("start_topic", "Placement")
def _start_topic(user, placement) -> bool:
    if not is_member(user) or not placement.pole.active or not placement.theme.active:
        return False
    if placement.theme.restricted:  # « Vie du réseau »: animators of that pole and administrators
        return is_admin(user) or animates(user, placement.pole.id)
    return True


@rule("view", "Topic")
def _view_topic(user, topic) -> bool:
    if not is_member(user) or topic.deleted_at is not None:
        return False
    return topic.hidden_at is None or is_moderator(user)


@rule("reply", "Topic")
def _reply(user, topic) -> bool:
    if not _view_topic(user, topic) or topic.hidden_at is not None:
        return False
    return topic.locked_at is None or curates(user, topic.pole_id)


@rule("pin", "Topic")
@rule("lock", "Topic")
@rule("move", "Topic")
def _animate_topic(user, topic) -> bool:
    return _view_topic(user, topic) and curates(user, topic.pole_id)


@rule("follow", "Topic")
def _follow_topic(user, topic) -> bool:
    return _view_topic(user, topic)


@rule("follow", "Pole", "Theme")
def _follow_place(user, place) -> bool:
    return is_member(user) and place.active


def _post_readable(user, post) -> bool:
    return _view_topic(user, post.topic) and post.deleted_at is None and (
        post.hidden_at is None or is_moderator(user))


@rule("view", "Post")
def _view_post(user, post) -> bool:
    return _post_readable(user, post)


@rule("reply_to", "Post")
def _reply_to(user, post) -> bool:
    return _reply(user, post.topic) and post.is_visible


@rule("edit", "Post")
def _edit_post(user, post) -> bool:
    return (is_member(user) and post.author_id == user.id and post.is_visible
            and post.topic.locked_at is None and _view_topic(user, post.topic))


@rule("delete", "Post")
def _delete_post(user, post) -> bool:
    if not (is_member(user) and post.author_id == user.id and post.is_visible and _view_topic(user, post.topic)):
        return False
    # The question that others answered stays: deleting it would orphan their replies.
    return not (post.is_first and post.topic.reply_count > 0)


@rule("view_history", "Post")
def _view_history(user, post) -> bool:
    return _post_readable(user, post) and (post.author_id == user.id or is_moderator(user))


@rule("mark_solution", "Post")
def _mark_solution(user, post) -> bool:
    topic = post.topic
    if not (topic.is_question and not post.is_first and post.is_visible and _view_topic(user, topic)):
        return False
    return topic.author_id == user.id or curates(user, topic.pole_id)


@rule("react", "Post")
def _react(user, post) -> bool:
    return _post_readable(user, post) and post.hidden_at is None and post.author_id != user.id


@rule("review_privacy", "Post")
def _review_privacy(user, _post) -> bool:
    return is_moderator(user)


@rule("hide", "Post")
def _hide_post(user, post) -> bool:
    return is_moderator(user) and post.hidden_at is None and post.deleted_at is None


@rule("mask", "Post")
def _mask_post(user, post) -> bool:
    return is_moderator(user) and post.deleted_at is None


@rule("unhide", "Post")
def _unhide_post(user, post) -> bool:
    return is_moderator(user) and post.hidden_at is not None


# --- good-practice sheets -------------------------------------------------------------

def reviews(user: Any, pole_id: int | None) -> bool:
    """Who validates a pole's sheets: its animators, and the administrators."""
    return is_admin(user) or animates(user, pole_id)


def works_on(user: Any, sheet) -> bool:
    """The author and the reviewers see the working version, its comments and its history."""
    return is_member(user) and (sheet.author_id == user.id or reviews(user, sheet.pole_id))


@rule("view", "Sheet")
def _view_sheet(user, sheet) -> bool:
    if sheet.status != "archived" and sheet.published_revision_id is not None:
        if sheet.published_revision.visibility == "public" or is_member(user):
            return True
    # the members credited on a sheet drawn from their discussion may read it while it is prepared
    return works_on(user, sheet) or (is_member(user) and user.id in sheet.contributor_ids)


@rule("view_work", "Sheet")
def _view_work(user, sheet) -> bool:
    return works_on(user, sheet)


@rule("create", "Sheet")
def _create_sheet(user, _cls) -> bool:
    return is_member(user)


@rule("edit", "Sheet")
def _edit_sheet(user, sheet) -> bool:
    return is_member(user) and sheet.status != "archived" and (sheet.author_id == user.id or is_admin(user))


@rule("submit", "Sheet")
def _submit_sheet(user, sheet) -> bool:
    return is_member(user) and sheet.author_id == user.id and sheet.status == "draft"


@rule("comment", "Sheet")
def _comment_sheet(user, sheet) -> bool:
    return works_on(user, sheet) and sheet.status != "archived"


@rule("review", "Sheet")
def _review_sheet(user, sheet) -> bool:
    # Nobody reviews their own sheet: another animator of the pole, or an administrator, must.
    return (reviews(user, sheet.pole_id) and sheet.author_id != user.id
            and sheet.status in ("submitted", "in_review"))


@rule("publish", "Sheet")
def _publish_sheet(user, sheet) -> bool:
    return (reviews(user, sheet.pole_id) and sheet.author_id != user.id
            and sheet.status in ("submitted", "in_review", "needs_update"))


@rule("archive", "Sheet")
def _archive_sheet(user, sheet) -> bool:
    return reviews(user, sheet.pole_id) and sheet.status != "archived"


@rule("restore", "Sheet")
def _restore_sheet(user, sheet) -> bool:
    return reviews(user, sheet.pole_id) and sheet.status == "archived"


@rule("access", "review_queue")
def _access_review_queue(user, _area) -> bool:
    return is_admin(user) or (is_member(user) and bool(user.animated_pole_ids)
                              and user.role in (Role.ANIMATOR, Role.MODERATOR))


@rule("promote", "Topic")
def _promote(user, topic) -> bool:
    return _view_topic(user, topic) and reviews(user, topic.pole_id)


def readable_sheets_filter(user: Any):
    """A WHERE clause (on Sheet joined to its published revision) keeping what ``user`` may read."""
    from forum.library.models import Sheet, SheetRevision

    readable = Sheet.published_revision_id.is_not(None) & (Sheet.status != "archived")
    if is_member(user):
        return readable
    return readable & (SheetRevision.visibility == "public")


def visible_topics_filter(user: Any):
    """A WHERE clause keeping the topics ``user`` may open in lists and searches."""
    from forum.discussions.models import Topic

    if not is_member(user):
        return Topic.id.is_(None)
    return Topic.deleted_at.is_(None) & Topic.hidden_at.is_(None)


def pending_accounts_filter(user: Any):
    """A WHERE clause limiting pending accounts to those ``user`` may decide on."""
    from forum.accounts.models import User

    if is_admin(user):
        return User.status == Status.PENDING
    if is_member(user) and user.role == Role.REFERENT:
        return (User.status == Status.PENDING) & (User.structure_id == user.structure_id)
    return User.id.is_(None)  # matches nothing
