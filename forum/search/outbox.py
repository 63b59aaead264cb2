"""Nothing lost between the database and the index: the transactional outbox and its drain.

Every flush that inserts, changes or deletes a searchable row writes a ``SearchOutbox`` row
on the same connection, so it commits or rolls back with the change. After a commit the
drain re-reads the current rows of the queued keys and applies them to the index (a hidden,
deleted or unpublished row becomes a delete), then removes the outbox rows it applied. It
is idempotent and order-free: a crash, a kill or a failed drain leaves the rows for the next.

One drain at a time across processes (an ``flock`` taken without waiting); in the web app a
background thread per process drains after each commit and every few seconds, so a request
never waits on the index. A rebuild (``flask search reindex``) claims its turn first: the
drainers see the claim and step aside, so it starts after one batch at most, however busy.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import delete, event, insert, or_

from forum.extensions import db
from forum.search import index, registry
from forum.search.models import SearchOutbox
from forum.transaction import atomic, in_unit_of_work

log = logging.getLogger(__name__)
BATCH = 300


# --- writing the outbox, inside the transaction of the change ---------------------------

def _collect(session, flush_context) -> None:
    keys = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        keys.update(registry.keys_for(obj))
    keys -= session.info.setdefault("search_queued", set())
    if keys:
        session.connection().execute(insert(SearchOutbox), [{"key": key} for key in sorted(keys)])
        session.info["search_queued"] |= keys
        session.info["search_pending"] = True


def _after_commit(session) -> None:
    session.info.pop("search_queued", None)
    if session.info.pop("search_pending", False):
        wake_drainer()


def _after_rollback(session) -> None:
    session.info.pop("search_queued", None)
    session.info.pop("search_pending", None)


def install_hooks() -> None:
    """Listen to every flush of the app's session (once per process)."""
    if not event.contains(db.session, "after_flush", _collect):
        event.listen(db.session, "after_flush", _collect)
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", lambda session, _tx: _after_rollback(session))


# --- draining ----------------------------------------------------------------------------

def store() -> index.IndexStore:
    """The index of the current app (one object per process, reused between requests)."""
    extension = current_app.extensions["forum_search"]
    return extension["store"]


