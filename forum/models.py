"""Every model module, so that the metadata (and Alembic) sees all the tables."""

from __future__ import annotations

from flask import Flask

from forum.accounts.models import Structure, User, pole_animators
from forum.discussions.models import Post, Reaction, Revision, Topic
from forum.extensions import db
from forum.library.models import Attachment, Sheet, SheetComment, SheetContributor, SheetEvent, SheetRevision
from forum.moderation.models import ModerationAction
from forum.notifications.models import MailMessage, Notification, ReadMark, Subscription
from forum.pages.models import SitePage
from forum.search.models import SearchOutbox
from forum.taxonomy.models import Pole, Theme

MODELS = (Attachment, MailMessage, ModerationAction, Notification, Pole, Post, Reaction, ReadMark, Revision,
          SearchOutbox, Sheet, SheetComment, SheetContributor, SheetEvent, SheetRevision, SitePage, Structure,
          Subscription, Theme, Topic, User, pole_animators)


def init_app(app: Flask) -> None:
    """Bind the database to the app, every table known."""
    db.init_app(app)
