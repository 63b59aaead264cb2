"""Login, logout, suspension, pending accounts, rate limits and sessions."""

from __future__ import annotations

from datetime import timedelta

from forum.accounts.models import Status
from forum.extensions import db
from tests.factories import PASSWORD, make_pending_user
from tests.helpers import page_text


def _login(client, email, password=PASSWORD, **extra):
    return client.post_form("/connexion", {"email": email, "password": password, **extra})


def test_member_logs_in_and_out(client, member):
    response = _login(client, member.email)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Bonjour Léa Membre" in page_text(client.get("/"))
    assert client.post_form("/deconnexion").status_code == 302
    assert "Se connecter" in page_text(client.get("/"))
    assert client.get("/profil").status_code == 302


def test_email_is_matched_without_case_or_spaces(client, member):
    assert _login(client, f"  {member.email.upper()} ").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_answer(client, member):
    wrong = _login(client, member.email, "not the password at all")
    unknown = _login(client, "nobody@test.example", "not the password at all")
    assert wrong.status_code == unknown.status_code == 422
    assert "Adresse e-mail ou mot de passe incorrect." in page_text(wrong)
    assert "Adresse e-mail ou mot de passe incorrect." in page_text(unknown)


def test_pending_account_is_told_it_waits_only_with_the_right_password(client, structure):
    user = make_pending_user("Pia Attente", structure=structure, confirmed=True)
    assert "attend la validation" in page_text(_login(client, user.email))
    assert "attend la validation" not in page_text(_login(client, user.email, "wrong password here"))


def test_suspended_account_is_refused_with_its_end_date(client, suspended_member):
    response = _login(client, suspended_member.email)
    text = page_text(response)
    assert response.status_code == 422
    assert "Votre compte est suspendu jusqu'au" in text
    assert str(suspended_member.suspended_until.astimezone().year) in text


def test_suspension_that_has_ended_lets_the_member_back_in(client, suspended_member, clock):
    clock.travel_to(suspended_member.suspended_until + timedelta(minutes=1))
    assert _login(client, suspended_member.email).status_code == 302
    db.session.refresh(suspended_member)
    assert suspended_member.status == Status.ACTIVE


def test_suspension_ends_the_open_sessions(make_client, member, admin):
    browser = make_client(member)
    assert browser.get("/profil").status_code == 200
    from tests.factories import suspend

    suspend(admin, member)
    assert browser.get("/profil").status_code == 302  # logged out: sent to the login page


def test_remember_me_is_unchecked_by_default(client):
    page = page_text(client.get("/connexion"))
    assert 'name="remember"' in page
    assert "checked" not in page.split('name="remember"')[1].split(">")[0]


def test_remember_me_sets_a_lasting_cookie_only_when_asked(make_client, client, member):
    _login(client, member.email)
    assert client.get_cookie("remember_token") is None
    other = make_client()
    _login(other, member.email, remember="y")
    assert other.get_cookie("remember_token") is not None


def test_login_redirects_only_to_pages_of_this_site(client, member):
    response = client.post_form("/connexion?next=https://evil.example/x",
                                {"email": member.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"
    client.post_form("/deconnexion")
    response = client.post_form("/connexion?next=/profil", {"email": member.email, "password": PASSWORD})
    assert response.headers["Location"] == "/profil"


def test_failed_logins_are_rate_limited_with_a_french_message(app, client, member):
    app.config["FORUM_RATELIMIT_LOGIN"] = "3 per minute"
    for _ in range(3):
        assert _login(client, member.email, "wrong password here").status_code == 422
    blocked = _login(client, member.email)  # even the right password waits now
    assert blocked.status_code == 429
    assert "Trop de tentatives" in page_text(blocked)


def test_failed_logins_on_one_account_are_limited_from_any_address(app, make_client, member):
    app.config["FORUM_RATELIMIT_LOGIN_ACCOUNT"] = "2 per hour"
    for number in range(2):
        browser = make_client()
        browser.environ_base["REMOTE_ADDR"] = f"10.0.0.{number + 1}"
        assert _login(browser, member.email, "wrong password here").status_code == 422
    browser = make_client()
    browser.environ_base["REMOTE_ADDR"] = "10.0.0.99"
    assert _login(browser, member.email).status_code == 429


def test_successful_logins_do_not_count_against_the_limit(app, make_client, member):
    app.config["FORUM_RATELIMIT_LOGIN"] = "2 per minute"
    for _ in range(4):
        assert _login(make_client(), member.email).status_code == 302


def test_logout_requires_a_form_post(client, member):
    client.login(member)
    assert client.get("/deconnexion").status_code == 405
    assert client.post("/deconnexion").status_code == 400  # no CSRF token: a foreign page cannot log you out
    assert client.get("/profil").status_code == 200


def test_member_logged_in_when_suspended_is_told_why(make_client, member, admin):
    browser = make_client(member)
    from tests.factories import suspend

    suspend(admin, member)
    response = browser.get("/", follow_redirects=True)
    assert "Votre compte est suspendu jusqu'au" in page_text(response)
    assert "Bonjour Léa Membre" not in page_text(browser.get("/"))
