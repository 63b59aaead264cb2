"""Searches are rate-limited: per address for visitors, per account (and looser) for members."""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import visible_text


@pytest.fixture
def limits(app, member, indexed):
    factories.make_topic(member, "Tournées de nuit en binôme")
    indexed()
    app.config["FORUM_RATELIMIT_SEARCH"] = "3 per hour"
    app.config["FORUM_RATELIMIT_SEARCH_MEMBER"] = "5 per hour"


def _search(browser, words: str = "tournées"):
    return browser.get("/recherche", query_string={"q": words})


def test_a_visitor_searching_too_often_is_told_in_french_to_wait_or_log_in(limits, client, make_client, member):
    assert [_search(client, f"tournée {n}").status_code for n in range(3)] == [200, 200, 200]
    refused = _search(client)
    assert refused.status_code == 429
    page = visible_text(refused)
    assert "patientez une minute avant de chercher à nouveau" in page
    assert "Les membres connectés disposent d'une limite plus large" in page
    assert client.get("/").status_code == 200  # only searching is held back
    # a member at the same address is not counted with the visitors
    assert _search(make_client(member)).status_code == 200


def test_members_have_a_looser_limit_of_their_own_per_account(limits, make_client, member, other_member):
    browser = make_client(member)
    assert [_search(browser).status_code for _ in range(5)] == [200] * 5
    refused = _search(browser)
    assert refused.status_code == 429
    page = visible_text(refused)
    assert "patientez une minute" in page and "Les membres connectés" not in page
    # the same account from another browser is the same member; another account is not held back
    assert _search(make_client(member)).status_code == 429
    assert _search(make_client(other_member)).status_code == 200
