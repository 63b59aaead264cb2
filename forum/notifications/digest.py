"""The daily digest: one e-mail per member gathering what they have not read yet.

``flask --app wsgi notifications digest`` runs every hour from cron; each member gets their
digest at their chosen hour (in their time zone), never during their quiet hours, and at
most once in 20 hours. Texts are read when the digest is written, so a post deleted or
masked in the meantime is left out.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import joinedload, selectinload

from forum import policy
from forum.accounts.models import EmailMode, Status, User
from forum.extensions import db
from forum.library.models import Sheet
from forum.notifications.actions import in_quiet_hours, unsubscribe_url
from forum.notifications.mail import enqueue
from forum.notifications.models import Notification
from forum.transaction import atomic
from forum.urls import absolute_url

MIN_INTERVAL = timedelta(hours=20)
LOOKBACK = timedelta(days=7)
MAX_TOPICS = 15


def _due(user: User, now: datetime) -> bool:
    local = now.astimezone(ZoneInfo(user.time_zone))
    if local.hour < user.digest_hour or in_quiet_hours(user.quiet_start_hour, user.quiet_end_hour, local.hour):
        return False
    return user.last_digest_at is None or now - user.last_digest_at >= MIN_INTERVAL


def _subject(notification: Notification):
    """What the notification is about: a sheet, a post, or (failing the post) its topic."""
    return notification.sheet or notification.post or notification.topic


@atomic
def send_digests(now: datetime) -> int:
    """Queue the digests that are due; return how many were written."""
    users = [user for user in db.session.scalars(db.select(User).where(
        User.email_mode == EmailMode.DIGEST, User.status == Status.ACTIVE)) if _due(user, now)]
    if not users:
        return 0
    by_user: dict[int, list[Notification]] = {}
    pending = db.session.scalars(
        db.select(Notification)
        .options(joinedload(Notification.topic), joinedload(Notification.post), joinedload(Notification.actor),
                 joinedload(Notification.sheet).options(joinedload(Sheet.current_revision),
                                                        joinedload(Sheet.published_revision),
                                                        selectinload(Sheet.contributors)))
        .where(Notification.user_id.in_([user.id for user in users]), Notification.emailed_at.is_(None),
               Notification.read_at.is_(None), Notification.created_at > now - LOOKBACK)
        .order_by(Notification.created_at)
    ).all()
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    written = 0
    for user in users:
        # Read when the digest is written: a post deleted or hidden since, a sheet archived,
        # is no longer news anyone is told of (the policy says what may go out now).
        notifications = [notification for notification in by_user.get(user.id, [])
                         if policy.can(user, "notify", _subject(notification))]
        if not notifications:
            continue
        topics: OrderedDict[int, dict] = OrderedDict()
        for notification in notifications:
            if notification.sheet_id is not None:
                entry = topics.setdefault(("sheet", notification.sheet_id), {
                    "sheet_title": notification.sheet.known_title, "events": [],
                    "link": absolute_url("library.sheet", sheet_id=notification.sheet_id)})
            else:
                entry = topics.setdefault(notification.topic_id, {
                    "topic": notification.topic, "events": [],
                    "link": absolute_url("discussions.post_permalink", post_id=notification.post_id)})
            entry["events"].append(notification)
            notification.emailed_at = now
        count = len(notifications)
        message = enqueue(
            user.email, f"Forum du Réseau : {count} nouveauté{'s' if count > 1 else ''} pour vous", "digest",
            user=user, topics=list(topics.values())[:MAX_TOPICS], more=max(0, len(topics) - MAX_TOPICS),
            unsubscribe=unsubscribe_url(user), preferences=absolute_url("notifications.preferences"),
        )
        message.unsubscribe_url = unsubscribe_url(user)
        user.last_digest_at = now
        written += 1
    return written
