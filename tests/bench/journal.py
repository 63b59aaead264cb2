"""The journal page with 100,000 entries: in-process p95 with and without a filter, SQL statements.

``measure(app)`` adds the entries to the bench's forum (run.py calls it); alone,
``python -m tests.bench.journal`` builds a small forum of its own and merges its figures into
``bench-results.json``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from forum import create_app
from forum.accounts import actions as accounts
from forum.accounts.models import Role, Structure, User
from forum.extensions import db
from forum.moderation.audit import ACTION_LABELS
from forum.moderation.models import ModerationAction
from forum.policy import SYSTEM
from forum.taxonomy.models import Pole
from tests.bench.run import RESULTS, percentile
from tests.conftest import Client, base_config, run_migrations
from tests.factories import PASSWORD
from tests.helpers import count_queries

ENTRIES = 100_000
ROUNDS = 60
TARGET_MS = 50


def _entries(moderators: list[int], members: list[int], poles: list[int], count: int):
    """Journal rows spread over two years, as moderation writes them."""
    chance = random.Random(10)
    actions = sorted(ACTION_LABELS)
    start = datetime(2024, 3, 1, tzinfo=UTC)
    for number in range(count):
        automatic = chance.random() < 0.1
        yield {"actor_id": None if automatic else chance.choice(moderators), "action": chance.choice(actions),
               "target_type": "Post", "target_id": chance.randrange(1, 20_000),
               "target_label": f"Message de mesure {number} dans « Discussion de mesure »",
               "reason": "Donnée personnelle : une personne peut être reconnue.",
               "created_at": start + timedelta(seconds=number * 630 + chance.randrange(600)),
               "pole_id": chance.choice(poles), "member_id": chance.choice(members), "automatic": automatic,
               "detail": ""}


def _moderator() -> User:
    structure = db.session.scalars(db.select(Structure)).first()
    return accounts.create_account(SYSTEM, email="moderation.mesure@bench.example", display_name="Modération Mesure",
                                   password=PASSWORD, structure=structure, role=Role.MODERATOR)


def fill(count: int = ENTRIES) -> User:
    """Add ``count`` journal entries and a moderator to read them; returns the moderator."""
    moderator = _moderator()
    db.session.commit()
    moderators = [moderator.id, *db.session.scalars(db.select(User.id).where(User.role == Role.ADMIN))]
    members = list(db.session.scalars(db.select(User.id).limit(500)))
    poles = list(db.session.scalars(db.select(Pole.id)))
    rows = list(_entries(moderators, members, poles, count))
    for first in range(0, len(rows), 10_000):
        db.session.execute(insert(ModerationAction), rows[first:first + 10_000])
    db.session.commit()
    db.session.execute(db.text("ANALYZE")) if db.engine.dialect.name == "sqlite" else None
    db.session.commit()
    return moderator


def _p95(client, url: str) -> float:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 0.95)


def measure(app, count: int = ENTRIES) -> tuple[dict, list[tuple[str, str]]]:
    """Fill the journal, then time its page unfiltered and with each filter (within an app context)."""
    moderator = fill(count)
    client = app.test_client()
    client.login(moderator)
    member = db.session.scalar(db.select(ModerationAction.member_id).where(ModerationAction.member_id.is_not(None))
                               .limit(1))
    pole = db.session.scalar(db.select(ModerationAction.pole_id).where(ModerationAction.pole_id.is_not(None)).limit(1))
    urls = {"none": "/moderation/journal", "action": "/moderation/journal?action=hide_post",
            "moderator": f"/moderation/journal?moderateur={moderator.id}", "member": f"/moderation/journal?membre={member}",
            "pole": f"/moderation/journal?pole={pole}&du=2025-01-01&au=2025-06-30",
            "deep": "/moderation/journal?page=40"}
    timings = {key: _p95(client, url) for key, url in urls.items()}
    with count_queries(app) as seen:
        client.get(urls["none"])
    with count_queries(app) as seen_filtered:
        client.get(urls["member"])
    results = {"journal_p95_ms": round(max(timings["none"], timings["deep"]), 2),
               "journal_filtered_p95_ms": round(max(timings[key] for key in ("action", "moderator", "member", "pole")), 2),
               "journal_queries": len(seen), "journal_filtered_queries": len(seen_filtered)}
    table = [(f"Journal de modération, {count:,} entrées".replace(",", " ") + " (dans le processus)",
              " · ".join(f"{key} p95 {value:.1f} ms" for key, value in timings.items())),
             ("Requêtes SQL du journal, sans / avec filtre", f"{len(seen)} / {len(seen_filtered)}")]
    return results, table


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        config = base_config(Path(folder), f"sqlite:///{Path(folder) / 'journal.sqlite3'}")
        config.update(RATELIMIT_ENABLED=False)
        app = create_app(config)
        app.test_client_class = Client
        run_migrations(app)
        with app.app_context():
            structure = Structure(name="Structure de mesure", kind="association",
                                  pole_id=db.session.scalar(db.select(Pole.id).limit(1)), city="")
            db.session.add(structure)
            db.session.commit()
            for number in range(200):
                accounts.create_account(SYSTEM, email=f"membre{number}@bench.example", display_name=f"Membre {number}",
                                        password=PASSWORD, structure=structure, role=Role.MEMBER)
            db.session.commit()
            results, table = measure(app)
    for label, value in table:
        print(f"  {label}  {value}")
    ok = results["journal_p95_ms"] <= TARGET_MS and results["journal_filtered_p95_ms"] <= TARGET_MS
    print(f"  objectif journal_p95_ms <= {TARGET_MS} : {'atteint' if ok else 'NON atteint'} ({results})")
    merged = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged.update(results)
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
