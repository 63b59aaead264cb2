"""Demo moderation: open reports (one urgent, one in a pole the demo animator handles), a decision
contested by its member, a warning then a temporary suspension, and their journal entries.

So that ``moderation@`` finds an urgent report and a contest to decide (it was not their decision),
and ``animation@`` a report in Pays de la Loire. Everything goes through the real actions; loaded
once (nothing is done when a report already exists). Runs after the demo discussions.
"""

from __future__ import annotations

from forum.accounts.models import User
from forum.discussions.actions import reply
from forum.discussions.models import Topic
from forum.extensions import db
from forum.moderation import actions as moderation
from forum.moderation import reports, sanctions, statements
from forum.moderation.models import Report, Statement

KEVIN = "kevin.lebihan@forum-demo.example"  # fictitious agent whose posts are reported

# (topic title, author, text): replies that members will report, or that moderation hides.
PASSWORDS = "Des habitants nous donnent leurs mots de passe : où placer la limite ?"
NOISE = "Appels répétés pour du bruit : comment sortir de « un appel = un passage » ?"
EVENING = "Lignes de soirée : binôme à bord ou équipe mobile en véhicule ?"


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _topic(title: str) -> Topic | None:
    return db.session.scalar(db.select(Topic).where(Topic.title == title))


def load_moderation() -> None:
    """Create the demo reports, contest and suspension, unless a report exists already."""
    if db.session.scalar(db.select(Report.id).limit(1)) is not None:
        return
    topics = {title: _topic(title) for title in (PASSWORDS, NOISE, EVENING)}
    if None in topics.values():
        return  # the demo discussions were not loaded
    people = {key: _user(f"{key}@forum-demo.example") for key in ("admin", "moderation", "membre", "kaz", "pimms",
                                                                   "nuit.portlambert")}
    kevin = _user(KEVIN)

    # An urgent report: a reply describes a resident others could recognise.
    recognisable = reply(kevin, topics[PASSWORDS],
                         "Chez nous c'est toujours la même dame, celle qui tient le petit commerce en face de la "
                         "permanence, qui vient avec les papiers de toute sa famille : tout le quartier la connaît.")
    reports.report(people["pimms"], recognisable, "donnee-personnelle",
                   "On peut reconnaître la personne : il vaudrait mieux généraliser.")

    # A report in Pays de la Loire, a pole the demo animator handles: advertising, reported twice.
    advert = reply(kevin, topics[NOISE],
                   "Pour ce genre de situation, notre prestataire vend un kit de formation « zéro conflit » à prix "
                   "réduit ce mois-ci : écrivez-moi pour en profiter.")
    reports.report(people["membre"], advert, "hors-sujet", "Publicité pour une formation payante.")
    reports.report(people["nuit.portlambert"], advert, "hors-sujet")

    # A decision contested by its member: the administrator hid a reply, its author contests, and
    # the moderator (who did not decide) has it in the queue.
    harsh = reply(people["kaz"], topics[EVENING],
                  "Franchement, sur certains réseaux les conducteurs cherchent l'incident, pas étonnant que ça "
                  "parte en vrille au terminus.")
    moderation.hide_post(people["admin"], harsh, "Propos dénigrants envers les conducteurs.")
    statement = db.session.scalars(db.select(Statement)
                                   .where(Statement.member_id == people["kaz"].id)
                                   .order_by(Statement.id.desc())).first()
    statements.contest(people["kaz"], statement, "Je parlais de façon générale, sans viser personne ni un réseau "
                                                 "en particulier. Je peux reformuler mon message.")

    # A warning, then a temporary suspension (7 days) for repeated advertising.
    sanctions.warn(people["moderation"], kevin, "Publicité pour un prestataire dans une discussion.")
    sanctions.suspend(people["moderation"], kevin, "Publicités répétées malgré un avertissement.", days=7)
