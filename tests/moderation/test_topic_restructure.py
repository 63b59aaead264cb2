"""Split and merge: authors, dates, reply links, counters, read marks, notifications, follows,
the search index, the journal and the statements all follow the posts."""

from __future__ import annotations

import json

import pytest

from forum.discussions import actions as discussions
from forum.discussions import counters
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import topics
from forum.moderation.models import ModerationAction, Statement
from forum.notifications.models import Notification, ReadMark, Subscription
from forum.search import outbox
from tests import factories


@pytest.fixture
def thread(member, other_member, referent, animator):
    """A question in Bretagne with six posts: 1 member (question), 2 other_member, 3 referent
    (answers 2), 4 member, 5 referent (answers 3), 6 other_member (answers 4)."""
    topic = factories.make_topic(member, "Appels de nuit pour tapage : comment répondre ?")
    second = factories.make_reply(other_member, topic, "Nous passons en médiation différée le lendemain.")
    third = factories.make_reply(referent, topic, "Une question sur les horaires du bailleur.", reply_to=second)
    fourth = factories.make_reply(member, topic, "Merci, je note la médiation différée.")
    factories.make_reply(referent, topic, "Le bailleur répond en journée uniquement, gardiennage compris.",
                         reply_to=third)
    factories.make_reply(other_member, topic, "De rien, bon courage.", reply_to=fourth)
    db.session.commit()
    return topic


def _posts(topic_id):
    return db.session.scalars(db.select(Post).where(Post.topic_id == topic_id).order_by(Post.number)).all()


def _split_bailleur(actor, thread, **changes):
    third, fifth = factories.post_number(thread, 3), factories.post_number(thread, 5)
    arguments = {"title": "Horaires des bailleurs la nuit", "pole": factories.pole("bretagne"),
                 "theme": factories.theme("mediation-de-nuit"), "reason": "Sujet distinct : les bailleurs."}
    arguments.update(changes)
    return topics.split_topic(actor, thread, [third.id, fifth.id], **arguments), third, fifth


def test_split_keeps_authors_dates_and_links_and_counts_both_topics(thread, animator, referent, clock):
    before = {post.id: (post.author_id, post.created_at, post.reply_to_id, post.body) for post in _posts(thread.id)}
    new, third, fifth = _split_bailleur(animator, thread)
    db.session.expire_all()
    moved = _posts(new.id)
    assert [post.id for post in moved] == [third.id, fifth.id] and [post.number for post in moved] == [1, 2]
    for post in moved:
        assert (post.author_id, post.created_at, post.reply_to_id, post.body) == before[post.id]
    new = db.session.get(Topic, new.id)
    assert (new.kind, new.author_id, new.created_at, new.title) == ("discussion", referent.id, before[third.id][1],
                                                                   "Horaires des bailleurs la nuit")
    assert (new.post_count, new.reply_count, new.last_post_id) == (2, 1, fifth.id)
    old = db.session.get(Topic, thread.id)
    assert [post.number for post in _posts(thread.id)] == [1, 2, 3, 4]
    assert (old.post_count, old.reply_count) == (4, 3)
    assert old.last_post_id == _posts(thread.id)[-1].id
    # the moved reply to post 2 keeps its link to the old topic
    assert db.session.get(Post, db.session.get(Post, third.id).reply_to_id).topic_id == thread.id
    assert counters.drifts() == []


def test_split_moves_notifications_follows_read_marks_and_the_index(make_client, thread, member, other_member, referent,
                                                                    animator, moderator):
    discussions.mark_solution(member, factories.post_number(thread, 5))
    from forum.notifications import actions as notify

    notify.mark_read(moderator, thread, 4, with_notifications=False)  # read up to post 4
    notify.set_subscription(other_member, thread, "follow")
    fifth = factories.post_number(thread, 5)
    assert db.session.scalar(db.select(Notification).where(Notification.post_id == fifth.id)) is not None
    new, third, fifth = _split_bailleur(animator, thread)
    db.session.expire_all()
    assert {n.topic_id for n in db.session.scalars(db.select(Notification).where(
        Notification.post_id.in_([third.id, fifth.id])))} == {new.id}
    followers = set(db.session.scalars(db.select(Subscription.user_id).where(
        Subscription.target_type == "topic", Subscription.target_id == new.id)))
    assert {member.id, other_member.id} <= followers
    marks = dict(db.session.execute(db.select(ReadMark.topic_id, ReadMark.last_read_number)
                                    .where(ReadMark.user_id == moderator.id)).all())
    assert marks == {thread.id: 3, new.id: 1}  # read 1, 2, 4 of the old; 3 of the moved
    assert db.session.get(Topic, thread.id).solved_post_id is None  # the solution left with its post
    assert db.session.get(Topic, new.id).solved_post_id is None
    outbox.drain(blocking=True)
    page = make_client(member).get("/recherche", query_string={"q": "gardiennage"}).get_data(as_text=True)
    assert f"/discussions/{new.id}" in page and f"/discussions/{thread.id}\"" not in page


