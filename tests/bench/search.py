"""``make bench``, search section: corpora of 20,000 and 100,000 posts plus 1,000 sheets.

For each size: the index rebuilt by ``flask search reindex`` (one process, then Whoosh's
multi-process writer), its size; query times on a warm searcher through the code the
search page runs (parsing, thesaurus, access filter, facet counts, highlighted snippets),
for single terms, two terms, phrases, 3- and 4-letter prefixes, and the title suggestions;
the same queries against SQLite FTS5 as a reference; the search page (in the process, as a
member and as a visitor, spelling corrector included) on hostile inputs, the slowest of
which is ``worst_input_ms``; then, through gunicorn (2 workers), the search page in
requests/s and the delay from publishing a reply to finding it.

``BENCH_SIZE=5000 make bench`` runs one smaller corpus for a quick look. Figures of the
100,000-post corpus go into ``bench-results.json`` under the names the issue lists; other
sizes under ``search_<n>k_…``.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path
from urllib.parse import quote, urlencode

from forum import create_app
from forum.extensions import db
from forum.search import budget, index, outbox, query, searching, thesaurus
from tests.bench import data, load
from tests.bench.run import RESULTS, ROOT, SECRET, percentile
from tests.conftest import Client, base_config, run_migrations
from tests.factories import PASSWORD
from tests.search.hostile import hostile_queries

SIZES = (20_000, 100_000)
SHEETS = 1_000
ROUNDS = 3
SAMPLE = 2_000       # documents indexed by one process to measure its rate
KINDS = {"term": "Un mot", "and2": "Deux mots", "phrase": "Expression entre guillemets",
         "prefix3": "Préfixe de 3 lettres", "prefix4": "Préfixe de 4 lettres", "suggest": "Suggestions (titre)"}
TARGETS = [("search_term_p95_ms", "<=", 50), ("search_and2_p95_ms", "<=", 50), ("search_phrase_p95_ms", "<=", 50),
           ("search_max_ms", "<=", 250), ("search_prefix3_max_ms", "<=", 250), ("search_suggest_p95_ms", "<=", 30),
           ("search_fresh_s", "<=", 2), ("search_worst_input_ms", "<=", 250)]


def queries(seed: int = 5, shift: int = 0) -> dict[str, list[str]]:
    """30 queries of each kind, from frequent to rare words, phrases taken from real posts.

    ``shift`` moves every choice (rarer words, other posts, other prefixes): the warm-up set
    shares no query with the measured one.
    """
    rng = random.Random(seed)
    vocabulary = data.VOCABULARY
    ranks = sorted({int(1.35 ** step) - 1 for step in range(32)})[:30]
    words = [vocabulary[min(rank + 1000 * shift, len(vocabulary) - 1)] for rank in ranks]
    bodies = db.session.scalars(db.text("SELECT body FROM posts ORDER BY id LIMIT 30 OFFSET :start"),
                                {"start": 500 + 40 * shift}).all()
    phrases = []
    for body in bodies:
        tokens = re.findall(r"[^\W\d_]{3,}", body)
        start = rng.randrange(max(1, len(tokens) - 3))
        phrases.append('"' + " ".join(tokens[start:start + rng.choice((2, 3))]) + '"')
    stems = [word for word in dict.fromkeys(re.sub(r"\W", "", word) for word in vocabulary[:800]) if len(word) >= 4]
    prefixes3 = list(dict.fromkeys(f"{stem[:3]}*" for stem in stems))
    prefixes4 = list(dict.fromkeys(f"{stem[:4]}*" for stem in stems))
    return {
        "term": words,
        "and2": [f"{words[i % 8]} {words[-(i % 20) - 1]}" for i in range(30)],
        "phrase": phrases,
        "prefix3": prefixes3[30 * shift:30 * shift + 30],
        "prefix4": prefixes4[30 * shift:30 * shift + 30],
        "suggest": [data.sentence(rng)[:90] for _ in range(30)],
    }


def whoosh_timings(texts: dict[str, list[str]]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Milliseconds of each query as the search page runs it: its first run, then repeated.

    The searcher is warmed with other queries first (files read, facet values loaded); a
    query's first run still reads its own terms, repeated runs find them in the searcher's cache.
    """
    store = outbox.store()
    synonyms = searching.make_thesaurus(thesaurus.load(None))

    def run(kind: str, text: str) -> float:
        start = time.perf_counter()
        if kind == "suggest":
            searching.similar(store, text, visitor=False)
        else:
            search_plan = searching.make_plan(store, query.parse(text), synonyms)
            if search_plan is not None:
                searching.search(store, search_plan, visitor=False, selected={}, by_date=False, page=1)
        return (time.perf_counter() - start) * 1000

    for kind, items in queries(seed=99, shift=1).items():
        for text in items:
            run(kind, text)
    first = {kind: [run(kind, text) for text in items] for kind, items in texts.items()}
    repeated: dict[str, list[float]] = {kind: [] for kind in texts}
    for _ in range(ROUNDS):
        for kind, items in texts.items():
            repeated[kind] += [run(kind, text) for text in items]
    return first, repeated


