"""The search page as a person uses it: facets, sorting, pages, syntax, and the ways in."""

from __future__ import annotations

import re

from forum.discussions import actions as discussion_actions
from forum.moderation import actions as moderation_actions
from tests import factories
from tests.helpers import count_queries, page_text, visible_text
from tests.search.conftest import titles


def test_facets_count_what_matches_and_narrow_the_results(make_client, member, other_member, animator, indexed):
    solved = factories.make_topic(member, "Médiation dans le bus de nuit", kind="question")
    answer = factories.make_reply(other_member, solved, "Nous montons à deux dans le bus.")
    discussion_actions.mark_solution(member, answer)
    factories.make_topic(member, "Bus scolaire et médiation", theme_slug="milieu-scolaire")
    factories.make_topic(member, "Bus de ville en Normandie", pole_slug="normandie", theme_slug="transports")
    factories.make_sheet(member, "published", reviewer=animator, title="Accompagner les lignes de bus")
    indexed()
    browser = make_client(member)

    page = visible_text(browser.get("/recherche", query_string={"q": "bus"}))
    assert "4 résultats" in page
    facets = page.split("Affiner")[1]
    assert "Discussions (3)" in facets and "Fiches (1)" in facets
    assert "Bretagne (3)" in facets and "Normandie (1)" in facets
    assert "Discussions résolues (1)" in facets

    assert titles(browser, "bus", pole="normandie") == ["Bus de ville en Normandie"]
    assert titles(browser, "bus", type="sheet") == ["Accompagner les lignes de bus"]
    assert titles(browser, "bus", resolues="1") == ["Médiation dans le bus de nuit"]
    assert titles(browser, "bus", theme="milieu-scolaire") == ["Bus scolaire et médiation"]
    narrowed = visible_text(browser.get("/recherche", query_string={"q": "bus", "pole": "normandie"}))
    assert "1 résultat" in narrowed and "Retirer ce filtre" in narrowed
    assert "Bretagne (" not in narrowed.split("Affiner")[1]
    assert titles(browser, "bus", pole="pole-inconnu") == []


def test_results_sort_by_relevance_or_by_date(make_client, member, other_member, indexed):
    older = factories.make_topic(member, "Lampadaires éteints", body="Les lampadaires du parc sont éteints.")
    newer = factories.make_topic(member, "Éclairage du parc", body="Un lampadaire ne marche plus.")
    factories.make_reply(other_member, newer, "Nous avons signalé le lampadaire au bailleur.")
    indexed()
    browser = make_client(member)
    assert titles(browser, "lampadaire") == [older.title, newer.title]
    assert titles(browser, "lampadaire", tri="date") == [newer.title, older.title]
    page = browser.get("/recherche", query_string={"q": "lampadaire", "tri": "n-importe"})
    assert page.status_code == 200 and "<strong>Pertinence</strong>" in page.get_data(as_text=True)


def test_results_come_ten_to_a_page(make_client, member, indexed):
    for number in range(23):
        factories.make_topic(member, f"Composteur collectif numéro {number}")
    indexed()
    browser = make_client(member)
    first, second, third = (titles(browser, "composteur", page=page) for page in (1, 2, 3))
    assert (len(first), len(second), len(third)) == (10, 10, 3)
    assert len(set(first) | set(second) | set(third)) == 23
    page = visible_text(browser.get("/recherche", query_string={"q": "composteur", "page": 2}))
    assert "Page 2 sur 3" in page and "Précédents" in page and "Suivants" in page
    assert titles(browser, "composteur", page="abc") == first
    assert titles(browser, "composteur", page=9) == third  # an old link past the end: the last page


def test_phrases_alternatives_prefixes_and_exclusions(make_client, member, indexed):
    factories.make_topic(member, "Réseau de chaleur", body="La médiation de nuit passe au pied des tours.")
    factories.make_topic(member, "Nuit blanche", body="Une nuit de médiation avec les jeunes.")
    factories.make_topic(member, "Tramway", body="Présence dans le tramway.")
    indexed()
    browser = make_client(member)
    assert titles(browser, '"médiation de nuit"') == ["Réseau de chaleur"]
    assert set(titles(browser, "médiation nuit")) == {"Réseau de chaleur", "Nuit blanche"}
    assert set(titles(browser, "tramway OU chaleur")) == {"Tramway", "Réseau de chaleur"}
    assert titles(browser, "tram*") == ["Tramway"]
    assert set(titles(browser, "nuit -jeunes")) == {"Réseau de chaleur"}
    page = visible_text(browser.get("/recherche", query_string={"q": "tr* nuit"}))
    assert "au moins 3 lettres" in page and "2 résultats" in page


