"""Moderation of good-practice sheets and their review comments: mask a passage of a sheet or a
comment, hide a comment, show it again.

Each is one unit of work: the library's action changes its rows (and the search outbox follows),
stored e-mails lose the passage, the waiting case is closed, the journal records who and why
(never the passage), and the author is told.
"""

from __future__ import annotations

from forum import policy
from forum.accounts.models import User
from forum.extensions import db
from forum.formatting import of
from forum.library import redaction as library
from forum.library.models import Sheet, SheetComment
from forum.moderation.actions import RULES, _passage, _reason, hide_rule
from forum.moderation.audit import record
from forum.moderation.cases import settle
from forum.moderation.statements import issue
from forum.notifications import mail
from forum.transaction import atomic

HIDDEN_COMMENT = "[commentaire masqué par la modération]"


def _sheet_label(sheet: Sheet) -> str:
    return f"Fiche « {sheet.known_title} »"


def _comment_label(comment: SheetComment, sheet: Sheet) -> str:
    author = db.session.get(User, comment.author_id)
    return f"Commentaire {of(author.display_name)} sur la fiche « {sheet.known_title} »"


@atomic
def mask_sheet_passage(actor, sheet: Sheet, passage: str, reason: str) -> int:
    """Replace a passage of a sheet by « [masqué] » in every version, the index and every stored
    e-mail; returns how many places."""
    policy.require(actor, "mask", sheet)
    passage, reason = _passage(passage), _reason(reason)
    masked = library.mask_sheet_passage(actor, sheet, passage)
    masked["emails"] = mail.redact(passage)
    case = settle(sheet, actor, "masked")
    entry = record(actor, "mask_sheet", sheet, _sheet_label(sheet), reason, case=case, detail=masked)
    issue(sheet.author_id, entry, rule=RULES["mask"], case=case)
    return sum(masked.values())


@atomic
def mask_comment_passage(actor, comment: SheetComment, passage: str, reason: str) -> int:
    """Replace a passage of a review comment by « [masqué] » (and in e-mails); returns how many places."""
    policy.require(actor, "mask", comment)
    passage, reason = _passage(passage), _reason(reason)
    masked = library.mask_comment_passage(actor, comment, passage)
    masked["emails"] = mail.redact(passage)
    sheet = db.session.get(Sheet, comment.sheet_id)
    case = settle(comment, actor, "masked")
    entry = record(actor, "mask_comment", comment, _comment_label(comment, sheet), reason, case=case,
                   pole_id=sheet.pole_id, detail=masked)
    issue(comment.author_id, entry, rule=RULES["mask"], case=case)
    return sum(masked.values())


@atomic
def hide_comment(actor, comment: SheetComment, reason: str) -> None:
    """Hide a review comment; an e-mail still waiting that quotes it goes without it."""
    policy.require(actor, "hide", comment)
    reason = _reason(reason)
    library.hide_comment(actor, comment)
    emails = mail.redact(comment.body, HIDDEN_COMMENT, unsent_only=True)
    sheet = db.session.get(Sheet, comment.sheet_id)
    case = settle(comment, actor, "hidden")
    entry = record(actor, "hide_comment", comment, _comment_label(comment, sheet), reason, case=case,
                   pole_id=sheet.pole_id, detail={"emails": emails})
    issue(comment.author_id, entry, rule=hide_rule(case), case=case)


@atomic
def unhide_comment(actor, comment: SheetComment) -> None:
    """Show a hidden review comment again."""
    policy.require(actor, "unhide", comment)
    library.unhide_comment(actor, comment)
    sheet = db.session.get(Sheet, comment.sheet_id)
    record(actor, "unhide_comment", comment, _comment_label(comment, sheet), pole_id=sheet.pole_id)
