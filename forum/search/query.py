"""What people type in the search box, read into a small tree (no Whoosh here).

The syntax a person guesses: words (all required), « phrases in quotes », ``-word`` or
``-"a phrase"`` to exclude (``SAUF``/``NOT`` before a word too), ``OU``/``OR`` between two
alternatives, ``ET``/``AND`` (what words do anyway), ``word*`` for a prefix of at least 3 letters.
Anything else is read as words: ``titre:(`` is the word « titre »,
a lone ``*`` is dropped with a note, an unclosed quote closes at the end. Nothing here
raises: the worst input gives no clause and a French note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 300          # characters read from the box
MAX_CLAUSES = 12          # words or phrases kept
MIN_PREFIX = 3

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


@dataclass(frozen=True)
class Clause:
    """One requirement: a word, a phrase (several words) or a prefix; ``alternatives`` are ORed with it."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    alternatives: tuple[Clause, ...] = ()

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(not clause.negated for clause in self.clauses)

    @property
    def plain_words(self) -> list[str]:
        """Words typed outside phrases and prefixes (candidates for « Vouliez-vous dire »)."""
        return [clause.words[0] for clause in self.clauses
                if not clause.negated and not clause.prefix and len(clause.words) == 1]


def clean(text: str) -> str:
    """Drop control characters, normalise spaces and Unicode, cut to a reasonable length."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(text.split())[:MAX_LENGTH]


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip("'’-") for word in _WORD.findall(text) if word.strip("'’-"))


def parse(raw: str) -> ParsedQuery:
    """Read the search box into clauses, with notes for what could not be used."""
    result = ParsedQuery()
    text = clean(raw)
    if len(raw or "") > MAX_LENGTH:
        result.notes.append(f"Votre recherche est très longue : seuls ses {MAX_LENGTH} premiers caractères "
                            "sont utilisés.")
    pending_or = pending_not = False
    for token in _TOKEN.findall(text):
        if token.upper() in ("OU", "OR", "|"):
            pending_or = bool(result.clauses)
            continue
        if token in ("ET", "AND", "&&"):
            continue
        if token in ("SAUF", "NOT"):
            pending_not = True
            continue
        negated = (token.startswith("-") and len(token) > 1) or pending_not
        if negated and not token.startswith("-"):
            token = "-" + token
        pending_not = False
        body = token[1:] if negated else token
        if body.startswith('"'):
            clause = Clause(_words(body.strip('"')), negated=negated)
        elif body.endswith("*"):
            stem = _words(body.rstrip("*"))
            if len(stem) != 1 or len(stem[0]) < MIN_PREFIX:
                result.notes.append(f"« {token} » est ignoré : mettez au moins {MIN_PREFIX} lettres avant l'étoile.")
                continue
            clause = Clause(stem, prefix=True, negated=negated)
        else:
            words = _words(body)
            if not words:
                continue
            if len(words) > 1:  # « titre:(médiation » or « porte-à-porte »: each word counts
                for word in words[:-1]:
                    result.clauses.append(Clause((word,), negated=negated))
            clause = Clause((words[-1],), negated=negated)
        if not clause.words:
            continue
        if pending_or and not negated and result.clauses and not result.clauses[-1].negated:
            previous = result.clauses.pop()
            clause = Clause(previous.words, previous.prefix, False, previous.alternatives + (clause,))
        result.clauses.append(clause)
        pending_or = False
    if len(result.clauses) > MAX_CLAUSES:
        result.clauses = result.clauses[:MAX_CLAUSES]
        result.notes.append(f"Seuls les {MAX_CLAUSES} premiers mots sont pris en compte.")
    if result.empty and (raw or "").strip():
        result.notes.append("Ajoutez au moins un mot à chercher (les mots précédés d'un tiret sont exclus).")
    return result
