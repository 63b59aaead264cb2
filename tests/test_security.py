"""CSRF on every form, administration closed to members, headers, secrets, redirects."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from forum import create_app
from forum.accounts.models import User
from forum.extensions import db
from forum.security import safe_next_url
from tests.conftest import base_config
from tests.helpers import page_text


def _urls(app, methods: set[str], prefix: str = ""):
    """Every URL of the app answering one of ``methods``, with sample values for its arguments."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.methods & methods or not rule.rule.startswith(prefix):
            continue
        values = {name: 1 if isinstance(converter, IntegerConverter) else "charte"
                  for name, converter in rule._converters.items()}
        with app.test_request_context():
            from flask import url_for

            yield rule, url_for(rule.endpoint, **values)


def _table_counts():
    return {table.name: db.session.execute(db.select(db.func.count()).select_from(table)).scalar()
            for table in db.metadata.sorted_tables}


# Routes that take a POST without a CSRF token, and why.
CSRF_EXEMPT = {
    # One-click unsubscribe from mail clients (RFC 8058): the signed token in the URL authenticates.
    "/desabonnement/<token>",
}


def test_every_post_route_rejects_a_missing_csrf_token(app, make_client, admin, pending_user):
    browser = make_client(admin)
    before = _table_counts()
    routes = [(rule, url) for rule, url in _urls(app, {"POST"}) if rule.rule not in CSRF_EXEMPT]
    assert len(routes) >= 10
    for rule, url in routes:
        response = browser.post(url, data={"email": "x@test.example", "name": "Nouveau"})
        assert response.status_code == 400, rule.rule
        assert "Le formulaire a expiré" in page_text(response), rule.rule
    assert _table_counts() == before


def test_every_admin_page_is_forbidden_to_members(app, make_client, member, animator, moderator, referent):
    routes = list(_urls(app, {"GET", "POST"}, prefix="/admin"))
    assert len(routes) >= 12
    for user in (member, animator, moderator, referent):
        browser = make_client(user)
        for rule, url in routes:
            if "GET" in rule.methods:
                assert browser.get(url).status_code == 403, (user.display_name, rule.rule)
            if "POST" in rule.methods:
                assert browser.post_form(url, {}).status_code == 403, (user.display_name, rule.rule)


def test_every_admin_page_sends_visitors_to_login(app, client):
    for rule, url in _urls(app, {"GET"}, prefix="/admin"):
        response = client.get(url)
        assert response.status_code == 302, rule.rule
        assert response.headers["Location"].startswith("/connexion?next="), rule.rule


def test_forbidden_page_is_in_french(make_client, member):
    response = make_client(member).get("/admin/")
    assert response.status_code == 403 and "Accès refusé" in page_text(response)


def test_security_headers_and_csp_without_inline_scripts(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "<script>" not in response.get_data(as_text=True)


def test_session_cookie_is_httponly_and_lax(client, member):
    response = client.post_form("/connexion", {"email": member.email, "password": "correct-horse-battery"})
    cookie = next(header for header in response.headers.getlist("Set-Cookie") if header.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_to_start_without_a_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("FORUM_SECRET_KEY", raising=False)
    config = base_config(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    config.update(FORUM_ENV="production", SECRET_KEY=None)
    with pytest.raises(RuntimeError, match="FORUM_SECRET_KEY"):
        create_app(config)


def test_production_cookies_are_secure(tmp_path):
    config = base_config(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    config.update(FORUM_ENV="production", SECRET_KEY="a-real-secret-from-the-environment")
    app = create_app(config)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_development_generates_and_keeps_a_secret_under_instance(tmp_path):
    config = base_config(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    config.update(FORUM_ENV="development", SECRET_KEY=None)
    first = create_app(config).config["SECRET_KEY"]
    second = create_app(config).config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "instance" / "secret_key").read_text().strip() == first


@pytest.mark.parametrize("target, expected", [
    ("/profil", "/profil"),
    ("/admin/comptes?statut=pending", "/admin/comptes?statut=pending"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("\\\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("/profil\r\nLocation: https://evil.example", "/"),
    ("", "/"),
    (None, "/"),
    ("profil", "/"),
])
def test_safe_next_url_refuses_other_sites(target, expected):
    assert safe_next_url(target, "/") == expected


def test_mail_links_ignore_a_forged_host_header(client, member, outbox):
    client.environ_base["HTTP_HOST"] = "evil.example"
    assert client.post_form("/mot-de-passe-oublie", {"email": member.email}).status_code == 200
    body = outbox()[-1].get_content()
    assert "evil.example" not in body and "http://forum.test/mot-de-passe/" in body


def test_registration_ignores_a_tampered_role(client, structure):
    client.post_form("/inscription", {
        "email": "tamper@test.example", "display_name": "Tina Tamper", "job_title": "Médiatrice",
        "structure_id": str(structure.id), "password": "une phrase assez longue",
        "confirm": "une phrase assez longue", "accept_charter": "y", "role": "admin", "status": "active",
    })
    user = db.session.scalar(db.select(User).where(User.email == "tamper@test.example"))
    assert user.role == "member" and user.status == "pending"
