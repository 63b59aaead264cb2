"""Browser tests: the site served by a real server thread, driven in Debian's Chromium."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = Path(os.environ.get("FORUM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium to run browser tests")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


class _OneRequestPerConnection(WSGIRequestHandler):
    # After each response Werkzeug's server drains the socket before running the response's
    # close callbacks (where e-mails are sent); a browser that keeps the connection open for
    # its next request would hold that drain, and the e-mail, until the connection closes.
    protocol_version = "HTTP/1.0"


@pytest.fixture
def live_server(app):
    """Serve the test app on a free local port for the length of the test."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_OneRequestPerConnection)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["FORUM_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app.config["FORUM_BASE_URL"]
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A new browser context the size of a small phone (360 × 740)."""

    def open_context():
        return browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR",
                                   device_scale_factor=1, is_mobile=True, has_touch=True)

    return open_context


@pytest.fixture
def screenshots(tmp_path):
    """Where to save screenshots: FORUM_E2E_SCREENSHOTS if set (to look at them), else tmp."""
    folder = Path(os.environ.get("FORUM_E2E_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_for_mail(app, outbox, recipient: str, timeout: float = 10.0):
    """The first e-mail to ``recipient``, sending what is queued as the cron job would.

    The server also sends after its response, but its socket drain may hold that back under a
    loaded CI machine; the browser journey is not about that timing, which the client tests cover.
    """
    import time

    from forum.notifications.mail import deliver_pending

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [message for message in outbox() if message["To"] == recipient]
        if found:
            return found[0]
        with app.app_context():
            deliver_pending()
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {recipient} within {timeout} s")
