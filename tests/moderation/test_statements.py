"""Statements told to members (site and e-mail), and their contests decided by another moderator."""

from __future__ import annotations

import pytest

from forum.accounts.models import EmailMode
from forum.discussions.models import Post, Topic
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation import actions, sanctions, statements
from forum.moderation.models import CaseState, Contest, ModerationAction, ModerationCase, Statement
from forum.notifications.models import MailMessage
from forum.policy import NotAllowed
from tests import factories
from tests.helpers import page_text, visible_text


def _mails(user) -> list[MailMessage]:
    return list(db.session.scalars(db.select(MailMessage).where(MailMessage.recipient == user.email,
                                                                MailMessage.kind == "moderation-statement")))


def _set_mode(user, mode: str) -> None:
    from forum.notifications.actions import update_preferences

    update_preferences(user, user, email_mode=mode, quiet_start=user.quiet_start_hour,
                       quiet_end=user.quiet_end_hour, digest_hour=user.digest_hour)


def _hide_with_statement(moderator, post: Post, reason: str = "Personne reconnaissable") -> Statement:
    """Hide a post: moderation's hide tells its author with a statement."""
    actions.hide_post(moderator, post, reason)
    return db.session.scalars(db.select(Statement).where(Statement.member_id == post.author_id,
                                                         Statement.action == "hide_post")
                              .order_by(Statement.id.desc())).first()


# --- the statement and its e-mail ------------------------------------------------------------

@pytest.mark.parametrize("mode, emailed", [(EmailMode.IMMEDIATE, True), (EmailMode.DIGEST, True),
                                           (EmailMode.NONE, False)])
def test_a_warning_is_told_on_the_site_and_by_email_as_the_member_chose(member, moderator, mode, emailed):
    _set_mode(member, mode)
    statement = sanctions.warn(moderator, member, "Propos blessants envers un collègue")
    assert statement.member_id == member.id and statement.decided_by_id == moderator.id
    assert statement.rule.startswith("Respect et bienveillance")
    [entry] = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "warn_member"))
    assert entry.member_id == member.id and entry.actor_id == moderator.id
    mails = _mails(member)
    assert bool(mails) is emailed
    if emailed:
        body = mails[0].body
        assert "Avertissement" in body and "Propos blessants envers un collègue" in body
        assert "Règle de la charte concernée : Respect et bienveillance" in body
        assert f"/moderation/decisions/{statement.id}" in body and "contester" in body


def test_the_email_names_the_item_links_it_only_if_readable_and_never_quotes_it(member, other_member, moderator,
                                                                                topic):
    _set_mode(other_member, EmailMode.IMMEDIATE)
    reply = factories.post_number(topic, 2)
    statement = _hide_with_statement(moderator, reply)
    [mail] = _mails(other_member)
    assert "Message d'Omar Autre" in mail.body and "Comment gérer les appels" in mail.body
    assert "médiation différée" not in mail.body  # the removed content is not quoted back
    assert f"/messages/{reply.id}" not in mail.body  # hidden: its author cannot open it any more
    assert statement.rule.startswith("Respect et bienveillance")  # hidden outside a personal-data case


def test_the_member_lists_their_decisions_and_opening_one_marks_it_read(make_client, member, other_member,
                                                                        moderator):
    statement = sanctions.warn(moderator, member, "Hors sujet répété")
    browser = make_client(member)
    home = visible_text(browser.get("/"))
    assert "Décisions de modération 1" in home
    listing = visible_text(browser.get("/moderation/decisions"))
    assert "Nouveau Avertissement" in listing
    page = visible_text(browser.get(f"/moderation/decisions/{statement.id}"))
    assert "Hors sujet répété" in page and "Contester cette décision" in page
    db.session.expire_all()
    assert db.session.get(Statement, statement.id).read_at is not None
    assert "Décisions de modération 1" not in visible_text(browser.get("/"))
    assert make_client(other_member).get(f"/moderation/decisions/{statement.id}").status_code == 403
    assert "Décisions de modération" not in visible_text(make_client(other_member).get("/"))
    assert make_client(moderator).get(f"/moderation/decisions/{statement.id}").status_code == 200


# --- contests -------------------------------------------------------------------------------

def test_the_member_contests_once_and_a_case_waits_in_the_queue(make_client, member, moderator):
    statement = sanctions.warn(moderator, member, "Publicité")
    browser = make_client(member)
    empty = browser.post_form(f"/moderation/decisions/{statement.id}/contester", {"text": "  "})
    assert empty.status_code == 422 and "Expliquez en quelques mots" in page_text(empty)
    too_long = browser.post_form(f"/moderation/decisions/{statement.id}/contester", {"text": "x" * 1001})
    assert too_long.status_code == 422
    done = browser.post_form(f"/moderation/decisions/{statement.id}/contester",
                             {"text": "C'était une information utile aux collègues."})
    assert done.status_code == 302
    [contest] = db.session.scalars(db.select(Contest))
    [case] = db.session.scalars(db.select(ModerationCase).where(ModerationCase.origin == "contestation"))
    assert case.state == CaseState.CONTESTED and case.contest_id == contest.id and case.member_id == member.id
    assert case.target_type == "Statement" and case.target_id == statement.id
    again = browser.post_form(f"/moderation/decisions/{statement.id}/contester", {"text": "Encore."})
    assert "Vous avez déjà contesté cette décision." in page_text(again)
    assert db.session.scalar(db.select(db.func.count(Contest.id))) == 1
    with pytest.raises(ActionError, match="déjà contesté"):
        statements.contest(member, statement, "Une troisième fois")


