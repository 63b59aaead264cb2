"""Bad registration input: a clear French message, nothing written, never a 500."""

from __future__ import annotations

import pytest

from forum.accounts.models import User
from forum.extensions import db
from tests.helpers import page_text

VALID = {
    "email": "valide@test.example", "display_name": "Val Ide", "job_title": "Médiatrice",
    "password": "une phrase assez longue", "confirm": "une phrase assez longue", "accept_charter": "y",
}


def _accounts() -> int:
    return db.session.scalar(db.select(db.func.count(User.id)))


@pytest.mark.parametrize("changes, message", [
    ({"email": ""}, "Indiquez votre adresse e-mail."),
    ({"email": "pas-une-adresse"}, "Cette adresse e-mail n'est pas valide."),
    ({"email": "x" * 250 + "@t.example"}, "Cette adresse e-mail n'est pas valide."),
    ({"display_name": ""}, "Indiquez votre prénom et votre nom."),
    ({"display_name": "x" * 81}, "80 caractères au maximum."),
    ({"job_title": ""}, "Indiquez votre fonction."),
    ({"job_title": "x" * 121}, "120 caractères au maximum."),
    ({"password": "court", "confirm": "court"}, "entre 12 et 128 caractères"),
    ({"password": "x" * 129, "confirm": "x" * 129}, "entre 12 et 128 caractères"),
    ({"confirm": "une autre phrase longue"}, "Les deux mots de passe ne sont pas identiques."),
    ({"accept_charter": ""}, "Vous devez accepter la charte"),
    ({"structure_id": "999999"}, "Choisissez une option dans la liste."),
    ({"structure_id": "abc"}, "Choisissez une option dans la liste."),
    ({"structure_id": ""}, "Choisissez votre structure dans la liste."),
])
def test_bad_registration_input_is_explained_and_nothing_is_written(client, structure, changes, message):
    before = _accounts()
    data = {**VALID, "structure_id": str(structure.id), **changes}
    response = client.post_form("/inscription", data)
    assert response.status_code == 422
    text = page_text(response)
    assert message in text
    assert "Le formulaire contient des erreurs" in text
    assert _accounts() == before
    # what the person typed is still there (except passwords)
    if changes.get("display_name", "x") and "display_name" not in changes:
        assert 'value="Val Ide"' in text


def test_registration_is_rate_limited(app, client, structure):
    app.config["FORUM_RATELIMIT_REGISTER"] = "2 per hour"
    for number in range(2):
        client.post_form("/inscription", {**VALID, "email": f"n{number}@test.example",
                                          "structure_id": str(structure.id)})
    response = client.post_form("/inscription", {**VALID, "email": "n9@test.example",
                                                 "structure_id": str(structure.id)})
    assert response.status_code == 429 and "Trop de tentatives" in page_text(response)
    assert db.session.scalar(db.select(User).where(User.email == "n9@test.example")) is None


def test_logged_in_member_is_sent_home_from_registration(make_client, member):
    assert make_client(member).get("/inscription").status_code == 302


def test_every_registration_attempt_counts_against_the_limit(app, client, structure):
    app.config["FORUM_RATELIMIT_REGISTER"] = "2 per hour"
    assert client.post_form("/inscription", {**VALID, "display_name": "",
                                             "structure_id": str(structure.id)}).status_code == 422
    assert client.post_form("/inscription", {**VALID, "password": "court", "confirm": "court",
                                             "structure_id": str(structure.id)}).status_code == 422
    response = client.post_form("/inscription", {**VALID, "structure_id": str(structure.id)})
    assert response.status_code == 429
    assert db.session.scalar(db.select(User).where(User.email == VALID["email"])) is None
