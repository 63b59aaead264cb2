"""The only code that writes notifications, subscriptions and read marks.

Notifications are written in the transaction of the event that causes them (a reply, a
mention, a solution, a new topic); members who chose « immediate » e-mails also get an
outbox row, held until the end of their quiet hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update

from forum import policy
from forum.accounts.models import EmailMode, User
from forum.accounts.passwords import make_token
from forum.db_types import utcnow
from forum.errors import ActionError
from forum.extensions import db
from forum.notifications.mail import enqueue
from forum.notifications.models import (
    Notification,
    NotificationKind,
    ReadMark,
    Subscription,
    SubscriptionLevel,
)
from forum.sql import insert, insert_new
from forum.transaction import atomic
from forum.urls import absolute_url

SUBJECTS = {
    NotificationKind.REPLY: "Nouvelle réponse : {title}",
    NotificationKind.MENTION: "{actor} vous mentionne dans « {title} »",
    NotificationKind.SOLUTION: "Une solution pour « {title} »",
    NotificationKind.NEW_TOPIC: "Nouvelle discussion : {title}",
}


# --- quiet hours ---------------------------------------------------------------------

def in_quiet_hours(start: int, end: int, hour: int) -> bool:
    """True when ``hour`` falls in [start, end), which may wrap past midnight."""
    if start == end:
        return False
    return start <= hour < end if start < end else (hour >= start or hour < end)


def quiet_until(user: User, now: datetime) -> datetime | None:
    """When the member's quiet hours end, if ``now`` falls in them; else None."""
    local = now.astimezone(ZoneInfo(user.time_zone))
    if not in_quiet_hours(user.quiet_start_hour, user.quiet_end_hour, local.hour):
        return None
    end = local.replace(hour=user.quiet_end_hour, minute=0, second=0, microsecond=0)
    if end <= local:
        end += timedelta(days=1)
    return end.astimezone(now.tzinfo)


# --- who hears about what ------------------------------------------------------------

def _subscribers(target_type: str, target_ids: list[int], level: str) -> dict[int, User]:
    rows = db.session.scalars(
        db.select(User).join(Subscription, Subscription.user_id == User.id).where(
            Subscription.target_type == target_type, Subscription.target_id.in_(target_ids),
            Subscription.level == level, policy.active_accounts(),
        )
    ).all()
    return {user.id: user for user in rows}


def _subscribe(user_id: int, target_type: str, target_id: int, level: str, *, keep_existing: bool) -> None:
    # One statement each way: two tabs following the same topic at once make one row, not an error.
    added = insert_new(Subscription, user_id=user_id, target_type=target_type, target_id=target_id, level=level)
    if not added and not keep_existing:
        db.session.execute(update(Subscription).where(
            Subscription.user_id == user_id, Subscription.target_type == target_type,
            Subscription.target_id == target_id).values(level=level))


def _notify(recipients: dict[int, tuple[User, str]], actor, topic, post) -> None:
    """Write one notification per recipient, and the immediate e-mails."""
    now = utcnow()
    for user, kind in recipients.values():
        notification = Notification(user_id=user.id, kind=kind, topic_id=topic.id, post_id=post.id,
                                    actor_id=actor.id, created_at=now)
        if user.email_mode == EmailMode.IMMEDIATE:
            notification.emailed_at = now
            _email_now(user, kind, actor, topic, post, now)
        db.session.add(notification)


def _email_now(user: User, kind: str, actor, topic, post, now: datetime) -> None:
    message = enqueue(
        user.email, SUBJECTS[kind].format(title=topic.title, actor=actor.display_name)[:200], "notification",
        kind=f"notification-{kind}", user=user, notification_kind=kind, actor=actor, topic=topic, post=post,
        link=absolute_url("discussions.post_permalink", post_id=post.id),
        unsubscribe=unsubscribe_url(user), preferences=absolute_url("notifications.preferences"),
    )
    message.send_after = quiet_until(user, now)
    message.unsubscribe_url = unsubscribe_url(user)
    message.post_id = post.id


def _add(recipients: dict, users, kind: str, actor, post) -> None:
    """Tell these members, if they may be told of the post (never the one who wrote it)."""
    for user in users:
        if user.id != actor.id and policy.can(user, "notify", post):
            recipients[user.id] = (user, kind)


