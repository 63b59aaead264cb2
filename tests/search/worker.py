"""A separate process for the search reliability tests: ``python -m tests.search.worker MODE FOLDER URL``.

Modes:
- ``stuck-drain``: drain, but stop inside the index writer (after adding documents, before
  committing) and wait there to be killed; writes FOLDER/writing when it got there.
- ``writer SECONDS``: reply to the topics for SECONDS seconds, draining after each commit
  without waiting for the lock (as the web processes' drainers do).
- ``stuck-rebuild``: rebuild the index, but stop after the first documents are written and
  wait there to be killed; writes FOLDER/rebuilding when it got there.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from forum import create_app
from forum.extensions import db
from tests.conftest import base_config


def _app(folder: Path, url: str):
    config = base_config(folder, url)
    config["FORUM_SEARCH_DRAIN"] = "manual"
    return create_app(config)


def stuck_drain(folder: Path) -> None:
    from forum.search import index, outbox

    real_apply = index.apply

    def apply_then_hang(store, documents):
        writer = store.index().writer(timeout=10.0)
        searcher = writer.searcher()
        for key, doc in documents.items():
            writer.delete_by_term("key", key, searcher=searcher)
            if doc is not None:
                writer.add_document(**doc)
        (folder / "writing").write_text("ok")
        time.sleep(600)  # killed here, the writer open and uncommitted
        writer.commit()

    index.apply = apply_then_hang
    try:
        outbox.drain(blocking=True)
    finally:
        index.apply = real_apply


def stuck_rebuild(folder: Path) -> None:
    from forum.search import outbox

    def documents_then_hang(progress=None):
        for number, document in enumerate(real_documents(progress)):
            if number == 2:
                (folder / "rebuilding").write_text("ok")
                time.sleep(600)  # killed here, the new generation half written
            yield document

    real_documents = outbox.every_document
    outbox.every_document = documents_then_hang
    outbox.rebuild()


def writer(seconds: float, name: str) -> None:
    from forum.accounts.models import User
    from forum.discussions import actions
    from forum.discussions.models import Topic
    from forum.search import outbox

    author = db.session.scalar(db.select(User).where(User.display_name == name))
    topics = db.session.scalars(db.select(Topic).order_by(Topic.id)).all()
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        topic = topics[number % len(topics)]
        actions.reply(author, topic, f"Réponse {number} de {name} sur le travail de nuit en binôme.")
        outbox.drain()  # never waits: another process may be draining
        number += 1
    print(number)


def main() -> None:
    mode, folder, url = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    app = _app(folder, url)
    with app.app_context():
        if mode == "stuck-drain":
            stuck_drain(folder)
        elif mode == "stuck-rebuild":
            stuck_rebuild(folder)
        elif mode == "writer":
            writer(float(sys.argv[4]), sys.argv[5])
        db.session.remove()


if __name__ == "__main__":
    main()
