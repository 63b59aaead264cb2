"""Posts held for a moderator's check, and posts a watched word flags: the case each opens and
the automatic journal entry that says why.

The discussions' actions call these while publishing or editing; they only add to that
transaction (the case through ``open_case``, the entry through ``record``).
"""

from __future__ import annotations

import json

from forum.accounts.models import User
from forum.extensions import db
from forum.formatting import of
from forum.moderation.audit import record
from forum.moderation.cases import open_case
from forum.moderation.models import CaseOrigin, ModerationAction, ModerationCase

# Where a hold came from: publishing (nobody was told yet: release tells them) or an edit of a
# post already published (its readers were told then: release tells nobody again).
ON_PUBLISH = "publication"
ON_EDIT = "modification"

HELD_NOTICE = ("Votre message est en attente de vérification par l'équipe de modération : il n'est visible que "
               "de vous et des modérateurs, et personne n'en est averti avant sa publication.")


def label(post) -> str:
    """How the journal names a post: its author and its topic."""
    author = db.session.get(User, post.author_id)
    return f"Message {of(author.display_name)} dans « {post.topic.title} »"


def hold(post, *, warnings: str = "", words: list[str] | tuple = (), on: str = ON_PUBLISH) -> ModerationCase:
    """Open the case of a post just held (urgent when a personal-data warning was overridden) and
    journal the automatic hold with its grounds."""
    origin = CaseOrigin.PRIVACY if warnings else CaseOrigin.WATCHED_WORD
    case = open_case(post, origin, urgent=bool(warnings))
    detail = {"on": on, **({"warnings": warnings} if warnings else {}), **({"words": list(words)} if words else {})}
    # Never the author's explanation itself: it may repeat what moderation later masks, and the
    # journal is never rewritten (the explanation stays on the post, where masking reaches it).
    reason = ("Publié malgré un avertissement de donnée personnelle" if warnings
              else "Mot surveillé : " + ", ".join(words))
    record(None, "hold_post", post, label(post), reason, case=case, automatic=True, detail=detail)
    return case


def flag(post, words: list[str] | tuple) -> ModerationCase:
    """Open (or join) the case of a published post in which watched words were found."""
    return flag_item(post, words, label(post))


def flag_item(target, words: list[str] | tuple, target_label: str, **where) -> ModerationCase:
    """Open (or join) the case of any item (post, sheet, sheet comment) in which watched words were
    found, and journal what was found (``where``: pole_id when the item cannot tell it)."""
    case = open_case(target, CaseOrigin.WATCHED_WORD)
    record(None, "flag_post", target, target_label, "Mot surveillé : " + ", ".join(words), case=case,
           automatic=True, detail={"words": list(words)}, **where)
    return case


def screened(post, warnings: str, screening, *, on: str = ON_PUBLISH) -> None:
    """After a post was written: a hold opens its case, watched words that only flag open one too.

    ``screening`` is what ``watchwords.screen`` found; a post already held when an edit finds
    new words keeps its hold and its case, which the new words join.
    """
    if post.held_at is not None and (warnings or screening.hold) and on == ON_PUBLISH:
        hold(post, warnings=warnings, words=screening.words, on=on)
    elif screening.words:
        flag(post, screening.words)


def held_on_publishing(post) -> bool:
    """True when the post's latest hold came at publishing: nobody has heard of it yet."""
    entry = db.session.scalars(
        db.select(ModerationAction)
        .where(ModerationAction.action == "hold_post", ModerationAction.target_type == "Post",
               ModerationAction.target_id == post.id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc()).limit(1)).first()
    if entry is None or not entry.detail:
        return True  # held some other way: telling its readers once is the safe side
    return json.loads(entry.detail).get("on", ON_PUBLISH) == ON_PUBLISH


def grounds(case_ids: list[int]) -> dict[int, dict]:
    """For each case, what the automatic entries found: {"warnings": "...", "words": [...]}."""
    found: dict[int, dict] = {}
    if not case_ids:
        return found
    rows = db.session.execute(
        db.select(ModerationAction.case_id, ModerationAction.detail)
        .where(ModerationAction.case_id.in_(case_ids), ModerationAction.action.in_(("hold_post", "flag_post")))
        .order_by(ModerationAction.id))
    for case_id, detail in rows:
        facts = json.loads(detail) if detail else {}
        seen = found.setdefault(case_id, {"warnings": "", "words": []})
        seen["warnings"] = facts.get("warnings") or seen["warnings"]
        seen["words"] += [word for word in facts.get("words", []) if word not in seen["words"]]
    return found
