"""Record moderator and administrator actions in the audit log."""

from __future__ import annotations

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
}


def record(actor, action: str, target, label: str = "", reason: str = "") -> ModerationAction:
    """Add an audit entry to the caller's transaction."""
    entry = ModerationAction(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=kind_of(target),
        target_id=getattr(target, "id", None),
        target_label=label[:200],
        reason=reason[:1000],
    )
    db.session.add(entry)
    return entry