def test_a_malformed_query_gets_a_french_message(make_client, member, indexed):
    indexed()
    browser = make_client(member)
    for text, status in (("*", 400), ("-seul", 400), ('"', 400), ("titre:(", 200), ("a" * 10_000, 200)):
        response = browser.get("/recherche", query_string={"q": text})
        assert response.status_code == status, text
        if status == 400:
            assert "Ajoutez au moins un mot" in page_text(response)
    assert "premiers caractères" in page_text(browser.get("/recherche", query_string={"q": "mot " * 200}))


def test_search_is_one_click_from_the_header_a_pole_a_theme_and_the_library(client, make_client, member):
    browser = make_client(member)
    home = browser.get("/").get_data(as_text=True)
    assert re.search(r'<form class="header-search" method="get" action="/recherche"', home)
    pole_page = browser.get("/poles/bretagne").get_data(as_text=True)
    assert 'name="pole" value="bretagne"' in pole_page and "Rechercher dans ce pôle" in pole_page
    theme_page = browser.get("/themes/transports").get_data(as_text=True)
    assert 'name="theme" value="transports"' in theme_page
    library = client.get("/bibliotheque/").get_data(as_text=True)
    assert 'name="type" value="sheet"' in library and 'action="/recherche"' in library


def test_similar_titles_are_suggested_to_members_only(client, make_client, member, moderator, indexed):
    topic = factories.make_topic(member, "Rodéos motorisés au pied des immeubles")
    hidden = factories.make_topic(member, "Rodéos urbains l'été")
    moderation_actions.hide_post(moderator, factories.first_post(hidden), "Hors charte")
    for number in range(7):
        factories.make_topic(member, f"Rodéos série {number}")
    indexed()
    browser = make_client(member)
    answer = browser.get("/api/similaires", query_string={"titre": "Que faire contre les rodéos ?"}).get_json()
    found = [result["title"] for result in answer["results"]]
    assert len(found) == 5 and "Rodéos urbains l'été" not in found
    assert all(result["kind"] == "discussion" and result["url"].startswith("/discussions/")
               for result in answer["results"])
    assert browser.get("/api/similaires", query_string={"titre": "rod"}).get_json() == {"results": []}

    refused = client.get("/api/similaires", query_string={"titre": "rodéos motorisés"})
    assert refused.status_code == 403 and topic.title not in refused.get_data(as_text=True)
    assert refused.get_json()["error"] == "Accès refusé"


def test_the_new_topic_preview_lists_similar_topics_without_javascript(make_client, member, indexed):
    factories.make_topic(member, "Squat dans un hall d'immeuble")
    indexed()
    browser = make_client(member)
    form = {"pole_id": str(factories.pole("bretagne").id), "theme_id": str(factories.theme("habitat-social").id),
            "kind": "question", "title": "Un squat récurrent dans le hall", "body": "Comment faites-vous ?",
            "action": "apercu"}
    page = visible_text(browser.post_form("/discussions/nouvelle", form))
    assert "répondent peut-être à votre question" in page and "Squat dans un hall d'immeuble" in page


def test_a_prefix_alone_lists_the_newest_first(make_client, member, other_member, indexed):
    older = factories.make_topic(member, "Trottinettes sur le trottoir")
    newer = factories.make_topic(member, "Trottoirs encombrés")
    factories.make_reply(other_member, older, "Toujours des trottinettes.")  # now the most recent activity
    indexed()
    assert titles(make_client(member), "trott*") == [older.title, newer.title]


def test_ranking_a_window_of_matches_never_loses_or_repeats_one(make_client, member, indexed, monkeypatch):
    from forum.search import searching

    monkeypatch.setattr(searching, "RANK_WINDOW", 3)
    for number in range(14):
        factories.make_topic(member, f"Réverbère {number}", body="réverbère " * (number % 4 + 1))
    indexed()
    browser = make_client(member)
    found = titles(browser, "réverbère", page=1) + titles(browser, "réverbère", page=2)
    assert sorted(found) == sorted(f"Réverbère {number}" for number in range(14))