def test_split_is_journaled_and_told_to_each_author_of_a_moved_post(thread, moderator, referent):
    new, third, fifth = _split_bailleur(moderator, thread)
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "split_topic"))
    detail = json.loads(entry.detail)
    assert (detail["from_topic"], detail["to_topic"], detail["post_ids"]) == (thread.id, new.id,
                                                                              [third.id, fifth.id])
    assert entry.reason == "Sujet distinct : les bailleurs." and entry.actor_id == moderator.id
    told = db.session.scalars(db.select(Statement.member_id).where(Statement.action == "split_topic")).all()
    assert told == [referent.id]


@pytest.mark.parametrize("wrong", ["first", "other_topic", "empty"])
def test_split_refuses_posts_it_should_not_move_and_changes_nothing(thread, animator, member, wrong):
    other = factories.make_topic(member, "Une autre question sur les transports")
    ids = {"first": [factories.first_post(thread).id, factories.post_number(thread, 2).id],
           "other_topic": [factories.post_number(thread, 2).id, factories.first_post(other).id],
           "empty": []}[wrong]
    with pytest.raises(ActionError):
        topics.split_topic(animator, thread, ids, title="Un titre assez long", pole=factories.pole("bretagne"),
                           theme=factories.theme("mediation-de-nuit"), reason="Essai")
    db.session.expire_all()
    assert [post.number for post in _posts(thread.id)] == [1, 2, 3, 4, 5, 6]
    assert db.session.scalar(db.select(db.func.count(Topic.id))) == 2
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))
                             .where(ModerationAction.action == "split_topic")) == 0


def test_merge_appends_posts_redirect_target_and_split_restores(thread, member, other_member, moderator):
    other = factories.make_topic(other_member, "Tapage nocturne : vos pratiques ?")
    answer = factories.make_reply(member, other, "Nous orientons vers le conciliateur.")
    before = _posts(other.id)
    topics.merge_topics(moderator, other, thread, "Même sujet, posé deux fois.")
    db.session.expire_all()
    posts = _posts(thread.id)
    assert [post.number for post in posts] == list(range(1, 9))
    assert [post.id for post in posts[6:]] == [post.id for post in before]
    merged = db.session.get(Topic, other.id)
    assert merged.merged_into_id == thread.id and not merged.is_present
    stored = db.session.get(Topic, thread.id)
    assert (stored.post_count, stored.reply_count) == (8, 7)
    assert counters.drifts() == []
    # a split takes them out again
    back = topics.split_topic(moderator, stored, [post.id for post in before], title="Tapage nocturne : vos pratiques ?",
                              pole=factories.pole("bretagne"), theme=factories.theme("mediation-de-nuit"),
                              reason="Fusion annulée")
    db.session.expire_all()
    assert [post.id for post in _posts(back.id)] == [post.id for post in before]
    assert db.session.get(Post, answer.id).number == 2
    assert db.session.get(Topic, back.id).author_id == other_member.id
    assert counters.drifts() == []


def test_forum_check_finds_nothing_wrong_after_a_split_and_a_merge(runner, thread, member, other_member, moderator):
    hidden = factories.post_number(thread, 4)
    from forum.moderation import actions as moderation

    moderation.hide_post(moderator, hidden, "Hors sujet")  # a hidden reply moves too, uncounted
    new, _third, _fifth = _split_bailleur(moderator, thread)
    other = factories.make_topic(other_member, "Tapage nocturne : vos pratiques ?")
    factories.make_reply(member, other, "Nous orientons vers le conciliateur.")
    topics.merge_topics(moderator, other, new, "Même sujet")
    report = runner.invoke(args=["forum", "check", "--dry-run"])
    assert "Tous les compteurs sont justes." in report.output, report.output
    marks = db.session.scalars(db.select(ReadMark).where(ReadMark.topic_id == other.id)).all()
    assert marks == []  # the absorbed topic's marks went with it


def test_merge_reindexes_the_receiving_topic_and_drops_the_absorbed_one(make_client, thread, member, other_member,
                                                                        moderator):
    other = factories.make_topic(other_member, "Tapage nocturne : vos pratiques ?")
    answer = factories.make_reply(member, other, "Nous orientons vers le conciliateur de justice.")
    discussions.mark_solution(other_member, answer)
    outbox.drain(blocking=True)
    topics.merge_topics(moderator, other, thread, "Même sujet")
    db.session.expire_all()
    assert db.session.get(Topic, thread.id).solved_post_id == answer.id  # the receiving question had none
    outbox.drain(blocking=True)
    page = make_client(member).get("/recherche", query_string={"q": "conciliateur"}).get_data(as_text=True)
    assert f"/discussions/{thread.id}" in page and f"/discussions/{other.id}\"" not in page
