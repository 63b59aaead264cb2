"""Rules that read the same on one object and on a whole table.

A visibility rule is written once, over the models' hybrid attributes, with ``&`` and ``|``
(never ``and``, ``or``, ``not``): given an instance it answers True or False, given the model
class it gives the WHERE clause that lists exactly the rows it would allow. These helpers are
the few words such a rule needs that Python and SQL spell differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import false, true
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql import ClauseElement


def is_sql(value: Any) -> bool:
    """True for a model class, a column or an SQL expression; False for a loaded object or a value."""
    return isinstance(value, (type, ClauseElement, QueryableAttribute))


def always(like: Any):
    """« Yes », as an SQL clause when ``like`` is SQL."""
    return true() if is_sql(like) else True


def never(like: Any):
    """« No », as an SQL clause when ``like`` is SQL."""
    return false() if is_sql(like) else False


def one_of(value: Any, choices: Iterable):
    """``value in choices``, or ``value IN (...)`` when ``value`` is a column."""
    return value.in_(sorted(choices)) if is_sql(value) else value in choices
