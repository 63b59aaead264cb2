"""The pages that pin, lock, move, split and merge topics: who may, what changed, the journal,
the statements, the case settled, and bad input answered in French without a change."""

from __future__ import annotations

import json
import threading

import pytest
from flask import g, render_template

from forum.accounts.models import User
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import cases, topics
from forum.moderation.models import CaseState, ModerationAction, ModerationCase, Statement
from tests import factories
from tests.helpers import page_text


def _journal(action: str) -> list[ModerationAction]:
    return db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)).all()


def _told(action: str) -> list[int]:
    return db.session.scalars(db.select(Statement.member_id).where(Statement.action == action)).all()


def test_locking_needs_a_reason_tells_the_author_and_settles_the_case(make_client, topic, member, animator):
    case_id = cases.open_case(topic, "signalement").id
    db.session.commit()
    browser = make_client(animator)
    tools = page_text(browser.get(f"/discussions/{topic.id}"))
    assert "Fermer aux réponses" in tools and "Scinder" in tools and "Motif (inscrit au journal" in tools
    refused = browser.post_form(f"/discussions/{topic.id}/verrouiller", {"reason": "  "}, follow_redirects=True)
    assert "Indiquez le motif" in page_text(refused)
    assert db.session.get(Topic, topic.id).locked_at is None and _journal("lock_topic") == []
    browser.post_form(f"/discussions/{topic.id}/verrouiller", {"reason": "Le sujet dérive vers des personnes."})
    assert db.session.get(Topic, topic.id).locked_at is not None
    [entry] = _journal("lock_topic")
    assert (entry.actor_id, entry.reason, entry.case_id) == (animator.id, "Le sujet dérive vers des personnes.",
                                                            case_id)
    assert _told("lock_topic") == [member.id]
    case = db.session.get(ModerationCase, case_id)
    assert (case.state, case.open_key, case.decision) == (CaseState.HANDLED, None, "lock_topic")
    browser.post_form(f"/discussions/{topic.id}/verrouiller")  # reopening needs no reason
    assert db.session.get(Topic, topic.id).locked_at is None and len(_journal("unlock_topic")) == 1


def test_pin_reason_is_optional_and_journaled_without_a_statement(make_client, topic, moderator):
    make_client(moderator).post_form(f"/discussions/{topic.id}/epingler")
    assert db.session.get(Topic, topic.id).pinned_at is not None
    assert len(_journal("pin_topic")) == 1 and _told("pin_topic") == []


def test_a_member_and_an_animator_of_another_pole_cannot_touch_the_topic(make_client, topic, member, app):
    occitan = factories.make_user("Animateur occitan", structure=factories.make_structure(pole_slug="occitanie"),
                                  role="pole_animator", poles=["occitanie"])
    for user in (member, occitan):
        browser = make_client(user)
        for path in ("epingler", "verrouiller", "deplacer", "scinder", "fusionner"):
            assert browser.post_form(f"/discussions/{topic.id}/{path}", {"reason": "x"}).status_code == 403
        assert browser.get(f"/discussions/{topic.id}/scinder").status_code == 403
    stored = db.session.get(Topic, topic.id)
    assert (stored.pinned_at, stored.locked_at) == (None, None)
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))
                             .where(ModerationAction.action.like("%topic%"))) == 0


def test_moving_records_from_and_to_and_refuses_a_pole_the_animator_does_not_animate(make_client, topic, member,
                                                                                     animator):
    browser = make_client(animator)
    away = browser.post_form(f"/discussions/{topic.id}/deplacer", {
        "pole_id": str(factories.pole("occitanie").id), "theme_id": str(topic.theme_id), "reason": "Ailleurs"})
    assert away.status_code == 422 and "un pôle que vous animez" in page_text(away)
    assert db.session.get(Topic, topic.id).pole_id == factories.pole("bretagne").id
    theme = factories.theme("habitat-social")
    moved = browser.post_form(f"/discussions/{topic.id}/deplacer", {
        "pole_id": str(topic.pole_id), "theme_id": str(theme.id), "reason": "C'est une question de logement."})
    assert moved.status_code == 302 and db.session.get(Topic, topic.id).theme_id == theme.id
    [entry] = _journal("move_topic")
    detail = json.loads(entry.detail)
    assert (detail["from_theme_id"], detail["to_theme_id"]) == (factories.theme("mediation-de-nuit").id, theme.id)
    assert _told("move_topic") == [member.id]