@contextmanager
def _flock(path, blocking: bool):
    """An exclusive ``flock`` on ``path``, shared by every process; yields False when busy (never
    when ``blocking``). The kernel releases it when its holder dies, however it dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def drain_lock(blocking: bool = False):
    """The single-writer lock, shared by every process of the installation; yields False when busy."""
    return _flock(store().lock_path, blocking)


def current_documents(keys: list[str]) -> dict[str, dict | None]:
    """Re-read the rows behind ``keys``: their documents as they are now (None: remove)."""
    by_kind: dict[str, list[int]] = {}
    for key in keys:
        kind, ident = registry.split_key(key)
        by_kind.setdefault(kind, []).append(ident)
    documents = {}
    for kind, idents in by_kind.items():
        built = registry.sources()[kind].build(idents)
        for ident in idents:
            documents[registry.key_of(kind, ident)] = built.get(ident)
    return documents


def _known_kinds():
    """Outbox rows of the kinds this app indexes: the others stay for a process that does."""
    return or_(*(SearchOutbox.key.startswith(f"{kind}:") for kind in registry.sources()))


def drain(blocking: bool = False, max_batches: int | None = None) -> int:
    """Apply pending outbox rows to the index; return how many keys were applied (0 when busy).

    A drain steps aside for a rebuild: it does not start while one is pending, and stops
    between two batches when one comes (the rebuild applies what is left once it swapped).
    """
    if not blocking and rebuild_pending():
        return 0
    with drain_lock(blocking) as acquired:
        if not acquired:
            return 0
        if not store().schema_is_current():
            # An upgrade changed what the index holds: start an empty one and queue everything
            # (`flask search reindex` does the same faster, with a progress bar).
            log.warning("search index built with another schema: rebuilding it from the outbox")
            store().switch_to(store().new_generation())
            enqueue_all()
        return _apply_outbox(max_batches, yield_to_rebuild=True)


def _apply_outbox(max_batches: int | None, yield_to_rebuild: bool) -> int:
    """Apply outbox rows batch by batch (the caller holds the drain lock)."""
    applied = batches = 0
    known_kinds = _known_kinds()
    while max_batches is None or batches < max_batches:
        if yield_to_rebuild and rebuild_pending():
            break
        rows = db.session.execute(db.select(SearchOutbox.id, SearchOutbox.key).where(known_kinds)
                                  .order_by(SearchOutbox.id).limit(BATCH)).all()
        db.session.commit()  # end the read transaction: documents are read after the rows
        if not rows:
            break
        keys = sorted({row.key for row in rows})
        documents = current_documents(keys)
        db.session.rollback()
        index.apply(store(), documents)
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row.id for row in rows])))
        db.session.commit()
        applied += len(keys)
        batches += 1
    return applied


# --- rebuilding: the drainers step aside -------------------------------------------------

clock = time.perf_counter


def rebuild_claim():
    """Held by a rebuild for its whole life (waiting for another rebuild first); drainers that
    see it step aside.

    Drainers only look at it (``rebuild_pending``) and never wait for it: a lock they kept
    retaking between batches would keep the rebuild waiting (a flock is not a queue).
    """
    return _flock(store().rebuild_claim_path, blocking=True)


def rebuild_pending() -> bool:
    """Whether a rebuild is running or waiting for the drain lock."""
    path = store().rebuild_claim_path
    if not path.exists():
        return False
    with open(path) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@dataclass
class Rebuilt:
    """What a rebuild did, its rate measured on the writing alone."""

    documents: int
    waited: float       # seconds before the drain lock was free
    built: float        # seconds writing the new generation
    caught_up: int      # changes made meanwhile, applied to the new generation
    removed: list[str]  # folders of killed rebuilds


def rebuild(procs: int = 1, progress=None) -> Rebuilt:
    """Rebuild the index from the database into a fresh generation, swap it in, then apply what changed meanwhile."""
    started = clock()
    with rebuild_claim(), drain_lock(blocking=True):
        waited, removed = clock() - started, store().remove_unfinished()
        started = clock()
        generation, count = index.rebuild(store(), every_document(progress), procs=procs)
        store().switch_to(generation)
        built = clock() - started
        caught_up = _apply_outbox(None, yield_to_rebuild=False)
    return Rebuilt(count, waited, built, caught_up, removed)


def every_document(progress=None):
    """Every document the database holds now, read in batches (for a rebuild or a comparison)."""
    for source in registry.sources().values():
        idents = list(source.all_ids())
        for start in range(0, len(idents), 200):
            built = source.build(idents[start:start + 200])
            db.session.rollback()  # no long read transaction while the index is written
            for ident in idents[start:start + 200]:
                if progress is not None:
                    progress(1)
                if built.get(ident) is not None:
                    yield built[ident]


@atomic
def enqueue_keys(keys: list[str]) -> None:
    """Queue these documents to be read again from the database (a repair)."""
    db.session.execute(insert(SearchOutbox), [{"key": key} for key in keys])


def enqueue_all(kinds: list[str] | None = None) -> int:
    """Queue every document of the given kinds (a full catch-up without a rebuild)."""
    assert not in_unit_of_work(), "a catch-up commits on its own"
    count = 0
    for kind, source in registry.sources().items():
        if kinds and kind not in kinds:
            continue
        rows = [{"key": registry.key_of(kind, ident)} for ident in source.all_ids()]
        if rows:
            db.session.execute(insert(SearchOutbox), rows)
            count += len(rows)
    db.session.commit()
    return count


def differences() -> list[str]:
    """Keys whose document differs between the database and the index (missing, extra or stale)."""
    expected = {doc["key"]: doc["version"] for doc in every_document()}
    actual = index.stored_versions(store())
    return sorted({key for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key)})


# --- the background drainer of a web process ----------------------------------------------

RETRY_DELAY = 0.2  # seconds before looking again at rows another process may be applying
_wake = threading.Event()
_stop = threading.Event()
_started_in: dict[int, threading.Thread] = {}


def wake_drainer() -> None:
    """Ask this process's drainer to run now (after a commit)."""
    _wake.set()


def _pending() -> bool:
    found = db.session.scalar(db.select(SearchOutbox.id).where(_known_kinds()).limit(1)) is not None
    db.session.rollback()
    return found


def _run(app: Flask, interval: float) -> None:
    delay = interval
    while not _stop.is_set():
        _wake.wait(timeout=delay)
        _wake.clear()
        if _stop.is_set():
            break
        with app.app_context():
            try:
                drain()
                # Rows left: another process held the lock, or they came in while we drained.
                # Look again soon rather than after a whole interval (searchable within 2 s);
                # a rebuild applies them itself.
                delay = RETRY_DELAY if _pending() and not rebuild_pending() else interval
            except Exception:  # the rows stay; the next round (or `flask search sync`) applies them
                log.exception("search drain failed")
                db.session.rollback()
                delay = interval
            finally:
                db.session.remove()


def start_drainer(app: Flask) -> None:
    """Start this process's drainer once (after a fork, gunicorn workers each start their own)."""
    pid = os.getpid()
    if pid in _started_in and _started_in[pid].is_alive():
        return
    _stop.clear()
    thread = threading.Thread(target=_run, args=(app, app.config["FORUM_SEARCH_INTERVAL"]),
                              name="search-drainer", daemon=True)
    thread.start()
    _started_in[pid] = thread


def stop_drainer() -> None:
    """Stop this process's drainer (tests; a web process keeps it for its lifetime)."""
    thread = _started_in.pop(os.getpid(), None)
    if thread is not None:
        _stop.set()
        _wake.set()
        thread.join(timeout=10)


def init_search(app: Flask) -> None:
    """Bind the index to the app, listen to flushes, and drain in the background when asked."""
    app.extensions["forum_search"] = {"store": index.IndexStore(app.config["FORUM_INDEX_DIR"]), "sources": {}}
    install_hooks()
    if app.config["FORUM_SEARCH_DRAIN"] == "thread":
        app.before_request(lambda: start_drainer(app))
