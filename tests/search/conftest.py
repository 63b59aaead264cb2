"""Search test helpers: drain the outbox like the background drainer would, then search."""

from __future__ import annotations

import re

import pytest

from forum.search import outbox
from tests.helpers import page_text

TITLE = re.compile(r'<h3 class="topic-title"><a href="[^"]+">([^<]+)</a></h3>')
SNIPPET = re.compile(r'<p class="snippet">(.*?)</p>', re.S)


@pytest.fixture
def indexed(app):
    """Apply every pending change to the index (what the drainer thread does after a commit)."""

    def run() -> int:
        return outbox.drain(blocking=True)

    return run


def titles(client, q: str, **params) -> list[str]:
    """The titles of the results of a search, in order."""
    import html

    response = client.get("/recherche", query_string={"q": q, **params})
    assert response.status_code == 200, page_text(response)[:500]
    return [html.unescape(title) for title in TITLE.findall(response.get_data(as_text=True))]


def snippets(client, q: str, **params) -> list[str]:
    response = client.get("/recherche", query_string={"q": q, **params})
    return SNIPPET.findall(response.get_data(as_text=True))
