"""Who hears about what: replies, mentions, solutions, new topics; the page and the header."""

from __future__ import annotations

from forum.discussions import actions
from forum.extensions import db
from forum.notifications import actions as notify
from forum.notifications.models import Notification
from tests.factories import make_reply, make_topic, make_user, pole, theme
from tests.helpers import page_text


def _kinds(user) -> list[tuple[str, int]]:
    rows = db.session.execute(db.select(Notification.kind, Notification.post_id)
                              .where(Notification.user_id == user.id).order_by(Notification.id)).all()
    return [tuple(row) for row in rows]


def test_reply_notifies_followers_but_not_its_writer_nor_muted(member, other_member, referent, structure):
    topic = make_topic(member)
    muted = make_user("Sourdine Test", structure=structure)
    make_reply(muted, topic, "J'ai répondu puis je coupe le son.")
    notify.set_subscription(muted, topic, "mute")
    db.session.execute(db.delete(Notification))
    post = make_reply(other_member, topic)
    assert _kinds(member) == [("reply", post.id)]
    assert _kinds(other_member) == [] and _kinds(muted) == [] and _kinds(referent) == []


def test_reply_to_a_post_notifies_its_author_who_does_not_follow(member, other_member, referent):
    topic = make_topic(member)
    earlier = make_reply(referent, topic, "Une réponse du référent.")
    notify.set_subscription(referent, topic, None)  # stops following
    answer = make_reply(other_member, topic, "Je réponds au référent.", reply_to=earlier)
    assert ("reply", answer.id) in _kinds(referent)


def test_mention_notifies_the_member_named(member, other_member, referent):
    topic = make_topic(member)
    post = make_reply(other_member, topic, f"@{referent.display_name} a un modèle de convention, je crois.")
    assert _kinds(referent) == [("mention", post.id)]
    assert f'href="/membres/{referent.id}"' in post.body_html
    # a mention wins over a plain reply notification for a follower
    mention_of_author = make_reply(other_member, topic, f"Merci @{member.display_name} pour la question.")
    assert ("mention", mention_of_author.id) in _kinds(member)
    assert ("reply", mention_of_author.id) not in _kinds(member)


def test_unknown_or_inactive_names_mention_nobody(member, other_member):
    topic = make_topic(member)
    post = make_reply(other_member, topic, "Merci @Personne Inconnue et @Léa")
    assert "/membres/" not in post.body_html
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.kind == "mention")) == 0


def test_solution_notifies_its_author_and_the_followers(member, other_member, referent):
    topic = make_topic(member)
    make_reply(referent, topic, "Je suis la discussion.")
    answer = make_reply(other_member, topic, "Voici la solution.")
    db.session.execute(db.delete(Notification))
    actions.mark_solution(member, answer)
    assert _kinds(other_member) == [("solution", answer.id)]
    assert _kinds(referent) == [("solution", answer.id)]
    assert _kinds(member) == []


def test_new_topic_in_a_followed_pole_or_theme(member, other_member, referent):
    notify.set_subscription(other_member, pole("bretagne"), "follow")
    notify.set_subscription(referent, theme("transports"), "follow")
    night = make_topic(member, "Une question bretonne sur la nuit")
    bus = make_topic(member, "Une question sur les bus", pole_slug="occitanie", theme_slug="transports")
    assert [kind for kind, _post in _kinds(other_member)] == ["new_topic"]
    assert [kind for kind, _post in _kinds(referent)] == ["new_topic"]
    assert night and bus


def test_notifications_page_header_count_and_reading_the_topic(make_client, member, other_member):
    topic = make_topic(member)
    make_reply(other_member, topic, "Première réponse")
    make_reply(other_member, topic, "Deuxième réponse")
    browser = make_client(member)
    home = page_text(browser.get("/"))
    assert "2 non lues" in home
    page = page_text(browser.get("/notifications"))
    assert page.count("a répondu dans") == 2 and topic.title in page
    browser.get(f"/discussions/{topic.id}")
    assert "non lue" not in page_text(browser.get("/"))
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.read_at.is_(None))) == 0


