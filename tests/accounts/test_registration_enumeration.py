"""Sign-up tells nobody which addresses have an account: same answer, same page, same work."""

from __future__ import annotations

import re

from forum.accounts import passwords
from forum.accounts.models import User
from forum.extensions import db
from tests.factories import PASSWORD, make_pending_user
from tests.helpers import page_text

FORM = {
    "display_name": "Nina Nouvelle", "job_title": "Médiatrice", "accept_charter": "y",
    "password": "une phrase assez longue", "confirm": "une phrase assez longue",
}
NEW = "nouvelle@test.example"


def _register(client, structure, email, **changes):
    return client.post_form("/inscription", {**FORM, "email": email, "structure_id": str(structure.id), **changes})


def _page(response, email: str) -> str:
    """A page with the address typed and the CSRF token put aside, to compare two answers."""
    text = page_text(response).replace(email, "ADDRESS")
    return re.sub(r'name="csrf_token" (type="hidden" )?value="[^"]+"', "CSRF", text)


def _accounts_with(email: str) -> int:
    return db.session.scalar(db.select(db.func.count(User.id)).where(User.email == email))


def test_a_taken_address_gets_the_same_answer_and_page_as_a_new_one(make_client, structure, member):
    new_browser, taken_browser = make_client(), make_client()
    new = _register(new_browser, structure, NEW)
    taken = _register(taken_browser, structure, f" {member.email.upper()}")
    assert new.status_code == taken.status_code == 302
    assert new.headers["Location"] == taken.headers["Location"] == "/inscription/enregistree"
    assert "Un compte existe déjà" not in page_text(taken)
    new_page = new_browser.get("/inscription/enregistree")
    taken_page = taken_browser.get("/inscription/enregistree")
    assert new_page.status_code == taken_page.status_code == 200
    assert _page(new_page, NEW) == _page(taken_page, member.email)
    assert structure.name in page_text(taken_page)


def test_a_taken_address_creates_nothing_and_changes_nothing(client, structure, member):
    before = (member.display_name, member.password_hash, member.status)
    _register(client, structure, member.email)
    db.session.refresh(member)
    assert _accounts_with(member.email) == 1
    assert (member.display_name, member.password_hash, member.status) == before
    assert client.post_form("/connexion", {"email": member.email, "password": PASSWORD}).status_code == 302


def test_the_owner_of_a_taken_address_is_told_by_mail_how_to_get_in(client, structure, member, outbox):
    _register(client, structure, member.email)
    to_owner = [message for message in outbox() if message["To"] == member.email]
    assert len(to_owner) == 1
    assert to_owner[0]["Subject"] == "Quelqu'un a voulu s'inscrire avec votre adresse"
    body = to_owner[0].get_content()
    assert "http://forum.test/connexion" in body and "http://forum.test/mot-de-passe-oublie" in body
    assert "/inscription/confirmer/" not in body  # nothing that would confirm or create anything


def test_an_owner_still_unconfirmed_is_offered_a_new_confirmation_link(client, structure, outbox):
    waiting = make_pending_user("Pia Attente", structure=structure, confirmed=False)
    _register(client, structure, waiting.email)
    body = [message for message in outbox() if message["To"] == waiting.email][-1].get_content()
    assert "http://forum.test/inscription/nouveau-lien" in body
    assert _accounts_with(waiting.email) == 1


def test_a_new_address_gets_its_confirmation_link(client, structure, outbox):
    _register(client, structure, NEW)
    assert [message["Subject"] for message in outbox() if message["To"] == NEW] == ["Confirmez votre adresse e-mail"]


def test_a_taken_address_costs_the_same_password_hash_as_a_new_one(client, structure, member, monkeypatch):
    hashed = []
    real = passwords.hash_password
    monkeypatch.setattr(passwords, "hash_password", lambda password: hashed.append(password) or real(password))
    _register(client, structure, member.email)
    _register(client, structure, NEW)
    assert hashed == [FORM["password"], FORM["password"]]


def test_mistakes_read_the_same_for_a_taken_address(make_client, structure, member):
    short = {"password": "court", "confirm": "court"}
    new = _register(make_client(), structure, NEW, **short)
    taken = _register(make_client(), structure, member.email, **short)
    assert new.status_code == taken.status_code == 422
    assert _page(new, NEW) == _page(taken, member.email)


def test_attempts_on_one_address_are_limited_from_any_client(app, make_client, structure, member, outbox):
    app.config["FORUM_RATELIMIT_REGISTER_ADDRESS"] = "2 per hour"
    answers = []
    for number, email in enumerate([member.email, member.email, member.email, NEW, NEW, NEW]):
        browser = make_client()
        browser.environ_base["REMOTE_ADDR"] = f"10.0.1.{number + 1}"
        answers.append(_register(browser, structure, email).status_code)
    assert answers == [302, 302, 429, 302, 302, 429]  # a taken and a new address alike
    assert len([message for message in outbox() if message["To"] == member.email]) == 2


def test_the_registered_page_needs_a_registration_of_this_browser(client):
    assert client.get("/inscription/enregistree").headers["Location"] == "/connexion"
    with client.session_transaction() as session:
        session["registration"] = {"email": "x@test.example", "structure_id": "1; DROP"}
    assert client.get("/inscription/enregistree").status_code == 302


def test_two_sign_ups_of_one_address_at_the_same_moment_get_a_french_409_not_a_500(
        client, structure, member, monkeypatch):
    """The second of two simultaneous sign-ups looked the address up before the first committed:
    its insert meets the unique constraint. Simulated by hiding the first account from the lookup."""
    from forum.accounts import actions

    monkeypatch.setattr(actions, "_account_of", lambda _email: None)
    response = _register(client, structure, member.email)
    assert response.status_code == 409
    assert "Action faite en même temps" in page_text(response)
    assert _accounts_with(member.email) == 1
