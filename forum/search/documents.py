"""What the index holds for one topic or sheet, as the features describe it (no Whoosh here)."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from forum.privacy import PLACEHOLDER

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def fingerprint(doc: dict) -> str:
    """A short digest of what a document says: the index and the database compare these."""
    content = repr(sorted((name, str(value)) for name, value in doc.items() if name != "version"))
    return hashlib.sha1(content.encode()).hexdigest()[:16]


def document(**fields) -> dict:
    """A document ready for the index: e-mail addresses removed, dates naive UTC, version computed."""
    for name in ("title", "body"):
        # Addresses are never searchable; nor is the mark of what moderation or the author masked.
        fields[name] = EMAIL.sub("…", fields.get(name) or "").replace(PLACEHOLDER, "…")
    moment = fields.get("date")
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        fields["date"] = moment.astimezone(UTC).replace(tzinfo=None)
    fields["version"] = fingerprint(fields)
    return fields
