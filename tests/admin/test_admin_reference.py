"""Administrators edit structures, poles, themes and the site pages."""

from __future__ import annotations

from forum.accounts.models import Structure
from forum.extensions import db
from forum.pages.models import SitePage
from forum.taxonomy.models import Pole, Theme
from tests.factories import pole, theme
from tests.helpers import page_text


def _structure_form(**changes):
    return {"name": "Ville de Testbourg", "kind": "commune", "pole_id": str(pole("normandie").id),
            "city": "Testbourg", "active": "y", **changes}


def test_admin_creates_then_deactivates_a_structure(make_client, client, admin):
    browser = make_client(admin)
    assert browser.post_form("/admin/structures/nouvelle", _structure_form()).status_code == 302
    structure = db.session.scalar(db.select(Structure).where(Structure.name == "Ville de Testbourg"))
    assert structure.pole.slug == "normandie" and structure.active
    assert "Ville de Testbourg" in page_text(client.get("/inscription"))

    response = browser.post_form(f"/admin/structures/{structure.id}", _structure_form(active=""))
    assert response.status_code == 302
    db.session.refresh(structure)
    assert not structure.active
    assert "Ville de Testbourg" not in page_text(client.get("/inscription"))


def test_structure_name_must_be_unique_and_present(make_client, admin, structure):
    browser = make_client(admin)
    before = db.session.scalar(db.select(db.func.count(Structure.id)))
    duplicate = browser.post_form("/admin/structures/nouvelle", _structure_form(name=structure.name.upper()))
    assert duplicate.status_code == 422 and "Une structure porte déjà ce nom." in page_text(duplicate)
    empty = browser.post_form("/admin/structures/nouvelle", _structure_form(name="  "))
    assert empty.status_code == 422 and "Indiquez le nom de la structure." in page_text(empty)
    long = browser.post_form("/admin/structures/nouvelle", _structure_form(name="x" * 161))
    assert long.status_code == 422
    ghost_pole = browser.post_form("/admin/structures/nouvelle", _structure_form(pole_id="424242"))
    assert ghost_pole.status_code == 422
    assert db.session.scalar(db.select(db.func.count(Structure.id))) == before


def test_admin_renames_reorders_and_deactivates_a_pole(make_client, client, admin):
    corse = pole("corse")
    response = make_client(admin).post_form(f"/admin/poles/{corse.id}",
                                            {"name": "Corse (avec PACA)", "position": "5", "insee_codes": "94"})
    assert response.status_code == 302
    db.session.refresh(corse)
    assert (corse.name, corse.position, corse.active, corse.slug) == ("Corse (avec PACA)", 5, False, "corse")
    assert "Corse (avec PACA)" not in page_text(client.get("/"))


def test_pole_position_must_be_a_number(make_client, admin):
    bretagne = pole("bretagne")
    response = make_client(admin).post_form(f"/admin/poles/{bretagne.id}",
                                            {"name": "Bretagne", "position": "premier", "active": "y"})
    assert response.status_code == 422 and page_text(response).count("Indiquez un nombre entier entre 0 et 100000.") == 1
    db.session.refresh(bretagne)
    assert bretagne.position == 30


def test_admin_creates_a_theme_and_edits_it(make_client, admin):
    browser = make_client(admin)
    response = browser.post_form("/admin/themes/nouveau", {"name": "Sport et médiation", "position": "200",
                                                          "description": "Tournois, éducateurs", "active": "y"})
    assert response.status_code == 302
    created = db.session.scalar(db.select(Theme).where(Theme.slug == "sport-et-mediation"))
    assert created.name == "Sport et médiation" and created.active and not created.restricted
    duplicate = browser.post_form("/admin/themes/nouveau", {"name": "Sport et Médiation", "position": "1"})
    assert duplicate.status_code == 422
    browser.post_form(f"/admin/themes/{created.id}", {"name": "Sport", "position": "1", "restricted": "y"})
    db.session.refresh(created)
    assert created.name == "Sport" and created.restricted and not created.active


def test_reference_data_exists_from_the_first_start(app):
    assert db.session.scalar(db.select(db.func.count(Pole.id))) == 15
    slugs = set(db.session.scalars(db.select(Theme.slug)))
    assert len(slugs) == 17 and {"mediation-de-nuit", "vie-du-reseau", "financement-pilotage"} <= slugs
    assert theme("vie-du-reseau").restricted
    assert pole("outre-mer").insee_codes == "01,02,03,04,06"


def test_admin_edits_the_charter(make_client, client, admin):
    response = make_client(admin).post_form("/admin/pages/charte", {
        "title": "Charte d'utilisation", "body": "## Nouvelle règle\n\nSoyez <script>alert(1)</script> courtois."})
    assert response.status_code == 302
    page = db.session.scalar(db.select(SitePage).where(SitePage.slug == "charte"))
    assert "<script>" not in page.body_html and "<h4>Nouvelle règle</h4>" in page.body_html
    assert "Nouvelle règle" in page_text(client.get("/charte"))


def test_site_pages_have_real_french_text(client):
    charter = page_text(client.get("/charte"))
    assert "on parle des situations, jamais des personnes" in charter and "119" in charter
    notice = page_text(client.get("/confidentialite"))
    assert "Vos droits" in notice and "CNIL" in notice
    assert client.get("/admin/pages/inconnue").status_code == 302  # visitors go to login first


def test_pole_cannot_take_the_name_of_another_and_codes_are_checked(make_client, admin):
    corse = pole("corse")
    browser = make_client(admin)
    clash = browser.post_form(f"/admin/poles/{corse.id}", {"name": "bretagne", "position": "5", "active": "y"})
    assert clash.status_code == 422 and "porte déjà ce libellé" in page_text(clash)
    codes = browser.post_form(f"/admin/poles/{corse.id}", {"name": "Corse", "position": "5", "insee_codes": "abc, 999,"})
    assert codes.status_code == 422 and "codes de région" in page_text(codes)
    db.session.refresh(corse)
    assert (corse.name, corse.insee_codes) == ("Corse", "94")


def test_every_reference_change_is_in_the_journal(make_client, admin, structure):
    from forum.moderation.models import ModerationAction

    browser = make_client(admin)
    browser.post_form(f"/admin/structures/{structure.id}", _structure_form(name=structure.name, active=""))
    browser.post_form(f"/admin/poles/{pole('corse').id}", {"name": "Corse", "position": "5", "active": "y"})
    browser.post_form(f"/admin/themes/{theme('transports').id}", {"name": "Transports", "position": "60", "active": "y"})
    browser.post_form("/admin/pages/charte", {"title": "Charte", "body": "Texte"})
    logged = db.session.scalars(db.select(ModerationAction.action).order_by(ModerationAction.id)).all()
    assert logged[-4:] == ["edit_structure", "edit_pole", "edit_theme", "edit_page"]
