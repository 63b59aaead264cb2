"""No search can tie up the site: hostile inputs answer within bounds counted as work done, not time."""

from __future__ import annotations

import random
import re

import pytest

from forum.search import budget, index, outbox, query, searching
from tests import factories
from tests.helpers import visible_text
from tests.search.conftest import titles
from tests.search.hostile import hostile_queries, unknown_word

FRENCH = ("Ajoutez au moins un mot", "résultat", "trop courants", "Vouliez-vous dire")
# Posting lists one search may read: 12 clauses of a word and its thesaurus alternatives in two
# fields, 3 prefixes of 48 words in two fields, the corrector's checks (12 words, then 5 close
# words for each of 3). Counted, not enforced: the parser's bounds are what keep it there.
POSTINGS = 12 * 2 * 6 + 3 * 48 * 2 + 2 * (12 + 3 * 5)
# Lexicon words prefixes may look at: 3 prefixes, 2,000 words in each of (at most) two lists.
PREFIX_WORDS = query.MAX_PREFIXES * index.PREFIX_CANDIDATES * 2


@pytest.fixture
def wordy_forum(app, member, animator, indexed):
    """Thousands of distinct words (more than the corrector may walk), in several segments, as a live index."""
    rng = random.Random(5)
    for number in range(4):
        words = " ".join(unknown_word(rng, rng.randint(6, 14)) for _ in range(700))
        factories.make_topic(member, f"Lexique {number}", body=f"La médiation avec les habitants. {words}")
        indexed()
    factories.make_sheet(member, "published", reviewer=animator, title="Médiation publique", visibility="public")
    indexed()
    app.config["FORUM_RATELIMIT_SEARCH"] = app.config["FORUM_RATELIMIT_SEARCH_MEMBER"] = "1000 per minute"


@pytest.fixture
def work_of():
    """The work of each search request, as the search page reports it when it is done."""
    seen: list[budget.Work] = []

    def record(work: budget.Work) -> None:
        seen.append(work)

    with budget.finished.connected_to(record):
        yield seen


def test_every_hostile_search_answers_within_the_bounds_with_the_corrector_active(wordy_forum, make_client, client,
                                                                                   member, work_of):
    for browser in (make_client(member), client):
        done = {}
        for name, text in hostile_queries().items():
            response = browser.get("/recherche", query_string={"q": text})
            assert response.status_code in (200, 400), name
            assert any(words in visible_text(response) for words in FRENCH), name
            done[name] = work_of[-1].done
            assert done[name]["spelling"] <= budget.SPELLING_ROWS, (name, done[name])
            assert done[name]["prefix"] <= PREFIX_WORDS, (name, done[name])
            assert done[name]["corrected"] <= 3, (name, done[name])
            assert done[name]["postings"] <= POSTINGS, (name, done[name])
        # the corrector was at work on those inputs, and still corrects a plain typo
        assert done["words_200"]["corrected"] == 3 and done["words_200"]["spelling"] > 1000
        assert "Vouliez-vous dire « médiation »" in visible_text(browser.get("/recherche", query_string={"q": "mediatoin"}))


def test_a_290_letter_word_is_answered_without_walking_the_lexicon(wordy_forum, make_client, member, work_of):
    page = visible_text(make_client(member).get("/recherche", query_string={"q": unknown_word(random.Random(1), 290)}))
    assert "0 résultat" in page
    assert work_of[-1].done["corrected"] == 1 and work_of[-1].done["spelling"] == 0


