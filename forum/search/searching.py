"""Searching: which documents match, which a reader may open, how they are counted and ranked.

Matching, access rules and facet counts are set operations on document numbers: each term's
documents are read once per searcher (that is, once per index change), then every search
intersects in C. Whoosh's own matchers would walk every matching document in Python, and a
frequent word (« médiation ») is in most of them. BM25 ranks at most ``RANK_WINDOW``
documents: when more match, the most recently indexed (a topic is indexed again at each reply).
"""

from __future__ import annotations

import heapq
import math
from datetime import UTC, datetime

from forum.search import budget, index, plan, spelling
from forum.search.query import ParsedQuery
from forum.search.results import Hit, Results, snippet

RANK_WINDOW = 500   # documents ranked by BM25; when more match, the most recently indexed of them
SIMILAR_BODY_SHARE = 0.05
MAX_CORRECTED = 3                 # words of one search the spelling corrector looks for
MIN_CORRECTED_LETTERS, MAX_CORRECTED_LETTERS = 3, 25   # « anticonstitutionnellement » has 25
SUGGESTIONS_TRIED = 5             # close words checked against what the reader may open
# Words of almost every question's title: they say nothing about what it is about.
QUESTION_WORDS = ("comment", "faire", "gérer", "question", "besoin", "aide", "avis", "conseil", "retour",
                  "idée", "quoi", "quel", "quelle", "merci", "bonjour", "problème", "savoir", "peut")


def make_thesaurus(groups: list[list[str]]) -> plan.Thesaurus:
    """A thesaurus whose expressions are analyzed like the index's text."""
    return plan.Thesaurus(groups, index.stems)


def make_plan(store: index.IndexStore, parsed: ParsedQuery, thesaurus: plan.Thesaurus) -> plan.Plan | None:
    """The plan of a parsed search on this index (prefixes expanded with its words)."""
    searcher = store.searcher()
    planner = plan.Planner(thesaurus, index.stems, lambda word: index.prefix_stems(searcher, word))
    return planner.plan(parsed)


def docs(searcher, node: plan.Node) -> set[int]:
    """The documents a plan node matches."""
    if isinstance(node, plan.Word):
        return set(index.term_docs(searcher, "title", node.stem) | index.term_docs(searcher, "body", node.stem))
    if isinstance(node, plan.Phrase):
        found = set(index.term_docs(searcher, "pairs", node.pairs[0]))
        for pair in node.pairs[1:]:
            found &= index.term_docs(searcher, "pairs", pair)
        return found
    if isinstance(node, plan.AnyOf):
        return set().union(*(docs(searcher, part) for part in node.parts))
    found = docs(searcher, node.parts[0])
    for part in node.parts[1:]:
        if not found:
            break
        found &= docs(searcher, part)
    return found


def readable(searcher, visitor: bool) -> frozenset[int] | None:
    """What a reader may find: visitors only public sheets; members everything indexed (None)."""
    if not visitor:
        return None
    return (index.value_docs(searcher, "kind").get("sheet", frozenset())
            & index.value_docs(searcher, "visibility").get("public", frozenset()))


def allowed(searcher, search_plan: plan.Plan, visitor: bool, selected: dict[str, str]) -> set[int]:
    """The documents that match, that the reader may open, within the chosen facets."""
    found = docs(searcher, search_plan.match)
    limit = readable(searcher, visitor)
    if limit is not None:
        found &= limit
    for name, value in selected.items():
        if name in index.FACETS and value:
            found &= index.value_docs(searcher, index.FACETS[name]).get(value, frozenset())
    if search_plan.exclude is not None and found:
        found -= docs(searcher, search_plan.exclude)
    return found


def corrections(store: index.IndexStore, words: list[str], visitor: bool) -> dict[str, str]:
    """« Vouliez-vous dire » for the words found nowhere, drawn only from what the reader may open.

    A visitor must neither be offered a word of the members' discussions nor learn that one
    exists there. The work is bounded: ``MAX_CORRECTED`` words of a sensible length, each
    looked for by a lexicon walk that spends the search's budget (see ``spelling``).
    """
    searcher = store.searcher()
    within, work = readable(searcher, visitor), budget.current()

    def used(word: str) -> bool:
        found = index.stems([word])
        if not found:
            return False
        holders = index.term_docs(searcher, "title", found[0]) | index.term_docs(searcher, "body", found[0])
        return bool(holders if within is None else holders & within)

    fixes, tried = {}, 0
    for word in dict.fromkeys(words):
        folded = index.fold(word)
        if not folded or " " in folded or used(word):
            continue  # a word the forum uses, perhaps in another form: not a typo
        if tried == MAX_CORRECTED:
            break
        tried += 1
        work.spend("corrected")
        if not MIN_CORRECTED_LETTERS <= len(folded) <= MAX_CORRECTED_LETTERS:
            continue  # no word of the forum is one or two letters away from a 290-letter one
        # One letter off for short words: « rodéos » is not a typo of « radios ».
        maxdist = 1 if len(folded) <= 6 else 2
        close: dict[str, tuple[int, int]] = {}
        for words_of_segment, counts in index.spelling_lexicons(searcher):
            for distance, position in spelling.close_words(folded, words_of_segment, maxdist,
                                                           lambda amount: work.spend("spelling", amount)):
                text = words_of_segment[position]
                previous = close.get(text, (distance, 0))
                close[text] = (min(distance, previous[0]), previous[1] - counts[position])
        # The closest first, then the most used.
        for text in sorted(close, key=lambda text: (*close[text], text))[:SUGGESTIONS_TRIED]:
            if used(text):
                fixes[word] = text
                break
    return fixes


