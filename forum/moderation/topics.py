"""Moderation of a topic's place and shape: pin, lock, move, split, merge — each with its reason
in the journal, the authors told (lock, move, split, merge) and the topic's waiting case settled.

Each is one unit of work: the discussions' action changes the topics and posts, then the
journal entry, the statements and the case are added to the same transaction.
"""

from __future__ import annotations

# Modules, not the package: the topic pages (in discussions) import this module.
import forum.discussions.actions as discussions
import forum.discussions.restructure as restructure
from forum import policy
from forum.discussions.models import Placement, Topic
from forum.errors import ActionError
from forum.moderation.audit import record
from forum.moderation.cases import settle
from forum.moderation.statements import issue
from forum.transaction import atomic

REASON_MAX = 1000


def _label(topic: Topic) -> str:
    return f"Discussion « {topic.title} »"


def _reason(reason: str, *, required: bool) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ActionError("Indiquez le motif : il est conservé dans le journal et transmis à l'auteur.", "reason")
    return reason[:REASON_MAX]


def _tell(member_ids, entry, case, actor) -> None:
    """One statement per member concerned (never the moderator about their own action)."""
    for member_id in sorted({member_id for member_id in member_ids if member_id is not None}):
        if member_id != getattr(actor, "id", None):
            issue(member_id, entry, case=case)


@atomic
def set_pinned(actor, topic: Topic, pinned: bool, reason: str = "") -> None:
    """Pin a topic at the top of its pole, or unpin it; the reason is optional (nobody is told)."""
    policy.require(actor, "pin", topic)
    reason = _reason(reason, required=False)
    discussions.set_pinned(actor, topic, pinned)
    record(actor, "pin_topic" if pinned else "unpin_topic", topic, _label(topic), reason)


@atomic
def set_locked(actor, topic: Topic, locked: bool, reason: str) -> None:
    """Close a topic to new replies (its author is told why), or reopen it."""
    policy.require(actor, "lock", topic)
    reason = _reason(reason, required=locked)
    discussions.set_locked(actor, topic, locked)
    case = settle(topic, actor, "lock_topic") if locked else None
    entry = record(actor, "lock_topic" if locked else "unlock_topic", topic, _label(topic), reason, case=case)
    if locked:
        _tell([topic.author_id], entry, case, actor)


@atomic
def move_topic(actor, topic: Topic, pole, theme, reason: str) -> None:
    """Put a topic in another pole or theme (one its mover animates); its author is told why."""
    policy.require(actor, "move", topic)
    policy.require(actor, "move_into", Placement(pole, theme))
    reason = _reason(reason, required=True)
    before = {"from_pole_id": topic.pole_id, "from_pole": topic.pole.name,
              "from_theme_id": topic.theme_id, "from_theme": topic.theme.name}
    discussions.move_topic(actor, topic, pole, theme)
    case = settle(topic, actor, "move_topic")
    entry = record(actor, "move_topic", topic, _label(topic), reason, case=case, detail={
        **before, "to_pole_id": pole.id, "to_pole": pole.name, "to_theme_id": theme.id, "to_theme": theme.name})
    _tell([topic.author_id], entry, case, actor)


@atomic
def split_topic(actor, source: Topic, post_ids: list[int], *, title: str, pole, theme, reason: str) -> Topic:
    """Make a new discussion of some replies of ``source`` (in a pole the actor animates too); each
    author of a moved post is told. Returns the new topic."""
    policy.require(actor, "split", source)
    reason = _reason(reason, required=True)
    source_title = source.title
    target, moved = restructure.split_topic(actor, source, post_ids, title=title, pole=pole, theme=theme)
    case = settle(source, actor, "split_topic")
    entry = record(actor, "split_topic", target, f"« {target.title} », scindée de « {source_title} »", reason,
                   case=case, member_id=None, detail={
                       "from_topic": moved.source_id, "to_topic": moved.target_id, "post_ids": moved.post_ids,
                       "from_pole_id": source.pole_id, "to_pole_id": pole.id, "to_theme_id": theme.id})
    _tell(moved.author_ids, entry, case, actor)
    return target


@atomic
def merge_topics(actor, absorbed: Topic, into: Topic, reason: str) -> None:
    """Append the posts of ``absorbed`` to ``into``; the absorbed topic's address leads there. The
    authors of the moved posts are told; only a split takes them out again."""
    policy.require(actor, "merge", absorbed)
    policy.require(actor, "merge", into)
    reason = _reason(reason, required=True)
    absorbed_title = absorbed.title
    moved = restructure.merge_topics(actor, absorbed, into)
    case = settle(absorbed, actor, "merge_topics")
    entry = record(actor, "merge_topics", into, f"« {absorbed_title} » fusionnée dans « {into.title} »", reason,
                   case=case, member_id=None, detail={
                       "from_topic": moved.source_id, "to_topic": moved.target_id, "post_ids": moved.post_ids,
                       "from_pole_id": absorbed.pole_id, "to_pole_id": into.pole_id})
    _tell(moved.author_ids, entry, case, actor)
