"""Counters under concurrent writers (both database lanes), and ``flask forum check``.

Each writer is a thread with its own application context, hence its own session and database
connection, as concurrent requests in one worker (or several workers) have. A barrier lets them
load their objects first and write together, the interleaving that loses read-modify-write updates.
"""

from __future__ import annotations

import threading

from sqlalchemy import update

from forum.accounts.models import User
from forum.discussions import actions
from forum.discussions.models import Post, Reaction, Topic
from forum.errors import ActionError
from forum.extensions import db
from tests import factories

WRITERS = 8


def _run_together(app, work, count: int = WRITERS) -> list[BaseException]:
    """Run ``work(index)`` in ``count`` threads, each in its own app context; return their errors."""
    barrier, errors = threading.Barrier(count), []

    def run(index: int) -> None:
        with app.app_context():
            try:
                work(index, barrier)
            except BaseException as error:  # collected for the test to look at
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def _members(count: int):
    structure = factories.make_structure()
    return [factories.make_user(f"Écrivain {index}", structure=structure).id for index in range(count)]


def test_concurrent_replies_are_all_counted_and_numbered_once(app, topic):
    writers, topic_id = _members(WRITERS), topic.id
    db.session.commit()

    def write(index, barrier):
        author, own_topic = db.session.get(User, writers[index]), db.session.get(Topic, topic_id)
        assert own_topic.reply_count == 1  # loaded before anyone writes: the stale value
        barrier.wait()
        for turn in range(3):
            actions.reply(author, own_topic, f"Réponse {turn} de l'écrivain {index}, en même temps que les autres.")

    assert _run_together(app, write) == []
    db.session.expire_all()
    numbers = db.session.scalars(db.select(Post.number).where(Post.topic_id == topic_id).order_by(Post.number)).all()
    assert numbers == list(range(1, 3 + 3 * WRITERS))  # the question, its answer, then theirs
    stored = db.session.get(Topic, topic_id)
    assert (stored.reply_count, stored.post_count) == (1 + 3 * WRITERS, 2 + 3 * WRITERS)


def test_concurrent_reactions_count_each_member_once(app, reply_post):
    """Four members each click « Utile » twice at the same moment (two tabs, a double tap)."""
    readers, post_id = _members(WRITERS // 2), reply_post.id
    db.session.commit()

    def react(index, barrier):
        reader, post = db.session.get(User, readers[index // 2]), db.session.get(Post, post_id)
        barrier.wait()
        actions.toggle_reaction(reader, post, "utile")

    assert _run_together(app, react) == []
    db.session.expire_all()
    given = db.session.scalars(db.select(Reaction.user_id).where(Reaction.post_id == post_id)).all()
    assert len(given) == len(set(given)) <= WRITERS // 2
    assert db.session.get(Post, post_id).useful_count == len(given)


def test_an_unanswered_question_is_never_deleted_under_a_concurrent_reply(app, member):
    """The opening post may go only while nobody answered; a reply racing the deletion either lands
    first (the question stays) or finds the topic gone (and says so): never a deleted topic with replies."""
    writers = _members(WRITERS - 1)
    for round_number in range(3):
        question = factories.make_topic(member, f"Question sans réponse numéro {round_number + 1} ?")
        topic_id, opening_id = question.id, factories.first_post(question).id
        db.session.commit()
        refused = []

        def race(index, barrier, topic_id=topic_id, opening_id=opening_id, refused=refused):
            own_topic = db.session.get(Topic, topic_id)
            if index == 0:
                author, opening = db.session.get(User, member.id), db.session.get(Post, opening_id)
                assert own_topic.reply_count == 0
                barrier.wait()
                try:
                    actions.delete_post(author, opening)
                except ActionError:
                    refused.append("delete")
            else:
                author = db.session.get(User, writers[index - 1])
                barrier.wait()
                try:
                    actions.reply(author, own_topic, "Une réponse qui arrive en même temps que la suppression.")
                except ActionError:
                    refused.append("reply")

        assert _run_together(app, race) == []
        db.session.expire_all()
        stored = db.session.get(Topic, topic_id)
        replies = db.session.scalar(db.select(db.func.count(Post.id)).where(Post.topic_id == topic_id,
                                                                            Post.number > 1))
        assert stored.reply_count == replies
        if stored.deleted_at is not None:
            assert replies == 0 and refused.count("reply") == WRITERS - 1
        else:
            assert replies > 0 and "delete" in refused


def _break_counters(topic, post) -> None:
    db.session.execute(update(Topic).where(Topic.id == topic.id).values(reply_count=7, post_count=1))
    db.session.execute(update(Post).where(Post.id == post.id).values(useful_count=-2))
    db.session.commit()


def test_forum_check_reports_drifted_counters_and_repairs_them(runner, topic, reply_post, other_member, member):
    actions.toggle_reaction(member, reply_post, "utile")
    _break_counters(topic, reply_post)

    report = runner.invoke(args=["forum", "check", "--dry-run"])
    assert f"réponses de la discussion n° {topic.id} : 7 enregistré(s), 1 compté(s)" in report.output
    assert f"messages numérotés de la discussion n° {topic.id} : 1 enregistré(s), 2 compté(s)" in report.output
    assert f"« Utile » du message n° {reply_post.id} : -2 enregistré(s), 1 compté(s)" in report.output
    assert "3 compteur(s) faux" in report.output
    db.session.expire_all()
    assert db.session.get(Topic, topic.id).reply_count == 7  # a dry run changes nothing

    repaired = runner.invoke(args=["forum", "check"])
    assert "3 compteur(s) corrigé(s)." in repaired.output
    db.session.expire_all()
    stored = db.session.get(Topic, topic.id)
    assert (stored.reply_count, stored.post_count, db.session.get(Post, reply_post.id).useful_count) == (1, 2, 1)
    assert "Tous les compteurs sont justes." in runner.invoke(args=["forum", "check"]).output
    # The repaired numbering goes on from there.
    assert factories.make_reply(other_member, stored, "Encore une réponse après réparation.").number == 3


def test_hidden_and_deleted_replies_are_not_counted(topic, reply_post, hidden_post, member):
    factories.make_reply(member, topic, "Une réponse que j'efface ensuite.")
    deleted = factories.post_number(topic, 4)
    actions.delete_post(member, deleted)
    db.session.expire_all()
    from forum.discussions import counters

    assert db.session.get(Topic, topic.id).reply_count == 1
    assert counters.drifts() == []


def test_a_reply_deleted_twice_or_hidden_while_deleted_is_uncounted_once(app, topic, moderator):
    """A double click on « Supprimer », and the author deleting while a moderator hides: the
    state changes once, the count with it (the question must not look unanswered)."""
    factories.make_reply(db.session.get(User, topic.author_id), topic, "Une réponse qui restera en ligne.")
    doomed = factories.post_number(topic, 2)
    reply_id, author_id, moderator_id, topic_id = doomed.id, doomed.author_id, moderator.id, topic.id
    db.session.commit()

    def act(index, barrier):
        from forum.moderation import actions as moderation

        post = db.session.get(Post, reply_id)
        barrier.wait()
        try:
            if index < 2:
                actions.delete_post(db.session.get(User, author_id), post)
            else:
                moderation.hide_post(db.session.get(User, moderator_id), post, "Personne reconnaissable")
        except ActionError:
            pass

    assert _run_together(app, act, count=3) == []
    db.session.expire_all()
    assert db.session.get(Topic, topic_id).reply_count == 1  # the other reply, still there
    from forum.discussions import counters

    assert counters.drifts() == []
