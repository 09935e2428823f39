"""Full-text search over the labels and mandate texts, accent- and case-insensitive.

The index is built once from the catalog: every searchable resource is a document whose fields
(labels in each language, other names, the mandate's text and its other wordings) are folded by
``textfold`` — accents stripped, case folded — with the offset of every folded character in the
original kept, so that a match is highlighted in the text as printed. A query is a list of words; a
document matches when each word begins a word of one of its fields. Filters by plan, type and theme
are facets: each is counted over the matches that the other filters let through.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from api.cache import per_store
from api.errors import SearchError as SearchError
from api.pages import language
from api.pages.catalog import Catalog
from api.pages.display import calm
from api.pages.messages import N_
from graph.labels import natural_key
from textfold import fold, fold_with_origin

MAX_QUERY = 200  # characters
MAX_TERMS = 12
SNIPPET = 280  # characters of a long text shown around its first match
TYPES = ("mandate", "area", "plan", "meeting", "series", "actor", "partner", "place", "theme")
_WEIGHTS = {"label": 3.0, "name": 2.0, "text": 1.0}
_WORD = re.compile(r"\w+")

Span = tuple[int, int]
Segments = list[tuple[str, bool]]  # runs of text, each marked as a match or not


def terms(query: str) -> list[str]:
    """The folded words of a query."""
    return _WORD.findall(fold(query))


@dataclass(frozen=True)
class Field:
    role: str  # "label", "name" or "text"
    lang: str  # "" for none
    text: str
    tokens: tuple[tuple[str, int, int], ...]  # folded word, start and end in ``text``

    @classmethod
    def of(cls, role: str, lang: str, value: str) -> Field:
        folded, origin = fold_with_origin(value)
        tokens = tuple(
            (m.group(), origin[m.start()], origin[m.end() - 1] + 1) for m in _WORD.finditer(folded)
        )
        return cls(role, lang, value, tokens)

    def marks(self, words: Sequence[str]) -> list[Span]:
        """The spans of the words of this field that begin with one of ``words``."""
        return [(s, e) for w, s, e in self.tokens if any(w.startswith(t) for t in words)]


@dataclass(frozen=True)
class Document:
    iri: str
    kinds: frozenset[str]
    plan: str | None  # plan id, for plans, areas and mandates
    themes: frozenset[str]  # theme IRIs
    fields: tuple[Field, ...]
    order: tuple[object, ...]  # the natural order when there is no query


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    plan: str | None
    title: Segments
    snippet: Segments  # empty when the title says it all
    score: float


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    page: int
    pages: int
    page_size: int
    hits: list[Hit]
    facets: dict[str, list[Facet]] = field(default_factory=dict)


class Index:
    """The search index of one catalog."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = list(documents)
        postings: dict[str, set[int]] = defaultdict(set)
        for i, doc in enumerate(self.documents):
            for f in doc.fields:
                for word, _, _ in f.tokens:
                    postings[word].add(i)
        self._postings = dict(postings)
        self._vocabulary = sorted(postings)

    def _matching(self, term: str) -> set[int]:
        """The documents with a word that begins with ``term``."""
        found: set[int] = set()
        start = bisect.bisect_left(self._vocabulary, term)
        for word in self._vocabulary[start:]:
            if not word.startswith(term):
                break
            found |= self._postings[word]
        return found

    def match(self, words: Sequence[str]) -> list[int]:
        """The documents every one of ``words`` matches (all documents when there are none)."""
        if not words:
            return list(range(len(self.documents)))
        found = self._matching(words[0])
        for term in words[1:]:
            found &= self._matching(term)
        return sorted(found)

    def score(self, doc: Document, words: Sequence[str]) -> float:
        total = 0.0
        for f in doc.fields:
            for word, _, _ in f.tokens:
                for t in words:
                    if word.startswith(t):
                        total += _WEIGHTS[f.role] * (1.5 if word == t else 1.0)
        return total


