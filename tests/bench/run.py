"""``make bench``: time the main pages in-process and count their SQL statements.

Each scenario prepares data once, warms up, then times ``ROUNDS`` requests through the
test client (no network), and reports the median and 95th percentile in milliseconds
with the number of SQL statements of one request. Results: a table on stdout and a JSON
file under tests/bench/results/. Timings vary with the machine; compare runs on one machine.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from forum import create_app
from forum.extensions import db
from tests.bench import scenarios
from tests.conftest import Client, base_config, run_migrations
from tests.helpers import count_queries

ROUNDS = 30
RESULTS = Path(__file__).parent / "results"


def measure(app, client, url: str, rounds: int = ROUNDS) -> dict:
    """Median and p95 of ``rounds`` GETs of ``url``, with its SQL statement count."""
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    with count_queries(app) as queries:
        client.get(url)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            "queries": len(queries)}


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        config = base_config(Path(folder), f"sqlite:///{folder}/bench.sqlite3")
        config["RATELIMIT_ENABLED"] = False
        app = create_app(config)
        app.test_client_class = Client
        run_migrations(app)
        with app.app_context():
            for name, prepare in scenarios.SCENARIOS:
                client, url = prepare(app)
                result = measure(app, client, url)
                rows.append({"scenario": name, "url": url, **result})
                print(f"  {name:<48} {result['median_ms']:>8.2f} ms  p95 {result['p95_ms']:>8.2f} ms"
                      f"  {result['queries']:>3} requêtes SQL", flush=True)
            db.session.remove()
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"bench-{stamp}.json"
    path.write_text(json.dumps({"python": sys.version.split()[0], "rounds": ROUNDS, "results": rows}, indent=2))
    print(f"\nRésultats écrits dans {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
