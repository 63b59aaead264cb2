"""``flask --app wsgi library review-due``: the daily job of the library."""

from __future__ import annotations

import click
from flask.cli import AppGroup

library_cli = AppGroup("library", help="Bibliothèque des bonnes pratiques.")


@library_cli.command("review-due")
def review_due_command():
    """Mark « À actualiser » the sheets validated too long ago (daily, from cron), then send the e-mails."""
    from forum.db_types import utcnow
    from forum.library.actions import mark_due_sheets
    from forum.notifications.mail import deliver_pending

    marked = mark_due_sheets(utcnow())
    deliver_pending(limit=10_000)
    click.echo(f"{marked} fiche(s) passée(s) « À actualiser ».")
