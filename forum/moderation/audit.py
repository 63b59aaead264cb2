"""Record moderator and administrator actions in the journal (append-only)."""

from __future__ import annotations

import json
from typing import Any

from forum.extensions import db
from forum.moderation.models import ModerationAction
from forum.policy import kind_of

# French wording of each logged action, for the journal pages.
ACTION_LABELS = {
    "approve_account": "Compte validé",
    "refuse_account": "Inscription refusée",
    "change_role": "Rôle modifié",
    "suspend_account": "Compte suspendu",
    "reactivate_account": "Compte réactivé",
    "create_structure": "Structure créée",
    "edit_structure": "Structure modifiée",
    "create_pole": "Pôle créé",
    "edit_pole": "Pôle modifié",
    "create_theme": "Thème créé",
    "edit_theme": "Thème modifié",
    "edit_page": "Page du site modifiée",
    "edit_thesaurus": "Thésaurus de la recherche modifié",
    "hide_post": "Message masqué",
    "unhide_post": "Message rétabli",
    "mask_post": "Passage caviardé",
    "review_post": "Message vérifié (donnée personnelle)",
    "auto_hide": "Masqué automatiquement après plusieurs signalements",
    "dismiss_reports": "Signalements classés sans suite",
    "warn_member": "Avertissement",
    "request_edit": "Modification demandée",
    "edit_done": "Message modifié à la demande de la modération",
    "suspension_ended": "Fin de suspension",
    "contest_filed": "Décision contestée",
    "contest_confirmed": "Contestation : décision confirmée",
    "contest_reversed": "Contestation : décision annulée",
    "mask_sheet": "Passage d'une fiche caviardé",
    "mask_comment": "Passage d'un commentaire de relecture caviardé",
    "hide_comment": "Commentaire de relecture masqué",
    "unhide_comment": "Commentaire de relecture rétabli",
    "hold_post": "Message retenu pour vérification",
    "flag_post": "Mot surveillé relevé",
    "release_post": "Message publié après vérification",
    "add_watched_word": "Mot surveillé ajouté",
    "remove_watched_word": "Mot surveillé retiré",
    "pin_topic": "Discussion épinglée",
    "unpin_topic": "Discussion désépinglée",
    "lock_topic": "Discussion fermée aux réponses",
    "unlock_topic": "Discussion rouverte",
    "move_topic": "Discussion déplacée",
    "split_topic": "Discussion scindée",
    "merge_topics": "Discussions fusionnées",
}

_UNSET: Any = object()


def concerned(target) -> tuple[int | None, int | None]:
    """The pole an object lives in and the member it concerns (its author, or the account itself)."""
    if kind_of(target) == "Statement":  # a contest lives where the contested item lived
        pole_id = db.session.scalar(db.select(ModerationAction.pole_id)
                                    .where(ModerationAction.id == target.journal_id)) if target.journal_id else None
        return pole_id, target.member_id
    if kind_of(target) == "User":
        structure = getattr(target, "structure", None)
        return getattr(structure, "pole_id", None), target.id
    pole_id = getattr(target, "pole_id", None)
    for parent in ("topic", "sheet"):  # a post lives in its topic's pole, a comment in its sheet's
        if pole_id is None and getattr(target, f"{parent}_id", None) is not None:
            pole_id = getattr(getattr(target, parent, None), "pole_id", None)
    return pole_id, getattr(target, "author_id", None)


def record(actor, action: str, target, label: str = "", reason: str = "", *, pole_id=_UNSET, member_id=_UNSET,
           case=None, automatic: bool = False, detail: dict | None = None) -> ModerationAction:
    """Add a journal entry to the caller's transaction; the pole and member concerned are read off
    ``target`` unless given."""
    found_pole, found_member = concerned(target) if not isinstance(target, str) else (None, None)
    entry = ModerationAction(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=kind_of(target),
        target_id=getattr(target, "id", None),
        target_label=label[:200],
        reason=reason[:1000],
        pole_id=found_pole if pole_id is _UNSET else pole_id,
        member_id=found_member if member_id is _UNSET else member_id,
        case_id=getattr(case, "id", None),
        automatic=automatic,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else "",
    )
    db.session.add(entry)
    return entry
