"""The search index: Whoosh 2.7.4, and the only module that imports it.

Layout of ``FORUM_INDEX_DIR``: ``current`` is a symbolic link to the generation in use
(``gen-<time>``); a rebuild writes a new generation and swaps the link atomically, so
readers never see a half-built index; a rebuild writes it as ``building-<time>`` until it
is complete. ``drain.lock`` is the lock of the one writer, ``rebuild.lock`` a rebuild's claim.

Usage rules (measured on large indexes, see the team's design notes): segments are never
compound; a batch of updates shares one searcher (``delete_by_term(..., searcher=s)``);
searchers are kept per thread and replaced when out of date, never ``refresh()``ed; prefix
queries are expanded by us, to a bounded number of terms.
"""

from __future__ import annotations

import heapq
import os
import re
import shutil
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import BiWordFilter, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from forum.search import budget, plan, spelling
from forum.search.results import SNIPPET_CHARS

# Elided articles and pronouns (l'école, d'habitants, qu'il) are split off by the tokenizer
# and dropped with the French stop words; accents are folded before the French stemmer, so
# « médiations », « Médiation » and « mediation » give the same term.
ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
STOPS = frozenset(stopwords_for_language("fr")) | ELISIONS
# The field's acronyms are kept as written: the stemmer would make « VAE » the verb « va ».
ACRONYMS = frozenset({"amis", "anct", "aom", "caf", "cispd", "clspd", "fipd", "gup", "gusp", "hlm", "msads",
                      "pimms", "qpv", "rep", "tfpb", "vae"})
FRENCH = (RegexTokenizer(r"\w+") | LowercaseFilter() | StopFilter(stoplist=STOPS, minsize=1)
          | CharsetFilter(accent_map) | StemFilter(lang="fr", ignore=ACRONYMS))
FOLDED = RegexTokenizer(r"\w+") | LowercaseFilter() | StopFilter(stoplist=STOPS, minsize=2) | CharsetFilter(accent_map)

SCHEMA = Schema(
    key=ID(unique=True, stored=True),
    kind=ID(stored=True),             # discussion | sheet
    pole=ID(stored=True),
    themes=KEYWORD(stored=True, commas=True, scorable=False),
    structure_kind=ID(stored=True),
    year=ID(stored=True),
    solved=ID(stored=True),
    visibility=ID(stored=True),       # members | public
    version=ID(stored=True),
    date=DATETIME(stored=True, sortable=True),
    title=TEXT(analyzer=FRENCH, stored=True, phrase=False, field_boost=3.0),
    body=TEXT(analyzer=FRENCH, phrase=False),
    opening=STORED,                   # the start of the body, where snippets are cut (see _fields)
    pairs=TEXT(analyzer=FRENCH | BiWordFilter(), phrase=False),   # phrases, see _fields
    spell=TEXT(analyzer=FOLDED, phrase=False, spelling=True),     # words as written: corrections, prefixes
)
FACETS = {"kind": "kind", "pole": "pole", "theme": "themes", "structure_kind": "structure_kind", "year": "year",
          "solved": "solved"}
PREFIX_TERMS = 48          # a prefix matches at most this many of its most frequent terms
PREFIX_CANDIDATES = 2000   # words of a segment looked at for one prefix
_lexicons = spelling.Lexicons(size=32)   # spelling words of the segments in use (see spelling_lexicons)


def _signature(schema: Schema) -> dict:
    # Schema equality compares numeric columns by identity, so compare what matters.
    return {name: (type(field).__name__, type(field.format).__name__ if field.format else "",
                   getattr(field, "analyzer", None)) for name, field in schema.items()}


def _fields(doc: dict) -> dict:
    """What Whoosh receives for a document: its fields, plus the derived ones.

    ``pairs`` holds adjacent stems (« médiation de nuit » gives « mediat-nuit »): a phrase is
    looked up as pairs, as fast as words, instead of reading positions in every document that
    has all its words. ``spell`` holds each distinct word once, for corrections and prefixes.
    Only the ``opening`` of the body is stored: a topic of thousands of posts would otherwise
    be read back whole to cut a snippet from its first pages.
    """
    words = dict.fromkeys(re.findall(r"\w+", f"{doc['title']} {doc['body']}".lower()))
    return {**doc, "pairs": f"{doc['title']}\n{doc['body']}", "spell": " ".join(words),
            "opening": doc["body"][:SNIPPET_CHARS]}


def fold(word: str) -> str:
    """A word as the spelling field stores it (lower case, no accents)."""
    return " ".join(token.text for token in FOLDED(word))


# --- where the index lives ---------------------------------------------------------------

