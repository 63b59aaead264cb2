"""Watched words and expressions: the administrators' list, and the one matcher every
publication goes through.

Matching folds accents, case and the ligatures œ/æ, and compares whole words: the text is cut
into words once, and an expression matches as a run of consecutive words (« mot de passe »
matches « Mot-de-passe », never « mots de passe »). The cost is one dictionary lookup per word
of the text, whatever the number of watched entries: a 100 kB text is checked in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import delete

from forum import policy
from forum.errors import ActionError
from forum.extensions import db
from forum.moderation.audit import record
from forum.moderation.models import WATCHED_EFFECT_LABELS, WatchedEffect, WatchedWord
from forum.sql import insert_new
from forum.transaction import atomic

PHRASE_MAX = 100
WORDS_MAX = 8  # an expression is a few words; a sentence would never match anyway
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_WORD = re.compile(r"\w+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: « Cœur Hébergé » -> « coeur heberge »."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES))).casefold()


def words_of(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


@dataclass
class Screening:
    """What the watched entries found in a text: the expressions that hold it and those that flag it."""

    hold: list[str] = field(default_factory=list)
    flag: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.hold + [phrase for phrase in self.flag if phrase not in self.hold]


@lru_cache(maxsize=8)
def _matcher(entries: tuple[tuple[str, str, str], ...]) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First word -> the (words, effect, phrase) entries starting with it; built once per version
    of the list (the cache key is the list itself, so a change anywhere is seen at once)."""
    starts: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for folded, effect, phrase in entries:
        words = tuple(folded.split())
        if words:
            starts.setdefault(words[0], []).append((words, effect, phrase))
    return starts


def _entries() -> tuple[tuple[str, str, str], ...]:
    return tuple((folded, effect, phrase) for folded, effect, phrase in db.session.execute(
        db.select(WatchedWord.folded, WatchedWord.effect, WatchedWord.phrase).order_by(WatchedWord.id)))


def find(text: str, entries=None) -> dict[str, str]:
    """The watched expressions found in ``text``: phrase -> effect (first found first)."""
    starts = _matcher(_entries() if entries is None else entries)
    found: dict[str, str] = {}
    if not starts:
        return found
    words = words_of(text)
    for index, word in enumerate(words):
        for expected, effect, phrase in starts.get(word, ()):
            if tuple(words[index:index + len(expected)]) == expected:
                found.setdefault(phrase, effect)
    return found


def screen(fields: dict[str, str]) -> Screening:
    """Check the fields about to be published: an expression that blocks raises a French
    ``ActionError`` on its field (nothing is saved, the form keeps the text); the others are
    returned, for the caller to hold or flag the publication."""
    entries = _entries()
    if not entries:
        return Screening()
    screening = Screening()
    for name, text in fields.items():
        for phrase, effect in find(text or "", entries).items():
            if effect == WatchedEffect.BLOCK:
                raise ActionError(f"« {phrase} » fait partie des expressions que le forum n'accepte pas : "
                                  "reformulez ce passage pour publier. Votre texte est conservé ci-dessous.", name)
            bucket = screening.hold if effect == WatchedEffect.HOLD else screening.flag
            if phrase not in bucket:
                bucket.append(phrase)
    screening.flag = [phrase for phrase in screening.flag if phrase not in screening.hold]
    return screening


# --- the administrators' list ---------------------------------------------------------------

def watched_words() -> list[WatchedWord]:
    """Every watched entry, alphabetically by its folded form."""
    return list(db.session.scalars(db.select(WatchedWord).order_by(WatchedWord.folded)))


@atomic
def add_word(actor, phrase: str, effect: str) -> WatchedWord:
    """Watch a word or expression (its effect: block, hold or flag); journaled."""
    policy.require(actor, "manage", WatchedWord)
    phrase = " ".join((phrase or "").split())
    if effect not in WATCHED_EFFECT_LABELS:
        raise ActionError("Choisissez l'effet dans la liste.", "effect")
    if not phrase:
        raise ActionError("Écrivez le mot ou l'expression à surveiller.", "phrase")
    if len(phrase) > PHRASE_MAX:
        raise ActionError(f"{PHRASE_MAX} caractères au maximum : un mot ou une courte expression.", "phrase")
    words = words_of(phrase)
    if not words:
        raise ActionError("Le mot ou l'expression doit contenir au moins une lettre ou un chiffre.", "phrase")
    if len(words) > WORDS_MAX:
        raise ActionError(f"Une expression de {WORDS_MAX} mots au plus : au-delà, elle ne serait jamais écrite "
                          "telle quelle.", "phrase")
    folded = " ".join(words)
    # One statement: two administrators adding the same word at once make one row, not an error.
    if not insert_new(WatchedWord, phrase=phrase, folded=folded, effect=effect, created_by_id=actor.id):
        raise ActionError("Ce mot ou cette expression est déjà surveillé (les accents et les majuscules ne "
                          "comptent pas).", "phrase")
    word = db.session.scalars(db.select(WatchedWord).where(WatchedWord.folded == folded)).one()
    record(actor, "add_watched_word", word, phrase, detail={"phrase": phrase, "effect": effect})
    return word


@atomic
def remove_word(actor, word_id: int) -> str:
    """Stop watching an entry; journaled. Returns its phrase."""
    policy.require(actor, "manage", WatchedWord)
    row = db.session.execute(delete(WatchedWord).where(WatchedWord.id == word_id)
                             .returning(WatchedWord.phrase, WatchedWord.effect)).first()
    if row is None:
        raise ActionError("Ce mot n'est plus surveillé : un autre administrateur vient de le retirer.")
    gone = WatchedWord(id=word_id, phrase=row.phrase, effect=row.effect)  # never added: names the entry
    record(actor, "remove_watched_word", gone, row.phrase, detail={"phrase": row.phrase, "effect": row.effect})
    return row.phrase
