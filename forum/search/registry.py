"""How features make their rows searchable, without the search package importing them.

A feature registers a ``Source`` from its ``init_app`` (``register_source(app, source)``):
which models affect which document (``keys``), how to build the current documents from the
database (``build``: a deleted, hidden or unpublished row gives ``None``, meaning « remove it
from the index »), and how to list every id (``all_ids``, for a rebuild). Sources belong to
the app, so an app built without a feature indexes nothing of it, and registering before the
search feature is set up fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import Flask, current_app, url_for


@dataclass(frozen=True)
class Source:
    kind: str                                          # prefix of the document keys: "topic", "sheet"
    keys: dict[type, Callable[[object], int | None]]   # model -> id of the document it belongs to
    build: Callable[[list[int]], dict[int, dict | None]]
    all_ids: Callable[[], Iterable[int]]
    page: tuple[str, str]                              # endpoint of a document's page, and its id argument
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # facet -> value -> French label


def register_source(app: Flask, source: Source) -> None:
    """Make a kind of document searchable in ``app`` (a feature's ``init_app`` calls this)."""
    sources = app.extensions["forum_search"]["sources"]  # KeyError: the search feature is not set up
    if source.kind in sources:
        raise RuntimeError(f"two search sources for {source.kind!r}")
    sources[source.kind] = source


def sources() -> dict[str, Source]:
    """The searchable kinds of the current app."""
    return current_app.extensions["forum_search"]["sources"]


def key_of(kind: str, ident: int) -> str:
    return f"{kind}:{ident}"


def split_key(key: str) -> tuple[str, int]:
    kind, _, ident = key.partition(":")
    return kind, int(ident)


def page_url(key: str) -> str:
    """The address of the page a document stands for."""
    kind, ident = split_key(key)
    endpoint, argument = sources()[kind].page
    return url_for(endpoint, **{argument: ident})


def keys_for(obj) -> list[str]:
    """The document keys a changed row belongs to."""
    found = []
    for source in sources().values():
        for model, ident_of in source.keys.items():
            if isinstance(obj, model):
                ident = ident_of(obj)
                if ident is not None:
                    found.append(key_of(source.kind, ident))
    return found