def test_mark_all_read(make_client, member, other_member):
    topic = make_topic(member)
    make_reply(other_member, topic)
    browser = make_client(member)
    assert browser.post_form("/notifications/tout-lu").status_code == 302
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.read_at.is_(None))) == 0


def test_following_a_pole_from_its_page(make_client, member, other_member):
    browser = make_client(member)
    response = browser.post_form("/poles/occitanie/suivi", {"suivre": "1", "retour": "/poles/occitanie"})
    assert response.headers["Location"] == "/poles/occitanie"
    assert "Vous suivez ce pôle." in page_text(browser.get("/poles/occitanie"))
    make_topic(other_member, "Question occitane", pole_slug="occitanie")
    assert [kind for kind, _ in _kinds(member)] == ["new_topic"]
    browser.post_form("/poles/occitanie/suivi", {"retour": "https://evil.example"})
    assert "Suivre le pôle" in page_text(browser.get("/poles/occitanie"))


def test_topic_follow_mute_and_unfollow_buttons(make_client, member, other_member):
    topic = make_topic(other_member)
    browser = make_client(member)
    browser.post_form(f"/discussions/{topic.id}/suivi", {"level": "follow"})
    assert "Vous suivez cette discussion." in page_text(browser.get(f"/discussions/{topic.id}"))
    browser.post_form(f"/discussions/{topic.id}/suivi", {"level": "mute"})
    make_reply(other_member, topic)
    assert _kinds(member) == []
    bad = browser.post_form(f"/discussions/{topic.id}/suivi", {"level": "spam"}, follow_redirects=True)
    assert "Choix de suivi inconnu." in page_text(bad)


def test_a_suspended_author_is_not_told_of_their_public_sheet(member, animator, admin):
    """The sheet stays readable by visitors, the suspended author among them: still no notification."""
    from forum.library import actions as library
    from tests.factories import make_sheet, suspend

    sheet = make_sheet(member, "published", reviewer=animator, visibility="public")
    suspend(admin, member)
    library.archive(animator, sheet, "Action arrêtée")
    library.restore(animator, sheet)
    told = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == member.id,
                                                                 Notification.sheet_id == sheet.id)).all()
    assert "sheet_archived" not in told and "sheet_restored" not in told


def test_notifications_forget_what_moderation_hid_since(make_client, member, other_member, referent, moderator):
    """Told before the moderator acted, the members no longer read the hidden title or message."""
    from forum.moderation import actions as moderation
    from tests.factories import first_post

    notify.set_subscription(other_member, pole("bretagne"), "follow")
    hidden_topic = make_topic(member, "Une situation tendue au quartier des Tilleuls")
    kept_topic = make_topic(member, "Les rondes de nuit près de la gare")
    notify.set_subscription(referent, kept_topic, "follow")
    hidden_reply = make_reply(other_member, kept_topic, "Une réponse qui nommait un résident.")
    moderation.hide_post(moderator, first_post(hidden_topic), "Personne reconnaissable")
    moderation.hide_post(moderator, hidden_reply, "Personne reconnaissable")

    page = page_text(make_client(other_member).get("/notifications"))
    assert "Tilleuls" not in page
    assert "a ouvert une discussion retirée" in page
    assert "Les rondes de nuit près de la gare" in page  # the other topic, still readable

    told = make_client(referent).get("/notifications").get_data(as_text=True)
    assert "Les rondes de nuit près de la gare" in told
    assert f"/messages/{hidden_reply.id}" not in told  # the hidden message is not linked…
    assert f'href="/discussions/{kept_topic.id}"' in told  # …its discussion is

    moderation.unhide_post(moderator, first_post(hidden_topic))
    assert "quartier des Tilleuls" in page_text(make_client(other_member).get("/notifications"))
