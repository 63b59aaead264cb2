"""``flask --app wsgi notifications send | digest``: the cron jobs of e-mail."""

from __future__ import annotations

import click
from flask.cli import AppGroup

notifications_cli = AppGroup("notifications", help="Envoi des e-mails en attente.")


@notifications_cli.command("send")
def send_command():
    """Send the e-mails waiting in the outbox (retries included)."""
    from forum.notifications.mail import deliver_pending

    sent, failed = deliver_pending(limit=10_000)
    click.echo(f"{sent} e-mail(s) envoyé(s), {failed} en échec (nouvel essai au prochain passage).")


@notifications_cli.command("digest")
def digest_command():
    """Write the daily digests that are due (run hourly from cron), then send them; suspensions that
    reached their end date end on the way (a member whose account reopens gets their digest)."""
    from forum.accounts.admin_actions import expire_suspensions
    from forum.db_types import utcnow
    from forum.notifications.digest import send_digests
    from forum.notifications.mail import deliver_pending

    expire_suspensions()
    written = send_digests(utcnow())
    sent, failed = deliver_pending(limit=10_000)
    click.echo(f"{written} récapitulatif(s) préparé(s) ; {sent} e-mail(s) envoyé(s), {failed} en échec.")
