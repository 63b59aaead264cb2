"""What people type in the search box, read into a small tree (no Whoosh here).

The syntax a person guesses: words (all required), « phrases in quotes », ``-word`` or
``-"a phrase"`` to exclude (``SAUF``/``NOT`` before a word too), ``OU``/``OR`` between two
alternatives, ``ET``/``AND`` (what words do anyway), ``word*`` for a prefix of at least 3 letters.
Anything else is read as words: ``titre:(`` is the word « titre »,
a lone ``*`` is dropped with a note, an unclosed quote closes at the end. Nothing here
raises: the worst input gives no clause and a French note. What the rest of the search does
grows with what is kept here, so it is bounded here (characters, clauses, prefixes, phrase
length), each bound said once in a note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 300          # characters read from the box
MAX_CLAUSES = 12          # words, phrases and prefixes kept, alternatives (OU) included
MAX_PREFIXES = 3          # ``mot*`` kept: each reads the postings of up to 48 words
MAX_PHRASE_WORDS = 8      # words of a phrase kept
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
    # Cut before the work that grows with the text; spaces and combining marks may still go.
    text = unicodedata.normalize("NFC", (text or "")[:MAX_LENGTH * 4])
    text = "".join(char if char.isprintable() else " " for char in text)
    return " ".join(text.split())[:MAX_LENGTH]


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip("'’-") for word in _WORD.findall(text) if word.strip("'’-"))


class _Reader:
    """What ``parse`` has read so far, and what it had to leave out (said once each)."""

    def __init__(self):
        self.result = ParsedQuery()
        self.clauses = self.prefixes = 0
        self.short_prefixes: list[str] = []
        self.dropped_prefixes = self.dropped_clauses = self.long_phrase = False

    def admit(self, clause: Clause) -> bool:
        """Whether one more clause fits within the bounds (counted when it does)."""
        if self.clauses >= MAX_CLAUSES:
            self.dropped_clauses = True
            return False
        if clause.prefix and self.prefixes >= MAX_PREFIXES:
            self.dropped_prefixes = True
            return False
        self.clauses += 1
        self.prefixes += clause.prefix
        return True

    def notes(self, raw: str) -> list[str]:
        notes = []
        if len(raw or "") > MAX_LENGTH:
            notes.append(f"Votre recherche est très longue : seuls ses {MAX_LENGTH} premiers caractères sont utilisés.")
        if self.short_prefixes:
            shown = ", ".join(f"« {token} »" for token in dict.fromkeys(self.short_prefixes[:3]))
            more = " (et d'autres)" if len(set(self.short_prefixes)) > 3 else ""
            notes.append(f"{shown}{more} : mettez au moins {MIN_PREFIX} lettres avant l'étoile, "
                         "sinon le début de mot est ignoré.")
        if self.dropped_prefixes:
            notes.append(f"Seuls les {MAX_PREFIXES} premiers débuts de mot suivis d'une étoile sont pris en compte.")
        if self.long_phrase:
            notes.append(f"Une expression entre guillemets est limitée à ses {MAX_PHRASE_WORDS} premiers mots.")
        if self.dropped_clauses:
            notes.append(f"Seuls les {MAX_CLAUSES} premiers mots sont pris en compte.")
        return notes


def _phrase(reader: _Reader, body: str, negated: bool) -> Clause:
    words = _words(body.strip('"'))
    if len(words) > MAX_PHRASE_WORDS:
        reader.long_phrase = True
        words = words[:MAX_PHRASE_WORDS]
    return Clause(words, negated=negated)


def parse(raw: str) -> ParsedQuery:
    """Read the search box into clauses, with notes for what could not be used."""
    reader = _Reader()
    result = reader.result
    pending_or = pending_not = False
    for token in _TOKEN.findall(clean(raw)):
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
            clause = _phrase(reader, body, negated)
        elif body.endswith("*"):
            stem = _words(body.rstrip("*"))
            if len(stem) != 1 or len(stem[0]) < MIN_PREFIX:
                reader.short_prefixes.append(token)
                continue
            clause = Clause(stem, prefix=True, negated=negated)
        else:
            words = _words(body)
            if not words:
                continue
            if len(words) > 1:  # « titre:(médiation » or « porte-à-porte »: each word counts
                for word in words[:-1]:
                    if reader.admit(Clause((word,))):
                        result.clauses.append(Clause((word,), negated=negated))
            clause = Clause((words[-1],), negated=negated)
        if not clause.words:
            continue
        if not reader.admit(clause):
            pending_or = False  # what follows a dropped alternative is not its alternative
            continue
        if pending_or and not negated and result.clauses and not result.clauses[-1].negated:
            previous = result.clauses.pop()
            clause = Clause(previous.words, previous.prefix, False, previous.alternatives + (clause,))
        result.clauses.append(clause)
        pending_or = False
    result.notes = reader.notes(raw)
    if result.empty and (raw or "").strip():
        result.notes.append("Ajoutez au moins un mot à chercher (les mots précédés d'un tiret sont exclus).")
    return result
