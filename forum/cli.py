"""The forum's own commands: ``flask --app wsgi forum demo | check | create-admin | create-structure`` and
``markup rerender`` (the features' groups — notifications, library, search — are theirs)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from forum.policy import SYSTEM

forum_cli = AppGroup("forum", help="Données de démonstration et administration.")


@forum_cli.command("demo")
@click.option("--accounts-only", is_flag=True, help="Afficher les comptes sans rien charger.")
def demo_command(accounts_only: bool):
    """Load the French demo content (idempotent) and print the demo accounts."""
    from forum.demo import accounts_report, load_demo
    from forum.notifications.mail import deliver_pending

    if not accounts_only:
        load_demo()
        deliver_pending()
        click.echo("Données de démonstration chargées.")
    click.echo(accounts_report())


@forum_cli.command("check")
@click.option("--dry-run", is_flag=True, help="Signaler les écarts sans les corriger.")
def check_command(dry_run: bool):
    """Compare the stored counters with what they count; repair the drifted ones.

    Run it when the site is quiet (after a restore, say): a reply written during the repair may
    be counted by the repair's snapshot or not.
    """
    from forum.discussions import counters

    found = counters.drifts() if dry_run else counters.repair()
    for drift in found:
        click.echo(f"{drift.label} n° {drift.row_id} : {drift.stored} enregistré(s), {drift.counted} compté(s)")
    if not found:
        click.echo("Tous les compteurs sont justes.")
    elif dry_run:
        click.echo(f"{len(found)} compteur(s) faux ; relancez sans --dry-run pour les corriger.")
    else:
        click.echo(f"{len(found)} compteur(s) corrigé(s).")


@forum_cli.command("create-admin")
@click.option("--email", prompt="Adresse e-mail")
@click.option("--name", prompt="Prénom et nom")
@click.option("--structure", "structure_name", prompt="Structure (nom exact)")
@click.password_option("--password", prompt="Mot de passe (12 caractères au moins)")
def create_admin_command(email: str, name: str, structure_name: str, password: str):
    """Create an active administrator account."""
    from forum.accounts.actions import create_account
    from forum.accounts.models import Role, Structure
    from forum.errors import ActionError
    from forum.extensions import db

    structure = db.session.scalar(db.select(Structure).where(Structure.name == structure_name))
    if structure is None:
        raise click.ClickException(f"Aucune structure ne s'appelle « {structure_name} ».")
    try:
        user = create_account(SYSTEM, email=email, display_name=name, password=password,
                              structure=structure, role=Role.ADMIN)
    except ActionError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Compte administrateur créé : {user.email}")


@forum_cli.command("create-structure")
@click.option("--name", prompt="Nom de la structure")
@click.option("--kind", type=click.Choice(["commune", "intercommunalite", "regie", "association", "bailleur",
                                           "transporteur", "autre"]), prompt="Type")
@click.option("--pole", "pole_slug", prompt="Pôle (identifiant, par exemple bretagne)")
@click.option("--city", default="", prompt="Commune ou territoire")
def create_structure_command(name: str, kind: str, pole_slug: str, city: str):
    """Create a member structure (the first one, before any administrator exists)."""
    from forum.accounts.admin_actions import create_structure
    from forum.errors import ActionError
    from forum.extensions import db
    from forum.taxonomy.models import Pole

    pole = db.session.scalar(db.select(Pole).where(Pole.slug == pole_slug))
    if pole is None:
        raise click.ClickException(f"Aucun pôle n'a l'identifiant « {pole_slug} ».")
    try:
        structure = create_structure(SYSTEM, name=name, kind=kind, pole_id=pole.id, city=city)
    except ActionError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Structure créée : {structure.name}")


markup_cli = AppGroup("markup", help="Rendu des textes des membres.")


@markup_cli.command("rerender")
@click.option("--all", "everything", is_flag=True, help="Tout refaire, même ce qui est à jour.")
def rerender_command(everything: bool):
    """Render again the stored HTML made by an older version of the Markdown rules."""
    from forum.markup_rerender import rerender

    counts = rerender(everything)
    click.echo(", ".join(f"{name} : {number}" for name, number in counts.items()) or "Rien à refaire.")


def init_app(app: Flask) -> None:
    """Attach the forum's own command groups (each feature attaches its own in its ``init_app``)."""
    app.cli.add_command(forum_cli)
    app.cli.add_command(markup_cli)
