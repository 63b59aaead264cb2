"""A rebuild does not wait for the traffic: drainers step aside, its rate leaves the wait out, a killed one is cleaned up."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from forum.discussions.models import Topic
from forum.extensions import db
from forum.search import index, outbox
from forum.search.models import SearchOutbox
from tests import factories
from tests.search.conftest import titles
from tests.search.test_reliability import _matches_database, _worker


def _waiting_rows() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count(SearchOutbox.id)))


def _until(condition, what: str, seconds: float = 60) -> None:
    """Wait for another thread or process to get somewhere (a deadline against hanging, not a measure)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


@pytest.fixture
def forum(app, member, indexed):
    topics = [factories.make_topic(member, f"Sujet de reconstruction {number}") for number in range(3)]
    indexed()
    return topics


def test_drainers_do_not_start_while_a_rebuild_is_pending_and_stop_between_batches_when_one_comes(
        app, forum, member, monkeypatch):
    for topic in forum:
        factories.make_reply(member, topic, "Une réponse en attente d'indexation.")
    with outbox.rebuild_claim():
        assert outbox.rebuild_pending()
        assert outbox.drain() == 0 and _waiting_rows() == 3
    assert not outbox.rebuild_pending()

    monkeypatch.setattr(outbox, "BATCH", 1)
    real_apply, claims = index.apply, ExitStack()

    def apply_then_a_rebuild_comes(store, documents):
        real_apply(store, documents)
        claims.enter_context(outbox.rebuild_claim())

    monkeypatch.setattr(index, "apply", apply_then_a_rebuild_comes)
    with claims:
        assert outbox.drain(blocking=True) == 1  # one batch, then it stepped aside
        assert _waiting_rows() == 2


def test_a_rebuild_starts_after_at_most_one_batch_of_drainers_that_keep_retaking_the_lock(
        app, forum, member, runner, monkeypatch):
    outbox.enqueue_keys([f"topic:{topic.id}" for topic in forum] * 40)  # 120 batches of one row
    monkeypatch.setattr(outbox, "BATCH", 1)
    events: list[str] = []
    real_apply, real_claim, real_rebuild = index.apply, outbox.rebuild_claim, index.rebuild

    def slow_apply(store, documents):
        events.append(f"{threading.current_thread().name} batch")
        time.sleep(0.01)  # each batch holds the lock a while, as on a large index
        real_apply(store, documents)

    def noted_claim():
        with real_claim():
            events.append("claimed")
            yield

    def noted_rebuild(*args, **kwargs):
        events.append("building")
        return real_rebuild(*args, **kwargs)

    monkeypatch.setattr(index, "apply", slow_apply)
    monkeypatch.setattr(outbox, "rebuild_claim", contextmanager(noted_claim))
    monkeypatch.setattr(index, "rebuild", noted_rebuild)
    stop = threading.Event()

    def web_drainer():  # the drainers of the web processes, woken again and again by new replies
        with app.app_context():
            while not stop.is_set():
                outbox.drain()
                db.session.remove()

    drainers = [threading.Thread(target=web_drainer, name=f"drainer{number}") for number in range(2)]
    for thread in drainers:
        thread.start()
    try:
        _until(lambda: len(events) >= 3, "the drainers never drained")
        result = runner.invoke(args=["search", "reindex"])
    finally:
        stop.set()
        for thread in drainers:
            thread.join(timeout=30)
    assert result.exit_code == 0, result.output
    waiting = events[events.index("claimed") + 1:events.index("building")]
    assert len(waiting) <= 1, waiting  # without stepping aside: the whole outbox, 120 batches
    assert _waiting_rows() == 0
    _matches_database()


def test_the_rebuild_rate_leaves_out_the_time_spent_waiting_for_the_lock(app, forum, runner, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(outbox, "clock", lambda: now[0])
    real_rebuild = index.rebuild

    def two_seconds_of_writing(*args, **kwargs):
        built = real_rebuild(*args, **kwargs)
        now[0] += 2.0
        return built

    monkeypatch.setattr(index, "rebuild", two_seconds_of_writing)
    released = threading.Event()

    def busy_drainer():  # a drain that holds the lock for 33 seconds of the clock
        with app.app_context(), outbox.drain_lock() as acquired:
            assert acquired
            released.set()
            _until(outbox.rebuild_pending, "the rebuild never came")
            now[0] += 33.0

    holder = threading.Thread(target=busy_drainer)
    holder.start()
    released.wait(timeout=30)
    result = runner.invoke(args=["search", "reindex"])
    holder.join(timeout=30)
    assert result.exit_code == 0, result.output
    documents = len(forum)
    assert f"{documents} document(s) indexé(s) en 2.0 s ({documents / 2:.0f} documents/s" in result.output
    assert "après 33.0 s d'attente du verrou" in result.output


def test_a_killed_rebuild_leaves_the_old_index_serving_and_the_next_one_removes_its_folder(
        app, forum, member, make_client, runner):
    store, browser = outbox.store(), make_client(member)
    before = os.path.realpath(store.current)
    marker = Path(app.config["FORUM_INDEX_DIR"]).parent / "rebuilding"
    process = _worker(app, "stuck-rebuild", wait=False)
    _until(lambda: marker.exists() or process.poll() is not None, "the worker never reached the rebuild")
    assert process.poll() is None, process.stderr.read()
    assert outbox.rebuild_pending()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    left = [folder.name for folder in store.root.glob("building-*")]
    assert len(left) == 1
    # the old index serves, and drainers work again: the kernel dropped the dead rebuild's claim
    assert os.path.realpath(store.current) == before
    assert not outbox.rebuild_pending()
    factories.make_reply(member, forum[0], "Le mot témoin est ornithorynque.")
    assert outbox.drain() > 0 and titles(browser, "ornithorynque") == [forum[0].title]
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert f"Dossier d'une reconstruction interrompue supprimé : {left[0]}" in result.output
    assert not list(store.root.glob("building-*"))
    db.session.rollback()
    assert len(titles(browser, "reconstruction")) == db.session.scalar(db.select(db.func.count(Topic.id)))
    _matches_database()
