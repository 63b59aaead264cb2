"""Posts held when their author overrode a personal-data warning: seen by the author and the
moderators only, counted, notified and indexed only once a moderator publishes them."""

from __future__ import annotations

import pytest

from forum.accounts.models import EmailMode
from forum.discussions import actions as discussions
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions
from forum.moderation.models import CaseOrigin, CaseState, ModerationAction, ModerationCase
from forum.notifications import actions as notify
from forum.notifications.digest import send_digests
from forum.notifications.models import MailMessage, Notification
from tests import factories
from tests.helpers import page_text, visible_text
from tests.search.conftest import titles

NAME = "Mme Martin a rappelé ce soir pour le bruit du local poubelles."
REASON = "Nom inventé, cas fictif"


def _reloaded(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def _journal(action: str) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)))


def _counts(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _notifications_about(topic) -> list[Notification]:
    return list(db.session.scalars(db.select(Notification).where(Notification.topic_id == topic.id)))


@pytest.fixture
def followers(member, topic, animator):
    """The topic's author follows it (by writing it); the animator follows the pole, by e-mail at once."""
    animator.email_mode = EmailMode.IMMEDIATE
    member.email_mode = EmailMode.IMMEDIATE
    db.session.commit()
    notify.set_subscription(animator, factories.pole("bretagne"), "follow")
    return member, animator


@pytest.fixture
def held_reply(topic, referent, followers):
    before = (_counts(Notification), _counts(MailMessage))
    post = discussions.reply(referent, topic, NAME, privacy_reason=REASON)
    assert (_counts(Notification), _counts(MailMessage)) == before  # nobody is told
    return post


def test_a_reply_over_a_warning_is_held_with_an_urgent_case(runner, topic, held_reply):
    post = _reloaded(Post, held_reply.id)
    assert post.held_at is not None and not post.is_visible
    assert _reloaded(Topic, topic.id).reply_count == 1  # only the colleague's visible answer
    case = db.session.scalar(db.select(ModerationCase))
    assert (case.origin, case.urgent, case.state, case.target_id) == (CaseOrigin.PRIVACY, True, CaseState.OPEN, post.id)
    [entry] = _journal("hold_post")
    # The journal names the ground, never the explanation (it may hold what moderation will mask).
    assert entry.automatic and entry.actor_id is None and entry.case_id == case.id and REASON not in entry.reason
    assert "Tous les compteurs sont justes" in runner.invoke(args=["forum", "check", "--dry-run"]).output


def test_a_held_reply_is_read_by_its_author_and_moderators_only(make_client, member, referent, moderator, topic,
                                                                held_reply):
    author_page = visible_text(make_client(referent).get(f"/discussions/{topic.id}"))
    assert "Mme Martin" in author_page and "En attente de vérification" in author_page
    assert "Votre message n'est visible que de vous et des modérateurs" in author_page
    moderator_page = make_client(moderator).get(f"/discussions/{topic.id}")
    assert "Mme Martin" in visible_text(moderator_page) and "Publier (vérifié)" in page_text(moderator_page)
    other = make_client(member)
    page = visible_text(other.get(f"/discussions/{topic.id}"))
    assert "Mme Martin" not in page and "En attente" not in page and "masqué" not in page  # not even a trace
    assert other.get(f"/messages/{held_reply.id}").status_code == 404
    assert "1 réponse" in visible_text(other.get("/discussions"))


def test_the_author_is_told_on_publishing(make_client, referent, topic, followers):
    browser = make_client(referent)
    response = browser.post_form(f"/discussions/{topic.id}/repondre", {"body": NAME, "privacy_reason": REASON},
                                 follow_redirects=True)
    assert "Votre message est en attente de vérification par l'équipe de modération" in page_text(response)


def test_a_held_topic_is_in_no_list_search_or_digest_for_others(app, make_client, member, other_member, referent,
                                                                followers, clock):
    other_member.email_mode = EmailMode.DIGEST
    db.session.commit()
    notify.set_subscription(other_member, factories.pole("bretagne"), "follow")
    before = (_counts(Notification), _counts(MailMessage))
    browser = make_client(referent)
    response = browser.post_form("/discussions/nouvelle", {
        "pole_id": factories.pole("bretagne").id, "theme_id": factories.theme("transports").id,
        "kind": "question", "title": "Une voisine ornithorynque se plaint", "body": NAME, "privacy_reason": REASON},
        follow_redirects=True)
    assert "en attente de vérification" in page_text(response)
    topic = db.session.scalar(db.select(Topic).where(Topic.title.like("%ornithorynque%")))
    assert topic.held_at is not None
    from forum.search import outbox
    outbox.drain(blocking=True)
    reader = make_client(other_member)
    assert reader.get(f"/discussions/{topic.id}").status_code == 404
    assert "ornithorynque" not in page_text(reader.get("/discussions"))
    assert "ornithorynque" not in page_text(reader.get("/poles/bretagne"))
    assert titles(reader, "ornithorynque") == []
    assert "ornithorynque" in page_text(browser.get("/discussions"))  # the author's list shows it, marked
    assert (_counts(Notification), _counts(MailMessage)) == before
    clock.advance(days=1)
    assert send_digests(clock.now()) == 0


def test_release_publishes_counts_notifies_and_indexes(app, runner, make_client, member, animator, moderator,
                                                       topic, held_reply):
    browser = make_client(moderator)
    response = browser.post_form(f"/moderation/messages/{held_reply.id}/publier", {"note": "Nom inventé, vérifié"})
    assert response.status_code == 302
    post = _reloaded(Post, held_reply.id)
    assert post.held_at is None and post.privacy_reviewed_at is not None
    refreshed = _reloaded(Topic, topic.id)
    assert refreshed.reply_count == 2 and refreshed.last_post_id == post.id
    [entry] = _journal("release_post")
    assert entry.actor_id == moderator.id and entry.reason == "Nom inventé, vérifié"
    case = db.session.scalar(db.select(ModerationCase))
    assert case.state == CaseState.HANDLED and case.open_key is None and case.closed_by_id == moderator.id
    told = {(n.user_id, n.kind) for n in db.session.scalars(db.select(Notification).where(Notification.post_id == post.id))}
    assert (member.id, "reply") in told  # the topic's author follows it
    assert {m.recipient for m in db.session.scalars(db.select(MailMessage))} == {member.email}
    assert "Mme Martin" in visible_text(make_client(member).get(f"/discussions/{topic.id}"))
    from forum.search import outbox
    outbox.drain(blocking=True)
    assert titles(make_client(member), "poubelles") == [topic.title]
    assert "Tous les compteurs sont justes" in runner.invoke(args=["forum", "check", "--dry-run"]).output


def test_releasing_a_held_topic_tells_its_pole_followers(make_client, referent, moderator, followers):
    _member, animator = followers
    topic = discussions.start_topic(referent, pole=factories.pole("bretagne"), theme=factories.theme("transports"),
                                    kind="question", title="Bruit au local poubelles", body=NAME,
                                    privacy_reason=REASON)
    assert topic.held_at is not None and not _notifications_about(topic)
    actions.release_post(moderator, factories.first_post(topic))
    assert _reloaded(Topic, topic.id).held_at is None
    [notification] = _notifications_about(topic)
    assert (notification.user_id, notification.kind, notification.actor_id) == (animator.id, "new_topic", referent.id)


def test_two_moderators_at_once_one_publishes(moderator, admin, topic, held_reply):
    post = _reloaded(Post, held_reply.id)
    # The colleague's release lands between this moderator's page and their click.
    db.session.execute(db.update(Post).where(Post.id == post.id).values(held_at=None),
                       execution_options={"synchronize_session": False})
    with pytest.raises(ActionError, match="un autre modérateur"):
        actions.release_post(admin, post)
    assert _journal("release_post") == []


def test_only_moderators_release_and_only_once(make_client, member, referent, animator, moderator, admin,
                                               held_reply):
    for person in (member, referent, animator):
        assert make_client(person).post_form(f"/moderation/messages/{held_reply.id}/publier").status_code == 403
    assert _reloaded(Post, held_reply.id).held_at is not None
    make_client(moderator).post_form(f"/moderation/messages/{held_reply.id}/publier")
    again = make_client(admin).post_form(f"/moderation/messages/{held_reply.id}/publier", follow_redirects=True)
    assert "un autre modérateur s'en est occupé" in page_text(again)
    assert len(_journal("release_post")) == 1
    assert make_client(referent).get(f"/discussions/{held_reply.topic_id}").status_code == 200


def test_masking_then_releasing_a_held_post(moderator, topic, held_reply):
    actions.mask_passage(moderator, held_reply, "Mme Martin", "Donnée personnelle")
    actions.release_post(moderator, _reloaded(Post, held_reply.id))
    post = _reloaded(Post, held_reply.id)
    assert "Mme Martin" not in post.body and post.is_visible
    assert _reloaded(Topic, topic.id).reply_count == 2


def test_hiding_a_held_post_keeps_the_counters_right(runner, moderator, topic, held_reply):
    actions.hide_post(moderator, held_reply, "Personne reconnaissable")
    assert _reloaded(Topic, topic.id).reply_count == 1
    actions.release_post(moderator, _reloaded(Post, held_reply.id))
    assert _reloaded(Topic, topic.id).reply_count == 1  # released but still hidden
    assert "Tous les compteurs sont justes" in runner.invoke(args=["forum", "check", "--dry-run"]).output


def test_an_edit_keeps_a_held_post_held(referent, held_reply):
    discussions.edit_post(referent, held_reply, "Un habitant a rappelé ce soir pour le bruit.")
    post = _reloaded(Post, held_reply.id)
    assert post.held_at is not None and post.privacy_warnings == ""
    assert db.session.scalar(db.select(ModerationCase)).open_key is not None  # still waits for a moderator


def test_overriding_a_warning_on_an_edit_holds_a_published_reply_without_telling_anyone_twice(
        runner, member, other_member, moderator, topic, reply_post, followers):
    discussions.edit_post(other_member, reply_post, NAME, privacy_reason=REASON)
    post = _reloaded(Post, reply_post.id)
    assert post.held_at is not None and _reloaded(Topic, topic.id).reply_count == 0
    [entry] = _journal("hold_post")
    assert '"on": "modification"' in entry.detail
    notifications = _counts(Notification)
    actions.release_post(moderator, post)
    assert _reloaded(Topic, topic.id).reply_count == 1 and _counts(Notification) == notifications
    assert "Tous les compteurs sont justes" in runner.invoke(args=["forum", "check", "--dry-run"]).output


def test_the_queue_lists_held_posts_with_the_author_s_reason(make_client, moderator, held_reply):
    page = page_text(make_client(moderator).get("/moderation/"))
    assert "Mme Martin" in page and REASON in page and "Urgent" in page and "Publier (vérifié)" in page


def test_the_case_page_slot_offers_release_for_a_held_post(app, moderator, held_reply):
    from flask import g, render_template

    case = db.session.scalar(db.select(ModerationCase))
    with app.test_request_context("/moderation/"):
        g.reader = moderator  # the reader the page's ``can`` asks about
        html = render_template("moderation/_case_actions_held.html", case=case, target=held_reply)
        assert "Publier (vérifié)" in html and f"/moderation/messages/{held_reply.id}/publier" in html
        actions.release_post(moderator, held_reply)
        assert "Publier" not in render_template("moderation/_case_actions_held.html", case=case,
                                                target=_reloaded(Post, held_reply.id))


def test_posts_warned_before_holding_existed_stay_in_the_old_list(make_client, moderator, topic, referent):
    post = factories.make_reply(referent, topic, "Une dame a rappelé.")
    post.privacy_warnings, post.privacy_reason = "civility_name", "Ancien message"  # as older versions left it
    db.session.commit()
    browser = make_client(moderator)
    assert "Ancien message" in page_text(browser.get("/moderation/"))
    assert browser.post_form(f"/moderation/messages/{post.id}/vu").status_code == 302
    assert _reloaded(Post, post.id).privacy_reviewed_at is not None
    assert "Ancien message" not in page_text(browser.get("/moderation/"))
