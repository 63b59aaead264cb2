"""« @Prénom Nom » in a post: find the members it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forum import markup
from forum.accounts.models import User
from forum.extensions import db
from forum.urls import path_for

# An @ then up to four capitalised words: « @Sophie Le Goff », « @Léa Morvan ».
_CANDIDATE = re.compile(r"(?<![\w@])@([A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})")
MAX_MENTIONS = 20


@dataclass
class Mentions:
    users: list[User] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # name as written -> profile path


def _prefixes(words: list[str]) -> list[str]:
    return [" ".join(words[:size]) for size in range(len(words), 0, -1)]


def render_linked(text: str) -> str:
    """A text rendered as it will be once published: « @Prénom Nom » linked to the member (previews)."""
    return markup.render(text, mentions=find_mentions(text).links)


def find_mentions(text: str) -> Mentions:
    """The active members a text mentions, with the link for each name as written."""
    matches = [match.group(1).replace("\u00a0", " ").split(" ") for match in _CANDIDATE.finditer(text or "")]
    if not matches:
        return Mentions()
    candidates = {prefix.lower() for words in matches for prefix in _prefixes(words)}
    members = db.session.scalars(
        db.select(User).where(db.func.lower(User.display_name).in_(candidates), User.is_active)
    ).all()
    by_name = {member.display_name.lower(): member for member in members}
    found = Mentions()
    for words in matches:
        for prefix in _prefixes(words):
            member = by_name.get(prefix.lower())
            if member is not None:
                if member not in found.users and len(found.users) < MAX_MENTIONS:
                    found.users.append(member)
                found.links[prefix] = path_for("accounts.member", user_id=member.id)
                break
    return found
