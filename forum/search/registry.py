"""How features make their rows searchable, without the search package importing them.

A feature registers a ``Source``: which models affect which document (``keys``), how to
build the current documents from the database (``build``: a deleted, hidden or unpublished
row gives ``None``, meaning « remove it from the index »), and how to list every id
(``all_ids``, for a rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class Source:
    kind: str                                          # prefix of the document keys: "topic", "sheet"
    keys: dict[type, Callable[[object], int | None]]   # model -> id of the document it belongs to
    build: Callable[[list[int]], dict[int, dict | None]]
    all_ids: Callable[[], Iterable[int]]


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    """Make a kind of document searchable (called once, when the feature is imported)."""
    SOURCES[source.kind] = source


def key_of(kind: str, ident: int) -> str:
    return f"{kind}:{ident}"


def split_key(key: str) -> tuple[str, int]:
    kind, _, ident = key.partition(":")
    return kind, int(ident)


def keys_for(obj) -> list[str]:
    """The document keys a changed row belongs to."""
    found = []
    for source in SOURCES.values():
        for model, ident_of in source.keys.items():
            if isinstance(obj, model):
                ident = ident_of(obj)
                if ident is not None:
                    found.append(key_of(source.kind, ident))
    return found
