"""On a phone: a question answered and solved; a discussion turned into a sheet and published."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


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


def test_question_reply_and_solution_on_a_phone(live_server, phone, screenshots, member, other_member):
    asker = _log_in(phone(), live_server, member)
    asker.get_by_role("link", name="Poser une question").first.click()
    asker.get_by_label("Titre").fill("Appels répétés la nuit : quelle limite de passages ?")
    asker.get_by_label("Votre message").fill(
        "Un locataire nous appelle presque tous les soirs pour du bruit.\n\nComment fixez-vous une **limite** ?")
    _fits(asker)
    asker.screenshot(path=screenshots / "10-question.png", full_page=True)
    asker.get_by_role("button", name="Publier", exact=True).click()
    asker.get_by_role("heading", name="Appels répétés la nuit : quelle limite de passages ?").wait_for()
    topic_url = asker.url.split("?")[0]

    helper = _log_in(phone(), live_server, other_member)
    helper.goto(topic_url)
    helper.get_by_label("Votre réponse").fill("Nous passons en médiation différée après trois appels, avec le bailleur.")
    helper.get_by_role("button", name="Publier la réponse").click()
    helper.get_by_text("Nous passons en médiation différée").wait_for()
    _fits(helper)
    helper.screenshot(path=screenshots / "11-reponse.png", full_page=True)

    asker.goto(topic_url)
    asker.get_by_role("button", name="Marquer comme solution").click()
    asker.get_by_role("heading", name="✓ Solution retenue").wait_for()
    _fits(asker)
    asker.screenshot(path=screenshots / "12-solution.png", full_page=True)
    asker.goto(live_server + "/?filtre=resolues")
    assert asker.get_by_text("Appels répétés la nuit : quelle limite de passages ?").is_visible()


def test_a_discussion_becomes_a_public_sheet(live_server, phone, browser, screenshots, structure, member):
    animator = factories.make_user("Anne Animatrice", structure=structure, role="pole_animator", poles=["bretagne"])
    second = factories.make_user("Bruno Animateur", structure=structure, role="pole_animator", poles=["bretagne"])
    topic = factories.make_topic(member, "Fiche de liaison entre l'équipe de nuit et le bailleur")
    answer = factories.make_reply(animator, topic, "Nous envoyons chaque matin à 6 h un formulaire court au bailleur.")
    from forum.discussions.actions import mark_solution

    mark_solution(member, answer)

    page = _log_in(phone(), live_server, animator)
    page.goto(f"{live_server}/discussions/{topic.id}")
    page.get_by_role("link", name="Créer une fiche à partir de cette discussion").click()
    page.get_by_role("button", name="Créer le brouillon de fiche").click()
    page.get_by_text("Le brouillon de fiche est prêt").wait_for()
    fill = {
        "En bref": "Chaque matin, les signalements de la nuit partent au bailleur ; les délais ont fondu.",
        "Territoire": "Une commune de taille moyenne, deux quartiers prioritaires",
        "Objectifs": "- Tout transmettre avant 8 h",
        "Période et durée": "Depuis un an, chaque soir de tournée",
        "Moyens humains": "Huit correspondants de nuit",
        "Partenaires": "Le bailleur social, le service propreté",
        "Résultats et évaluation": "Délai de réparation divisé par deux.",
        "Difficultés et points de vigilance": "Tenir le rythme pendant l'été.",
        "Facteurs de réussite, conditions pour reproduire": "Une adresse de service par bailleur.",
        "Coordonnées": "Coordination nuit — coordination@regie-test.example",
    }
    for label, value in fill.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Habitants, locataires").check()
    page.get_by_label("Type de territoire").select_option(label="Quartier prioritaire (QPV)")
    page.get_by_label("Visibilité").select_option(label="Public (lisible sans compte)")
    _fits(page)
    page.screenshot(path=screenshots / "20-fiche-formulaire.png", full_page=True)
    page.get_by_role("button", name="Enregistrer et soumettre à la relecture").click()
    page.get_by_text("Votre fiche est soumise").wait_for()
    assert page.get_by_role("button", name="Publier cette version").count() == 0  # not her own
    sheet_url = page.url.split("?")[0]

    reviewer = _log_in(phone(), live_server, second)
    reviewer.goto(live_server + "/bibliotheque/relecture")
    reviewer.get_by_role("link", name=re.compile("Fiche de liaison entre")).click()
    reviewer.get_by_role("button", name="Publier cette version").click()
    reviewer.get_by_text("La fiche est publiée").wait_for()

    visitor = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR").new_page()
    visitor.goto(live_server + "/bibliotheque/")
    visitor.get_by_role("link", name=re.compile("Fiche de liaison entre")).click()
    visitor.get_by_role("heading", name=re.compile("Fiche de liaison entre")).wait_for()
    assert visitor.url.split("?")[0] == sheet_url
    assert visitor.get_by_text("Nous envoyons chaque matin à 6 h").is_visible()
    _fits(visitor)
    visitor.screenshot(path=screenshots / "21-fiche-publique.png", full_page=True)
    visitor.emulate_media(media="print")
    visitor.screenshot(path=screenshots / "22-fiche-impression.png", full_page=True)
    assert not visitor.get_by_role("navigation", name="Navigation principale").is_visible()
