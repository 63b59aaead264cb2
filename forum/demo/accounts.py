"""Demo structures and accounts: one account per role, and a few pending sign-ups."""

from __future__ import annotations

from forum.accounts import actions as account_actions
from forum.accounts.admin_actions import create_structure
from forum.accounts.models import Role, Structure, User
from forum.accounts.passwords import make_token
from forum.extensions import db
from forum.policy import SYSTEM
from forum.taxonomy.models import Pole

DEMO_PASSWORD = "demo-forum-2026"

# (name, kind, pole slug, city) — all fictitious.
STRUCTURES = (
    ("Régie de quartier des Trois Rives", "regie", "bretagne", "Saint-Aubin-des-Landes"),
    ("Association Médiation Sud Partage", "association", "occitanie", "Montclar-sur-Orb"),
    ("Service médiation du réseau Val de Brenne", "transporteur", "centre-val-de-loire",
     "Communauté d'agglomération du Val de Brenne"),
    ("Ville de Port-Lambert", "commune", "pays-de-la-loire", "Port-Lambert"),
    ("Habitat Loire Océan", "bailleur", "pays-de-la-loire", "Saint-Nazel"),
    ("Transports de l'agglomération des Deux Caps", "transporteur", "hauts-de-france", "Agglomération des Deux Caps"),
    ("PIMMS des Coteaux", "association", "ile-de-france", "Villeneuve-les-Coteaux"),
    ("Ville de Haut-Rhinval", "commune", "grand-est", "Haut-Rhinval"),
    ("Kaz Médiation", "association", "outre-mer", "Saint-Benoît-des-Hauts (La Réunion)"),
    ("Réseau des Villes — équipe nationale", "association", "national", "Paris"),
)

# (e-mail, name, job title, structure, role, animated pole slugs, time zone)
ACCOUNTS = (
    ("admin@forum-demo.example", "Nadia Berthelot", "Déléguée nationale",
     "Réseau des Villes — équipe nationale", Role.ADMIN, (), "Europe/Paris"),
    ("moderation@forum-demo.example", "Julien Marchand", "Chargé de mission déontologie",
     "Réseau des Villes — équipe nationale", Role.MODERATOR, (), "Europe/Paris"),
    ("animation@forum-demo.example", "Sophie Le Goff", "Coordinatrice, animatrice du pôle Bretagne",
     "Régie de quartier des Trois Rives", Role.ANIMATOR, ("bretagne", "pays-de-la-loire"), "Europe/Paris"),
    ("referent@forum-demo.example", "Karim Haddad", "Responsable du service de médiation",
     "Régie de quartier des Trois Rives", Role.REFERENT, (), "Europe/Paris"),
    ("membre@forum-demo.example", "Léa Morvan", "Correspondante de nuit",
     "Régie de quartier des Trois Rives", Role.MEMBER, (), "Europe/Paris"),
    ("ecole@forum-demo.example", "Inès Fabre", "Médiatrice à l'école",
     "Association Médiation Sud Partage", Role.MEMBER, (), "Europe/Paris"),
    ("kaz@forum-demo.example", "Teddy Payet", "Coordinateur", "Kaz Médiation", Role.MEMBER, (),
     "Indian/Reunion"),
    # Authors of the demo questions (forum.demo.discussion_scripts).
    ("nuit.portlambert@forum-demo.example", "Damien Chauvet", "Correspondant de nuit",
     "Ville de Port-Lambert", Role.MEMBER, (), "Europe/Paris"),
    ("transports@forum-demo.example", "Aurélie Vasseur", "Coordinatrice de l'équipe de médiation",
     "Transports de l'agglomération des Deux Caps", Role.MEMBER, (), "Europe/Paris"),
    ("pimms@forum-demo.example", "Yacine Ferhat", "Médiateur social (adulte-relais)",
     "PIMMS des Coteaux", Role.MEMBER, (), "Europe/Paris"),
    ("tranquillite@forum-demo.example", "Claire Wendling", "Responsable du service de médiation",
     "Ville de Haut-Rhinval", Role.REFERENT, (), "Europe/Paris"),
    # Moderation demo (forum.demo.moderation): his posts are reported, he is warned then suspended.
    ("kevin.lebihan@forum-demo.example", "Kévin Le Bihan", "Agent de médiation", "Ville de Port-Lambert",
     Role.MEMBER, (), "Europe/Paris"),
    # Author of the evening bus lines sheet (forum.demo.library_sheets).
    ("valdebrenne@forum-demo.example", "Mathieu Roussel", "Coordinateur de la médiation réseau",
     "Service médiation du réseau Val de Brenne", Role.MEMBER, (), "Europe/Paris"),
)

# (e-mail, name, job title, structure, e-mail confirmed) — sign-ups awaiting a decision.
PENDING = (
    ("nouvelle.recrue@forum-demo.example", "Camille Rouxel", "Correspondante de nuit",
     "Régie de quartier des Trois Rives", True),
    ("adulte.relais@forum-demo.example", "Moussa Diallo", "Médiateur social (adulte-relais)",
     "Régie de quartier des Trois Rives", False),
    ("mediatrice.scolaire@forum-demo.example", "Julie Castan", "Médiatrice à l'école",
     "Association Médiation Sud Partage", True),
)


def _structures() -> dict[str, Structure]:
    existing = {s.name: s for s in db.session.scalars(db.select(Structure))}
    poles = {p.slug: p for p in db.session.scalars(db.select(Pole))}
    for name, kind, pole_slug, city in STRUCTURES:
        if name not in existing:
            existing[name] = create_structure(SYSTEM, name=name, kind=kind, pole_id=poles[pole_slug].id, city=city)
    return existing


def _user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def load_accounts() -> None:
    """Create the missing demo structures and accounts."""
    structures = _structures()
    poles = {p.slug: p for p in db.session.scalars(db.select(Pole))}
    for email, name, job, structure_name, role, pole_slugs, zone in ACCOUNTS:
        if _user(email) is None:
            account_actions.create_account(
                SYSTEM, email=email, display_name=name, password=DEMO_PASSWORD, job_title=job,
                structure=structures[structure_name], role=role, poles=[poles[slug] for slug in pole_slugs],
                time_zone=zone,
            )
    for email, name, job, structure_name, confirmed in PENDING:
        user = _user(email)
        if user is None:
            user = account_actions.register(
                SYSTEM, email=email, display_name=name, job_title=job, password=DEMO_PASSWORD,
                structure_id=structures[structure_name].id, accepted_charter=True,
            )
            if confirmed:
                account_actions.confirm_email(make_token("confirm-email", user))
