"""The index never drifts from the database: crashes, races, rebuilds, the background drainer."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.search import index, outbox, registry
from forum.search.models import SearchOutbox
from tests import factories
from tests.search.conftest import titles

ROOT = Path(__file__).resolve().parents[2]


def _expected_versions() -> dict[str, str]:
    expected = {}
    for kind, source in registry.sources().items():
        built = source.build(list(source.all_ids()))
        expected.update({registry.key_of(kind, ident): doc["version"] for ident, doc in built.items() if doc})
    return expected


def _matches_database() -> None:
    db.session.rollback()
    assert index.stored_versions(outbox.store()) == _expected_versions()


def _worker(app, *args, wait: bool = True):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    folder = Path(app.config["FORUM_INDEX_DIR"]).parent
    command = [sys.executable, "-m", "tests.search.worker", args[0], str(folder), url, *map(str, args[1:])]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if wait:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        return out
    return process


@pytest.fixture
def busy_forum(app, structure, indexed):
    authors = [factories.make_user(name, structure=structure) for name in ("Écrivain Un", "Écrivain Deux")]
    for number in range(4):
        topic = factories.make_topic(authors[0], f"Sujet de fiabilité {number}")
        factories.make_reply(authors[1], topic, "Une première réponse sur les tournées.")
    indexed()
    return authors


def test_kill_9_in_the_middle_of_a_drain_then_one_sync_matches_the_database(app, busy_forum, runner):
    topic = db.session.scalar(db.select(Topic).order_by(Topic.id))
    for number in range(5):
        factories.make_reply(busy_forum[1], topic, f"Message à indexer numéro {number}")
    factories.make_topic(busy_forum[0], "Un sujet tout neuf sur les halls")
    pending = db.session.scalar(db.select(db.func.count(SearchOutbox.id)))
    assert pending > 0
    marker = Path(app.config["FORUM_INDEX_DIR"]).parent / "writing"
    process = _worker(app, "stuck-drain", wait=False)
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the worker never reached the index writer"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(SearchOutbox.id))) == pending  # nothing lost
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    _matches_database()
    assert db.session.scalar(db.select(db.func.count(SearchOutbox.id))) == 0


def test_two_processes_writing_with_racing_drains_leave_an_exact_index(app, busy_forum):
    first = _worker(app, "writer", 4, "Écrivain Un", wait=False)
    second = _worker(app, "writer", 4, "Écrivain Deux", wait=False)
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    written = sum(int(out.strip()) for out, _err in outputs)
    assert written > 10
    outbox.drain(blocking=True)
    _matches_database()
    visible = db.session.scalar(db.select(db.func.count(Post.id)))
    assert visible == 8 + written


def test_reindex_swaps_a_fresh_index_in_at_once(app, busy_forum, runner, make_client):
    store = outbox.store()
    before = os.path.realpath(store.current)
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "document(s) indexé(s)" in result.output and "documents/s" in result.output
    assert os.path.realpath(store.current) != before
    _matches_database()
    assert titles(make_client(busy_forum[0]), "fiabilité")


def test_check_finds_and_repairs_a_drifted_index(app, busy_forum, runner):
    index.apply(outbox.store(), {"topic:1": None})  # as if a document had been lost
    result = runner.invoke(args=["search", "check", "--repair"])
    assert "1 document(s) diffèrent" in result.output and "réparé" in result.output
    _matches_database()


def test_background_drainer_makes_a_post_searchable_without_any_command(app, busy_forum, make_client):
    # The 2-second promise is measured by `make bench` under gunicorn; here, only that the
    # commit itself wakes the drainer (its round is far longer than the wait allowed).
    app.config["FORUM_SEARCH_INTERVAL"] = 60.0
    outbox.start_drainer(app)
    try:
        topic = db.session.scalar(db.select(Topic).order_by(Topic.id))
        started = time.monotonic()
        factories.make_reply(busy_forum[1], topic, "Le mot introuvable est zygomatique.")
        browser = make_client(busy_forum[0])
        while not titles(browser, "zygomatique"):
            assert time.monotonic() - started < 10.0, "the commit did not wake the drainer"
            time.sleep(0.05)
    finally:
        outbox.stop_drainer()


def test_a_drainer_that_found_the_lock_taken_comes_back_before_its_next_round(app, busy_forum, make_client):
    # Another process (here: another open of the lock file) is applying its batch when our
    # commit wakes the drainer; without a prompt retry the reply would wait a whole round.
    app.config["FORUM_SEARCH_INTERVAL"] = 60.0
    outbox.start_drainer(app)
    try:
        topic = db.session.scalar(db.select(Topic).order_by(Topic.id))
        browser = make_client(busy_forum[0])
        with outbox.drain_lock() as acquired:
            assert acquired
            factories.make_reply(busy_forum[1], topic, "Le mot patient est hippocampe.")
            time.sleep(0.5)  # the woken drainer finds the lock taken
            assert not titles(browser, "hippocampe")
        deadline = time.monotonic() + 10
        while not titles(browser, "hippocampe"):
            assert time.monotonic() < deadline, "the drainer waited for its next round"
            time.sleep(0.05)
    finally:
        outbox.stop_drainer()


def test_an_index_built_with_an_older_schema_is_rebuilt_by_the_next_drain(app, member, make_client, monkeypatch):
    topic = factories.make_topic(member, "Fontaine publique")
    store = outbox.store()
    older = copy.deepcopy(index.SCHEMA)
    older.remove("pairs")
    with monkeypatch.context() as patch:
        patch.setattr(index, "SCHEMA", older)
        store.switch_to(store.new_generation())
    assert not store.schema_is_current()
    outbox.drain(blocking=True)
    assert store.schema_is_current()
    assert titles(make_client(member), "fontaine") == [topic.title]


def test_a_searcher_that_fails_to_open_once_does_not_break_the_thread_s_later_searches(app, member, make_client,
                                                                                      indexed, monkeypatch):
    factories.make_topic(member, "Permanence du samedi")
    indexed()
    store, browser = outbox.store(), make_client(member)
    assert titles(browser, "permanence") == ["Permanence du samedi"]  # this thread now keeps a searcher
    factories.make_topic(member, "Permanence du dimanche")
    indexed()  # the kept searcher is out of date: the next search replaces it
    real_searcher, failures = store.index().searcher, []

    def fails_once(*args, **kwargs):
        if not failures:
            failures.append(True)
            raise OSError("Too many open files")
        return real_searcher(*args, **kwargs)

    monkeypatch.setattr(store.index(), "searcher", fails_once)
    with pytest.raises(OSError):
        store.searcher()
    assert sorted(titles(browser, "permanence")) == ["Permanence du dimanche", "Permanence du samedi"]
    assert failures == [True]
