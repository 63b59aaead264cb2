"""SQL that each engine spells its own way, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from forum.extensions import db


def insert(model):
    """An INSERT of the current engine's dialect, which knows ``on_conflict_do_…``."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def insert_new(model, **values) -> bool:
    """Insert a row unless one with the same unique key exists; True when this call added it.

    Two requests that add the same row at once (a double click on « Utile », following a topic
    from two tabs) both get an answer: the second one finds the row there instead of an error.
    """
    # RETURNING tells whether the row went in; the row count of an ORM insert is not reliable on
    # every driver (psycopg reports 0 for a row inserted this way).
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return db.session.execute(statement).first() is not None
