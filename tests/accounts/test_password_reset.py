"""« Mot de passe oublié »: one link, expiring, single use, no account enumeration."""

from __future__ import annotations

from forum.extensions import db
from tests.factories import PASSWORD
from tests.helpers import mail_link, page_text

NEW_PASSWORD = "un tout nouveau mot de passe"


def _request(client, email):
    return client.post_form("/mot-de-passe-oublie", {"email": email})


def _reset(client, link, password=NEW_PASSWORD):
    return client.post_form(link, {"password": password, "confirm": password})


def test_reset_link_changes_the_password_once(client, member, outbox):
    response = _request(client, member.email)
    assert "Si cette adresse correspond à un compte" in page_text(response)
    message = outbox()[-1]
    assert message["To"] == member.email and "Réinitialisation" in message["Subject"]
    link = mail_link(message)

    assert client.get(link).status_code == 200
    assert _reset(client, link).status_code == 302
    assert client.post_form("/connexion", {"email": member.email, "password": PASSWORD}).status_code == 422
    assert client.post_form("/connexion", {"email": member.email, "password": NEW_PASSWORD}).status_code == 302

    # the same link cannot be used again
    client.post_form("/deconnexion")
    reused = client.get(link, follow_redirects=True)
    assert "n'est plus valable" in page_text(reused)
    assert _reset(client, link, "encore un autre mot de passe").status_code == 302
    assert client.post_form("/connexion", {"email": member.email, "password": NEW_PASSWORD}).status_code == 302


def test_reset_link_expires(app, client, member, outbox):
    _request(client, member.email)
    link = mail_link(outbox()[-1])
    app.config["FORUM_PASSWORD_RESET_MAX_AGE"] = -1
    response = client.get(link, follow_redirects=True)
    assert "n'est plus valable" in page_text(response)
    old_hash = member.password_hash
    _reset(client, link)
    db.session.refresh(member)
    assert member.password_hash == old_hash


def test_unknown_email_gets_the_same_answer_and_no_mail(client, member, outbox):
    before = len(outbox())
    known = page_text(_request(client, member.email))
    unknown = page_text(_request(client, "personne@inconnu.example"))
    assert known == unknown
    assert len(outbox()) == before + 1
    assert all(message["To"] != "personne@inconnu.example" for message in outbox())


def test_reset_ends_sessions_opened_with_the_old_password(make_client, client, member, outbox):
    browser = make_client(member)
    _request(client, member.email)
    _reset(client, mail_link(outbox()[-1]))
    assert browser.get("/profil").status_code == 302


def test_too_short_new_password_is_refused_and_keeps_the_link_usable(client, member, outbox):
    _request(client, member.email)
    link = mail_link(outbox()[-1])
    response = _reset(client, link, "court")
    assert response.status_code == 200
    assert "entre 12 et 128 caractères" in page_text(response)
    assert _reset(client, link).status_code == 302


def test_reset_requests_are_rate_limited(app, client, member):
    app.config["FORUM_RATELIMIT_RESET"] = "2 per hour"
    _request(client, member.email)
    _request(client, member.email)
    response = _request(client, member.email)
    assert response.status_code == 429 and "Trop de tentatives" in page_text(response)


def test_every_kind_of_address_gets_the_same_answer(make_client, structure, member, suspended_member):
    from tests.factories import make_pending_user

    waiting = make_pending_user("Pia Attente", structure=structure, confirmed=False)
    answers = [_request(make_client(), email)
               for email in (member.email, "personne@inconnu.example", waiting.email, suspended_member.email)]
    assert {response.status_code for response in answers} == {200}
    assert len({page_text(response) for response in answers}) == 1


def test_unknown_addresses_use_up_the_reset_limit_like_known_ones(app, client, member, outbox):
    app.config["FORUM_RATELIMIT_RESET"] = "2 per hour"
    _request(client, "personne@inconnu.example")
    _request(client, "autre@inconnu.example")
    assert _request(client, member.email).status_code == 429
    assert all(message["To"] != member.email for message in outbox())
