"""``make bench``: build a forum of 2,000 topics and 20,000+ posts, then measure it.

In-process (test client, no network): server time p50/p95 of the home page, a pole page,
topic pages of 20 and 200 posts, and of writing a reply; SQL statements of topic pages of 5
and 500 posts; the moderation queue with 1,000 open cases (``modqueue_p95_ms``, 50 requests) and the
journal with 100,000 entries (tests/bench/journal.py). Through gunicorn (2 workers) with wrk over loopback, bounded in time:
requests/s and latency of the 20-post topic page, and ``writers8``: 8 members replying at once
through 3 workers for 30 s (replies/s, and replies lost or duplicated). Prints a table and merges the figures
into ``bench-results.json`` at the repository root (a flat object of numbers).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from forum import create_app
from forum.extensions import db
from tests.bench import data, load
from tests.bench import moderation as moderation_data
from tests.conftest import Client, base_config, run_migrations
from tests.factories import PASSWORD
from tests.helpers import count_queries

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results.json"
ROUNDS = 40
SECRET = "bench-secret-key-not-for-production"
WRITE_SECONDS = int(os.environ.get("BENCH_WRITE_SECONDS", "30"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed_get(client, url: str, rounds: int = ROUNDS) -> dict:
    """Server time of ``rounds`` GETs (after a warm-up), and the statements of one."""
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return {"p50": statistics.median(timings), "p95": percentile(timings, 0.95)}


def statements(app, client, url: str) -> int:
    client.get(url)
    with count_queries(app) as seen:
        client.get(url)
    return len(seen)


def reply_p95(client, topic_id: int, rounds: int = ROUNDS) -> float:
    """Server time of publishing replies through the form (guard, notifications, commit)."""
    timings = []
    for number in range(rounds):
        start = time.perf_counter()
        response = client.post_form(f"/discussions/{topic_id}/repondre",
                                    {"body": f"Réponse de mesure {number} : nous passons en différé, "
                                             "puis une rencontre avec le bailleur."})
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, response.status_code
    return percentile(timings, 0.95)


def main() -> int:
    results: dict[str, float] = {}
    table: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        config = base_config(Path(folder), f"sqlite:///{database}")
        config.update(RATELIMIT_ENABLED=False, SECRET_KEY=SECRET)
        app = create_app(config)
        app.test_client_class = Client
        run_migrations(app)
        with app.app_context():
            started = time.perf_counter()
            topics, member = data.build()
            counts = db.session.execute(db.text("SELECT (SELECT count(*) FROM topics), (SELECT count(*) FROM posts)")).one()
            print(f"Forum de mesure : {counts[0]} discussions, {counts[1]} messages "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
            member_email = member.email
            writer_logins = [(email, PASSWORD) for email in db.session.scalars(db.text(
                "SELECT email FROM users WHERE display_name LIKE 'Personne Mesure %' ORDER BY id LIMIT :count"),
                {"count": load.WRITERS})]
            # Replies go where members are talking: 40 topics drawn at random (most are short, as in
            # the forum; a reply re-indexes its whole topic, so the size matters).
            writer_topics = random.Random(5).sample(db.session.scalars(db.text("SELECT id FROM topics")).all(), 40)
            client = app.test_client()
            client.login(member)
            pole_slug = db.session.scalar(db.text("SELECT slug FROM poles WHERE slug = 'bretagne'"))
            pages = {
                "home": "/", "pole": f"/poles/{pole_slug}",
                "topic20": f"/discussions/{topics[20]}", "topic200": f"/discussions/{topics[200]}",
            }
            for key, url in pages.items():
                timing = timed_get(client, url)
                results[f"{key}_p50_ms"], results[f"{key}_server_p95_ms"] = round(timing["p50"], 2), round(timing["p95"], 2)
                table.append((f"{url} (dans le processus)", f"p50 {timing['p50']:.1f} ms · p95 {timing['p95']:.1f} ms"))
            results["topic_queries_5"] = statements(app, client, f"/discussions/{topics[5]}")
            results["topic_queries_500"] = statements(app, client, f"/discussions/{topics[500]}")
            table.append(("Requêtes SQL, discussion de 5 / 500 messages",
                          f"{results['topic_queries_5']} / {results['topic_queries_500']}"))
            results["reply_p95_ms"] = round(reply_p95(client, topics[200]), 2)
            table.append(("Publier une réponse (dans le processus)", f"p95 {results['reply_p95_ms']:.1f} ms"))
            moderator = moderation_data.build_cases(1000)
            moderation_client = app.test_client()
            moderation_client.login(moderator)
            queue = timed_get(moderation_client, "/moderation/", rounds=50)
            results["modqueue_p95_ms"] = round(queue["p95"], 2)
            results["modqueue_queries"] = statements(app, moderation_client, "/moderation/")
            table.append(("/moderation/ : file de 1 000 signalements (dans le processus)",
                          f"p50 {queue['p50']:.1f} ms · p95 {queue['p95']:.1f} ms · "
                          f"{results['modqueue_queries']} requêtes SQL"))

            from tests.bench import journal  # the moderation journal, 100,000 entries

            journal_results, journal_table = journal.measure(app)
            results.update(journal_results)
            table.extend(journal_table)
            # A site in service has its search index up to date; without it each gunicorn worker's
            # drainer would spend the measurement indexing the whole generated forum.
            started = time.perf_counter()
            app.test_cli_runner().invoke(args=["search", "reindex", "--procs", "2"])
            print(f"Index de recherche construit ({time.perf_counter() - started:.0f} s)", flush=True)
            db.session.remove()
            db.engine.dispose()

        served = load.through_gunicorn(database, SECRET, member_email, PASSWORD,
                                       f"/discussions/{topics[20]}", seconds=10)
        results.update({"topic20_rps": served["rps"], "topic20_gunicorn_p50_ms": served["p50"],
                        "topic20_p95_ms": served["p95"]})
        table.append((f"/discussions/{topics[20]} via gunicorn (2 workers, {load.CONNECTIONS} connexions, {served['tool']})",
                      f"{served['rps']:.0f} req/s · p50 {served['p50']:.1f} ms · p95 {served['p95']:.1f} ms"))

        wrote = load.writers(database, SECRET, writer_logins, writer_topics, seconds=WRITE_SECONDS)
        results.update({"writers8_rps": wrote["rps"], "writers8_p95_ms": wrote["p95"], "writers8_lost": wrote["lost"],
                        "writers8_dup": wrote["dup"]})
        table.append((f"{load.WRITERS} membres qui répondent à la fois via gunicorn ({load.WRITE_WORKERS} workers, "
                      f"{WRITE_SECONDS} s)",
                      f"{wrote['rps']:.0f} réponses/s · p95 {wrote['p95']} ms · perdues {wrote['lost']} · "
                      f"en double {wrote['dup']} · autres réponses {wrote['failures'] or 'aucune'}"))

    targets = [("topic20_rps", ">=", 150), ("writers8_rps", ">=", 60), ("writers8_lost", "<=", 0),
               ("writers8_dup", "<=", 0), ("topic20_p95_ms", "<=", 30), ("reply_p95_ms", "<=", 50),
               ("modqueue_p95_ms", "<=", 50), ("journal_p95_ms", "<=", 50), ("journal_filtered_p95_ms", "<=", 50)]
    width = max(len(label) for label, _ in table)
    print()
    for label, value in table:
        print(f"  {label.ljust(width)}  {value}")
    print()
    for key, sign, target in targets:
        ok = results[key] >= target if sign == ">=" else results[key] <= target
        print(f"  objectif {key} {sign} {target} : {'atteint' if ok else 'NON atteint'} ({results[key]})")
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged.update(results)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    print(f"\nRésultats fusionnés dans {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