def documents(cat: Catalog) -> list[Document]:
    """One document per plan, area, mandate, meeting, series, actor, place and theme."""
    docs = []
    for iri, labels in cat.labels.items():
        kind = cat.kind(iri)
        if kind is None or kind == "source":
            continue
        kinds = {kind} | ({"actor"} if kind == "partner" else set())
        plan = cat.plan_of(iri)
        fields: list[Field] = []
        mandate = cat.mandates.get(iri)
        if mandate is not None:
            # A mandate's label is its plan, area and the start of its text: search the text.
            fields.append(Field.of("text", "es", mandate.text))
            fields += [Field.of("text", "es", alt) for alt in mandate.alternatives]
        else:
            fields += [Field.of("label", lang, value) for lang, value in labels.items()]
            fields += [Field.of("name", "", n) for n in cat.other_names.get(iri, [])]
        themes: tuple[str, ...] = ()
        if mandate is not None:
            themes = mandate.themes
        elif iri in cat.areas:
            themes = cat.areas[iri].themes
        if iri in cat.mandates:
            order: tuple[object, ...] = (0, *cat.mandate_key(iri))
        elif iri in cat.areas:
            order = (1, plan.order if plan else 0, cat.area_key(iri))
        else:
            order = (
                2,
                TYPES.index(kind) if kind in TYPES else 99,
                natural_key(cat.label(iri, "es")),
            )
        docs.append(
            Document(
                iri,
                frozenset(kinds),
                plan.id if plan else None,
                frozenset(themes),
                tuple(fields),
                order,
            )
        )
    return docs


@per_store
def index(cat: Catalog) -> Index:
    """The index of ``cat``, built on first use."""
    return Index(documents(cat))


def _segments(value: str, marks: Sequence[Span]) -> Segments:
    out: Segments = []
    at = 0
    for start, end in sorted(marks):
        if start < at:
            continue
        if start > at:
            out.append((value[at:start], False))
        out.append((value[start:end], True))
        at = end
    if at < len(value):
        out.append((value[at:], False))
    return out


def snippet(value: str, marks: Sequence[Span], width: int = SNIPPET) -> Segments:
    """``value`` with its marks, cut to about ``width`` characters around the first mark."""
    if len(value) <= width:
        return _segments(value, marks)
    first = min(marks)[0] if marks else 0
    start = max(0, first - width // 3)
    if start > 0:
        space = value.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(value), start + width)
    if end < len(value):
        space = value.find(" ", end)
        end = space if 0 <= space < end + 30 else end
    inside = [(s - start, min(e, end) - start) for s, e in marks if s >= start and s < end]
    out = _segments(value[start:end], inside)
    if start > 0:
        out.insert(0, ("… ", False))
    if end < len(value):
        out.append((" …", False))
    return out


def _pick_field(fields: Sequence[Field], role: str, lang: str) -> Field | None:
    chosen = {f.lang: f for f in fields if f.role == role}
    tag = next((t for t in (lang, "es", "en", "") if t in chosen), None)
    return chosen[tag] if tag is not None else next(iter(chosen.values()), None)


def _hit(cat: Catalog, doc: Document, words: Sequence[str], score: float, lang: str) -> Hit:
    kind = "partner" if "partner" in doc.kinds else next(iter(sorted(doc.kinds)))
    mandate = cat.mandates.get(doc.iri)
    if mandate is not None:
        area = calm(cat.label(mandate.area, lang))
        number = cat.printed_number(doc.iri)
        title: Segments = [(f"{area} · {number}", False)]
        text_fields = [f for f in doc.fields if f.role == "text"]
        best = max(text_fields, key=lambda f: len(f.marks(words)))
        return Hit(doc.iri, kind, doc.plan, title, snippet(best.text, best.marks(words)), score)
    label = _pick_field(doc.fields, "label", lang)
    shown = label.text if label else cat.label(doc.iri, lang)
    if len(calm(shown)) == len(shown):  # the marks' offsets still hold
        shown = calm(shown)
    title = _segments(shown, label.marks(words) if label else [])
    extra: Segments = []
    if words and not (label and label.marks(words)):
        # The match is in another language's label or another name: show where.
        other = next((f for f in doc.fields if f.marks(words)), None)
        if other is not None:
            extra = snippet(other.text, other.marks(words))
    return Hit(doc.iri, kind, doc.plan, title, extra, score)


