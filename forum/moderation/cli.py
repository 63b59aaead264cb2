"""``flask --app wsgi moderation expire``: reopen the accounts whose suspension has ended."""

from __future__ import annotations

import click
from flask.cli import AppGroup

group = AppGroup("moderation", help="Tâches de la modération.")


@group.command("expire")
def expire_command():
    """Reopen every account whose suspension reached its end date (also done at each login and by
    the hourly ``notifications digest``)."""
    from forum.accounts.admin_actions import expire_suspensions

    count = expire_suspensions()
    click.echo(f"{count} suspension(s) arrivée(s) à échéance : compte(s) rouvert(s).")
