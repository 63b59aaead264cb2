"""A new member registers on a phone, the referent approves, the member logs in."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import wait_for_mail
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "une longue phrase de passe"


def _fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360px screen"


def test_register_approve_and_log_in_on_a_phone(app, live_server, phone, screenshots, outbox, structure, referent):
    member_context = phone()
    page = member_context.new_page()
    page.goto(live_server + "/")
    _fits_the_screen(page)
    page.get_by_role("link", name="Créer un compte").first.click()
    page.get_by_label("Adresse e-mail professionnelle").fill("camille.nuit@test.example")
    page.get_by_label("Prénom et nom").fill("Camille Nuit")
    page.get_by_label("Fonction").fill("Correspondante de nuit")
    page.get_by_label("Structure adhérente").select_option(label=f"{structure.name} ({structure.city})")
    page.get_by_label("Mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(NEW_PASSWORD)
    page.get_by_label(re.compile("J'ai lu la charte")).check()
    _fits_the_screen(page)
    page.screenshot(path=screenshots / "01-inscription.png", full_page=True)
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_role("heading", name="Votre inscription est enregistrée").wait_for()
    page.screenshot(path=screenshots / "02-inscription-enregistree.png", full_page=True)

    confirmation = wait_for_mail(app, outbox, "camille.nuit@test.example")
    link = re.search(r"http://127\.0\.0\.1:\d+\S+", confirmation.get_content()).group(0)
    page.goto(link)
    page.get_by_role("heading", name="Merci, votre adresse est confirmée").wait_for()

    referent_page = phone().new_page()
    referent_page.goto(live_server + "/connexion")
    referent_page.get_by_label("Adresse e-mail").fill(referent.email)
    referent_page.get_by_label("Mot de passe").fill(PASSWORD)
    referent_page.get_by_role("button", name="Se connecter").click()
    referent_page.get_by_role("link", name=re.compile("Comptes à valider")).click()
    _fits_the_screen(referent_page)
    referent_page.screenshot(path=screenshots / "03-comptes-a-valider.png", full_page=True)
    referent_page.get_by_role("button", name="Valider le compte de Camille Nuit").click()
    referent_page.get_by_text("Le compte de Camille Nuit est validé").wait_for()

    page.goto(live_server + "/connexion")
    page.get_by_label("Adresse e-mail").fill("camille.nuit@test.example")
    page.get_by_label("Mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Bonjour Camille Nuit, bienvenue sur le forum.").wait_for()
    page.get_by_role("heading", name="Discussions du réseau").wait_for()
    _fits_the_screen(page)
    page.screenshot(path=screenshots / "04-accueil-membre.png", full_page=True)
    assert page.get_by_role("link", name="Mon profil").is_visible()
