"""« Signaler » through the HTTP client: who may report what, what a report writes, the member's
own list of reports, and the refusals (twice, unreadable, deleted, too many)."""

from __future__ import annotations

import re

from forum.discussions import actions as discussions
from forum.extensions import db
from forum.moderation import reports
from forum.moderation.models import ModerationCase, Report
from tests import factories
from tests.helpers import page_text, visible_text


def _reports() -> list[Report]:
    return list(db.session.scalars(db.select(Report)))


def test_the_form_offers_the_five_reasons_none_chosen(client, make_client, member, reply_post):
    url = f"/moderation/signaler/message/{reply_post.id}"
    assert client.get(url).status_code == 302  # visitors log in first
    page = make_client(member).get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count('type="radio"') == 5 and "checked" not in html
    text = visible_text(page)
    assert text.index("Donnée personnelle / personne reconnaissable") < text.index("Autre (préciser)")
    assert "Nous passons en médiation différée" in text


def test_a_member_reports_a_post_and_is_thanked(make_client, member, reply_post, topic):
    browser = make_client(member)
    response = browser.post_form(f"/moderation/signaler/message/{reply_post.id}",
                                 {"reason": "donnee-personnelle", "note": "Un nom de famille"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/messages/{reply_post.id}")
    landing = browser.get(response.headers["Location"], follow_redirects=True)
    assert "Merci : votre signalement a été transmis à l'équipe de modération." in page_text(landing)
    [report] = _reports()
    assert (report.reporter_id, report.reason, report.note) == (member.id, "donnee-personnelle", "Un nom de famille")
    assert db.session.get(ModerationCase, report.case_id).urgent


def test_reporting_twice_is_refused_and_changes_nothing(make_client, member, reply_post):
    browser = make_client(member)
    url = f"/moderation/signaler/message/{reply_post.id}"
    browser.post_form(url, {"reason": "hors-sujet"})
    again = browser.post_form(url, {"reason": "propos-injurieux"})
    assert again.status_code == 422 and "Vous avez déjà signalé ce contenu." in page_text(again)
    assert "Vous avez déjà signalé ce contenu." in page_text(browser.get(url))
    assert [report.reason for report in _reports()] == ["hors-sujet"]


def test_other_needs_a_note_and_nothing_is_written_without_one(make_client, member, reply_post):
    browser = make_client(member)
    url = f"/moderation/signaler/message/{reply_post.id}"
    refused = browser.post_form(url, {"reason": "autre", "note": "  "})
    assert refused.status_code == 422 and "Précisez le motif" in page_text(refused)
    missing = browser.post_form(url, {"note": "Sans motif"})
    assert missing.status_code == 422 and "Choisissez le motif du signalement." in page_text(missing)
    forged = browser.post_form(url, {"reason": "inconnu"})
    assert forged.status_code == 422
    assert _reports() == []


def test_deleted_unreadable_or_own_items_cannot_be_reported(make_client, member, other_member, topic, hidden_post):
    browser = make_client(member)
    gone = factories.make_reply(other_member, topic, "Message bientôt retiré.")
    discussions.delete_post(other_member, gone)
    assert browser.post_form(f"/moderation/signaler/message/{gone.id}", {"reason": "hors-sujet"}).status_code == 404
    assert browser.get("/moderation/signaler/message/999999").status_code == 404
    assert browser.get(f"/moderation/signaler/inconnu/{topic.id}").status_code == 404
    forbidden = browser.post_form(f"/moderation/signaler/message/{hidden_post.id}", {"reason": "hors-sujet"})
    assert forbidden.status_code == 403 and "Accès refusé" in page_text(forbidden)
    assert browser.get(f"/moderation/signaler/discussion/{topic.id}").status_code == 403  # their own topic
    assert browser.get(f"/moderation/signaler/membre/{member.id}").status_code == 403
    assert _reports() == [] and db.session.scalar(db.select(db.func.count(ModerationCase.id))) == 0


def test_reporting_is_rate_limited(app, make_client, member, other_member):
    app.config["FORUM_RATELIMIT_REPORT"] = "2 per hour"
    browser = make_client(member)
    topics = [factories.make_topic(other_member, f"Question numéro {index}") for index in range(3)]
    answers = [browser.post_form(f"/moderation/signaler/discussion/{topic.id}", {"reason": "hors-sujet"})
               for topic in topics]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Trop de tentatives" in page_text(answers[2]) and len(_reports()) == 2


def test_report_links_appear_where_the_member_may_report(make_client, member, other_member, topic, reply_post,
                                                          published_sheet):
    browser = make_client(other_member)
    topic_page = browser.get(f"/discussions/{topic.id}").get_data(as_text=True)
    assert f"/moderation/signaler/discussion/{topic.id}" in topic_page
    assert f"/moderation/signaler/message/{factories.first_post(topic).id}" in topic_page
    assert f"/moderation/signaler/message/{reply_post.id}" not in topic_page  # their own reply
    sheet_page = browser.get(f"/bibliotheque/{published_sheet.id}").get_data(as_text=True)
    assert f"/moderation/signaler/fiche/{published_sheet.id}" in sheet_page
    assert f"/moderation/signaler/membre/{member.id}" in browser.get(f"/membres/{member.id}").get_data(as_text=True)
    assert "/moderation/signaler/" not in make_client(member).get(f"/membres/{member.id}").get_data(as_text=True)


def test_my_reports_say_received_then_handled_never_by_whom(make_client, member, moderator, reply_post):
    browser = make_client(member)
    assert "Vous n'avez encore rien signalé." in page_text(browser.get("/moderation/mes-signalements"))
    case = reports.report(member, reply_post, "hors-sujet", "Publicité")
    page = visible_text(browser.get("/moderation/mes-signalements"))
    assert "Reçu" in page and "Hors sujet / publicité" in page and "Publicité" in page
    reports.dismiss(moderator, case, "Réponse pertinente")
    page = visible_text(browser.get("/moderation/mes-signalements"))
    assert "Traité" in page and "Reçu" not in page
    assert moderator.display_name not in page and "Réponse pertinente" not in page
    assert re.search(r"Mes signalements", page_text(browser.get("/profil")))
