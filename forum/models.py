"""Import every model module, so that the metadata (and Alembic) sees all tables."""

from forum.accounts.models import Structure, User, pole_animators  # noqa: F401
from forum.discussions.models import Post, Reaction, Revision, Topic  # noqa: F401
from forum.library.models import Attachment, Sheet, SheetComment, SheetContributor, SheetEvent, SheetRevision  # noqa: F401
from forum.moderation.models import ModerationAction  # noqa: F401
from forum.notifications.models import MailMessage, Notification, ReadMark, Subscription  # noqa: F401
from forum.pages.models import SitePage  # noqa: F401
from forum.search.models import SearchOutbox  # noqa: F401
from forum.taxonomy.models import Pole, Theme  # noqa: F401

# Searchable features opt in to the index (the search package imports no feature).
from forum.discussions import search_docs as _discussions_search  # noqa: E402,F401
from forum.library import search_docs as _library_search  # noqa: E402,F401
