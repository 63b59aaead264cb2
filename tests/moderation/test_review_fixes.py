"""What a review of the moderation found: nobody undoes or checks their own case, a contest is
decided and never set aside, a measure only closes a case its moderator handles, dates far away
get a French answer, and an item the reader may not read is not named by its title."""

from __future__ import annotations

from forum import policy
from forum.discussions import actions as discussions
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions, reports, statements
from forum.moderation.models import CaseState, ModerationCase, Statement
from tests import factories
from tests.helpers import page_text


def _fresh(model, key):
    db.session.expire_all()
    return db.session.get(model, key)


def test_a_moderator_does_not_show_again_or_check_their_own_post(topic, moderator, admin):
    own = factories.make_reply(moderator, topic, "Une réponse du modérateur.")
    actions.hide_post(admin, own, "Hors sujet")
    own = _fresh(type(own), own.id)
    assert not policy.can(moderator, "unhide", own) and policy.can(admin, "unhide", own)
    assert not policy.can(moderator, "review_privacy", own)


def test_a_contest_case_is_decided_never_set_aside(topic, other_member, moderator, admin):
    reply = factories.post_number(topic, 2)
    actions.hide_post(admin, reply, "Propos blessants")
    statement = db.session.scalars(db.select(Statement).where(Statement.member_id == reply.author_id)).first()
    statements.contest(other_member, statement, "Je conteste.")
    case = db.session.scalar(db.select(ModerationCase).where(ModerationCase.state == CaseState.CONTESTED))
    try:
        reports.dismiss(moderator, case, "Rien à voir")
    except ActionError as error:
        assert "contestation" in error.message
    else:
        raise AssertionError("a contest case was set aside")
    assert _fresh(ModerationCase, case.id).state == CaseState.CONTESTED


def test_a_measure_closes_only_a_case_its_moderator_handles(make_client, topic, member, other_member, moderator):
    own = factories.make_reply(moderator, topic, "Réponse du modérateur, signalée.")
    case = reports.report(member, own, "hors-sujet")
    response = make_client(moderator).post_form(f"/moderation/membres/{other_member.id}/avertir",
                                                {"reason": "Rappel de la charte", "case_id": str(case.id)})
    assert response.status_code == 403
    assert _fresh(ModerationCase, case.id).state == CaseState.OPEN


def test_dates_beyond_the_calendar_get_a_french_answer(make_client, member, moderator, admin):
    browser = make_client(admin)
    response = browser.get("/moderation/journal?au=9999-12-31")
    assert response.status_code == 400 and "date valide" in page_text(response)
    assert make_client(admin).get("/moderation/journal?du=0001-01-01").status_code == 400
    response = browser.post_form(f"/moderation/membres/{member.id}/suspendre",
                                 {"reason": "Essai", "until": "9999-12-31"}, follow_redirects=True)
    assert response.status_code == 200 and "date de fin plus proche" in page_text(response)
    assert _fresh(type(member), member.id).suspended_until is None


def test_an_animator_is_not_told_the_title_of_a_held_discussion(make_client, member, animator):
    held = discussions.start_topic(member, pole=factories.pole("bretagne"), theme=factories.theme("transports"),
                                   kind="question", title="Mme Martin et son fils", body="Mme Martin a rappelé.",
                                   privacy_reason="Nom inventé")
    assert held.held_at is not None
    queue = page_text(make_client(animator).get("/moderation/"))
    assert "Mme Martin" not in queue and "votre rôle ne permet pas de lire" in queue
