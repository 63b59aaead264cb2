"""Snippets: the passages with the most query words, every form of a word marked, text escaped."""

from __future__ import annotations

from forum.search.index import stem_of
from forum.search.results import SNIPPET_WIDTH, snippet


def stems(*words: str) -> set[str]:
    return {stem_of(word) for word in words}


def test_every_form_of_the_word_is_marked_whatever_its_accents_and_case():
    text = "Les MÉDIATEURS de nuit rencontrent un médiateur du bailleur ; la mediateur sans accent aussi."
    html = snippet(text, stems("médiateur"), set(), stem_of)
    assert html.count("<mark>") == 3
    assert "<mark>MÉDIATEURS</mark>" in html and "<mark>mediateur</mark>" in html


def test_the_passage_with_the_most_different_words_is_chosen_and_cut_between_words():
    filler = "Une phrase sans rapport avec la question posée. " * 20
    text = filler + "Le bailleur finance la médiation de nuit dans le quartier. " + filler
    html = snippet(text, stems("bailleur", "médiation", "nuit"), set(), stem_of)
    assert "<mark>bailleur</mark> finance la <mark>médiation</mark> de <mark>nuit</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    for piece in html.strip("… ").split(" … "):
        assert len(piece) <= SNIPPET_WIDTH + 80


def test_text_is_escaped_and_a_title_only_match_shows_the_opening():
    html = snippet("<script>alert('médiation')</script> & le reste", stems("médiation"), set(), stem_of)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>médiation</mark>" in html
    assert snippet("Rien à voir <b>ici</b>.", stems("bailleur"), set(), stem_of) == "Rien à voir &lt;b&gt;ici&lt;/b&gt;."
    long_opening = snippet("médiation nocturne " * 20, stems("bailleur"), set(), stem_of)
    assert long_opening.endswith(" …") and len(long_opening) <= SNIPPET_WIDTH + 2
    assert set(long_opening[:-2].split()) == {"médiation", "nocturne"}  # cut between words


def test_a_stop_word_or_an_empty_query_marks_nothing():
    assert "<mark>" not in snippet("La médiation de nuit", set(), set(), stem_of)


def test_a_phrase_is_marked_whole_and_its_words_alone_are_not():
    text = "Les bailleurs sociaux financent ; les partenaires sociaux suivent ; un bailleur privé aussi."
    html = snippet(text, set(), {(stem_of("bailleurs"), stem_of("sociaux"))}, stem_of)
    assert "<mark>bailleurs sociaux</mark>" in html and html.count("<mark>") == 1


def test_two_passages_are_joined_by_a_single_ellipsis():
    filler = "Une phrase sans rapport avec la question posée. " * 12
    text = "Le bailleur appelle. " + filler + "La médiation répond. " + filler
    html = snippet(text, stems("bailleur", "médiation"), set(), stem_of)
    assert "… …" not in html and html.count("<mark>") == 2 and " … " in html


def test_of_phrases_starting_alike_the_one_the_text_holds_is_marked():
    phrases = {("quarti", "prioritair"), ("quarti", "prioritair", "polit", "vill")}
    html = snippet("Deux quartiers prioritaires au nord.", set(), phrases, stem_of)
    assert "<mark>quartiers prioritaires</mark>" in html
    html = snippet("Un quartier prioritaire de la politique de la ville.", set(), phrases, stem_of)
    assert "<mark>quartier prioritaire de la politique de la ville</mark>" in html