def _newest(searcher, among, count: int) -> list[int]:
    dates = index.dates(searcher)
    return heapq.nlargest(count, among, key=lambda docnum: (dates[docnum] or datetime.min, docnum))


def ranked(searcher, search_plan: plan.Plan, found: set[int], by_date: bool, count: int) -> list[int]:
    """The first ``count`` documents: by BM25 on the words, then (or only) the newest."""
    order: list[int] = []
    scored = None if by_date else plan.ranked_part(search_plan.match)
    if scored is not None:
        window = found if len(found) <= RANK_WINDOW else set(heapq.nlargest(RANK_WINDOW, found))
        order = index.best_scored(searcher, scored, window, count)
    if len(order) < count:
        seen = set(order)
        order += _newest(searcher, (docnum for docnum in found if docnum not in seen), count - len(order))
    return order


def _hit(fields: dict, marks: tuple[set[str], set[tuple[str, ...]]] | None) -> Hit:
    moment = fields.get("date")
    return Hit(key=fields["key"], kind=fields["kind"], title=fields["title"],
               snippet_html=snippet(fields.get("opening", ""), *marks, index.stem_of) if marks else "",
               pole=fields.get("pole", ""), themes=[t for t in (fields.get("themes") or "").split(",") if t],
               structure_kind=fields.get("structure_kind", ""), solved=fields.get("solved") == "1",
               date=moment.replace(tzinfo=UTC) if moment else None)


def _offered(facet: str, value: str) -> bool:
    # Discussions have no structure kind, and « not solved » is not a filter anyone asked for.
    return bool(value) and (facet != "solved" or value == "1")


def search(store: index.IndexStore, search_plan: plan.Plan, *, visitor: bool, selected: dict[str, str],
           by_date: bool, page: int, per_page: int = 10) -> Results:
    """One page of results with facet counts, everything limited to what the reader may open."""
    searcher = store.searcher()
    found = allowed(searcher, search_plan, visitor, selected)
    facets = {name: sorted(((value, count) for value, documents in index.value_docs(searcher, field).items()
                            if _offered(name, value) and (count := len(documents & found))),
                           key=lambda item: -item[1])
              for name, field in index.FACETS.items()}
    pages = max(1, -(-len(found) // per_page))
    page = min(page, pages)  # past the last page (an old link): the last one
    hits = []
    if found:
        marks = plan.marked(search_plan.match)
        on_page = ranked(searcher, search_plan, found, by_date, page * per_page)[(page - 1) * per_page:]
        hits = [_hit(index.stored(searcher, docnum), marks) for docnum in on_page]
    return Results(hits=hits, total=len(found), page=page, pages=pages, facets=facets)


def similar(store: index.IndexStore, text: str, *, visitor: bool, limit: int = 5) -> list[Hit]:
    """Topics and sheets whose titles share the most telling words with ``text`` (a title being typed).

    Scored with sets rather than Whoosh's matchers, which would score every document holding a
    common word: each title word counts by its rarity, and a body word only when it is rare
    (under 5 % of documents), so « rodéos » finds the topic that only mentions them.
    """
    searcher = store.searcher()
    total = max(1, index.document_count(searcher))
    scores: dict[int, float] = {}
    ignored = set(index.stems(QUESTION_WORDS))
    for stem in [stem for stem in dict.fromkeys(index.stems([text])) if stem not in ignored][:12]:
        for field, boost, share in (("title", 3.0, 1.0), ("body", 1.0, SIMILAR_BODY_SHARE)):
            frequency = index.document_frequency(searcher, field, stem)
            if not frequency or frequency > share * total:
                continue
            weight = boost * math.log(1 + total / frequency)
            for docnum in index.term_docs(searcher, field, stem):
                scores[docnum] = scores.get(docnum, 0.0) + weight
    limit_to = readable(searcher, visitor)
    best = heapq.nlargest(limit, (docnum for docnum in scores if limit_to is None or docnum in limit_to),
                          key=lambda docnum: (scores[docnum], docnum))
    return [_hit(index.stored(searcher, docnum), None) for docnum in best]
