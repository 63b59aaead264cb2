"""Discussions: who reads a topic or a post, who writes, who animates a pole.

« Visible » is written once per kind (``topic_visible``, ``post_visible``) over the models'
hybrid attributes: ``can(user, "view", topic)`` and the list filters ``visible_topics(user)``
and ``visible_posts(user)`` are the same function, so a list never shows what a page refuses.
"""

from __future__ import annotations

from typing import Any

from forum.discussions.models import Post, Topic
from forum.policy.expr import never
from forum.policy.registry import rule
from forum.policy.roles import animated_poles, animates, curates, is_admin, is_member, is_moderator


def _readable(user: Any, item):
    """A topic or post as a member reads it: visible, or their own while held or awaiting their edit."""
    return item.is_visible | ((item.author_id == user.id) & item.is_shown_to_author)


def topic_visible(user: Any, topic):
    """Members read visible topics (and their own held ones); moderators also hidden ones; nobody
    a deleted one."""
    if not is_member(user):
        return never(topic)
    return topic.is_present if is_moderator(user) else _readable(user, topic)


def post_visible(user: Any, post, topic):
    """A post of a topic ``user`` reads, visible to them (SQL: on Post joined to its Topic)."""
    if not is_member(user):
        return never(post)
    return topic_visible(user, topic) & (post.is_present if is_moderator(user) else _readable(user, post))


def visible_topics(user: Any):
    """The WHERE clause of the topics ``user`` may open."""
    return topic_visible(user, Topic)


def visible_posts(user: Any):
    """The WHERE clause of the posts ``user`` may read, on Post joined to its Topic."""
    return post_visible(user, Post, Topic)


@rule("view", "Topic")
def _view_topic(user, topic) -> bool:
    return topic_visible(user, topic)


@rule("view", "Post")
def _view_post(user, post) -> bool:
    return post_visible(user, post, post.topic)


@rule("notify", "Topic")
def _notify_topic(user, topic) -> bool:
    """Told of it (notification, e-mail, digest): a member who reads it, and only what every member
    reads — what moderation hides never goes out, not even to moderators."""
    return topic_visible(user, topic) and topic.is_visible


@rule("notify", "Post")
def _notify_post(user, post) -> bool:
    return _notify_topic(user, post.topic) and post.is_visible


@rule("start_topic", "Placement")
def _start_topic(user, placement) -> bool:
    if not is_member(user) or not placement.pole.active or not placement.theme.active:
        return False
    if placement.theme.restricted:  # « Vie du réseau »: animators of that pole and administrators
        return is_admin(user) or animates(user, placement.pole.id)
    return True


@rule("choose", "Theme")
def _choose_theme(user, theme) -> bool:
    """The theme is offered when starting a topic (a restricted one to whoever animates a pole)."""
    if not is_member(user) or not theme.active:
        return False
    return not theme.restricted or is_admin(user) or bool(animated_poles(user))


@rule("reply", "Topic")
def _reply(user, topic) -> bool:
    if not topic_visible(user, topic) or not topic.is_visible:
        return False
    return topic.locked_at is None or curates(user, topic.pole_id)


@rule("pin", "Topic")
@rule("lock", "Topic")
@rule("move", "Topic")
def _animate_topic(user, topic) -> bool:
    return topic_visible(user, topic) and curates(user, topic.pole_id)


@rule("split", "Topic")
@rule("merge", "Topic")
def _restructure_topic(user, topic) -> bool:
    """Split a topic, or merge it (into another, or another into it): who animates its pole, while
    it stands (a merged topic is gone). Where the posts land is asked apart (« move_into »)."""
    return (topic.is_present and topic.merged_into_id is None and topic_visible(user, topic)
            and curates(user, topic.pole_id))


@rule("move_into", "Placement")
def _move_into(user, placement) -> bool:
    """A topic moved or split lands only in a pole its mover animates too, in a theme open to them there."""
    return bool(curates(user, placement.pole.id)) and _start_topic(user, placement)


@rule("follow", "Topic")
def _follow_topic(user, topic) -> bool:
    return topic_visible(user, topic)


@rule("follow", "Pole", "Theme")
def _follow_place(user, place) -> bool:
    return is_member(user) and place.active


@rule("reply_to", "Post")
def _reply_to(user, post) -> bool:
    return _reply(user, post.topic) and post.is_visible


@rule("edit", "Post")
def _edit_post(user, post) -> bool:
    # Held or awaiting an edit, the author may still correct it: that is what moderation asks.
    return (is_member(user) and post.author_id == user.id and post.is_shown_to_author
            and post.topic.locked_at is None and topic_visible(user, post.topic))


@rule("delete", "Post")
def _delete_post(user, post) -> bool:
    if not (is_member(user) and post.author_id == user.id and post.is_visible and topic_visible(user, post.topic)):
        return False
    # The question that others answered stays: deleting it would orphan their replies.
    return not (post.is_first and post.topic.reply_count > 0)


@rule("view_history", "Post")
def _view_history(user, post) -> bool:
    return _view_post(user, post) and (post.author_id == user.id or is_moderator(user))


@rule("mark_solution", "Post")
def _mark_solution(user, post) -> bool:
    topic = post.topic
    if not (topic.is_question and not post.is_first and post.is_visible and topic_visible(user, topic)):
        return False
    return topic.author_id == user.id or curates(user, topic.pole_id)


@rule("react", "Post")
def _react(user, post) -> bool:
    return _view_post(user, post) and post.is_visible and post.author_id != user.id


@rule("review_privacy", "Post")
def _review_privacy(user, post) -> bool:
    return is_moderator(user) and post.author_id != user.id  # nobody checks their own post


@rule("hide", "Post")
def _hide_post(user, post) -> bool:
    return is_moderator(user) and post.hidden_at is None and post.is_present


@rule("mask", "Post")
def _mask_post(user, post) -> bool:
    return is_moderator(user) and post.is_present


@rule("unhide", "Post")
def _unhide_post(user, post) -> bool:
    # Not one's own: a colleague's decision about it is contested, not undone by its author.
    return is_moderator(user) and post.hidden_at is not None and post.author_id != user.id
