"""Own profile, password change, and what other members see."""

from __future__ import annotations

from forum.extensions import db
from tests.factories import PASSWORD
from tests.helpers import page_text


def test_member_edits_own_profile(client, member):
    client.login(member)
    response = client.post_form("/profil", {"display_name": "  Léa   Morvan ", "job_title": "Coordinatrice",
                                            "time_zone": "Indian/Reunion"})
    assert response.status_code == 302
    db.session.refresh(member)
    assert (member.display_name, member.job_title, member.time_zone) == ("Léa Morvan", "Coordinatrice",
                                                                          "Indian/Reunion")


def test_profile_page_shows_structure_pole_role_and_time_zone(client, animator):
    client.login(animator)
    page = page_text(client.get("/profil"))
    for expected in (animator.structure.name, "Bretagne", "Animation de pôle", "Fuseau horaire", animator.email):
        assert expected in page


def test_unknown_time_zone_is_refused_without_saving(client, member):
    client.login(member)
    response = client.post_form("/profil", {"display_name": "Autre Nom", "job_title": "", "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    assert "Choisissez une option dans la liste." in page_text(response)
    db.session.refresh(member)
    assert member.display_name == "Léa Membre"


def test_empty_or_oversized_name_is_refused_with_a_message(client, member):
    client.login(member)
    empty = client.post_form("/profil", {"display_name": "   ", "job_title": "", "time_zone": "Europe/Paris"})
    assert empty.status_code == 422 and "Indiquez votre nom." in page_text(empty)
    long = client.post_form("/profil", {"display_name": "x" * 81, "job_title": "", "time_zone": "Europe/Paris"})
    assert long.status_code == 422 and "80 caractères au maximum." in page_text(long)
    db.session.refresh(member)
    assert member.display_name == "Léa Membre"


def test_password_change_needs_the_current_password(client, member):
    client.login(member)
    wrong = client.post_form("/profil/mot-de-passe", {"pw-current_password": "pas le bon mot de passe",
                                                      "pw-password": "nouveau mot de passe sûr",
                                                      "pw-confirm": "nouveau mot de passe sûr"})
    assert wrong.status_code == 422 and "Le mot de passe actuel est incorrect." in page_text(wrong)
    right = client.post_form("/profil/mot-de-passe", {"pw-current_password": PASSWORD,
                                                      "pw-password": "nouveau mot de passe sûr",
                                                      "pw-confirm": "nouveau mot de passe sûr"})
    assert right.status_code == 302
    assert client.get("/profil").status_code == 200  # this session stays open


def test_password_change_closes_other_sessions(make_client, member):
    phone, desktop = make_client(member), make_client(member)
    desktop.post_form("/profil/mot-de-passe", {"pw-current_password": PASSWORD,
                                               "pw-password": "nouveau mot de passe sûr",
                                               "pw-confirm": "nouveau mot de passe sûr"})
    assert desktop.get("/profil").status_code == 200
    assert phone.get("/profil").status_code == 302


def test_other_members_see_name_job_structure_and_pole_only(client, member, other_member):
    client.login(other_member)
    page = page_text(client.get(f"/membres/{member.id}"))
    assert "Léa Membre" in page and member.job_title in page
    assert member.structure.name in page and "Bretagne" in page
    assert member.email not in page
    assert "Europe/Paris" not in page


def test_visitors_cannot_see_profiles(client, member):
    response = client.get(f"/membres/{member.id}")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_pending_profiles_are_hidden_from_members(client, member, pending_user):
    client.login(member)
    assert client.get(f"/membres/{pending_user.id}").status_code == 403


def test_profile_of_missing_member_is_a_french_404(client, member):
    client.login(member)
    response = client.get("/membres/999999")
    assert response.status_code == 404 and "Page introuvable" in page_text(response)


def test_new_password_must_differ_and_its_owner_is_told_by_mail(client, member, outbox):
    client.login(member)
    same = client.post_form("/profil/mot-de-passe", {"pw-current_password": PASSWORD, "pw-password": PASSWORD,
                                                     "pw-confirm": PASSWORD})
    assert same.status_code == 422 and "différent de l'actuel" in page_text(same)
    client.post_form("/profil/mot-de-passe", {"pw-current_password": PASSWORD,
                                              "pw-password": "nouveau mot de passe sûr",
                                              "pw-confirm": "nouveau mot de passe sûr"})
    assert outbox()[-1]["To"] == member.email and outbox()[-1]["Subject"] == "Votre mot de passe a été changé"


def test_visitors_cannot_probe_which_member_ids_exist(client, member):
    assert client.get(f"/membres/{member.id}").status_code == client.get("/membres/999999").status_code == 302