def test_the_corrector_stops_at_its_budget_and_the_page_still_answers(wordy_forum, make_client, member, work_of,
                                                                      monkeypatch):
    browser = make_client(member)
    text = " ".join(unknown_word(random.Random(3), 20) for _ in range(3))
    browser.get("/recherche", query_string={"q": text})
    walked = work_of[-1].done["spelling"]
    monkeypatch.setitem(budget.LIMITS, "spelling", walked // 4)
    response = browser.get("/recherche", query_string={"q": text})
    assert response.status_code == 200 and "0 résultat" in visible_text(response)
    assert work_of[-1].done["spelling"] <= walked // 4 and "spelling" in work_of[-1].stopped


def test_a_typo_in_a_large_lexicon_is_still_found_within_the_budget(wordy_forum, make_client, member, work_of,
                                                                     indexed):
    factories.make_topic(member, "Tranquillité résidentielle", body="La tranquillité des résidences la nuit.")
    indexed()
    page = visible_text(make_client(member).get("/recherche", query_string={"q": "tranquilite"}))
    assert "Vouliez-vous dire « tranquillité »" in page
    assert 0 < work_of[-1].done["spelling"] <= budget.SPELLING_ROWS


def test_invalid_utf8_nul_and_control_characters_in_the_address_answer_in_french(wordy_forum, make_client, member,
                                                                                 client):
    for browser in (make_client(member), client):
        for raw in ("%FF%FE%FD", "m%C3%A9diation%00", "%00%01%1B%5B31m", "m%C3", "%C0%AF..%2F", "%ED%A0%80",
                    "m%C3%A9diation%FF*"):
            response = browser.get(f"/recherche?q={raw}")
            assert response.status_code in (200, 400), raw
            assert any(words in visible_text(response) for words in FRENCH), raw


def test_many_prefixes_give_one_note_each_and_the_first_ones_are_searched(wordy_forum, make_client, member, work_of):
    browser = make_client(member)
    page = visible_text(browser.get("/recherche", query_string={"q": hostile_queries()["prefixes_100_letters"]}))
    assert page.count("mettez au moins 3 lettres avant l'étoile") == 1
    assert "« a* », « b* », « c* » (et d'autres)" in page
    page = visible_text(browser.get("/recherche", query_string={"q": "médi* habi* lexi* zorg*"}))
    assert "Seuls les 3 premiers débuts de mot suivis d'une étoile sont pris en compte." in page
    assert "4 résultats" in page  # the fourth prefix, which nothing starts with, is left out
    assert titles(browser, "médi* lexi*") and 0 < work_of[-1].done["prefix"] <= PREFIX_WORDS


def test_the_reader_keeps_at_most_12_clauses_3_prefixes_and_8_words_a_phrase():
    alternatives = query.parse(" OU ".join(f"mot{n}" for n in range(60)))
    assert sum(1 + len(clause.alternatives) for clause in alternatives.clauses) == query.MAX_CLAUSES
    assert "Seuls les 12 premiers mots sont pris en compte." in alternatives.notes
    prefixes = query.parse("médi* habi* lexi* tran* nuit")
    assert [clause.words[0] for clause in prefixes.clauses] == ["médi", "habi", "lexi", "nuit"]
    phrase = query.parse('"' + " ".join(f"mot{n}" for n in range(150)) + '"')
    assert phrase.clauses[0].words == tuple(f"mot{n}" for n in range(8))
    assert "Une expression entre guillemets est limitée à ses 8 premiers mots." in phrase.notes
    # what follows a dropped prefix is not taken as its alternative
    dropped = query.parse("a1* OU b22 médi* habi* lexi* OU tran* nuit")
    assert [clause.words for clause in dropped.clauses][-1] == ("nuit",)
    assert not dropped.clauses[-1].alternatives


def test_a_word_repeated_in_the_box_is_looked_up_once(wordy_forum):
    store, synonyms = outbox.store(), searching.make_thesaurus([["médiation", "médiateur"]])
    once = searching.make_plan(store, query.parse("médiation"), synonyms)
    assert searching.make_plan(store, query.parse("médiation " * 30), synonyms) == once


def test_the_links_of_a_results_page_carry_the_search_as_read_not_all_that_was_sent(wordy_forum, make_client, member):
    page = make_client(member).get("/recherche", query_string={"q": "médiation " * 1000, "pole": "x" * 5000})
    links = re.findall(r'href="(/recherche\?[^"]*)"', page.get_data(as_text=True))
    assert links and all(len(link) < 2 * query.MAX_LENGTH * len("%C3%A9") for link in links)
