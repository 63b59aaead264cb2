"""Warnings, suspensions that end by themselves, and requests for an edit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from forum.accounts.models import Status, User
from forum.db_types import utcnow
from forum.discussions import actions as discussions
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import sanctions
from forum.moderation.models import ModerationAction, Statement
from forum.policy import NotAllowed
from tests import factories
from tests.helpers import page_text, visible_text


def _user(user) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def _journal(action: str) -> list[ModerationAction]:
    return list(db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == action)))


# --- warnings and suspensions ----------------------------------------------------------------

def test_members_and_animators_cannot_warn_or_suspend(make_client, member, other_member, animator):
    for person in (member, animator):
        browser = make_client(person)
        assert browser.post_form(f"/moderation/membres/{other_member.id}/avertir",
                                 {"reason": "Propos"}).status_code == 403
        assert browser.post_form(f"/moderation/membres/{other_member.id}/suspendre",
                                 {"reason": "Propos", "days": "7"}).status_code == 403
    assert _journal("warn_member") == [] and _user(other_member).status == Status.ACTIVE


def test_a_warning_needs_a_reason(make_client, member, moderator):
    response = make_client(moderator).post_form(f"/moderation/membres/{member.id}/avertir", {"reason": " "},
                                                follow_redirects=True)
    assert "Indiquez le motif" in page_text(response) and _journal("warn_member") == []


def test_a_moderator_suspends_for_a_set_time_and_the_member_is_told(make_client, member, moderator, clock):
    response = make_client(moderator).post_form(f"/moderation/membres/{member.id}/suspendre",
                                                {"reason": "Insultes répétées", "days": "3"})
    assert response.status_code == 302
    user = _user(member)
    assert user.status == Status.SUSPENDED
    assert abs(user.suspended_until - (clock.now() + timedelta(days=3))) < timedelta(seconds=30)
    [entry] = _journal("suspend_account")
    assert entry.actor_id == moderator.id and entry.member_id == member.id and '"until"' in entry.detail
    [statement] = db.session.scalars(db.select(Statement).where(Statement.member_id == member.id))
    assert statement.action == "suspend_account" and statement.reason == "Insultes répétées"
    login = make_client().post_form("/connexion", {"email": member.email, "password": factories.PASSWORD})
    text = visible_text(login)
    assert "Votre compte est suspendu jusqu'au" in text and "Motif : Insultes répétées." in text


def test_a_moderator_cannot_suspend_for_good_nor_beyond_90_days_an_administrator_can(member, other_member,
                                                                                      moderator, admin):
    with pytest.raises(ActionError, match="réservée à l'administration"):
        sanctions.suspend(moderator, member, "Propos", permanent=True)
    with pytest.raises(ActionError, match="90 jours au plus"):
        sanctions.suspend(moderator, member, "Propos", until=(utcnow() + timedelta(days=120)).date())  # the frozen clock
    with pytest.raises(ActionError, match="de 1 à 90 jours"):
        sanctions.suspend(moderator, member, "Propos", days=365)
    assert _user(member).status == Status.ACTIVE and _journal("suspend_account") == []
    sanctions.suspend(admin, other_member, "Menaces", permanent=True)
    user = _user(other_member)
    assert user.status == Status.SUSPENDED and user.suspended_until is None


def test_a_moderator_does_not_suspend_another_moderator(moderator, admin, structure):
    colleague = factories.make_user("Mona Modératrice", structure=structure, role="moderator")
    with pytest.raises(NotAllowed):
        sanctions.suspend(moderator, colleague, "Désaccord", days=1)


def test_two_suspensions_at_once_one_wins(member, moderator, admin):
    sanctions.suspend(moderator, member, "Propos", days=7)
    stale = db.session.get(User, member.id)
    db.session.expunge(stale)
    stale.status = Status.ACTIVE  # as the second moderator's request read it, before the first committed
    with pytest.raises(ActionError, match="vient d'être suspendu"):
        sanctions.suspend(admin, stale, "Propos aussi", days=3)
    assert len(_journal("suspend_account")) == 1


@pytest.mark.parametrize("start, days", [
    (datetime(2026, 1, 29, 22, 0, tzinfo=UTC), 3),  # across a month end: ends on 1 February
    (datetime(2028, 2, 27, 23, 30, tzinfo=UTC), 3),  # across a leap day: ends on 1 March 2028
])
def test_a_suspension_ends_by_itself_at_its_date(runner, make_client, member, moderator, clock, start, days):
    clock.travel_to(start)
    sanctions.suspend(moderator, member, "Propos", days=days)
    clock.travel_to(start + timedelta(days=days) - timedelta(minutes=1))
    assert "0 suspension" in runner.invoke(args=["moderation", "expire"]).output
    assert _user(member).status == Status.SUSPENDED
    clock.travel_to(start + timedelta(days=days, minutes=1))
    assert "1 suspension" in runner.invoke(args=["moderation", "expire"]).output
    user = _user(member)
    assert user.status == Status.ACTIVE and user.suspended_until is None
    [ended] = _journal("suspension_ended")
    assert ended.automatic and ended.actor_id is None and ended.member_id == member.id
    make_client(member)  # logs in


def test_a_suspension_whose_date_passed_ends_at_login_without_anyone_acting(make_client, member, moderator, clock):
    clock.travel_to(datetime(2026, 3, 20, 10, 0, tzinfo=UTC))  # a month end after summer time began, whatever the start day
    sanctions.suspend(moderator, member, "Propos", until=date(2026, 3, 31))
    clock.travel_to(datetime(2026, 3, 31, 21, 30, tzinfo=UTC))  # 23 h 30 in Paris, the last day
    refused = make_client().post_form("/connexion", {"email": member.email, "password": factories.PASSWORD})
    assert "suspendu jusqu'au" in visible_text(refused)
    clock.travel_to(datetime(2026, 3, 31, 22, 1, tzinfo=UTC))  # past midnight in Paris: 1 April
    make_client(member)
    assert _user(member).status == Status.ACTIVE and len(_journal("suspension_ended")) == 1


# --- requests for an edit ---------------------------------------------------------------------

def test_an_animator_asks_for_an_edit_in_their_pole_only(member, animator, other_member, topic):
    reply = factories.post_number(topic, 2)
    sanctions.request_edit(animator, reply, "Retirez le nom du bailleur", hide=False)
    assert db.session.get(Post, reply.id).edit_requested_at is not None
    elsewhere = factories.make_topic(other_member, "Une question en Occitanie", pole_slug="occitanie")
    with pytest.raises(NotAllowed):
        sanctions.request_edit(animator, factories.first_post(elsewhere), "Hors de mon pôle", hide=False)


def test_request_edit_with_hide_author_sees_banner_edits_and_the_post_is_back(make_client, member, other_member,
                                                                               moderator, topic):
    reply = factories.post_number(topic, 2)
    response = make_client(moderator).post_form(f"/moderation/messages/{reply.id}/demander-modification",
                                                {"reason": "Le nom de la résidence permet de reconnaître la famille.",
                                                 "hide": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, reply.id).hidden_at is not None
    assert db.session.get(Topic, topic.id).reply_count == 0
    assert "médiation différée" not in visible_text(make_client(member).get(f"/discussions/{topic.id}"))
    author = make_client(other_member)
    page = visible_text(author.get(f"/discussions/{topic.id}"))
    assert "La modération vous demande de modifier ce message : Le nom de la résidence permet" in page
    assert "médiation différée" in page
    [statement] = db.session.scalars(db.select(Statement).where(Statement.member_id == other_member.id))
    assert statement.action == "request_edit"
    edited = author.post_form(f"/messages/{reply.id}/modifier",
                              {"body": "Nous passons en médiation différée le lendemain, sans nommer personne."})
    assert edited.status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, reply.id)
    assert post.hidden_at is None and post.edit_requested_at is None
    assert db.session.get(Topic, topic.id).reply_count == 1
    assert "sans nommer personne" in visible_text(make_client(member).get(f"/discussions/{topic.id}"))
    [done] = _journal("edit_done")
    assert done.automatic and done.member_id == other_member.id


def test_request_edit_without_hide_keeps_the_post_visible(member, other_member, moderator, topic):
    reply = factories.post_number(topic, 2)
    sanctions.request_edit(moderator, reply, "Précisez la source", hide=False)
    db.session.expire_all()
    assert db.session.get(Post, reply.id).is_visible
    discussions.edit_post(other_member, db.session.get(Post, reply.id), "Source : le guide de l'ANCT.")
    db.session.expire_all()
    assert db.session.get(Post, reply.id).edit_requested_at is None and len(_journal("edit_done")) == 1


def test_a_request_for_an_edit_on_a_first_post_hides_and_shows_its_topic(member, other_member, moderator, topic):
    first = factories.first_post(topic)
    sanctions.request_edit(moderator, first, "Le titre nomme une personne", hide=True)
    db.session.expire_all()
    assert db.session.get(Topic, topic.id).hidden_at is not None
    from forum import policy

    assert policy.can(member, "view", db.session.get(Topic, topic.id))
    assert not policy.can(other_member, "view", db.session.get(Topic, topic.id))
    discussions.edit_post(member, db.session.get(Post, first.id), "Une question générale sur les appels de nuit.",
                          title="Comment gérer les appels répétés la nuit ?")
    db.session.expire_all()
    topic_now = db.session.get(Topic, topic.id)
    assert topic_now.hidden_at is None and topic_now.edit_requested_at is None
    assert policy.can(other_member, "view", topic_now)


# --- the case page's slots ---------------------------------------------------------------------

def _render_slot(app, reader, template: str, **context) -> str:
    from flask import g, render_template_string

    with app.test_request_context("/moderation/"):
        g.reader = reader
        return render_template_string(f'{{% include "moderation/{template}" %}}', **context)


def test_the_member_measures_slot_shows_each_measure_to_whoever_may_take_it(app, member, other_member, animator,
                                                                            moderator, topic):
    reply = factories.post_number(topic, 2)
    as_moderator = _render_slot(app, moderator, "_case_actions_member.html", target=reply, case=None)
    assert "Demander une modification" in as_moderator and f"Avertir {other_member.display_name}" in as_moderator
    assert f"Suspendre {other_member.display_name}" in as_moderator and "Sans date de fin" not in as_moderator
    as_animator = _render_slot(app, animator, "_case_actions_member.html", target=reply, case=None)
    assert "Demander une modification" in as_animator and "Avertir" not in as_animator
    assert "Suspendre" not in as_animator
    assert "Avertir" not in _render_slot(app, member, "_case_actions_member.html", target=other_member, case=None)
