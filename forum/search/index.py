"""The search index: Whoosh 2.7.4, and the only module that imports it.

Layout of ``FORUM_INDEX_DIR``: ``current`` is a symbolic link to the generation in use
(``gen-<time>``); a rebuild writes a new generation and swaps the link atomically, so
readers never see a half-built index. ``drain.lock`` is the lock of the one writer.

Usage rules (measured on large indexes, see the team's design notes): segments are never
compound; a batch of updates shares one searcher (``delete_by_term(..., searcher=s)``);
searchers are kept per thread and replaced when out of date, never ``refresh()``ed; prefix
queries are expanded by us, to a bounded number of terms.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from whoosh import highlight, index as whoosh_index, query as wq, sorting
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from forum.search.query import Clause, ParsedQuery

# Elided articles and pronouns (l'école, d'habitants, qu'il) are split off by the tokenizer
# and dropped with the French stop words; accents are folded before the French stemmer, so
# « médiations », « Médiation » and « mediation » give the same term.
ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
STOPS = frozenset(stopwords_for_language("fr")) | ELISIONS
FRENCH = (RegexTokenizer(r"\w+") | LowercaseFilter() | StopFilter(stoplist=STOPS, minsize=1)
          | CharsetFilter(accent_map) | StemFilter(lang="fr"))
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
    title=TEXT(analyzer=FRENCH, stored=True, field_boost=3.0),
    body=TEXT(analyzer=FRENCH, stored=True),
    spell=TEXT(analyzer=FOLDED, spelling=True),   # words as written, for « Vouliez-vous dire »
)
FACETS = {"kind": "kind", "pole": "pole", "theme": "themes", "structure_kind": "structure_kind", "year": "year",
          "solved": "solved"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PREFIX_TERMS = 48          # a prefix matches at most this many of its most frequent terms
SNIPPET_CHARS = 20_000     # highlighting reads at most this much of a document


def fingerprint(doc: dict) -> str:
    """A short digest of what a document says: the index and the database compare these."""
    content = repr(sorted((name, str(value)) for name, value in doc.items() if name != "version"))
    return hashlib.sha1(content.encode()).hexdigest()[:16]


def document(**fields) -> dict:
    """A document ready for the index: e-mail addresses removed, dates naive UTC, version computed."""
    for name in ("title", "body"):
        fields[name] = EMAIL.sub("[adresse retirée]", fields.get(name) or "")
    moment = fields.get("date")
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        fields["date"] = moment.astimezone(timezone.utc).replace(tzinfo=None)
    fields["spell"] = f"{fields['title']} {fields['body']}"
    fields["version"] = fingerprint(fields)
    return fields


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
        self._local = threading.local()
        self._opened: tuple[str, whoosh_index.Index] | None = None
        self._guard = threading.Lock()

    def ensure(self) -> None:
        """Create an empty index on first use."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.current.exists():
            generation = self.new_generation()
            self.switch_to(generation)

    def new_generation(self) -> Path:
        generation = self.root / f"gen-{time.time_ns()}"
        generation.mkdir()
        whoosh_index.create_in(str(generation), SCHEMA)
        return generation

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
            cached[1].close()
        searcher = ix.searcher()
        self._local.searcher = (ix, searcher)
        return searcher

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
    writer = store.index().writer(timeout=10.0)
    try:
        searcher = writer.searcher()
        for key, doc in documents.items():
            writer.delete_by_term("key", key, searcher=searcher)
            if doc is not None:
                writer.add_document(**doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def rebuild(store: IndexStore, documents: Iterable[dict], procs: int = 1, progress=None) -> tuple[Path, int]:
    """Write every document into a fresh generation; the caller swaps it in. Returns (path, count)."""
    store.root.mkdir(parents=True, exist_ok=True)
    generation = store.new_generation()
    ix = whoosh_index.open_dir(str(generation))
    options = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = ix.writer(**options)
    count = 0
    try:
        for doc in documents:
            writer.add_document(**doc)
            count += 1
            if progress is not None:
                progress(count)
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    return generation, count


def stored_versions(store: IndexStore) -> dict[str, str]:
    """Every document key of the index with its version."""
    searcher = store.index().searcher()
    try:
        return {fields["key"]: fields["version"] for fields in searcher.all_stored_fields()}
    finally:
        searcher.close()


# --- queries -----------------------------------------------------------------------------

def _stems(words: Iterable[str]) -> list[str]:
    return [token.text for token in FRENCH(" ".join(words))]


def _both_fields(stems: list[str]) -> wq.Query | None:
    if not stems:
        return None
    if len(stems) == 1:
        return wq.Or([wq.Term("title", stems[0], boost=3.0), wq.Term("body", stems[0])])
    return wq.Or([wq.Phrase("title", stems, boost=3.0), wq.Phrase("body", stems)])


class Thesaurus:
    """Groups of equivalent expressions, looked up by their analyzed form."""

    def __init__(self, groups: list[list[str]]):
        self.by_stems: dict[tuple[str, ...], list[list[str]]] = {}
        for group in groups:
            analyzed = [_stems([member]) for member in group]
            for stems in analyzed:
                if stems:
                    self.by_stems.setdefault(tuple(stems), []).append([s for s in analyzed if s and s != stems])
        self.longest = max((len(key) for key in self.by_stems), default=1)

    def alternatives(self, stems: tuple[str, ...]) -> list[wq.Query]:
        found = []
        for others in self.by_stems.get(stems, []):
            found.extend(query for query in (_both_fields(list(other)) for other in others) if query is not None)
        return found


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _prefix(searcher, word: str) -> wq.Query | None:
    """A prefix as an OR of the stems of its most frequent words: never an unbounded expansion.

    Prefixes are matched on words as written (the spelling field), so « média* » finds
    « médiation » and « médiatrice »; at most 2,000 candidates are looked at.
    """
    prefix = fold(word).replace(" ", "")
    if not prefix:
        return None
    reader = searcher.reader()
    words = []
    for number, term in enumerate(reader.expand_prefix("spell", prefix)):
        if number >= 2000:
            break
        text = _text(term)
        words.append((reader.doc_frequency("spell", text), text))
    words.sort(reverse=True)
    stems = list(dict.fromkeys(stem for _frequency, text in words[:PREFIX_TERMS] for stem in _stems([text])))
    if not stems:
        return wq.NullQuery
    return wq.Or([wq.Term("title", stem, boost=3.0) for stem in stems] + [wq.Term("body", stem) for stem in stems])


def _clause(searcher, clause: Clause, thesaurus: Thesaurus) -> wq.Query | None:
    if clause.prefix:
        base = _prefix(searcher, clause.words[0])
    else:
        stems = tuple(_stems(clause.words))
        base = _both_fields(list(stems))
        if base is not None:
            alternatives = thesaurus.alternatives(stems)
            if alternatives:
                base = wq.Or([base, *alternatives])
    options = [base] + [_clause(searcher, other, thesaurus) for other in clause.alternatives]
    options = [option for option in options if option is not None]
    if not options:
        return None
    return options[0] if len(options) == 1 else wq.Or(options)


@dataclass(frozen=True)
class Built:
    """A search as Whoosh runs it: what to find, and what to leave out (``mask``).

    Exclusions are a mask, not an ``AndNot``: with grouped results (facet counts) Whoosh 2.7.4
    ignores the ``Not`` side of an ``AndNot`` — tests/search/test_relevance.py shows it.
    """

    query: wq.Query
    mask: wq.Query | None = None


def build_query(searcher, parsed: ParsedQuery, thesaurus: Thesaurus) -> Built | None:
    """The Whoosh query of a parsed search: every clause required, negations excluded, and
    consecutive words that form an expression of the thesaurus also matched by its equivalents."""
    # Words that are only stop words (« de », « la ») require nothing: drop them first, so that
    # « conseil local de sécurité » lines up with the thesaurus entry it spells out.
    positives = [clause for clause in parsed.clauses if not clause.negated
                 and (clause.prefix or clause.alternatives or _stems(clause.words))]
    negatives = [clause for clause in parsed.clauses if clause.negated]
    parts: list[wq.Query] = []
    index = 0
    while index < len(positives):
        matched = False
        for size in range(min(thesaurus.longest, len(positives) - index), 1, -1):
            window = positives[index:index + size]
            if all(not c.prefix and not c.alternatives and len(c.words) == 1 for c in window):
                stems = tuple(_stems([c.words[0] for c in window]))
                alternatives = thesaurus.alternatives(stems)
                if alternatives:
                    together = [q for q in (_clause(searcher, c, thesaurus) for c in window) if q is not None]
                    parts.append(wq.Or([wq.And(together), *alternatives]))
                    index += size
                    matched = True
                    break
        if not matched:
            query = _clause(searcher, positives[index], thesaurus)
            if query is not None:
                parts.append(query)
            index += 1
    if not parts:
        return None
    positive = parts[0] if len(parts) == 1 else wq.And(parts)
    excluded = [q for q in (_clause(searcher, c, thesaurus) for c in negatives) if q is not None]
    return Built(positive, wq.Or(excluded) if excluded else None)


# --- searching ---------------------------------------------------------------------------

@dataclass
class Hit:
    key: str
    kind: str
    title: str
    snippet_html: str            # escaped text with <mark>, from Whoosh's highlighter
    pole: str
    themes: list[str]
    structure_kind: str
    date: datetime | None
    solved: bool

    @property
    def ident(self) -> int:
        return int(self.key.partition(":")[2])


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def access_filter(visitor: bool) -> wq.Query:
    """What a reader may find: visitors only public sheets, members everything indexed."""
    if visitor:
        return wq.And([wq.Term("kind", "sheet"), wq.Term("visibility", "public")])
    return wq.Every()


def facet_filter(selected: dict[str, str]) -> list[wq.Query]:
    return [wq.Term(FACETS[name], value) for name, value in selected.items() if name in FACETS and value]


def _hit(result, highlighted: str) -> Hit:
    moment = result.get("date")
    return Hit(key=result["key"], kind=result["kind"], title=result["title"], snippet_html=highlighted,
               pole=result.get("pole", ""), themes=[t for t in (result.get("themes") or "").split(",") if t],
               structure_kind=result.get("structure_kind", ""), solved=result.get("solved") == "1",
               date=moment.replace(tzinfo=timezone.utc) if moment else None)


def search(store: IndexStore, built: Built, *, visitor: bool, selected: dict[str, str], by_date: bool,
           page: int, per_page: int = 10) -> Results:
    """One page of results with facet counts, everything filtered by the reader's access."""
    searcher = store.searcher()
    restriction = wq.And([access_filter(visitor), *facet_filter(selected)])
    facets = {name: sorting.FieldFacet(fieldname, allow_overlap=(name == "theme"), maptype=sorting.Count)
              for name, fieldname in FACETS.items()}
    # No TimeLimitCollector: it bypasses the filter of the collector it wraps and arms SIGALRM,
    # which only works in a main thread. Queries are bounded instead (12 clauses, prefixes
    # expanded to PREFIX_TERMS terms), which the benchmark measures.
    found = searcher.search(built.query, limit=page * per_page, groupedby=facets, filter=restriction,
                            mask=built.mask, sortedby=sorting.FieldFacet("date", reverse=True) if by_date else None)
    found.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60, charlimit=SNIPPET_CHARS)
    found.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    start = (page - 1) * per_page
    hits = []
    for result in found[start:start + per_page]:
        snippet = result.highlights("body", top=2) or highlight.htmlescape(result["body"][:220])
        hits.append(_hit(result, snippet))
    total = len(found)
    return Results(hits=hits, total=total, page=page, pages=max(1, -(-total // per_page)),
                   facets={name: sorted(found.groups(name).items(), key=lambda item: -item[1])
                           for name in FACETS})


def similar(store: IndexStore, text: str, *, visitor: bool, limit: int = 5) -> list[Hit]:
    """Topics and sheets whose words are close to ``text`` (a title being typed)."""
    stems = list(dict.fromkeys(_stems([text])))[:12]
    if not stems:
        return []
    query = wq.Or([wq.Term("title", stem, boost=3.0) for stem in stems] + [wq.Term("body", stem) for stem in stems])
    searcher = store.searcher()
    found = searcher.search(query, limit=limit, filter=access_filter(visitor))
    return [_hit(result, "") for result in found]


def correction(store: IndexStore, words: list[str]) -> dict[str, str]:
    """For words found nowhere, the closest word of the forum (« Vouliez-vous dire »)."""
    searcher = store.searcher()
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    fixes = {}
    for word in words:
        folded = fold(word)
        stems = _stems([word])
        if not folded or " " in folded or reader.doc_frequency("spell", folded) or (
                stems and reader.doc_frequency("body", stems[0]) + reader.doc_frequency("title", stems[0])):
            continue  # a word the forum uses, perhaps in another form: not a typo
        suggestions = corrector.suggest(folded, limit=1, maxdist=2)
        if suggestions:
            fixes[word] = suggestions[0]
    return fixes