def test_the_search_page_runs_the_same_sql_with_one_or_many_facet_values(app, make_client, member, indexed):
    factories.make_topic(member, "Lavoir municipal")
    indexed()
    browser = make_client(member)
    browser.get("/recherche?q=lavoir")
    with count_queries(app) as few:
        browser.get("/recherche?q=lavoir")
    for number, (pole, theme) in enumerate([("normandie", "transports"), ("occitanie", "milieu-scolaire"),
                                            ("corse", "habitat-social"), ("grand-est", "acces-aux-droits")]):
        factories.make_topic(member, f"Lavoir {number}", pole_slug=pole, theme_slug=theme)
    indexed()
    with count_queries(app) as many:
        page = browser.get("/recherche?q=lavoir")
    assert "5 résultats" in visible_text(page) and len(many) == len(few) <= 8


def test_words_found_only_in_a_newer_segment_of_the_index(app, make_client, member, indexed):
    # A rebuilt index is one segment; later changes land in new ones. Words matching only a
    # later segment once made the ranking walk an empty matcher of the first (a 500).
    for number in range(12):
        factories.make_topic(member, f"Tournée numéro {number}")
    indexed()
    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0
    factories.make_topic(member, "Cellule de veille du CLSPD", body="La cellule de veille se réunit.")
    indexed()
    browser = make_client(member)
    assert titles(browser, "cellule veille") == ["Cellule de veille du CLSPD"]
    assert titles(browser, "médiation médiation") == []


def test_acronyms_are_not_stemmed_into_common_words(make_client, member, indexed):
    factories.make_topic(member, "Parcours de VAE", body="Trois médiatrices passent leur VAE.")
    factories.make_topic(member, "Réunion de rentrée", body="Voici ce qui va se passer en septembre.")
    indexed()
    assert titles(make_client(member), "VAE") == ["Parcours de VAE"]


def test_short_words_are_not_corrected_into_other_words(make_client, member, indexed):
    factories.make_topic(member, "Radios portatives", body="Les radios des équipes de nuit.")
    indexed()
    page = visible_text(make_client(member).get("/recherche", query_string={"q": "rodéos"}))
    assert "0 résultat" in page and "Vouliez-vous dire" not in page


def test_and_not_operators_in_capitals_read_as_people_mean_them(make_client, member, indexed):
    factories.make_topic(member, "Nuit au parc", body="Des jeunes au parc la nuit.")
    factories.make_topic(member, "Nuit en gare", body="La gare la nuit.")
    indexed()
    browser = make_client(member)
    assert titles(browser, "nuit NOT jeunes") == titles(browser, "nuit SAUF jeunes") == ["Nuit en gare"]
    assert titles(browser, "nuit ET gare") == titles(browser, "nuit AND gare") == ["Nuit en gare"]


def test_an_empty_filtered_search_offers_to_remove_the_filter_and_old_pages_fall_back(make_client, member,
                                                                                         indexed):
    factories.make_topic(member, "Jardins partagés")
    indexed()
    browser = make_client(member)
    page = browser.get("/recherche", query_string={"q": "jardins", "type": "sheet"}).get_data(as_text=True)
    assert "0 résultat" in visible_text_of(page) and 'href="/recherche?q=jardins">× Type : Discussions' not in page
    assert re.search(r'<a href="/recherche\?q=jardins">× Type : Fiches</a>', page)
    assert "Structure (fiches)" not in visible_text_of(page)
    late = visible_text(browser.get("/recherche", query_string={"q": "jardins", "page": 3}))
    assert "1 résultat" in late and "Jardins partagés" in late and "Aucun résultat" not in late


def visible_text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_similar_titles_ignore_the_words_every_question_starts_with(make_client, member, indexed):
    factories.make_topic(member, "Comment organiser une fête de quartier ?")
    factories.make_topic(member, "Rodéos motorisés le soir")
    indexed()
    answer = make_client(member).get("/api/similaires", query_string={"titre": "Comment gérer les rodéos ?"})
    assert [result["title"] for result in answer.get_json()["results"]] == ["Rodéos motorisés le soir"]