def topic_started(actor, topic, post, mentioned: list[User]) -> None:
    """The author follows the new topic; followers of its pole or theme and the mentioned hear of it
    (never the actor)."""
    _subscribe(actor.id, "topic", topic.id, SubscriptionLevel.FOLLOW, keep_existing=True)
    recipients: dict[int, tuple[User, str]] = {}
    _add(recipients, _subscribers("pole", [topic.pole_id], SubscriptionLevel.FOLLOW).values(),
         NotificationKind.NEW_TOPIC, actor, post)
    _add(recipients, _subscribers("theme", [topic.theme_id], SubscriptionLevel.FOLLOW).values(),
         NotificationKind.NEW_TOPIC, actor, post)
    _add(recipients, mentioned, NotificationKind.MENTION, actor, post)
    _notify(recipients, actor, topic, post)


def reply_audience(actor, topic, post, reply_to, mentioned: list[User]) -> dict[int, tuple[User, str]]:
    """Who hears of a reply and why: the topic's followers, the quoted post's author (unless they
    muted the topic), the members mentioned (a mention wins). Read before the reply is written."""
    muted = _subscribers("topic", [topic.id], SubscriptionLevel.MUTE)
    recipients: dict[int, tuple[User, str]] = {}
    _add(recipients, _subscribers("topic", [topic.id], SubscriptionLevel.FOLLOW).values(),
         NotificationKind.REPLY, actor, post)
    if reply_to is not None and reply_to.author_id not in muted:
        _add(recipients, [db.session.get(User, reply_to.author_id)], NotificationKind.REPLY, actor, post)
    _add(recipients, mentioned, NotificationKind.MENTION, actor, post)
    return recipients


def replied(actor, topic, post, audience: dict[int, tuple[User, str]]) -> None:
    """The replier follows the topic and has read their own reply; the audience is told."""
    _subscribe(actor.id, "topic", topic.id, SubscriptionLevel.FOLLOW, keep_existing=True)
    _advance_read_mark(actor.id, topic.id, post.number)  # one's own reply is not news
    _notify(audience, actor, topic, post)


def solution_marked(actor, topic, post) -> None:
    """The author of the chosen reply and the followers of the topic hear of it."""
    recipients: dict[int, tuple[User, str]] = {}
    _add(recipients, _subscribers("topic", [topic.id], SubscriptionLevel.FOLLOW).values(),
         NotificationKind.SOLUTION, actor, post)
    _add(recipients, [db.session.get(User, post.author_id)], NotificationKind.SOLUTION, actor, post)
    _notify(recipients, actor, topic, post)


# --- what a member chooses -----------------------------------------------------------

@atomic
def set_subscription(actor, target, level: str | None) -> None:
    """Follow or mute a topic, follow a pole or a theme, or go back to the default (None)."""
    policy.require(actor, "follow", target)
    target_type = type(target).__name__.lower()
    allowed = {SubscriptionLevel.FOLLOW}
    if target_type == "topic":
        allowed.add(SubscriptionLevel.MUTE)
    if level is not None and level not in allowed:
        raise ActionError("Choix de suivi inconnu.", "level")
    existing = db.session.scalar(db.select(Subscription).where(
        Subscription.user_id == actor.id, Subscription.target_type == target_type,
        Subscription.target_id == target.id))
    if level is None:
        if existing is not None:
            db.session.delete(existing)
    else:
        _subscribe(actor.id, target_type, target.id, level, keep_existing=False)


@atomic
def update_preferences(actor, target: User, *, email_mode: str, quiet_start: int, quiet_end: int,
                       digest_hour: int) -> None:
    """Choose how often e-mails come and the hours when none should."""
    policy.require(actor, "edit_profile", target)
    if email_mode not in set(EmailMode):
        raise ActionError("Choisissez une fréquence dans la liste.", "email_mode")
    for field, hour in (("quiet_start", quiet_start), ("quiet_end", quiet_end), ("digest_hour", digest_hour)):
        if not isinstance(hour, int) or not 0 <= hour <= 23:
            raise ActionError("Choisissez une heure entre 0 h et 23 h.", field)
    if in_quiet_hours(quiet_start, quiet_end, digest_hour):
        raise ActionError("L'heure du récapitulatif tombe pendant vos heures de repos : choisissez-en une autre.",
                          "digest_hour")
    target.email_mode = email_mode
    target.quiet_start_hour, target.quiet_end_hour, target.digest_hour = quiet_start, quiet_end, digest_hour


