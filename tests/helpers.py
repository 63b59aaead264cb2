"""Helpers for tests: links in e-mails, SQL statement counts."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager

from sqlalchemy import event

from forum.extensions import db


def page_text(response) -> str:
    """The body of a response with HTML entities decoded (« n'est » instead of « n&#39;est »)."""
    return html.unescape(response.get_data(as_text=True))


def visible_text(response) -> str:
    """What a reader sees of a page: tags removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", response.get_data(as_text=True), flags=re.S)
    return " ".join(html.unescape(text).split())


def mail_link(message) -> str:
    """The first forum link in an e-mail, as a path for the test client."""
    body = message.get_content()
    url = re.search(r"http://forum\.test(\S+)", body).group(1)
    return url


@contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block: ``with count_queries(app) as queries``."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
