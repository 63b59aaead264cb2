"""One transaction per action: an action commits once, and a failure anywhere leaves nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from forum.discussions.models import Post, Topic
from forum.extensions import db
from forum.library.models import Sheet, SheetContributor
from forum.library.promotion import promote_topic
from forum.moderation import actions as moderation
from forum.moderation.models import ModerationAction
from forum.transaction import atomic, in_unit_of_work
from tests import factories


class Boom(RuntimeError):
    pass


def _explode(*_args, **_kwargs):
    raise Boom()


@pytest.fixture
def commits(app):
    """How many times the session commits during the test."""
    seen = []
    listener = lambda _session: seen.append(1)  # noqa: E731
    event.listen(db.session, "after_commit", listener)
    yield seen
    event.remove(db.session, "after_commit", listener)


@pytest.fixture
def discussion(member, other_member):
    topic = factories.make_topic(member, "Une question pour une fiche")
    factories.make_reply(other_member, topic, "Voici notre manière de faire.")
    return topic


def test_promoting_a_discussion_commits_once(discussion, animator, commits):
    posts = [post.id for post in db.session.scalars(db.select(Post).where(Post.topic_id == discussion.id))]
    promote_topic(animator, discussion, posts)
    assert len(commits) == 1


def test_a_failure_after_the_sheet_is_written_leaves_no_sheet(discussion, animator, monkeypatch):
    """The sheet is created, then crediting the contributors fails: nothing of it remains."""
    from forum.library import notices

    monkeypatch.setattr(notices, "credited", _explode)
    posts = [post.id for post in db.session.scalars(db.select(Post).where(Post.topic_id == discussion.id))]
    with pytest.raises(Boom):
        promote_topic(animator, discussion, posts)
    assert db.session.scalar(db.select(db.func.count(Sheet.id))) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(SheetContributor)) == 0
    assert not in_unit_of_work()


def test_hiding_is_undone_when_the_journal_cannot_be_written(discussion, moderator, monkeypatch):
    reply = db.session.scalar(db.select(Post).where(Post.topic_id == discussion.id, Post.number == 2))
    monkeypatch.setattr(moderation, "record", _explode)
    with pytest.raises(Boom):
        moderation.hide_post(moderator, reply, "Personne reconnaissable")
    db.session.refresh(reply)
    topic = db.session.get(Topic, discussion.id)
    assert reply.hidden_at is None and topic.reply_count == 1
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))
                             .where(ModerationAction.action == "hide_post")) == 0


def test_hiding_a_post_is_one_commit_with_its_journal_entry(discussion, moderator, commits):
    reply = db.session.scalar(db.select(Post).where(Post.topic_id == discussion.id, Post.number == 2))
    moderation.hide_post(moderator, reply, "Personne reconnaissable")
    assert len(commits) == 1
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "hide_post"))
    assert entry.action == "hide_post" and entry.target_id == reply.id
    assert db.session.get(Topic, discussion.id).reply_count == 0


def test_an_inner_action_joins_the_outer_unit_of_work(app, member, commits):
    @atomic
    def inner():
        member.job_title = "Coordinatrice"
        assert in_unit_of_work()

    @atomic
    def outer(fail: bool):
        inner()
        assert commits == []  # the inner action did not commit on its own
        if fail:
            raise Boom()

    with pytest.raises(Boom):
        outer(fail=True)
    db.session.refresh(member)
    assert member.job_title != "Coordinatrice" and commits == []
    outer(fail=False)
    db.session.refresh(member)
    assert member.job_title == "Coordinatrice" and len(commits) == 1


def test_a_commit_that_fails_rolls_back_and_leaves_the_session_usable(app, member, other_member):
    """A constraint broken only at commit time: the error reaches the caller, the session goes on."""
    from sqlalchemy.exc import IntegrityError

    from forum.accounts.models import User

    @atomic
    def take_the_address():
        member.email = other_member.email  # unique: refused by the database when the commit flushes

    with pytest.raises(IntegrityError):
        take_the_address()
    assert db.session.scalar(db.select(db.func.count(User.id)).where(User.email == other_member.email)) == 1
    assert not in_unit_of_work()


def test_work_queued_after_commit_runs_only_once_the_rows_are_saved(app, member):
    from forum.transaction import after_commit

    done = []

    @atomic
    def change(fail: bool):
        member.job_title = "Coordinatrice"
        after_commit(lambda: done.append("fichier supprimé"))
        if fail:
            raise Boom()

    with pytest.raises(Boom):
        change(fail=True)
    assert done == []
    change(fail=False)
    assert done == ["fichier supprimé"]
    change(fail=False)
    assert done == ["fichier supprimé"] * 2  # each unit of work runs its own callbacks once
