"""Every route, fed what an attacker or a broken client sends: never a 5xx, never a NUL stored.

The walk covers each rule of ``app.url_map`` with ids past the integer range, control
characters and huge strings in the address, invalid UTF-8 and huge numbers in the query string,
and form posts that are empty or whose every known field holds hostile text, as a visitor,
a member and an administrator. On PostgreSQL an id of 2^31 or a NUL byte would reach the
database as an error; on SQLite a NUL would be stored: both are checked.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from sqlalchemy import String, Text

from forum.extensions import db, limiter
from forum.forms import Form
from forum.inputs import LARGEST_ID
from tests import factories

ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
HUGE_NUMBER = "9" * 21
NASTY_TEXT = "Bonjour\x00 à\x01 tous\x1b[31m, une\x7f question\x0c assez longue pour passer les contrôles ?"
LONG_TEXT_FIELDS = {"body", "title", "summary", "context", "q", "text", "email", "display_name", "reason",
                    "passage", "note", "privacy_reason", "job_title", "password"}
IDS = ["1", "2", str(LARGEST_ID), str(LARGEST_ID + 1), HUGE_NUMBER]
SEGMENTS = ["%00", "a%01b", "x" * 3000, "%C3%A9t%C3%A9", "%FF%FE"]
QUERY = (f"?page={HUGE_NUMBER}&q=%00%FF%FEnuit*&a={HUGE_NUMBER}&de={HUGE_NUMBER}&version={HUGE_NUMBER}"
         "&filtre=%00&pole=%01&theme=" + "t" * 2000 + "&tri=%FF&titre=" + "mot" * 300)


def _field_names() -> set[str]:
    """Every field name any form of the forum declares (WTForms keeps them on the class)."""
    names, pending = set(), [Form]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        names.update(name for name, _ in getattr(form, "_unbound_fields", None) or [])
        names.update(name for name in vars(form) if hasattr(getattr(form, name), "field_class"))
    names.discard("csrf_token")
    return names | {"action", "etape", "note", "demander", "retirer", "kind", "level", "retour", "suivre", "text"}


def _addresses(rule) -> tuple[list[str], list[str]]:
    """The rule's address with each hostile value in its arguments: (all of them, those that may
    reach an object, where every form variant is tried)."""
    if not rule.arguments:
        return [rule.rule], [rule.rule]

    def filled(value: str) -> str:
        def fill(match):
            return value if match["converter"] != "int" else (value if value.isdigit() else "1")
        return ARGUMENT.sub(fill, rule.rule)

    every = list(dict.fromkeys(filled(value) for value in IDS + SEGMENTS))
    return every, list(dict.fromkeys(filled(value) for value in ("1", "2", "bretagne")))


def _forms(names: set[str]) -> list[dict]:
    return [
        {},                                               # every field missing
        dict.fromkeys(names, NASTY_TEXT),             # control characters everywhere
        dict.fromkeys(names, HUGE_NUMBER),            # numbers past any column
        # Past every length limit, in the fields that take long text (all of them at once would be
        # refused whole, as too large a request, before reaching any form).
        dict.fromkeys(names & LONG_TEXT_FIELDS, "long " * 5_000),
    ]


def _rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    # Logging out last: the persona should stay logged in for the rest of the walk.
    return sorted(rules, key=lambda rule: ("logout" in rule.endpoint, rule.rule))


@pytest.fixture
def populated(topic, reply_post, hidden_post, published_sheet, member, admin):
    """Something behind ids 1 and 2 of most tables, so valid ids reach real objects."""
    factories.make_sheet(member, "draft")
    return topic


def _walk(app, client) -> tuple[int, list[str]]:
    forms = _forms(_field_names())
    failures, count = [], 0

    def check(method: str, url: str, data: dict | None = None) -> None:
        nonlocal count
        response = client.get(url) if method == "GET" else client.post_form(url, data)
        count += 1
        if response.status_code >= 500:
            failures.append(f"{method} {url[:120]} {sorted(data or {})[:1]} -> {response.status_code}")

    for rule in _rules(app):
        every, reachable = _addresses(rule)
        for address in every:
            if "GET" in rule.methods:
                check("GET", address)
            if "POST" in rule.methods:
                check("POST", address, forms[1])
        for address in reachable:
            if "GET" in rule.methods:
                check("GET", address + QUERY)
            if "POST" in rule.methods:
                for data in (forms[0], *forms[2:]):
                    check("POST", address, data)
    return count, failures


def _stored_control_characters() -> list[str]:
    """Text columns holding a control character, table by table."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | Text):
                continue
            for (value,) in db.session.execute(db.select(column).where(column.is_not(None))):
                if value and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
                    found.append(f"{table.name}.{column.name}: {value[:40]!r}")
    return found


@pytest.mark.parametrize("persona", ["visitor", "member", "admin"])
def test_no_route_answers_5xx_to_hostile_input(app, make_client, populated, persona, request, monkeypatch):
    monkeypatch.setattr(limiter, "enabled", False)  # the walk repeats forms far past any limit
    user = None if persona == "visitor" else request.getfixturevalue(persona)
    client = make_client(user)
    count, failures = _walk(app, client)
    print(f"{persona}: {count} requests")
    assert count > 500
    assert failures == []
    assert _stored_control_characters() == []


def test_out_of_range_ids_are_404_and_quoted_nul_in_a_slug_too(client):
    for url in (f"/discussions/{HUGE_NUMBER}", f"/discussions/{LARGEST_ID + 1}", f"/bibliotheque/{HUGE_NUMBER}",
                f"/membres/{HUGE_NUMBER}", "/themes/%00", "/themes/" + quote("a\x01b")):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page introuvable" in response.get_data(as_text=True)
