"""The demo discussions: six answered questions, reactions, mentions and a member with unread news."""

from __future__ import annotations

import pytest

from forum.accounts.models import Status, Structure, User
from forum.demo.accounts import ACCOUNTS, DEMO_PASSWORD, load_accounts
from forum.demo.discussion_scripts import QUESTIONS
from forum.demo.discussions import PEOPLE, READER, load_discussions
from forum.discussions.models import Post, Reaction, Revision, Topic
from forum.extensions import db
from forum.notifications.models import Notification, NotificationKind, ReadMark, Subscription
from forum.taxonomy.models import Pole
from tests.helpers import page_text

EXPECTED = {
    "Appels répétés pour du bruit : comment sortir de « un appel = un passage » ?": "pays-de-la-loire",
    "Lignes de soirée : binôme à bord ou équipe mobile en véhicule ?": "hauts-de-france",
    "Médiation par les pairs : comment associer les familles sans alourdir le projet ?": "occitanie",
    "Des habitants nous donnent leurs mots de passe : où placer la limite ?": "ile-de-france",
    "Cellule de veille du CLSPD : on nous demande des noms, que répondre ?": "grand-est",
    "Fin de convention adulte-relais dans 8 mois : quel parcours vers le titre MSADS ?": "outre-mer",
}


def count(column, *where) -> int:
    return db.session.scalar(db.select(db.func.count(column)).where(*where)) or 0


def snapshot() -> tuple[int, ...]:
    return tuple(count(column) for column in (
        User.id, Structure.id, Topic.id, Post.id, Reaction.id, Revision.id, Notification.id,
        Subscription.id, ReadMark.topic_id)) + (
        db.session.scalar(db.select(db.func.sum(Post.thanks_count + Post.useful_count))),
        count(Topic.id, Topic.solved_post_id.is_not(None)),
        count(Notification.id, Notification.read_at.is_(None)),
    )


@pytest.fixture
def demo(app):
    load_accounts()
    load_discussions()


def reader() -> User:
    return db.session.scalar(db.select(User).where(User.email == READER))


def test_six_questions_in_their_poles_each_answered(demo):
    topics = {topic.title: topic for topic in db.session.scalars(db.select(Topic))}
    assert set(topics) == set(EXPECTED)
    for title, pole_slug in EXPECTED.items():
        topic = topics[title]
        assert topic.pole.slug == pole_slug and topic.kind == "question"
        assert 2 <= topic.reply_count <= 5 and topic.post_count == topic.reply_count + 1
        authors = set(db.session.scalars(db.select(Post.author_id).where(Post.topic_id == topic.id, Post.number > 1)))
        assert len(authors) >= 2, title
    assert {q.pole for q in QUESTIONS} == set(EXPECTED.values())


def test_replies_answer_each_other_and_some_questions_are_solved(demo):
    assert count(Post.id, Post.reply_to_id.is_not(None)) >= 3
    solved = db.session.scalars(db.select(Topic).where(Topic.solved_post_id.is_not(None))).all()
    assert solved
    for topic in solved:
        solution = db.session.get(Post, topic.solved_post_id)
        assert solution.topic_id == topic.id and solution.number > 1
        assert solution.author_id != topic.author_id
    assert count(Notification.id, Notification.kind == NotificationKind.SOLUTION) >= 1


def test_reactions_from_several_members(demo):
    assert count(Reaction.id, Reaction.kind == "merci") >= 3
    assert count(Reaction.id, Reaction.kind == "utile") >= 3
    assert count(db.distinct(Reaction.user_id)) >= 4
    reacted = db.session.scalars(db.select(Post).where(Post.thanks_count + Post.useful_count > 0)).all()
    for post in reacted:
        assert post.thanks_count == count(Reaction.id, Reaction.post_id == post.id, Reaction.kind == "merci")
        assert post.useful_count == count(Reaction.id, Reaction.post_id == post.id, Reaction.kind == "utile")


def test_a_mention_reaches_the_member_named(demo):
    mentions = db.session.scalars(db.select(Notification).where(Notification.kind == NotificationKind.MENTION)).all()
    assert mentions
    for notification in mentions:
        user = db.session.get(User, notification.user_id)
        post = db.session.get(Post, notification.post_id)
        assert f"@{user.display_name}" in post.body
        assert f'href="/membres/{user.id}"' in post.body_html


def test_the_demo_member_has_unread_topics_and_notifications(demo):
    lea = reader()
    assert count(Notification.id, Notification.user_id == lea.id, Notification.read_at.is_(None)) >= 1
    assert count(Notification.id, Notification.user_id == lea.id, Notification.kind == NotificationKind.MENTION) == 1
    marks = dict(db.session.execute(
        db.select(ReadMark.topic_id, ReadMark.last_read_number).where(ReadMark.user_id == lea.id)).all())
    topics = db.session.scalars(db.select(Topic)).all()
    fully_read = [t for t in topics if marks.get(t.id, 0) >= t.post_count]
    followed = set(db.session.scalars(db.select(Subscription.target_id).where(
        Subscription.user_id == lea.id, Subscription.target_type == "topic", Subscription.level == "follow")))
    started_not_finished = [t for t in topics if 0 < marks.get(t.id, 0) < t.post_count and t.id in followed]
    assert len(fully_read) >= 2
    assert len(started_not_finished) >= 2
    bretagne = db.session.scalar(db.select(Pole).where(Pole.slug == "bretagne"))
    assert count(Subscription.id, Subscription.user_id == lea.id, Subscription.target_type == "pole",
                 Subscription.target_id == bretagne.id, Subscription.level == "follow") == 1


def test_the_demo_member_sees_unread_marks_and_notifications(demo, make_client):
    client = make_client()
    client.login(reader(), password=DEMO_PASSWORD)
    page = page_text(client.get("/discussions"))
    assert 3 <= page.count("Non lu : ") < len(EXPECTED)
    assert "non lue" in page
    assert "Non lue : " in page_text(client.get("/notifications"))


def test_every_demo_author_can_log_in(demo, make_client):
    authors = {PEOPLE[question.author] for question in QUESTIONS}
    for email, name, _job, structure_name, _role, _poles, _zone in ACCOUNTS:
        if email not in authors:
            continue
        user = db.session.scalar(db.select(User).where(User.email == email))
        assert user.display_name == name and user.status == Status.ACTIVE
        assert user.structure.name == structure_name and email.endswith("@forum-demo.example")
        make_client().login(user, password=DEMO_PASSWORD)


def test_every_demo_text_passes_the_personal_data_guard(demo):
    # The actions raise PrivacyProblem on any finding; the load above proves it. Nothing was
    # published with a warning either.
    assert count(Post.id, Post.privacy_warnings != "") == 0


def test_loading_again_changes_nothing(demo):
    before = snapshot()
    load_accounts()
    load_discussions()
    assert snapshot() == before