def search(
    cat: Catalog,
    query: str,
    *,
    plan: str | None = None,
    kind: str | None = None,
    theme: str | None = None,
    page: int = 1,
    page_size: int = 50,
    lang: str = "es",
) -> Results:
    """The documents matching ``query`` and the filters, best first, one page of them.

    ``plan`` is a plan id ("CELAC-2014"), ``kind`` one of :data:`TYPES`, ``theme`` a theme's key
    (the last segment of its IRI, "food-security"). With an empty query, the documents the
    filters let through, in the order of the plans; with neither, none.

    Raises:
        SearchError: the query is too long, a filter names nothing that exists, or ``page`` < 1.
    """
    query = query.strip()
    if len(query) > MAX_QUERY:
        raise SearchError(
            "q",
            N_("the query is %(length)s characters long; at most %(most)s"),
            length=len(query),
            most=MAX_QUERY,
        )
    words = terms(query)
    if len(words) > MAX_TERMS:
        raise SearchError(
            "q",
            N_("the query has %(count)s words; at most %(most)s"),
            count=len(words),
            most=MAX_TERMS,
        )
    if page < 1:
        raise SearchError(
            "page", N_("%(page)s is not a page number: pages count from 1"), page=page
        )
    plans = [p.id for p in cat.plans]
    if plan is not None and plan not in plans:
        raise SearchError(
            "plan",
            N_("%(value)r is not a plan: expected one of %(expected)s"),
            value=plan,
            expected=", ".join(plans),
        )
    if kind is not None and kind not in TYPES:
        raise SearchError(
            "type",
            N_("%(value)r is not a type: expected one of %(expected)s"),
            value=kind,
            expected=", ".join(TYPES),
        )
    theme_iri = None
    if theme is not None:
        keys = {t.rsplit("/", 1)[-1]: t for t in cat.themes}
        if theme not in keys:
            raise SearchError(
                "theme",
                N_("%(value)r is not a theme: expected one of %(expected)s"),
                value=theme,
                expected=", ".join(sorted(keys)),
            )
        theme_iri = keys[theme]

    idx = index(cat)
    if not words and plan is None and kind is None and theme is None:
        return Results(query, 0, page, 0, page_size, [], {})
    matched = [idx.documents[i] for i in idx.match(words)]

    def passes(doc: Document, skip: str = "") -> bool:
        return (
            (skip == "plan" or plan is None or doc.plan == plan)
            and (skip == "type" or kind is None or kind in doc.kinds)
            and (skip == "theme" or theme_iri is None or theme_iri in doc.themes)
        )

    selected = [d for d in matched if passes(d)]
    scored = [(idx.score(d, words) if words else 0.0, d) for d in selected]
    scored.sort(key=lambda sd: (-sd[0], sd[1].order))
    pages = max(1, -(-len(scored) // page_size))
    chunk = scored[(page - 1) * page_size : page * page_size]
    hits = [_hit(cat, d, words, s, lang) for s, d in chunk]

    plan_counts = Counter(d.plan for d in matched if d.plan and passes(d, "plan"))
    type_counts = Counter(k for d in matched if passes(d, "type") for k in d.kinds)
    theme_counts = Counter(t for d in matched if passes(d, "theme") for t in d.themes)
    facets = {
        "plan": [
            Facet(
                p.id,
                language.pick(cat.labels.get(p.iri, {}), lang) or p.id,
                plan_counts[p.id],
                p.id == plan,
            )
            for p in cat.plans
            if plan_counts[p.id] or p.id == plan
        ],
        "type": [
            Facet(k, k, type_counts[k], k == kind) for k in TYPES if type_counts[k] or k == kind
        ],
        "theme": [
            Facet(t.rsplit("/", 1)[-1], cat.label(t, lang), theme_counts[t], t == theme_iri)
            for t in cat.themes
            if theme_counts[t] or t == theme_iri
        ],
    }
    return Results(query, len(scored), page, pages, page_size, hits, facets)