def _thread(member, other_member, referent):
    topic = factories.make_topic(member, "Appels de nuit pour tapage : comment répondre ?")
    second = factories.make_reply(other_member, topic, "Nous passons en médiation différée le lendemain.")
    third = factories.make_reply(referent, topic, "Une question sur les horaires du bailleur.", reply_to=second)
    fourth = factories.make_reply(referent, topic, "Le bailleur ne répond qu'en journée.", reply_to=third)
    db.session.commit()
    return topic, third, fourth


def _split_form(ids, **changes):
    form = {"post_ids": [str(value) for value in ids], "title": "Horaires des bailleurs la nuit",
            "pole_id": str(factories.pole("bretagne").id), "theme_id": str(factories.theme("mediation-de-nuit").id),
            "reason": "Un autre sujet."}
    form.update(changes)
    return form


def test_split_page_lists_replies_and_makes_a_new_topic(make_client, member, other_member, referent, animator):
    topic, third, fourth = _thread(member, other_member, referent)
    browser = make_client(animator)
    page = page_text(browser.get(f"/discussions/{topic.id}/scinder"))
    assert f'id="post-{third.id}"' in page and f'id="post-{fourth.id}"' in page
    assert f'id="post-{factories.first_post(topic).id}"' not in page  # the first post stays
    response = browser.post_form(f"/discussions/{topic.id}/scinder", _split_form([third.id, fourth.id]))
    assert response.status_code == 302
    new = db.session.scalar(db.select(Topic).where(Topic.title == "Horaires des bailleurs la nuit"))
    assert response.headers["Location"].endswith(f"/discussions/{new.id}")
    assert db.session.get(Post, third.id).topic_id == new.id and db.session.get(Post, fourth.id).number == 2
    shown = page_text(make_client(member).get(f"/discussions/{new.id}"))
    assert "Le bailleur ne répond qu'en journée." in shown
    assert "un message de l'autre discussion" in shown  # the moved reply still answers post 2, left behind
    assert _told("split_topic") == [referent.id]


@pytest.mark.parametrize("bad, status", [
    (["abc"], 400), (["99999999999999999999"], 400), (["other"], 422), (["first"], 422), ([], 422)])
def test_split_with_bad_ids_is_refused_in_french_and_changes_nothing(make_client, member, other_member, referent,
                                                                     moderator, bad, status):
    topic, third, _fourth = _thread(member, other_member, referent)
    other = factories.make_topic(other_member, "Une autre question sur les bus du soir")
    named = {"other": factories.first_post(other).id, "first": factories.first_post(topic).id}
    ids = [third.id, *(named.get(value, value) for value in bad)] if bad else []
    response = make_client(moderator).post_form(f"/discussions/{topic.id}/scinder", _split_form(ids))
    assert response.status_code == status
    text = page_text(response)
    assert any(word in text for word in ("message", "Cochez", "Requête invalide")), text[:500]
    assert db.session.scalar(db.select(db.func.count(Topic.id))) == 2
    assert [post.topic_id for post in db.session.scalars(db.select(Post).where(Post.id == third.id))] == [topic.id]
    assert _journal("split_topic") == []