def unsubscribe_url(user: User) -> str:
    """The link that stops every e-mail, usable without logging in."""
    return absolute_url("notifications.unsubscribe", token=make_token("unsubscribe", user))


@atomic
def unsubscribe(user: User) -> None:
    """Stop every notification e-mail (the link in each e-mail calls this without a login)."""
    user.email_mode = EmailMode.NONE


# --- reading -------------------------------------------------------------------------

def _advance_read_mark(user_id: int, topic_id: int, number: int) -> None:
    """Move a read mark forward (never back), in one upsert; the caller commits."""
    now = utcnow()
    statement = insert(ReadMark).values(user_id=user_id, topic_id=topic_id, last_read_number=number, updated_at=now)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[ReadMark.user_id, ReadMark.topic_id],
        set_={"last_read_number": number, "updated_at": now},
        where=ReadMark.last_read_number < number,
    ))


@atomic
def mark_read(user: User, topic, number: int, with_notifications: bool) -> int:
    """Remember the last post read in a topic (only ever forward) and clear its notifications.

    One upsert, plus one update when the reader has unread notifications: the only writes
    of a page view. Returns how many notifications became read.
    """
    now = utcnow()
    _advance_read_mark(user.id, topic.id, number)
    cleared = 0
    if with_notifications:
        cleared = db.session.execute(update(Notification).where(
            Notification.user_id == user.id, Notification.topic_id == topic.id, Notification.read_at.is_(None)
        ).values(read_at=now)).rowcount
    return cleared


@atomic
def mark_all_read(actor) -> None:
    """Mark every notification of the member as read."""
    policy.require(actor, "access", "members")
    db.session.execute(update(Notification).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None)).values(read_at=utcnow()))


# --- good-practice sheets --------------------------------------------------------------

SHEET_SUBJECTS = {
    NotificationKind.NEW_SHEET: "Nouvelle fiche bonne pratique : {title}",
    NotificationKind.SHEET_SUBMITTED: "Une fiche attend votre relecture : {title}",
    NotificationKind.SHEET_COMMENT: "Nouveau commentaire sur la fiche « {title} »",
    NotificationKind.SHEET_CHANGES: "Modifications demandées sur votre fiche « {title} »",
    NotificationKind.SHEET_PUBLISHED: "Votre fiche « {title} » est publiée",
    NotificationKind.SHEET_ARCHIVED: "La fiche « {title} » est archivée",
    NotificationKind.SHEET_RESTORED: "La fiche « {title} » est rétablie",
    NotificationKind.SHEET_DUE: "La fiche « {title} » est à actualiser",
    NotificationKind.SHEET_CREDIT: "Vous êtes cité comme contributeur de la fiche « {title} »",
}


def sheet_event(users, kind: str, actor, sheet, title: str, note: str = "") -> None:
    """Tell members about a step of a sheet's life: a notification each, and immediate e-mails."""
    now = utcnow()
    seen = set()
    for user in users:
        if user is None or user.id in seen or user.id == getattr(actor, "id", None):
            continue
        if not policy.can(user, "notify", sheet):  # members told only of what they may open
            continue
        seen.add(user.id)
        notification = Notification(user_id=user.id, kind=kind, sheet_id=sheet.id,
                                    actor_id=getattr(actor, "id", None), created_at=now)
        if user.email_mode == EmailMode.IMMEDIATE:
            notification.emailed_at = now
            message = enqueue(
                user.email, SHEET_SUBJECTS[kind].format(title=title)[:200], "sheet_notification",
                kind=f"notification-{kind}", user=user, notification_kind=kind, actor=actor, title=title, note=note,
                link=absolute_url("library.sheet", sheet_id=sheet.id), unsubscribe=unsubscribe_url(user),
                preferences=absolute_url("notifications.preferences"))
            message.send_after = quiet_until(user, now)
            message.unsubscribe_url = unsubscribe_url(user)
        db.session.add(notification)


def followers_of_places(pole_id: int, theme_ids: list[int]) -> list[User]:
    """Members who follow a pole or one of the themes (for new topics and new sheets)."""
    users = _subscribers("pole", [pole_id], SubscriptionLevel.FOLLOW)
    if theme_ids:
        users.update(_subscribers("theme", theme_ids, SubscriptionLevel.FOLLOW))
    return list(users.values())
