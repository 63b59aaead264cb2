"""Where text enters the forum: one cleaning point for forms, query strings, JSON and addresses.

Control characters (NUL and the others, except tab and line breaks) and lone surrogates are stripped from every
value a request carries, before any form, view or action sees it: PostgreSQL refuses NUL in
text, SQLite stores it silently, and neither has any use for the rest. Ids in addresses are
bounded to the database's integer range, so an id too large for a column is a plain 404 on
both engines instead of an overflow.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

# Tab (\x09), line feed (\x0a) and carriage return (\x0d, sent by browsers in text areas) stay.
# C1 controls have no use in text either; a lone surrogate (possible in JSON: "\ud800") cannot
# even be written out as UTF-8.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# The largest id a column can hold on every engine the forum runs on (PostgreSQL's INTEGER).
LARGEST_ID = 2**31 - 1


def clean_text(value: Any) -> Any:
    """A string without control characters (anything else unchanged)."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def clean_data(value: Any) -> Any:
    """Decoded JSON with every string cleaned, keys included."""
    if isinstance(value, dict):
        return {clean_text(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    return clean_text(value)


class CleanMultiDict(ImmutableMultiDict):
    """The storage of query strings and form fields: values arrive already cleaned."""

    def __init__(self, mapping=None):
        if isinstance(mapping, MultiDict):
            mapping = mapping.items(multi=True)
        elif isinstance(mapping, dict):
            mapping = mapping.items()
        if mapping is not None:
            mapping = [(clean_text(key), clean_text(value)) for key, value in mapping]
        super().__init__(mapping)


class CleanRequest(Request):
    """Every request of the forum: its args, form and JSON body are cleaned when first read."""

    parameter_storage_class = CleanMultiDict

    def get_json(self, *args, **kwargs):
        """The JSON body, its strings cleaned like form fields."""
        return clean_data(super().get_json(*args, **kwargs))


class IdConverter(IntegerConverter):
    """``<int:…>`` in a route: an id a column can hold, else the address matches nothing (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """``<slug>`` in a route: any segment without a control character."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        # Werkzeug builds « [^/]{min,max} »: the same length rule, without control characters.
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f]", 1)


class TextPathConverter(PathConverter):
    """``<path:…>`` in a route: like a text segment, slashes allowed."""

    regex = r"[^/\x00-\x1f\x7f][^\x00-\x1f\x7f]*?"


def init_app(app: Flask) -> None:
    """Install the cleaning request and converters (before any route is added)."""
    app.request_class = CleanRequest
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter,
                                  path=TextPathConverter)