def test_split_into_a_pole_the_animator_does_not_animate_is_refused(make_client, member, other_member, referent,
                                                                    animator):
    topic, third, _fourth = _thread(member, other_member, referent)
    response = make_client(animator).post_form(f"/discussions/{topic.id}/scinder", _split_form(
        [third.id], pole_id=str(factories.pole("occitanie").id)))
    assert response.status_code == 422 and "un pôle que vous animez" in page_text(response)
    assert db.session.get(Post, third.id).topic_id == topic.id


def test_merge_page_merges_and_the_old_address_leads_to_the_new_topic(make_client, member, other_member, referent,
                                                                      moderator):
    topic, _third, _fourth = _thread(member, other_member, referent)
    other = factories.make_topic(other_member, "Tapage nocturne : vos pratiques ?")
    factories.make_reply(member, other, "Nous orientons vers le conciliateur.")
    browser = make_client(moderator)
    wrong = browser.post_form(f"/discussions/{other.id}/fusionner", {"into": "999999", "reason": "Doublon"})
    assert wrong.status_code == 422 and "Aucune discussion" in page_text(wrong)
    response = browser.post_form(f"/discussions/{other.id}/fusionner",
                                 {"into": f"http://forum.test/discussions/{topic.id}?page=1", "reason": "Doublon"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/discussions/{topic.id}")
    reader = make_client(member)
    old = reader.get(f"/discussions/{other.id}")
    assert old.status_code == 302 and old.headers["Location"].endswith(f"/discussions/{topic.id}")
    posted = reader.post_form(f"/discussions/{other.id}/repondre", {"body": "Une réponse partie avant la fusion."})
    assert posted.status_code == 307 and f"/discussions/{topic.id}/repondre" in posted.headers["Location"]
    assert "Nous orientons vers le conciliateur." in page_text(reader.get(f"/discussions/{topic.id}"))
    [entry] = _journal("merge_topics")
    assert json.loads(entry.detail)["from_topic"] == other.id
    assert sorted(_told("merge_topics")) == sorted({other_member.id, member.id})
    # the merged topic left the lists
    assert "Tapage nocturne" not in page_text(reader.get("/discussions"))


def test_two_moderators_splitting_the_same_posts_at_once_one_wins(app, member, other_member, referent, moderator,
                                                                   admin):
    topic, third, fourth = _thread(member, other_member, referent)
    ids, topic_id, actors = [third.id, fourth.id], topic.id, [moderator.id, admin.id]
    barrier, outcomes = threading.Barrier(2), []

    def run(index):
        with app.app_context():
            try:
                actor, source = db.session.get(User, actors[index]), db.session.get(Topic, topic_id)
                pole, theme = factories.pole("bretagne"), factories.theme("mediation-de-nuit")
                barrier.wait()
                try:
                    topics.split_topic(actor, source, ids, title=f"Scission numéro {index + 1}", pole=pole,
                                       theme=theme, reason="En même temps")
                    outcomes.append("split")
                except ActionError as error:
                    outcomes.append(error.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes)[-1] == "split" and outcomes.count("split") == 1, outcomes
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Topic.id)).where(Topic.title.like("Scission%"))) == 1
    assert len(_journal("split_topic")) == 1
    moved_to = {post.topic_id for post in db.session.scalars(db.select(Post).where(Post.id.in_(ids)))}
    assert len(moved_to) == 1 and moved_to != {topic_id}


def test_case_slot_offers_the_topic_actions_per_role(app, topic, reply_post, moderator, member):
    case = cases.open_case(reply_post, "signalement")
    with app.test_request_context():
        g.reader = moderator  # who the page is for (what templating.reader caches for a request)
        html = render_template("moderation/_case_actions_topic.html", case=case, target=reply_post)
        assert "Scinder" in html and "Fusionner" in html and "Fermer aux nouvelles réponses" in html
    with app.test_request_context():
        g.reader = member
        html = render_template("moderation/_case_actions_topic.html", case=case, target=reply_post)
        assert "Scinder" not in html and "Fermer" not in html
