"""Load over loopback: gunicorn with 2 workers, driven by wrk (or a small Python client without it)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
WRK_REPORT = Path(__file__).with_name("wrk_report.lua")
# Members reading at once: two per worker, so each worker always has the next request waiting.
CONNECTIONS = 4
WARM_UP_SECONDS = 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database: Path, secret: str, workers: int = 2, extra: tuple[str, ...] = ()):
    """Serve the app on a free port with gunicorn, as production would."""
    port = _free_port()
    env = {**os.environ, "FORUM_ENV": "production", "FORUM_SECRET_KEY": secret,
           "FORUM_DATABASE_URL": f"sqlite:///{database}", "FORUM_RATELIMIT_ENABLED": "false",
           "FORUM_INDEX_DIR": str(database.parent / "index"), "FORUM_MAIL_DIR": str(database.parent / "mail")}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
         "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", *extra, "wsgi:app"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def login_cookie(port: int, email: str, password: str) -> str:
    """Log in through the form, as a browser would; return the Cookie header to send."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/connexion")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    form = urlencode({"csrf_token": token, "email": email, "password": password})
    connection.request("POST", "/connexion", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    response.read()
    assert response.status == 302, f"login failed: {response.status}"
    return response.getheader("Set-Cookie").split(";", 1)[0]


def _wrk(port: int, path: str, cookie: str, seconds: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-H", f"Cookie: {cookie}", "-s", str(WRK_REPORT),
         f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    numbers = dict(re.findall(r"^(rps|p50|p95|errors) ([\d.]+)$", output, re.M))
    if float(numbers.get("errors", 0)):
        raise RuntimeError(f"wrk saw errors:\n{output}")
    return {"rps": round(float(numbers["rps"]), 1), "p50": round(float(numbers["p50"]) / 1000, 2),
            "p95": round(float(numbers["p95"]) / 1000, 2), "tool": "wrk"}


def _python_client(port: int, path: str, cookie: str, seconds: int, clients: int = CONNECTIONS) -> dict:
    """Fallback without wrk: keep-alive connections in threads (slower than wrk: it shares the CPU)."""
    timings: list[float] = []
    deadline = time.perf_counter() + seconds

    def hammer():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"status {response.status}")
            timings.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=hammer) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.sort()
    return {"rps": round(len(timings) / seconds, 1), "p50": round(statistics.median(timings), 2),
            "p95": round(timings[int(len(timings) * 0.95)], 2), "tool": "client Python"}


def measure(port: int, path: str, cookie: str, seconds: int = 10) -> dict:
    """Requests/s and latency of ``path`` on a running server (wrk when installed), once warm."""
    run = _wrk if shutil.which("wrk") else _python_client
    if run is _python_client:
        print("wrk absent (apt-get install wrk) : client Python, moins précis", flush=True)
    # Every worker compiles its templates and opens its index on its first requests: not measured.
    run(port, path, cookie, WARM_UP_SECONDS)
    return run(port, path, cookie, seconds)


def through_gunicorn(database: Path, secret: str, email: str, password: str, path: str, seconds: int = 10) -> dict:
    """Requests/s and latency of ``path`` for a logged-in member, through gunicorn."""
    with gunicorn(database, secret) as port:
        return measure(port, path, login_cookie(port, email, password), seconds)


WRITERS = 8
WRITE_WORKERS = 3


def _csrf_of(connection: http.client.HTTPConnection, cookie: str, path: str) -> str:
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    page = response.read().decode()
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def write_load(port: int, logins: list[tuple[str, str]], topic_ids: list[int], seconds: int) -> dict:
    """``len(logins)`` members reply at once for ``seconds``, each through its own connection.

    Every reply carries a unique mark; returns the marks the server acknowledged (a redirect
    after the post), the latencies and the other answers, for the caller to check in the database.
    """
    run = f"{int(time.time()) % 100000}"  # marks of this run only: a database may keep earlier ones
    acknowledged: list[str] = []
    timings: list[float] = []
    failures: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def member(index: int, email: str, password: str) -> None:
        cookie = login_cookie(port, email, password)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        token = _csrf_of(connection, cookie, f"/discussions/{topic_ids[0]}")
        number = 0
        while time.perf_counter() < deadline:
            number += 1
            mark = f"mesure-{run}-w{index}-n{number}"
            topic_id = topic_ids[(index + number) % len(topic_ids)]
            form = urlencode({"csrf_token": token, "body": f"Réponse {mark} : de notre côté, nous passons en "
                                                          "différé puis nous rappelons le bailleur."})
            start = time.perf_counter()
            try:
                connection.request("POST", f"/discussions/{topic_id}/repondre", body=form, headers={
                    "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0  # the worker died mid-request: not acknowledged
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if status == 302:
                    acknowledged.append(mark)
                    timings.append(elapsed)
                else:
                    failures[status] = failures.get(status, 0) + 1

    threads = [threading.Thread(target=member, args=(index, email, password))
               for index, (email, password) in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.sort()
    return {"run": run, "acknowledged": acknowledged, "rps": round(len(acknowledged) / seconds, 1),
            "p50": round(statistics.median(timings), 1) if timings else None,
            "p95": round(timings[int(len(timings) * 0.95)], 1) if timings else None, "failures": failures}


def stored_marks(database_url: str, run: str) -> dict[str, int]:
    """How many posts carry each mark of the run, read straight from the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        bodies = connection.execute(text("SELECT body FROM posts WHERE body LIKE :marked"),
                                    {"marked": f"Réponse mesure-{run}-w%"}).scalars()
        counts: dict[str, int] = {}
        for body in bodies:
            mark = body.split(" ", 2)[1]
            counts[mark] = counts.get(mark, 0) + 1
    engine.dispose()
    return counts


def writers(database: Path, secret: str, logins: list[tuple[str, str]], topic_ids: list[int],
            seconds: int = 30) -> dict:
    """``writers8``: members replying at once through gunicorn (3 workers); lost and duplicated replies."""
    with gunicorn(database, secret, workers=WRITE_WORKERS) as port:
        load = write_load(port, logins, topic_ids, seconds)
    stored = stored_marks(f"sqlite:///{database}", load["run"])
    lost = [mark for mark in load["acknowledged"] if mark not in stored]
    duplicated = [mark for mark, count in stored.items() if count > 1]
    return {**load, "lost": len(lost), "dup": len(duplicated)}
