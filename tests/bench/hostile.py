"""Hostile traffic against a running forum (``make run``'s site, or gunicorn in front of PostgreSQL).

    python -m tests.bench.hostile fuzz http://127.0.0.1:5000
    python -m tests.bench.hostile writers http://127.0.0.1:8000 --database-url URL [--kill-worker-of PID]

``fuzz`` walks every route of the application with the hostile values of the suite's fuzz test
(tests/test_fuzz.py) over HTTP, as a visitor and as a demo member, and counts the answers.
``writers`` has eight demo members reply at once, optionally kills one gunicorn worker with
SIGKILL midway, then compares the replies the server acknowledged with the rows in the database.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

from forum.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from tests.bench import load
from tests.test_fuzz import QUERY, _addresses, _field_names, _forms, _rules


def _rules_of_the_app():
    from forum import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "hostile", "FORUM_ENV": "development",
                      "INSTANCE_PATH": "/tmp/forum-hostile"})
    return _rules(app)


def _send(port: int, method: str, path: str, cookie: str, body: str | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path.encode("utf-8", "surrogateescape").decode("latin-1"), body=body,
                           headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def fuzz(port: int) -> dict:
    """Every route with hostile values, as a visitor and as a member; answers counted by status."""
    names, statuses, failures = _field_names(), collections.Counter(), []
    forms = _forms(names)
    rules = _rules_of_the_app()
    for persona in ("visitor", "member"):
        cookie = load.login_cookie(port, "membre@forum-demo.example", DEMO_PASSWORD) if persona == "member" else ""
        token = load._csrf_of(http.client.HTTPConnection("127.0.0.1", port, timeout=30), cookie, "/") \
            if cookie else ""
        if not cookie:  # a visitor's forms carry the token of their own session
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/connexion")
            response = connection.getresponse()
            page = response.read().decode()
            cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
            token = page.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
        for rule in rules:
            if "logout" in rule.endpoint:
                continue
            every, reachable = _addresses(rule)
            for address in every + [path + QUERY for path in reachable]:
                if "GET" in rule.methods:
                    status = _send(port, "GET", address, cookie)
                    statuses[status] += 1
                    if status >= 500 or status == 0:
                        failures.append(f"GET {address[:100]} -> {status}")
            for address in reachable if "POST" in rule.methods else []:
                for data in forms:
                    status = _send(port, "POST", address, cookie, urlencode({**data, "csrf_token": token}))
                    statuses[status] += 1
                    if status >= 500 or status == 0:
                        failures.append(f"POST {address[:100]} -> {status}")
    return {"requests": sum(statuses.values()), "statuses": dict(sorted(statuses.items())), "failures": failures}


def _workers_of(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def writers(port: int, database_url: str, seconds: int, kill_worker_of: int | None) -> dict:
    """Eight demo members reply at once; one worker killed midway; acknowledged vs stored replies."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        topic_ids = connection.execute(text(
            "SELECT id FROM topics WHERE deleted_at IS NULL AND hidden_at IS NULL AND locked_at IS NULL")).scalars().all()
    engine.dispose()
    logins = [(email, DEMO_PASSWORD) for email, *_rest in ACCOUNTS[:load.WRITERS]]
    killed = []
    if kill_worker_of:
        def kill_one() -> None:
            time.sleep(seconds / 2)
            victim = random.choice(_workers_of(kill_worker_of))
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
        threading.Thread(target=kill_one, daemon=True).start()
    result = load.write_load(port, logins, topic_ids, seconds)
    stored = load.stored_marks(database_url, result["run"])
    acknowledged = result.pop("acknowledged")
    lost = [mark for mark in acknowledged if mark not in stored]
    duplicated = [mark for mark, count in stored.items() if count > 1]
    return {**result, "acknowledged": len(acknowledged), "stored": sum(stored.values()), "lost": len(lost),
            "dup": len(duplicated), "killed_worker": killed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("what", choices=("fuzz", "writers"))
    parser.add_argument("url")
    parser.add_argument("--database-url", default="sqlite:///instance/forum.sqlite3")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--kill-worker-of", type=int, help="gunicorn master PID: SIGKILL one worker midway")
    options = parser.parse_args()
    port = urlsplit(options.url).port or 80
    result = fuzz(port) if options.what == "fuzz" else writers(port, options.database_url, options.seconds,
                                                                 options.kill_worker_of)
    print(result)
    return 1 if result.get("failures") or result.get("lost") or result.get("dup") else 0


if __name__ == "__main__":
    sys.exit(main())
