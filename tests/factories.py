"""Test data built through the real actions, so every rule and side effect is real."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from forum.accounts import actions as account_actions
from forum.accounts import admin_actions
from forum.accounts.models import Role, Structure, User
from forum.accounts.passwords import make_token
from forum.db_types import utcnow as now  # the test clock (tests/conftest.py sets it)
from forum.extensions import db
from forum.policy import SYSTEM
from forum.taxonomy.models import Pole, Theme

PASSWORD = "correct-horse-battery"
_sequence = count(1)


def pole(slug: str) -> Pole:
    return db.session.scalar(db.select(Pole).where(Pole.slug == slug))


def theme(slug: str) -> Theme:
    return db.session.scalar(db.select(Theme).where(Theme.slug == slug))


def make_structure(name: str | None = None, pole_slug: str = "bretagne", kind: str = "association",
                   city: str = "Villetest") -> Structure:
    name = name or f"Structure {next(_sequence)}"
    return admin_actions.create_structure(SYSTEM, name=name, kind=kind, pole_id=pole(pole_slug).id, city=city)


def _email_for(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = "".join(char for char in ascii_name.lower() if char.isalnum())[:20] or "personne"
    return f"{slug}.{next(_sequence)}@test.example"


def make_user(name: str = "Membre Test", *, structure: Structure | None = None, role: str = Role.MEMBER,
              poles: list[str] = (), email: str | None = None, job_title: str = "Médiateur social") -> User:
    """An active account with the given role (and animated pole slugs)."""
    return account_actions.create_account(
        SYSTEM, email=email or _email_for(name), display_name=name, password=PASSWORD,
        structure=structure or make_structure(), role=role, job_title=job_title,
        poles=[pole(slug) for slug in poles],
    )


def make_pending_user(name: str = "Nouvelle Personne", *, structure: Structure, confirmed: bool = True,
                      email: str | None = None) -> User:
    """A registered account awaiting approval, its address confirmed or not."""
    user = account_actions.register(
        SYSTEM, email=email or _email_for(name), display_name=name, job_title="Correspondant de nuit",
        password=PASSWORD, structure_id=structure.id, accepted_charter=True,
    )
    if confirmed:
        account_actions.confirm_email(make_token("confirm-email", user))
    return user


def suspend(actor: User, user: User, days: int | None = 7, reason: str = "Propos injurieux répétés") -> None:
    until = now() + timedelta(days=days) if days else None
    admin_actions.suspend(actor, user, until=until, reason=reason)


def make_topic(author: User, title: str = "Comment gérer les appels répétés la nuit ?", *,
               pole_slug: str = "bretagne", theme_slug: str = "mediation-de-nuit", kind: str = "question",
               body: str = "Nous recevons beaucoup d'appels pour du bruit. Comment faites-vous ?"):
    from forum.discussions.actions import start_topic

    return start_topic(author, pole=pole(pole_slug), theme=theme(theme_slug), kind=kind, title=title, body=body)


def make_reply(author: User, topic, body: str = "Chez nous, nous passons en médiation différée.", reply_to=None):
    from forum.discussions.actions import reply

    return reply(author, topic, body, reply_to=reply_to)


def post_number(topic, number: int):
    """The post numbered ``number`` in the topic."""
    from forum.discussions.models import Post

    return db.session.scalar(db.select(Post).where(Post.topic_id == topic.id, Post.number == number))


def first_post(topic):
    return post_number(topic, 1)


SHEET_TEXT = {
    "title": "Fiche de liaison nuit → bailleur",
    "summary": "Après chaque soirée, les correspondants de nuit transmettent les pannes repérées aux bailleurs.",
    "territory": "Commune de Saint-Aubin-des-Landes (fictive), 3 quartiers prioritaires",
    "context": "Les pannes repérées le soir restaient dans le carnet de bord et se perdaient.",
    "objectives": "- Transmettre tous les signalements avant le matin\n- Réduire le délai de réparation",
    "actions": "1. Un formulaire court en fin de tournée\n2. Un envoi groupé à 6 h",
    "period": "Depuis 18 mois, tous les soirs de tournée",
    "human_resources": "12 correspondants de nuit, 1 coordinateur",
    "partners": "Deux bailleurs sociaux, le service propreté de la ville",
    "results": "Délai moyen de traitement divisé par trois.",
    "difficulties": "Des doublons avec les signalements des gardiens au début.",
    "success_factors": "Des catégories construites avec les bailleurs.",
    "contact": "Coordination nuit — coordination-nuit@regie-trois-rives.example",
}


def sheet_form(**changes) -> dict:
    """A complete sheet form, as the actions take it."""
    return {**SHEET_TEXT, "pole_id": pole("bretagne").id, "themes": ["mediation-de-nuit", "veille-technique"],
            "registers": ["veille-technique"], "publics": ["habitants"], "territory_kind": "qpv",
            "structure_id": None, "structure_kind": "regie", "periods": ["soiree", "nuit"], "funders": ["commune"],
            "visibility": "members", **changes}


def make_sheet(author: User, status: str = "draft", reviewer: User | None = None, **changes):
    """A sheet brought to ``status`` through the real workflow (``reviewer`` validates it)."""
    from forum.library import actions

    form = sheet_form(**changes)
    form["structure_id"] = form["structure_id"] or author.structure_id
    sheet = actions.create_sheet(author, form)
    if status == "draft":
        return sheet
    actions.submit(author, sheet)
    if status == "submitted":
        return sheet
    if status == "in_review":
        actions.comment(reviewer, sheet, "Pouvez-vous préciser les horaires ?")
        return sheet
    actions.publish(reviewer, sheet)
    if status == "published":
        return sheet
    if status == "needs_update":
        sheet.review_due_at = now() - timedelta(days=1)
        db.session.commit()
        actions.mark_due_sheets(now())
        return sheet
    if status == "archived":
        actions.archive(reviewer, sheet, "Action arrêtée")
        return sheet
    raise ValueError(status)
