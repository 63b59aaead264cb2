"""On a phone: a reply reported for personal data, hidden by a moderator, contested by its author, decided by an admin."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.e2e.conftest import wait_for_mail
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

REPLY = "Le locataire du troisième, le grand qui boite depuis son accident, appelle tous les soirs."


def _log_in(context, base: str, user):
    page = context.new_page()
    page.goto(base + "/connexion")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("bienvenue sur le forum").wait_for()
    return page


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide on a 360px screen"


def _shot(page, screenshots, name: str) -> None:
    _fits(page)
    page.screenshot(path=screenshots / name, full_page=True)


def test_report_hide_statement_and_contest_on_a_phone(app, live_server, phone, screenshots, outbox, clock,
                                                      member, other_member, moderator, admin):
    topic = factories.make_topic(member, "Appels répétés la nuit : comment répondre ?")
    factories.make_reply(other_member, topic, REPLY)

    # A member reports the reply: personal data, with a note.
    reporter = _log_in(phone(), live_server, member)
    reporter.goto(f"{live_server}/discussions/{topic.id}")
    reply_article = reporter.locator("article", has_text="qui boite")
    reply_article.get_by_role("link", name="Signaler").click()
    reporter.get_by_role("heading", name="Signaler un contenu").wait_for()
    reporter.get_by_label("Donnée personnelle / personne reconnaissable").check()
    reporter.get_by_label(re.compile("Précisions")).fill("Ce locataire est reconnaissable à son handicap.")
    _shot(reporter, screenshots, "30-signalement-formulaire.png")
    reporter.get_by_role("button", name="Envoyer le signalement").click()
    reporter.get_by_text("votre signalement a été transmis").wait_for()
    _shot(reporter, screenshots, "31-signalement-envoye.png")

    # A moderator finds it urgent at the top of the queue, takes it, opens it and hides the reply.
    moderation = _log_in(phone(), live_server, moderator)
    moderation.goto(live_server + "/moderation/")
    card = moderation.locator("li.case-card", has_text="qui boite")
    assert card.get_by_text("Urgent").is_visible()
    assert card.get_by_text("reconnaissable à son handicap").is_visible()
    _shot(moderation, screenshots, "32-file-urgente.png")
    card.get_by_role("button", name="Prendre en charge").click()  # taking it opens the case
    moderation.get_by_text("Vous avez pris ce signalement en charge.").wait_for()
    _shot(moderation, screenshots, "33-cas.png")
    hide = moderation.locator("details:has(button:text-is('Masquer le message'))")
    hide.locator("summary").click()
    hide.get_by_label("Motif (inscrit au journal)").fill(
        "Donnée personnelle : la santé d'un locataire le rend reconnaissable.")
    _shot(moderation, screenshots, "34-cas-masquer.png")
    moderation.get_by_role("button", name="Masquer le message").click()
    moderation.get_by_text(re.compile("masqué", re.I)).first.wait_for()
    _shot(moderation, screenshots, "35-cas-traite.png")

    # The reply's author reads the statement on « Décisions de modération », and its e-mail.
    author = _log_in(phone(), live_server, other_member)
    author.get_by_role("link", name=re.compile("Décisions de modération")).first.click()
    author.get_by_role("heading", name="Décisions de modération").wait_for()
    _shot(author, screenshots, "36-decisions.png")
    author.locator(".card-title a").first.click()
    assert author.get_by_text("la santé d'un locataire").is_visible()
    # Night workers rest by day: the e-mail waits for the end of the author's quiet hours (15 h).
    assert not [message for message in outbox() if message["To"] == other_member.email]
    clock.advance(hours=5)
    mail = wait_for_mail(app, outbox, other_member.email)
    assert "Décision de modération" in mail["Subject"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "la santé d'un locataire" in text and "contester" in text.lower()
    (screenshots / "36-decision-courriel.txt").write_text(text)
    author.get_by_label("Pourquoi contestez-vous cette décision ?").fill(
        "Tout le quartier le sait déjà ; je voulais seulement décrire la situation.")
    _shot(author, screenshots, "37-contester.png")
    author.get_by_role("button", name="Envoyer ma contestation").click()
    author.get_by_text("En cours d'examen").wait_for()
    _shot(author, screenshots, "38-contestation-envoyee.png")

    moderation.goto(live_server + "/moderation/")
    moderation.locator("li.case-card", has_text="Décision contestée").get_by_role("link", name="Ouvrir").click()
    moderation.get_by_text("Vous ne pouvez pas trancher cette contestation").wait_for()

    # The moderator who hid it may not decide; an administrator does, from the queue.
    deciding = _log_in(phone(), live_server, admin)
    deciding.goto(live_server + "/moderation/")
    contested = deciding.locator("li.case-card", has_text="Décision contestée")
    assert contested.locator("blockquote", has_text="Tout le quartier le sait déjà").is_visible()
    contested.get_by_role("link", name="Ouvrir").click()
    deciding.get_by_role("heading", name="Trancher la contestation").wait_for()
    _shot(deciding, screenshots, "39-contestation-a-trancher.png")
    deciding.get_by_label("Confirmer la décision").check()
    deciding.get_by_label("Réponse au membre (inscrite au journal)").fill(
        "Un lecteur de votre ville reconnaîtrait ce locataire : le masquage est maintenu.")
    deciding.get_by_role("button", name="Trancher").click()
    deciding.get_by_text("Décision confirmée").wait_for()
    _shot(deciding, screenshots, "40-contestation-tranchee.png")

    author.goto(live_server + "/moderation/decisions")
    assert author.get_by_role("link", name="Contestation : décision confirmée").is_visible()
    assert author.locator("p.small", has_text="Contestation : décision confirmée").is_visible()
    _shot(author, screenshots, "41-decisions-apres.png")