class IndexStore:
    """The index directory of one installation, its generations and its writer lock."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.current = self.root / "current"
        self.lock_path = self.root / "drain.lock"
        self.rebuild_claim_path = self.root / "rebuild.lock"
        self._local = threading.local()
        self._opened: tuple[str, whoosh_index.Index] | None = None
        self._guard = threading.Lock()

    def ensure(self) -> None:
        """Create an empty index on first use."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.current.exists():
            generation = self.new_generation()
            self.switch_to(generation)

    def new_generation(self, prefix: str = "gen") -> Path:
        generation = self.root / f"{prefix}-{time.time_ns()}"
        generation.mkdir()
        whoosh_index.create_in(str(generation), SCHEMA)
        return generation

    def remove_unfinished(self) -> list[str]:
        """Remove what killed rebuilds left (their ``building-*`` folders); only a rebuild may ask."""
        left = sorted(self.root.glob("building-*"))
        for folder in left:
            shutil.rmtree(folder, ignore_errors=True)
        return [folder.name for folder in left]

    def switch_to(self, generation: Path) -> None:
        """Point ``current`` at a generation in one atomic rename; keep the previous one for readers."""
        previous = self.current.resolve() if self.current.exists() else None
        link = self.root / f"current.{os.getpid()}.tmp"
        link.unlink(missing_ok=True)
        os.symlink(generation.name, link)
        os.replace(link, self.current)
        for old in self.root.glob("gen-*"):
            if old.resolve() not in (generation.resolve(), previous):
                shutil.rmtree(old, ignore_errors=True)

    def index(self) -> whoosh_index.Index:
        """The index in use, opened once per process and again after a rebuild swapped it."""
        self.ensure()
        path = os.path.realpath(self.current)
        with self._guard:
            if self._opened is None or self._opened[0] != path:
                self._opened = (path, whoosh_index.open_dir(path))
            return self._opened[1]

    def searcher(self):
        """This thread's searcher, replaced when the index changed (never refreshed in place)."""
        ix = self.index()
        cached = getattr(self._local, "searcher", None)
        if cached is not None and cached[0] is ix and cached[1].up_to_date():
            return cached[1]
        if cached is not None:
            # Forgotten before it is closed: if opening the next one fails, the thread must not
            # keep a closed searcher that every later search would fail on.
            self._local.searcher = None
            cached[1].close()
        searcher = ix.searcher()
        self._local.searcher = (ix, searcher)
        return searcher

    def schema_is_current(self) -> bool:
        """Whether the index in use was built with this version's schema (else it must be rebuilt)."""
        return _signature(self.index().schema) == _signature(SCHEMA)

    def size_bytes(self) -> int:
        path = Path(os.path.realpath(self.current))
        return sum(item.stat().st_size for item in path.iterdir() if item.is_file())


def apply(store: IndexStore, documents: dict[str, dict | None]) -> None:
    """Bring documents up to date in one batch: delete each key, add the documents that exist.

    The caller holds the drain lock, so Whoosh's own lock is free; one searcher serves every
    delete of the batch.
    """
    if not documents:
        return
    writer = store.index().writer(timeout=10.0, compound=False)
    try:
        searcher = writer.searcher()
        for key, doc in documents.items():
            writer.delete_by_term("key", key, searcher=searcher)
            if doc is not None:
                writer.add_document(**_fields(doc))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def rebuild(store: IndexStore, documents: Iterable[dict], procs: int = 1, progress=None) -> tuple[Path, int]:
    """Write every document into a fresh generation; the caller swaps it in. Returns (path, count).

    The generation is written as ``building-*`` and renamed ``gen-*`` once committed: a rebuild
    killed midway leaves a folder that the next one knows it may remove.
    """
    store.root.mkdir(parents=True, exist_ok=True)
    generation = store.new_generation("building")
    ix = whoosh_index.open_dir(str(generation))
    options = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(compound=False, **options)
    count = 0
    try:
        for doc in documents:
            writer.add_document(**_fields(doc))
            count += 1
            if progress is not None:
                progress(count)
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    finished = generation.with_name(generation.name.replace("building-", "gen-", 1))
    os.rename(generation, finished)
    return finished, count


def stored_versions(store: IndexStore) -> dict[str, str]:
    """Every document key of the index with its version."""
    searcher = store.index().searcher()
    try:
        return {fields["key"]: fields["version"] for fields in searcher.all_stored_fields()}
    finally:
        searcher.close()


# --- reading: what the search algorithm (searching.py) asks of the index --------------------

def stems(words: Iterable[str]) -> list[str]:
    """The indexed forms of some words (stop words and elisions dropped)."""
    return [token.text for token in FRENCH(" ".join(words))]


@lru_cache(maxsize=100_000)
def stem_of(word: str) -> str:
    """The indexed form of one lower-case word (empty for a stop word)."""
    return next((token.text for token in FRENCH(word)), "")


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _segment_lexicon(leaf) -> spelling.Lexicon:
    words, counts = [], array("L")
    for term, info in leaf.iter_field("spell"):
        words.append(_text(term))
        counts.append(info.doc_frequency())
    return words, counts


