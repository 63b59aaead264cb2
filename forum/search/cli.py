"""``flask --app wsgi search sync | reindex | check | indexer``."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from forum.extensions import db
from forum.search import outbox, registry

search_cli = AppGroup("search", help="Index de recherche.")


@search_cli.command("sync")
def sync_command():
    """Apply every pending change to the index (waits for another drain to finish)."""
    applied = outbox.drain(blocking=True)
    click.echo(f"{applied} document(s) mis à jour dans l'index.")


@search_cli.command("check")
@click.option("--repair", is_flag=True, help="Remettre dans la file ce qui diffère, puis synchroniser.")
def check_command(repair: bool):
    """Compare the index with the database (keys and versions)."""
    different = outbox.differences()
    click.echo(f"{len(different)} document(s) diffèrent entre la base et l'index.")
    if different and repair:
        outbox.enqueue_keys(different)
        click.echo(f"{outbox.drain(blocking=True)} document(s) réparé(s).")


@search_cli.command("reindex")
@click.option("--procs", type=int, default=None, help="Processus d'écriture (par défaut : FORUM_SEARCH_PROCS).")
def reindex_command(procs: int | None):
    """Rebuild the index from the database into a fresh directory, then swap it in at once."""
    from flask import current_app

    procs = procs or current_app.config["FORUM_SEARCH_PROCS"]
    totals = {kind: sum(1 for _ in source.all_ids()) for kind, source in registry.sources().items()}
    with click.progressbar(length=sum(totals.values()), label="Indexation", show_pos=True) as bar:
        rebuilt = outbox.rebuild(procs=procs, progress=bar.update)
    for folder in rebuilt.removed:
        click.echo(f"Dossier d'une reconstruction interrompue supprimé : {folder}")
    rate = rebuilt.documents / rebuilt.built if rebuilt.built else 0
    click.echo(f"{rebuilt.documents} document(s) indexé(s) en {rebuilt.built:.1f} s ({rate:.0f} documents/s, "
               f"{outbox.store().size_bytes() / 1e6:.1f} Mo), après {rebuilt.waited:.1f} s d'attente du verrou.")
    click.echo(f"{rebuilt.caught_up} changement(s) survenu(s) pendant la reconstruction appliqué(s).")


@search_cli.command("indexer")
@click.option("--interval", type=float, default=1.0, help="Secondes entre deux passages.")
def indexer_command(interval: float):
    """Drain the outbox continuously (instead of the web processes' background threads)."""
    click.echo("Indexation continue : Ctrl+C pour arrêter.")
    while True:
        outbox.drain()
        db.session.remove()
        time.sleep(interval)
