"""The search page and the « similar topics » JSON behind the new-topic form."""

from __future__ import annotations

import os
from dataclasses import dataclass

from flask import Blueprint, current_app, g, jsonify, render_template, request, url_for
from flask_login import current_user

from forum import policy
from forum.errors import render_error
from forum.extensions import limiter
from forum.search import budget, index, outbox, plan, query, registry, searching, thesaurus
from forum.search.results import Results, as_written
from forum.security import configured_limit, member_key
from forum.taxonomy import queries as taxonomy
from forum.taxonomy.models import Pole, Theme
from forum.urls import whole_number

bp = Blueprint("search", __name__)
SORTS = {"pertinence": "Pertinence", "date": "Date"}
FACET_PARAMS = {"type": "kind", "pole": "pole", "theme": "theme", "structure": "structure_kind", "annee": "year",
                "resolues": "solved"}
MAX_SUGGESTION_LENGTH = 200


def current_thesaurus() -> plan.Thesaurus:
    """The thesaurus, read again when the administrators' file changes."""
    path = current_app.config["FORUM_SEARCH_THESAURUS"]
    stamp = os.path.getmtime(path) if os.path.exists(path) else 0
    cache = current_app.extensions["forum_search"]
    if cache.get("thesaurus_stamp") != stamp or "thesaurus" not in cache:
        cache["thesaurus"] = searching.make_thesaurus(thesaurus.load(path))
        cache["thesaurus_stamp"] = stamp
    return cache["thesaurus"]


@dataclass
class SearchState:
    text: str
    parsed: query.ParsedQuery
    selected: dict[str, str]
    sort: str
    page: int


def _state() -> SearchState:
    raw = request.args.get("q", "")
    selected = {}
    for param, facet in FACET_PARAMS.items():
        value = query.clean(request.args.get(param, ""))[:80]
        if value:
            selected[facet] = "1" if facet == "solved" else value
    sort = request.args.get("tri", "pertinence")
    return SearchState(text=query.clean(raw), parsed=query.parse(raw), selected=selected,
                       sort=sort if sort in SORTS else "pertinence",
                       page=whole_number(request.args.get("page"), 200) or 1)


def _run(state: SearchState, parsed: query.ParsedQuery, visitor: bool) -> Results | None:
    store = outbox.store()
    search_plan = searching.make_plan(store, parsed, current_thesaurus())
    if search_plan is None:
        return None
    return searching.search(store, search_plan, visitor=visitor, selected=state.selected,
                            by_date=state.sort == "date", page=state.page)


def _fixed(text: str, fixes: dict[str, str]) -> str:
    return " ".join(fixes.get(word, word) for word in text.split())


def _logged_in() -> bool:
    return current_user.is_authenticated


@bp.errorhandler(429)
def too_many_searches(_error):
    """The French refusal, saying what to do (visitors may log in for a looser limit)."""
    advice = "" if _logged_in() else " Les membres connectés disposent d'une limite plus large."
    return render_error(429, "Vous avez lancé beaucoup de recherches en peu de temps : patientez une minute "
                             f"avant de chercher à nouveau.{advice}")


@bp.route("/recherche")
@limiter.limit(configured_limit("FORUM_RATELIMIT_SEARCH"), exempt_when=_logged_in)
@limiter.limit(configured_limit("FORUM_RATELIMIT_SEARCH_MEMBER"), key_func=member_key,
               exempt_when=lambda: not _logged_in())
def search():
    with budget.counting():
        return _search_page()


def _search_page():
    state = _state()
    visitor = not policy.can(current_user, "access", "members")
    results = corrected = None
    status = 200
    if not state.parsed.empty:
        results = _run(state, state.parsed, visitor)
        if results is None:
            state.parsed.notes.append("Ces mots sont trop courants pour être cherchés : essayez des mots plus précis.")
        elif results.total == 0:
            # Nothing found: a typo? Search the closest words of the forum and say so.
            fixes = searching.corrections(outbox.store(), state.parsed.plain_words, visitor)
            if fixes:
                corrected = _fixed(state.text, fixes)
                retry = _run(state, query.parse(corrected), visitor)
                if retry is not None and retry.total:
                    results = retry
                    corrected = _fixed(state.text, {word: as_written(fix, retry.hits, index.fold)
                                                    for word, fix in fixes.items()})
    elif request.args.get("q", "").strip():  # typed, but nothing left to search for (a lone *, only exclusions)
        status = 400
    return render_template("search/results.html", state=state, results=results, corrected=corrected,
                           visitor=visitor, sorts=SORTS, facet_params=FACET_PARAMS,
                           search_url=search_url, facet_label=facet_label, **labels()), status


def search_url(**changes) -> str:
    """This search's address with some parameters changed (None removes one)."""
    if "search_params" not in g:
        # As far as the search reads them: a page has dozens of links, not dozens of copies of 10 kB.
        g.search_params = {key: query.clean(value)[:query.MAX_LENGTH] for key, value in request.args.items()
                           if key in ("q", "tri", "page", *FACET_PARAMS)}
    params = dict(g.search_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return url_for("search.search", **params)


def labels() -> dict:
    """French names of the poles and themes the results carry as slugs (read once per request)."""
    if "search_labels" not in g:
        g.search_labels = {"pole_names": taxonomy.names(Pole), "theme_names": taxonomy.names(Theme)}
    return g.search_labels


def facet_label(facet: str, value: str) -> str:
    """How a facet value reads in French (features name the values of their own facets)."""
    if facet == "pole":
        return labels()["pole_names"].get(value, value)
    if facet == "theme":
        return labels()["theme_names"].get(value, value)
    if facet == "solved":
        return "Discussions résolues"
    for source in registry.sources().values():
        if value in source.labels.get(facet, {}):
            return source.labels[facet][value]
    return value


@bp.route("/api/similaires")
def similar():
    """Up to 5 topics and sheets close to a title being typed (the new-topic form asks)."""
    policy.require(current_user, "access", "members")
    text = query.clean(request.args.get("titre", ""))[:MAX_SUGGESTION_LENGTH]
    if len(text) < 4:
        return jsonify(results=[])
    with budget.counting():
        hits = searching.similar(outbox.store(), text, visitor=False)
    return jsonify(results=[{"title": hit.title, "kind": hit.kind, "url": hit.url} for hit in hits])
