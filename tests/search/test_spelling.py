"""The bounded lexicon walk behind « Vouliez-vous dire »."""

from __future__ import annotations

import random

from forum.search.spelling import Lexicons, close_words, merged
from tests.search.hostile import unknown_word

LEXICON = sorted({"mediation", "mediateur", "mediatrice", "medaille", "habitants", "habitat", "tranquillite",
                  "radios", "rodeo", "nuit", "nuits", "bailleur"})


def close(word: str, maxdist: int, lexicon=LEXICON) -> dict[str, int]:
    return {lexicon[position]: distance for distance, position in close_words(word, lexicon, maxdist, lambda _n: True)}


def test_letters_missing_added_changed_or_swapped_count_one_edit_each():
    assert close("mediatoin", 1) == {"mediation": 1}            # swapped
    assert close("tranquilite", 1) == {"tranquillite": 1}       # missing
    assert close("habitantss", 1) == {"habitants": 1}           # added
    assert close("bailleor", 1) == {"bailleur": 1}              # changed
    assert close("habitan", 2) == {"habitat": 1, "habitants": 2}


def test_the_word_itself_and_words_too_far_are_not_offered():
    assert close("nuit", 1) == {"nuits": 1}
    assert close("rodeos", 1) == {"rodeo": 1}                   # « radios » is two edits away
    assert close("zorglub", 2) == {}


def test_the_walk_skips_branches_out_of_reach():
    rng = random.Random(4)
    lexicon = sorted({unknown_word(rng, rng.randint(5, 14)) for _ in range(20_000)} | {"mediation"})
    rows = []
    found = close_words("mediatoin", lexicon, 2, lambda amount: rows.append(amount) or True)
    assert [lexicon[position] for _distance, position in found] == ["mediation"]
    assert len(rows) < sum(map(len, lexicon)) / 10


def test_the_walk_stops_when_the_budget_refuses_and_keeps_what_it_found():
    lexicon = [f"{letter}ediation" for letter in "abcdefghij"]  # nothing shared: 9 rows each
    allowed = iter(range(40))
    found = close_words("mediation", lexicon, 1, lambda _amount: next(allowed, None) is not None)
    assert [lexicon[position] for _distance, position in found] == ["aediation", "bediation", "cediation",
                                                                     "dediation"]
    assert next(allowed, None) is None


def test_a_word_of_290_letters_costs_what_the_budget_allows():
    rows = []

    def spend(amount: int) -> bool:
        rows.append(amount)
        return len(rows) <= 500

    word = unknown_word(random.Random(99), 290)
    lexicon = sorted({word[:cut] + "x" + word[cut + 1:] for cut in range(0, 290, 7)})  # each one edit away
    close_words(word, lexicon, 2, spend)
    assert len(rows) == 501  # 500 rows, then the refusal


def test_lists_of_several_segments_merge_with_their_counts_added():
    from array import array

    words, counts = merged([(["bus", "nuit"], array("L", [2, 5])), (["nuit", "quartier"], array("L", [1, 3]))])
    assert words == ["bus", "nuit", "quartier"] and list(counts) == [2, 6, 3]
    kept, built = Lexicons(size=2), []
    for key in ("a", "b", "a", "c", "b"):
        kept.get(key, lambda key=key: built.append(key) or ([key], array("L", [1])))
    assert built == ["a", "b", "c", "b"]  # « b » was the least recently used when « c » came
