"""Synonyms and acronyms of the field: the default file shipped with the forum, plus the
administrators' own file (``FORUM_SEARCH_THESAURUS``), same format."""

from __future__ import annotations

from pathlib import Path

DEFAULT = Path(__file__).with_name("thesaurus.txt")


def read_groups(text: str) -> list[list[str]]:
    """Groups of equivalent expressions, one per line; lines starting with # are comments."""
    groups = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        members = [member.strip() for member in line.split(",") if member.strip()]
        if len(members) >= 2:
            groups.append(members)
    return groups


def load(extra_path: str | None) -> list[list[str]]:
    """The default groups, then those of the administrators' file (missing file: none)."""
    groups = read_groups(DEFAULT.read_text(encoding="utf-8"))
    if extra_path and Path(extra_path).is_file():
        groups += read_groups(Path(extra_path).read_text(encoding="utf-8"))
    return groups
