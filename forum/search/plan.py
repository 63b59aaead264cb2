"""From what a person typed to what the index looks up: a small tree of stems (no Whoosh here).

A ``Word`` is found in the title (boosted) or the body; a ``Phrase`` by its adjacent pairs of
stems; ``AnyOf`` and ``AllOf`` combine them. Thesaurus expressions are added as alternatives,
prefixes as an ``AnyOf`` of the words they stand for, marked ``prefix`` so that they match
without being ranked (see ``ranked_part``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from forum.search.query import Clause, ParsedQuery

Stems = Callable[[Iterable[str]], list[str]]


@dataclass(frozen=True)
class Word:
    stem: str


@dataclass(frozen=True)
class Phrase:
    stems: tuple[str, ...]

    @property
    def pairs(self) -> list[str]:
        """The terms of the ``pairs`` field that a document holding the phrase has."""
        return [f"{first}-{second}" for first, second in zip(self.stems, self.stems[1:], strict=False)]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]
    prefix: bool = False


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


Node = Word | Phrase | AnyOf | AllOf


@dataclass(frozen=True)
class Plan:
    """What to find (``match``) and what to leave out (``exclude``)."""

    match: Node
    exclude: Node | None = None


def words_or_phrase(stems: list[str]) -> Node | None:
    if not stems:
        return None
    return Word(stems[0]) if len(stems) == 1 else Phrase(tuple(stems))


def any_of(parts: list[Node], prefix: bool = False) -> Node | None:
    parts = list(dict.fromkeys(part for part in parts if part is not None))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 and not prefix else AnyOf(tuple(parts), prefix)


class Thesaurus:
    """Groups of equivalent expressions, looked up by their analyzed form."""

    def __init__(self, groups: list[list[str]], stems: Stems):
        self.by_stems: dict[tuple[str, ...], list[list[str]]] = {}
        for group in groups:
            analyzed = [stems([member]) for member in group]
            for found in analyzed:
                if found:
                    self.by_stems.setdefault(tuple(found), []).append([s for s in analyzed if s and s != found])
        self.longest = max((len(key) for key in self.by_stems), default=1)

    def alternatives(self, stems: tuple[str, ...]) -> list[Node]:
        """The other expressions of the groups these stems belong to."""
        return [node for others in self.by_stems.get(stems, []) for node in map(words_or_phrase, others) if node]


class Planner:
    """Builds plans with the index's analyzer and prefix expansion."""

    def __init__(self, thesaurus: Thesaurus, stems: Stems, prefix_stems: Callable[[str], list[str]]):
        self.thesaurus, self.stems, self.prefix_stems = thesaurus, stems, prefix_stems

    def clause(self, clause: Clause) -> Node | None:
        if clause.prefix:
            base = any_of([Word(stem) for stem in self.prefix_stems(clause.words[0])], prefix=True)
            base = base or AnyOf((), prefix=True)  # a prefix no word starts with: matches nothing
        else:
            stems = tuple(self.stems(clause.words))
            base = words_or_phrase(list(stems))
            if base is not None:
                base = any_of([base, *self.thesaurus.alternatives(stems)])
        return any_of([base, *(self.clause(other) for other in clause.alternatives)])

    def plan(self, parsed: ParsedQuery) -> Plan | None:
        """Every clause required, negations excluded, and consecutive words that spell a
        thesaurus expression also matched by its equivalents."""
        # Words that are only stop words (« de », « la ») require nothing: drop them first, so that
        # « conseil local de sécurité » lines up with the thesaurus entry it spells out.
        positives = [clause for clause in parsed.clauses if not clause.negated
                     and (clause.prefix or clause.alternatives or self.stems(clause.words))]
        parts: list[Node] = []
        index = 0
        while index < len(positives):
            size, alternatives = self._expression_at(positives, index)
            if alternatives:
                together = [node for node in map(self.clause, positives[index:index + size]) if node]
                parts.append(AnyOf((AllOf(tuple(together)), *alternatives)))
                index += size
                continue
            node = self.clause(positives[index])
            if node is not None:
                parts.append(node)
            index += 1
        parts = list(dict.fromkeys(parts))  # « médiation médiation … » asks for it once
        if not parts:
            return None
        excluded = any_of([self.clause(clause) for clause in parsed.clauses if clause.negated])
        return Plan(parts[0] if len(parts) == 1 else AllOf(tuple(parts)), excluded)

    def _expression_at(self, clauses: list[Clause], index: int) -> tuple[int, list[Node]]:
        """The longest run of plain words starting at ``index`` that the thesaurus knows."""
        for size in range(min(self.thesaurus.longest, len(clauses) - index), 1, -1):
            window = clauses[index:index + size]
            if all(not c.prefix and not c.alternatives and len(c.words) == 1 for c in window):
                alternatives = self.thesaurus.alternatives(tuple(self.stems([c.words[0] for c in window])))
                if alternatives:
                    return size, alternatives
        return 0, []


def ranked_part(node: Node) -> Node | None:
    """The part of a plan worth ranking with BM25: prefixes match at a constant score.

    Whoosh walks an OR of a hundred terms through a deep tree of matchers, re-reading block
    qualities at each step (seconds on a 3-letter prefix); Lucene ranks prefixes as constants too.
    """
    if isinstance(node, AnyOf):
        if node.prefix:
            return None
        return any_of([ranked_part(part) for part in node.parts])
    if isinstance(node, AllOf):
        kept = [part for part in map(ranked_part, node.parts) if part is not None]
        return None if not kept else kept[0] if len(kept) == 1 else AllOf(tuple(kept))
    return node


def marked(node: Node | None) -> tuple[set[str], set[tuple[str, ...]]]:
    """The words and the phrases a plan looks for (what snippets mark)."""
    if node is None:
        return set(), set()
    if isinstance(node, Word):
        return {node.stem}, set()
    if isinstance(node, Phrase):
        return set(), {node.stems}
    words, phrases = set(), set()
    for part in node.parts:
        more_words, more_phrases = marked(part)
        words |= more_words
        phrases |= more_phrases
    return words, phrases
