"""Whatever is typed into the search box or the title field, the answer is 200 or 400 in French."""

from __future__ import annotations

import random

import pytest

from forum.inputs import clean_text
from tests import factories
from tests.helpers import visible_text

FRAGMENTS = [
    "médiation", "Médiateurs", "mediation", "l'école", "d'habitants", "qu'il", "QPV", "CLSPD", "bailleur",
    '"', '"médiation de nuit"', '"', "-", "-bus", '-"nuit', "OU", "OR", "|", "AND", "NOT", "*", "**", "me*",
    "méd*", "a*", "*tion", "titre:(", "title:", "body:x", "(", ")", "[a TO z]", "{", "}", "~2", "^3", "\\", "/",
    ":", ";", "'", "’", "«", "»", "%", "%00", "&", "<script>alert(1)</script>", "' OR 1=1 --", "${7*7}",
    "{{7*7}}", "\x00", "\x07", "\x1b[31m", "\u200b", "\u202e", "\ufeff", "e\u0301", "🙂", "👩🏽‍⚕️", "中文",
    "العربية", "Ωmega", "ß", "İ", "ﬁ", "0", "-1", "9" * 40, "..", "...", "__", "-_-", "a", "é", " ", "\t", "\n",
]
FACETS = {"type": ["discussion", "sheet", "x", ""], "pole": ["bretagne", "'", "\x00", "a" * 300],
          "theme": ["transports", "*"], "annee": ["2026", "-1", "2026*"], "resolues": ["1", "oui", ""],
          "tri": ["date", "pertinence", "<b>"], "page": ["1", "2", "0", "-3", "999999999999", "x"]}
FRENCH = ("Ajoutez au moins un mot", "résultat", "Aucun résultat", "trop courants", "Vouliez-vous dire")


def fuzz_strings(count: int = 520) -> list[str]:
    """Search texts built from odd fragments, plus the pathological ones named in the issue."""
    chooser = random.Random(2026)
    strings = ["", "*", '"', "titre:(", "a" * 10_000, "\x00\x01\x02", " " * 500, '"' * 301, "-" * 50,
               "OU OU OU", "* * *", "médiation " * 100]
    while len(set(strings)) < count:
        size = chooser.randint(1, 8)
        glue = chooser.choice(["", " ", " ", "  "])
        strings.append(glue.join(chooser.choice(FRAGMENTS) for _ in range(size)))
    return list(dict.fromkeys(strings))


@pytest.fixture
def searchable(app, member, animator, indexed):
    """A rebuilt index plus later changes: several segments, as a live index has."""
    factories.make_topic(member, "Médiation de nuit et bailleur", body="Les médiateurs passent dans l'école.")
    factories.make_sheet(member, "published", reviewer=animator, title="Médiation scolaire")
    for number in range(12):  # enough for the rebuilt segment to stay apart from later ones
        factories.make_topic(member, f"Tournée {number}", body="Une soirée de tournée ordinaire.")
    indexed()
    app.test_cli_runner().invoke(args=["search", "reindex"])
    factories.make_topic(member, "Quartier prioritaire", body="QPV, CLSPD et habitants du quartier.")
    indexed()


def test_there_are_at_least_500_strings():
    assert len(set(fuzz_strings())) >= 500


def test_the_search_page_answers_200_or_400_in_french(app, searchable, make_client, client, member):
    # 260 searches in a row by each browser: the rate limits are tested on their own
    app.config["FORUM_RATELIMIT_SEARCH"] = app.config["FORUM_RATELIMIT_SEARCH_MEMBER"] = "10000 per minute"
    chooser = random.Random(7)
    browsers = [make_client(member), client]
    for number, text in enumerate(fuzz_strings()):
        params = {"q": text}
        for name, values in FACETS.items():
            if chooser.random() < 0.2:
                params[name] = chooser.choice(values)
        response = browsers[number % 2].get("/recherche", query_string=params)
        assert response.status_code in (200, 400), (text, params)
        page = visible_text(response)
        if clean_text(text).strip():  # typed something (control characters are dropped on arrival)
            assert any(words in page for words in FRENCH), (text, page[:300])
        if response.status_code == 400:
            assert "Ajoutez au moins un mot" in page


def test_the_suggestion_endpoint_answers_200_or_400_in_french(searchable, make_client, member):
    browser = make_client(member)
    for text in fuzz_strings():
        response = browser.get("/api/similaires", query_string={"titre": text})
        assert response.status_code in (200, 400), text
        answer = response.get_json()
        if response.status_code == 200:
            assert isinstance(answer["results"], list) and len(answer["results"]) <= 5
        else:
            assert answer["message"]
