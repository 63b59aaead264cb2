"""Login sessions on the server: logging out, a password change or a suspension ends them for good."""

from __future__ import annotations

import pytest
from flask_login import encode_cookie

from forum.accounts.devices import device_summary
from forum.accounts.models import LoginSession
from forum.extensions import db
from tests.factories import PASSWORD, suspend
from tests.helpers import count_queries, page_text

PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) " \
        "Chrome/126.0.0.0 Mobile Safari/537.36"


def _log_in(client, user, **extra):
    response = client.post_form("/connexion", {"email": user.email, "password": PASSWORD, **extra})
    assert response.status_code == 302
    return client


def _copy(source, target, *names):
    """What someone who copied these cookies from ``source`` holds."""
    for name in names:
        target.set_cookie(name, source.get_cookie(name).value)
    return target


def _logged_in(client) -> bool:
    return client.get("/profil").status_code == 200


def _sessions(user) -> list[LoginSession]:
    return list(db.session.scalars(db.select(LoginSession).where(LoginSession.user_id == user.id)
                                   .order_by(LoginSession.created_at)))


def test_a_session_cookie_copied_before_logout_no_longer_opens_the_account(make_client, member):
    browser = _log_in(make_client(), member)
    copy = _copy(browser, make_client(), "session")
    assert _logged_in(copy)
    browser.post_form("/deconnexion")
    assert not _logged_in(copy)
    assert not _logged_in(browser)


def test_a_remember_me_cookie_copied_before_logout_no_longer_opens_the_account(make_client, member):
    browser = _log_in(make_client(), member, remember="y")
    copy = _copy(browser, make_client(), "remember_token")
    assert _logged_in(copy)
    browser.post_form("/deconnexion")
    assert browser.get_cookie("remember_token") is None  # the browser itself lost it
    fresh_copy = make_client()
    fresh_copy.set_cookie("remember_token", copy.get_cookie("remember_token").value)
    assert not _logged_in(fresh_copy)
    assert fresh_copy.get_cookie("remember_token") is None  # a dead cookie is dropped, not looked up again


def test_logging_out_ends_that_session_only(make_client, member):
    phone, laptop = _log_in(make_client(), member), _log_in(make_client(), member, remember="y")
    laptop.post_form("/deconnexion")
    assert _logged_in(phone) and not _logged_in(laptop)
    ended, still_open = sorted(_sessions(member), key=lambda row: row.ended_at is None)
    assert ended.end_reason == "logout" and still_open.ended_at is None


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(make_client, member):
    here = _log_in(make_client(), member)
    elsewhere = _log_in(make_client(), member, remember="y")
    remembered = _copy(elsewhere, make_client(), "remember_token")
    response = here.post_form("/profil/mot-de-passe", {
        "pw-current_password": PASSWORD, "pw-password": "une nouvelle phrase secrète",
        "pw-confirm": "une nouvelle phrase secrète"})
    assert response.status_code == 302
    assert _logged_in(here)
    assert not _logged_in(elsewhere) and not _logged_in(remembered)
    assert {row.end_reason for row in _sessions(member) if row.ended_at} == {"password"}


def test_a_suspension_ends_the_sessions_and_a_reactivation_does_not_reopen_them(make_client, member, admin):
    from forum.accounts.admin_actions import reactivate

    browser = _log_in(make_client(), member, remember="y")
    suspend(admin, member)
    reactivate(admin, member)
    assert not _logged_in(browser)
    assert _logged_in(_log_in(make_client(), member))  # a new login works again


def test_a_session_unused_for_the_remember_period_ends_by_itself(make_client, member, clock):
    browser = _log_in(make_client(), member, remember="y")
    clock.advance(days=20)
    assert _logged_in(browser)  # used: it lasts another period from now
    clock.advance(days=20)
    assert _logged_in(browser)
    clock.advance(days=31)
    assert not _logged_in(browser)


def test_each_request_costs_one_lookup_and_activity_is_written_every_few_minutes(app, make_client, member, clock):
    browser = _log_in(make_client(), member)
    with count_queries(app) as statements:
        browser.get("/profil")
    lookups = [sql for sql in statements if "login_sessions" in sql]
    assert len(lookups) == 1 and "WHERE login_sessions.id = " in lookups[0]
    assert not any(sql.lstrip().upper().startswith("UPDATE") for sql in statements)
    clock.advance(minutes=6)
    with count_queries(app) as statements:
        browser.get("/profil")
    assert sorted(sql.split()[1] for sql in statements if sql.lstrip().upper().startswith("UPDATE")) == \
        ["login_sessions", "users"]
    row = _sessions(member)[0]
    assert row.last_seen_at == member.last_seen_at and row.last_seen_at > row.created_at


def test_the_database_keeps_the_device_and_a_digest_never_the_key(make_client, member):
    browser = make_client()
    browser.environ_base["HTTP_USER_AGENT"] = PHONE
    _log_in(browser, member, remember="y")
    row = _sessions(member)[0]
    key = browser.get_cookie("remember_token").value.rsplit("|", 1)[0]
    assert row.device == "Chrome sur Android"
    assert row.id == LoginSession.digest(key) and key not in row.id


@pytest.mark.parametrize("key", [
    "", "1", "1:abcdef", "9" * 5000, "\x00", "A" * 42 + "\x00", "A" * 43, "../" * 20, "ü" * 43, 123, None, [1],
])
def test_odd_keys_in_the_session_cookie_mean_nobody_is_logged_in(client, member, key):
    with client.session_transaction() as session:
        session["_user_id"] = key
    response = client.get("/")
    assert response.status_code == 200 and "Se connecter" in page_text(response)
    assert client.get("/profil").status_code == 302


@pytest.mark.parametrize("value", ["A" * 43, "9" * 3000, "\x00", "1:abcdef"])
def test_odd_keys_in_a_signed_remember_cookie_mean_nobody_is_logged_in(client, member, value):
    client.set_cookie("remember_token", encode_cookie(value))
    response = client.get("/")
    assert response.status_code == 200 and "Se connecter" in page_text(response)


@pytest.mark.parametrize("value", ["x" * 4000, "\x00|\x00", "abc|def", "|", "%00", "é|é", "abc|é"])
@pytest.mark.parametrize("name", ["remember_token", "session"])
def test_forged_cookies_mean_nobody_is_logged_in(client, member, name, value):
    client.set_cookie(name, value)
    response = client.get("/")
    assert response.status_code == 200 and "Se connecter" in page_text(response)


def test_cookies_that_are_not_utf8_mean_nobody_is_logged_in(client, member):
    raw = b"remember_token=\xff\xfe|\xc3; session=\xff\x00".decode("latin-1")  # as a WSGI server passes bytes
    response = client.get("/", environ_overrides={"HTTP_COOKIE": raw})
    assert response.status_code == 200 and "Se connecter" in page_text(response)


@pytest.mark.parametrize("user_agent, summary", [
    (PHONE, "Chrome sur Android"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.5 Mobile/15E148 Safari/604.1", "Safari sur iPhone"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
     "Safari/537.36 Edg/126.0.0.0", "Edge sur Windows"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox sur Linux"),
    ("", "Navigateur inconnu"),
    (None, "Navigateur inconnu"),
])
def test_the_device_is_named_briefly(user_agent, summary):
    assert device_summary(user_agent) == summary
