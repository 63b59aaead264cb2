"""The small JSON endpoints behind the editor: members only, CSRF-protected, French errors."""

from __future__ import annotations

from tests import factories


def _post_json(browser, url: str, text: str):
    return browser.post(url, json={"text": text}, headers={"X-CSRFToken": browser.csrf_token()})


def test_preview_renders_safe_html_and_reports_personal_data(make_client, member):
    browser = make_client(member)
    answer = _post_json(browser, "/api/apercu", "**Bonjour** <script>alert(1)</script> 06 12 34 56 78").get_json()
    assert "<strong>Bonjour</strong>" in answer["html"] and "<script>" not in answer["html"]
    assert [finding["kind"] for finding in answer["findings"]] == ["phone"]


def test_preview_links_mentions_only_for_discussions_as_publishing_will(make_client, member, other_member):
    browser = make_client(member)
    text = f"Merci @{other_member.display_name} !"
    headers = {"X-CSRFToken": browser.csrf_token()}
    post_like = browser.post("/api/apercu", json={"text": text, "mentions": True}, headers=headers).get_json()
    assert f'href="/membres/{other_member.id}"' in post_like["html"]
    sheet_like = _post_json(browser, "/api/apercu", text).get_json()  # sheets keep names as text
    assert "href=" not in sheet_like["html"] and f"@{other_member.display_name}" in sheet_like["html"]


def test_preview_refuses_a_text_too_long_in_french(make_client, member):
    response = _post_json(make_client(member), "/api/apercu", "a" * 20_001)
    assert response.status_code == 400 and response.get_json()["error"] == "Le texte est trop long pour l'aperçu."


def test_privacy_check_says_whether_publishing_is_blocked(make_client, member):
    browser = make_client(member)
    assert _post_json(browser, "/api/confidentialite", "Rien de personnel ici.").get_json() == {
        "findings": [], "blocked": False}
    answer = _post_json(browser, "/api/confidentialite", "Appelez-le au 06 12 34 56 78.").get_json()
    assert answer["blocked"] is True


def test_member_names_complete_without_accents(app, make_client, member):
    factories.make_user("Élodie Bernard")
    factories.make_user("Marc Élisée")
    factories.make_user("Paul Durand")
    names = [found["name"] for found in make_client(member).get("/api/membres?q=eli").get_json()["members"]]
    assert names == ["Marc Élisée"]
    names = [found["name"] for found in make_client(member).get("/api/membres?q=el").get_json()["members"]]
    assert names == ["Élodie Bernard", "Marc Élisée"]
    assert make_client(member).get("/api/membres?q=e").get_json() == {"members": []}


def test_visitors_get_a_json_refusal_and_forms_need_their_token(client, make_client, member):
    for method, url in (("get", "/api/membres?q=el"), ("post", "/api/apercu"), ("post", "/api/confidentialite")):
        response = getattr(client, method)(url, json={"text": "x"})
        assert response.status_code in (400, 403) and response.is_json
        assert response.get_json()["message"]
    refused = make_client(member).post("/api/apercu", json={"text": "**x**"})
    assert refused.status_code == 400 and "formulaire a expiré" in refused.get_json()["message"]


def test_previews_and_checks_are_rate_limited_per_member_in_french(app, make_client, member, other_member):
    app.config["FORUM_RATELIMIT_PREVIEW"] = "3 per minute"
    browser = make_client(member)
    answers = [_post_json(browser, url, "Bonjour").status_code
               for url in ("/api/apercu", "/api/confidentialite", "/api/apercu", "/api/confidentialite")]
    assert answers == [200, 200, 200, 429]  # one budget for both: each renders or scans the text
    refused = _post_json(browser, "/api/apercu", "Bonjour")
    assert refused.status_code == 429 and refused.get_json()["error"] == "Trop de tentatives"
    assert _post_json(make_client(other_member), "/api/apercu", "Bonjour").status_code == 200  # per member


def test_a_lone_surrogate_in_json_is_dropped_not_a_500(make_client, member):
    browser = make_client(member)
    response = browser.post("/api/apercu", data='{"text": "a \\ud800 b"}', content_type="application/json",
                            headers={"X-CSRFToken": browser.csrf_token()})
    assert response.status_code == 200
    assert response.get_json()["html"] == "<p>a  b</p>"
