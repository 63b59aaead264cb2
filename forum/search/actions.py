"""Writes that concern search: the administrators' thesaurus."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import current_app

from forum import policy
from forum.errors import ActionError
from forum.moderation.audit import record
from forum.search.thesaurus import read_groups
from forum.transaction import atomic

MAX_GROUPS = 500
MAX_EXPRESSION = 80


def check_thesaurus(text: str) -> list[list[str]]:
    """The groups of an administrator's thesaurus text, or an ActionError naming the first bad line."""
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        members = [member.strip() for member in line.split(",") if member.strip()]
        if len(members) < 2:
            raise ActionError(f"Ligne {number} : écrivez au moins deux expressions séparées par une virgule.", "text")
        long = next((member for member in members if len(member) > MAX_EXPRESSION), None)
        if long:
            raise ActionError(f"Ligne {number} : « {long[:30]}… » dépasse {MAX_EXPRESSION} caractères.", "text")
    groups = read_groups(text)
    if len(groups) > MAX_GROUPS:
        raise ActionError(f"Le thésaurus compte {len(groups)} groupes : {MAX_GROUPS} au plus.", "text")
    return groups


@atomic
def edit_thesaurus(actor, text: str) -> int:
    """Replace the administrators' thesaurus file; the next search reads it. Returns the number of groups."""
    policy.require(actor, "edit", "Thesaurus")
    text = text.replace("\r\n", "\n").strip() + "\n"
    groups = check_thesaurus(text)
    path = Path(current_app.config["FORUM_SEARCH_THESAURUS"])
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so that a search in another process never reads half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".thesaurus-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
    record(actor, "edit_thesaurus", "Thesaurus", "Thésaurus de la recherche", f"{len(groups)} groupe(s)")
    return len(groups)