def spelling_lexicons(searcher) -> list[spelling.Lexicon]:
    """The words of the spelling field with their document counts: the largest segment's, and the others' together.

    A segment never changes once written: its words are read once per process and kept, so
    the corrector and prefixes walk lists in memory rather than seeking through the term
    files word by word. The small segments that drains add are walked as one list: the first
    letters of every word are within reach of any typo, and would be walked once per segment.
    """
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers() if leaf.segment() is not None]
    lexicons = {leaf.segment().segment_id(): _lexicons.get(leaf.segment().segment_id(),
                                                           lambda leaf=leaf: _segment_lexicon(leaf))
                for leaf in leaves}
    if len(lexicons) <= 2:
        return list(lexicons.values())
    largest = max(lexicons, key=lambda key: len(lexicons[key][0]))
    others = tuple(sorted(key for key in lexicons if key != largest))
    return [lexicons[largest], _lexicons.get(others, lambda: spelling.merged([lexicons[key] for key in others]))]


def prefix_stems(searcher, word: str) -> list[str]:
    """The stems of the most frequent words starting with ``word``: never an unbounded expansion.

    Prefixes are matched on words as written (the spelling field), so « média* » finds
    « médiation » and « médiatrice »; at most ``PREFIX_CANDIDATES`` words of each list are
    looked at (counted as the search's ``prefix`` work).
    """
    prefix = fold(word).replace(" ", "")
    if not prefix:
        return []
    frequency: dict[str, int] = {}
    for words, counts in spelling_lexicons(searcher):
        start = bisect_left(words, prefix)
        end = min(bisect_left(words, prefix + spelling.LAST, start), start + PREFIX_CANDIDATES)
        budget.spend("prefix", end - start)
        for position in range(start, end):
            frequency[words[position]] = frequency.get(words[position], 0) + counts[position]
    best = heapq.nlargest(PREFIX_TERMS, frequency, key=lambda text: (frequency[text], text))
    return list(dict.fromkeys(stem for text in best for stem in stems([text])))


def term_docs(searcher, fieldname: str, text: str) -> frozenset[int]:
    """The documents holding a term, kept for the searcher's life (a bounded cache)."""
    cache = searcher.__dict__.setdefault("_forum_term_docs", {})
    key = (fieldname, text)
    if key not in cache:
        if len(cache) > 4096:
            cache.clear()
        budget.spend("postings")
        cache[key] = frozenset(searcher.docs_for_query(wq.Term(fieldname, text)))
    return cache[key]


def value_docs(searcher, fieldname: str) -> dict[str, frozenset[int]]:
    """For each value of a facet field, the documents carrying it (cached on the searcher)."""
    cache = searcher.__dict__.setdefault("_forum_value_docs", {})
    if fieldname not in cache:
        cache[fieldname] = {_text(term): term_docs(searcher, fieldname, _text(term))
                            for term in searcher.reader().lexicon(fieldname)}
    return cache[fieldname]


def dates(searcher) -> list:
    """The date of every document, by number (read once per searcher)."""
    if "_forum_dates" not in searcher.__dict__:
        searcher._forum_dates = list(searcher.reader().column_reader("date"))
    return searcher._forum_dates


def document_frequency(searcher, fieldname: str, text: str) -> int:
    return searcher.reader().doc_frequency(fieldname, text)


def document_count(searcher) -> int:
    return searcher.reader().doc_count()


def stored(searcher, docnum: int) -> dict:
    """The stored fields of a document (title, opening of the body, facets, date)."""
    return searcher.stored_fields(docnum)


def _whoosh(node: plan.Node) -> wq.Query:
    if isinstance(node, plan.Word):
        return wq.Or([wq.Term("title", node.stem, boost=3.0), wq.Term("body", node.stem)])
    if isinstance(node, plan.Phrase):
        pairs = [wq.Term("pairs", pair) for pair in node.pairs]
        return pairs[0] if len(pairs) == 1 else wq.And(pairs)
    parts = [_whoosh(part) for part in node.parts]
    return (wq.Or if isinstance(node, plan.AnyOf) else wq.And)(parts) if parts else wq.NullQuery


def best_scored(searcher, node: plan.Node, among: set[int], count: int) -> list[int]:
    """The ``count`` documents of ``among`` that BM25 ranks first for ``node`` (title boosted).

    A collector of our own: Whoosh's would walk every match from the first document, while
    ``among`` (the most recently indexed matches) starts near the end: the matchers skip there
    block by block. No TimeLimitCollector either: it bypasses filters and arms SIGALRM, which
    only works in a main thread; the work is bounded by the size of ``among`` instead.
    """
    # needs_current keeps Whoosh's Or a tree of union matchers that can skip: under 5,000
    # documents it would otherwise preload and score every posting of every word.
    query, context, lowest = _whoosh(node), searcher.context(needs_current=True), min(among)
    best: list[tuple[float, int]] = []
    for subsearcher, offset in searcher.leaf_searchers():
        matcher = query.matcher(subsearcher, context)
        if lowest > offset and matcher.is_active():  # an empty matcher refuses to skip (ReadTooFar)
            matcher.skip_to(lowest - offset)
        while matcher.is_active():
            docnum = matcher.id() + offset
            if docnum in among:
                item = (matcher.score(), docnum)
                if len(best) < count:
                    heapq.heappush(best, item)
                elif item > best[0]:
                    heapq.heapreplace(best, item)
            matcher.next()
    return [docnum for _score, docnum in sorted(best, reverse=True)]