def test_only_its_member_contests_a_statement(member, other_member, moderator):
    statement = sanctions.warn(moderator, member, "Publicité")
    with pytest.raises(NotAllowed):
        statements.contest(other_member, statement, "Je conteste pour elle.")


def test_the_moderator_who_decided_cannot_decide_the_contest(make_client, member, moderator, admin):
    statement = sanctions.warn(moderator, member, "Publicité")
    contest = statements.contest(member, statement, "Je ne comprends pas.")
    refused = make_client(moderator).post_form(f"/moderation/contestations/{contest.id}/trancher",
                                               {"outcome": "annulee", "note": "Je me déjuge."})
    assert refused.status_code == 403
    assert make_client(member).post_form(f"/moderation/contestations/{contest.id}/trancher",
                                         {"outcome": "annulee", "note": "Moi."}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Contest, contest.id).state == "en-attente"
    page = visible_text(make_client(moderator).get(f"/moderation/decisions/{statement.id}"))
    assert "Vous ne pouvez pas trancher cette contestation" in page


def test_another_moderator_reverses_a_hide_the_post_comes_back_and_the_member_is_told(
        make_client, member, other_member, moderator, admin, topic):
    reply = factories.post_number(topic, 2)
    statement = _hide_with_statement(moderator, reply)
    contest = statements.contest(other_member, statement, "Il n'y avait aucun nom dans ma réponse.")
    browser = make_client(admin)
    response = browser.post_form(f"/moderation/contestations/{contest.id}/trancher",
                                 {"outcome": "annulee", "note": "Rien ne permettait de reconnaître quelqu'un."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, reply.id).hidden_at is None
    assert db.session.get(Topic, topic.id).reply_count == 1
    assert db.session.get(Contest, contest.id).state == "annulee"
    [entry] = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "contest_reversed"))
    assert entry.actor_id == admin.id and "de nouveau visible" in entry.reason
    case = db.session.get(ModerationCase, entry.case_id)
    assert case.state == CaseState.CLOSED and case.open_key is None
    outcome = db.session.scalars(db.select(Statement).where(Statement.action == "contest_reversed")).one()
    assert outcome.member_id == other_member.id
    page = visible_text(make_client(other_member).get(f"/moderation/decisions/{outcome.id}"))
    assert "Votre message est de nouveau visible." in page and "Cette réponse à votre contestation est définitive." in page
    with pytest.raises(NotAllowed):  # an outcome is final
        statements.contest(other_member, outcome, "Et encore.")
    assert "médiation différée" in visible_text(make_client(member).get(f"/discussions/{topic.id}"))


def test_a_confirmed_contest_changes_nothing_but_tells_the_member(member, moderator, admin, topic):
    reply = factories.make_reply(member, topic, "Une réponse qui nommait quelqu'un.")
    statement = _hide_with_statement(moderator, reply)
    contest = statements.contest(member, statement, "Je conteste.")
    outcome = statements.decide_contest(admin, contest, "confirmee", "Le nom restait reconnaissable.")
    assert outcome.action == "contest_confirmed" and outcome.decided_by_id == admin.id
    db.session.expire_all()
    assert db.session.get(Post, reply.id).hidden_at is not None
    with pytest.raises(NotAllowed):  # decided once: nobody decides it again
        statements.decide_contest(admin, db.session.get(Contest, contest.id), "annulee", "Finalement non.")


def test_a_masked_passage_cannot_come_back_and_the_statement_says_so(member, moderator, admin, topic):
    reply = factories.make_reply(member, topic, "Nous avons vu la famille Durand hier soir.")
    actions.mask_passage(moderator, reply, "famille Durand", "Nom d'une famille")
    entry = db.session.scalars(db.select(ModerationAction).where(ModerationAction.action == "mask_post")).one()
    statement = statements.issue(member.id, entry)
    db.session.commit()
    contest = statements.contest(member, statement, "Ce n'était pas une donnée personnelle.")
    outcome = statements.decide_contest(admin, contest, "annulee", "Vous avez raison.")
    assert "ne peut pas être rétabli" in outcome.reason


def test_a_contest_case_names_the_decision_and_is_decided_from_its_case_page(make_client, member, moderator, admin):
    statement = sanctions.warn(moderator, member, "Publicité répétée")
    contest = statements.contest(member, statement, "Je citais seulement une formation gratuite.")
    case_id = db.session.scalars(db.select(ModerationCase.id).where(ModerationCase.contest_id == contest.id)).one()
    queue = visible_text(make_client(admin).get("/moderation/"))
    assert "Décision contestée" in queue and "Je citais seulement une formation gratuite." in queue
    assert "Contenu supprimé depuis" not in queue
    own = visible_text(make_client(moderator).get(f"/moderation/cas/{case_id}"))
    assert "Vous ne pouvez pas trancher cette contestation" in own and "Classer" not in own
    browser = make_client(admin)
    page = browser.get(f"/moderation/cas/{case_id}")
    assert "Trancher la contestation" in visible_text(page)
    assert f'href="/moderation/decisions/{statement.id}"' in page_text(page)
    response = browser.post_form(f"/moderation/contestations/{contest.id}/trancher",
                                 {"outcome": "confirmee", "note": "Trois messages publicitaires en une semaine."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Contest, contest.id).state == "confirmee"
    assert db.session.get(ModerationCase, case_id).state == CaseState.CLOSED