def hostile_timings(app, member) -> dict[str, tuple[float, float, dict]]:
    """Milliseconds (elapsed, then CPU) of the slowest of 3 runs of the search page on each hostile input, and its work.

    Through the test client, as a member and as a visitor: parsing, the corrector and the
    corrected search, facets, snippets and the template, as a request costs the server. The
    CPU time is the process's: on a shared machine it says what the elapsed time would be alone.
    """
    member_client, visitor_client = app.test_client(), app.test_client()
    member_client.login(member)
    works: list[budget.Work] = []
    slowest: dict[str, tuple[float, float, dict]] = {}
    with budget.finished.connected_to(lambda work: works.append(work)):
        for name, text in hostile_queries().items():
            for who, browser in (("membre", member_client), ("visiteur", visitor_client)):
                for _ in range(3):
                    start, cpu = time.perf_counter(), time.process_time()
                    status = browser.get("/recherche", query_string={"q": text}).status_code
                    elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
                    assert status in (200, 400), (name, status)
                    if elapsed > slowest.get(name, (0.0,))[0]:
                        slowest[name] = (elapsed, cpu, {"lecteur": who, **works[-1].done})
    return slowest


def fts5_timings(folder: Path, texts: dict[str, list[str]]) -> dict[str, list[float]]:
    """The same queries against an SQLite FTS5 table of the same documents (no stemming, no facets)."""
    connection = sqlite3.connect(folder / "fts5.sqlite3")
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, title, body, "
                       "tokenize='unicode61 remove_diacritics 2')")
    connection.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                           ((doc["key"], doc["title"], doc["body"]) for doc in outbox.every_document()))
    connection.commit()

    def fts(kind: str, text: str) -> str:
        words = re.findall(r"\w+", text)
        if kind == "phrase":
            return '"' + " ".join(words) + '"'
        if kind.startswith("prefix"):
            return words[0] + "*"
        return (" OR " if kind == "suggest" else " ").join(f'"{word}"' for word in words)

    timings: dict[str, list[float]] = {kind: [] for kind in texts}
    for round_number in range(ROUNDS + 1):
        for kind, items in texts.items():
            for text in items:
                match = fts(kind, text)
                start = time.perf_counter()
                connection.execute("SELECT key, snippet(docs, 2, '<mark>', '</mark>', ' … ', 24) FROM docs "
                                   "WHERE docs MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
                if kind != "suggest":
                    connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()
                if round_number:  # the first round warms the page cache
                    timings[kind].append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


def _request(port: int, method: str, path: str, cookie: str, form: dict | None = None) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": cookie}
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=urlencode(form) if form is not None else None, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    new_cookie = (response.getheader("Set-Cookie") or cookie).split(";", 1)[0]
    return response.status, body, new_cookie


def freshness(port: int, cookie: str, topic_id: int, samples: int = 10) -> list[float]:
    """Seconds from the answer to « publish this reply » to the reply's word being found by search."""
    rng = random.Random(3)
    delays = []
    for number in range(samples):
        marker = "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(5))
        status, page, cookie = _request(port, "GET", f"/discussions/{topic_id}", cookie)
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
        status, _, cookie = _request(port, "POST", f"/discussions/{topic_id}/repondre", cookie,
                                     {"csrf_token": token, "body": f"Mesure de fraîcheur {number} : {marker}."})
        assert status == 302, f"reply refused: {status}"
        saved = time.perf_counter()
        while time.perf_counter() - saved < 15:
            status, page, _ = _request(port, "GET", f"/recherche?q={quote(marker)}", cookie)
            if f'href="/discussions/{topic_id}"' in page:
                break
            time.sleep(0.02)
        delays.append(time.perf_counter() - saved)
    return delays


def measure(size: int) -> tuple[dict[str, float], list[tuple[str, str]]]:
    """Every figure of one corpus size."""
    results: dict[str, float] = {}
    table: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = folder / "bench.sqlite3"
        config = base_config(folder, f"sqlite:///{database}")
        config.update(RATELIMIT_ENABLED=False, SECRET_KEY=SECRET)
        app = create_app(config)
        app.test_client_class = Client
        run_migrations(app)
        with app.app_context():
            started = time.perf_counter()
            topics, member = data.build(topics=max(50, size // 10), posts=size)
            data.build_sheets(SHEETS)
            member_email = member.email
            print(f"Corpus de {size} messages et {SHEETS} fiches ({time.perf_counter() - started:.0f} s)", flush=True)
            # One process on a sample (the rate is steady), then the whole index as an administrator
            # rebuilds it: `flask search reindex --procs 2`, Whoosh's multi-process writer.
            started = time.perf_counter()
            sample, count = index.rebuild(outbox.store(), islice(outbox.every_document(), SAMPLE), procs=1)
            elapsed = time.perf_counter() - started
            shutil.rmtree(sample)
            results["build_docs_per_s_1"] = round(count / elapsed, 1)
            table.append(("Construction de l'index, 1 processus",
                          f"{count} premiers documents en {elapsed:.1f} s · {count / elapsed:.0f} documents/s"))
            started = time.perf_counter()
            output = app.test_cli_runner().invoke(args=["search", "reindex", "--procs", "2"]).output
            elapsed = time.perf_counter() - started
            documents = int(re.search(r"(\d+) document\(s\) indexé", output).group(1))
            results["build_docs_per_s_2"] = round(documents / elapsed, 1)
            table.append(("Construction de l'index, 2 processus (flask search reindex)",
                          f"{documents} documents en {elapsed:.1f} s · {documents / elapsed:.0f} documents/s "
                          f"· {size / elapsed:.0f} messages/s"))
            results["build_docs_per_s"] = max(results["build_docs_per_s_1"], results["build_docs_per_s_2"])
            results["index_mb"] = round(outbox.store().size_bytes() / 1e6, 1)
            table.append(("Taille de l'index", f"{results['index_mb']} Mo"))

            texts = queries()
            (first, repeated), fts5 = whoosh_timings(texts), fts5_timings(folder, texts)
            for kind, label in KINDS.items():
                p50, p95 = statistics.median(first[kind]), percentile(first[kind], 0.95)
                top = max(first[kind] + repeated[kind])
                results.update({f"{kind}_p50_ms": round(p50, 1), f"{kind}_p95_ms": round(p95, 1),
                                f"{kind}_max_ms": round(top, 1),
                                f"{kind}_repeat_p95_ms": round(percentile(repeated[kind], 0.95), 1),
                                f"fts5_{kind}_p95_ms": round(percentile(fts5[kind], 0.95), 1)})
                table.append((f"{label} ({len(first[kind])} requêtes, puis {ROUNDS} fois)",
                              f"p50 {p50:.1f} · p95 {p95:.1f} · max {top:.1f} ms "
                              f"(répétées : p95 {results[f'{kind}_repeat_p95_ms']:.1f}) "
                              f"| FTS5 p95 {results[f'fts5_{kind}_p95_ms']:.1f} ms"))
            results["max_ms"] = max(results[f"{kind}_max_ms"] for kind in KINDS)
            hostile = hostile_timings(app, member)
            worst = sorted(hostile, key=lambda name: -hostile[name][0])
            results["worst_input_ms"] = round(hostile[worst[0]][0], 1)
            results["worst_input_cpu_ms"] = round(max(cpu for _elapsed, cpu, _work in hostile.values()), 1)
            table.append((f"Saisies hostiles ({len(hostile)}, page entière, correcteur actif, pire de 3)",
                          " · ".join(f"{name} {hostile[name][0]:.0f} ms (CPU {hostile[name][1]:.0f})"
                                     for name in worst[:3]) + f" | travail du pire : {hostile[worst[0]][2]}"))
            topic_id = topics[20]
            db.session.remove()
            db.engine.dispose()

        with load.gunicorn(database, SECRET) as port:
            cookie = load.login_cookie(port, member_email, PASSWORD)
            served = load.measure(port, "/recherche?q=" + quote("médiation nuit"), cookie, seconds=10)
            results["page_rps"], results["page_p95_ms"] = served["rps"], served["p95"]
            table.append((f"/recherche?q=médiation nuit via gunicorn (2 workers, {load.CONNECTIONS} connexions)",
                          f"{served['rps']:.0f} req/s · p50 {served['p50']:.1f} ms · p95 {served['p95']:.1f} ms"))
            delays = freshness(port, cookie, topic_id)
            results["fresh_s"] = round(max(delays), 2)
            table.append(("Réponse publiée → trouvée par la recherche (10 essais)",
                          f"médiane {statistics.median(delays):.2f} s · max {max(delays):.2f} s"))
    return results, table


def main() -> int:
    wanted = os.environ.get("BENCH_SIZE", "")
    sizes = [int(wanted)] if wanted.isdigit() else list(SIZES)
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for size in sizes:
        results, table = measure(size)
        width = max(len(label) for label, _ in table)
        print(f"\nRecherche, {size} messages + {SHEETS} fiches")
        for label, value in table:
            print(f"  {label.ljust(width)}  {value}")
        prefix = "search" if size == 100_000 else f"search_{size // 1000}k"
        flat = {f"{prefix}_{key}": value for key, value in results.items()}
        if size == 100_000:
            flat["fts5_term_p95_ms"] = results["fts5_term_p95_ms"]
            print()
            for key, sign, target in TARGETS:
                ok = flat[key] >= target if sign == ">=" else flat[key] <= target
                print(f"  objectif {key} {sign} {target} : {'atteint' if ok else 'NON atteint'} ({flat[key]})")
        merged.update(flat)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(f"\nRésultats fusionnés dans {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
