"""What every page needs to name and place a resource, read from the store once.

The catalog holds the labels and types of all resources, the plans in date order, the areas and
mandates with their place in their plan, the themes, and the asserted carry-overs: a few thousand
small records, read with a handful of queries the first time a page asks (the store is read-only,
so they never go stale). Pages then spend their queries on what is particular to one resource.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from api.cache import per_store
from api.pages import language
from api.pages.display import calm, calm_parts
from api.pages.links import curie
from api.pages.rows import integer, select, text
from graph.labels import join_numbers
from graph.namespaces import CELAC, ID, SCHEMA
from graph.store import Store

THEME_SCHEME = f"{ID}theme"

# The kind of page a resource gets, by its class; the first that matches wins (a partner is also
# typed an actor).
KINDS: tuple[tuple[str, str], ...] = (
    (f"{CELAC}Mandate", "mandate"),
    (f"{CELAC}Area", "area"),
    (f"{CELAC}Plan", "plan"),
    (f"{CELAC}Meeting", "meeting"),
    (f"{CELAC}MeetingSeries", "series"),
    (f"{CELAC}Partner", "partner"),
    (f"{CELAC}Actor", "actor"),
    (f"{SCHEMA}City", "place"),
    (f"{SCHEMA}Country", "place"),
    (f"{CELAC}SourceDocument", "source"),
)


@dataclass(frozen=True)
class Plan:
    iri: str
    id: str
    date: str | None  # ISO 8601
    order: int  # 0 for the earliest
    period: str | None = None  # the years the plan covers, as its title names them ("2022-2024")

    @property
    def year(self) -> int | None:
        """The year the plan was adopted (it places the plan on a timeline)."""
        return int(self.date[:4]) if self.date else None

    @property
    def years(self) -> str:
        """The years readers know the plan by: its period, else the year it was adopted."""
        return self.period or (str(self.year) if self.year else "")


@dataclass(frozen=True)
class Area:
    iri: str
    plan: str
    parent: str | None
    position: int
    number: str | None
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Mandate:
    iri: str
    plan: str
    area: str
    position: int
    number: str | None
    text: str
    alternatives: tuple[str, ...]
    themes: tuple[str, ...]
    text_lang: str = ""  # the language tag of ``text``


@dataclass(eq=False)  # compared and hashed by identity: caches are keyed by it
class Catalog:
    labels: dict[str, dict[str, str]]
    other_names: dict[str, list[str]]  # acronyms and names as printed
    types: dict[str, frozenset[str]]
    plans: list[Plan]
    areas: dict[str, Area]
    mandates: dict[str, Mandate]
    themes: list[str]
    continues: list[tuple[str, str]]  # asserted (later, earlier)
    _plans: dict[str, Plan] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._plans = {p.iri: p for p in self.plans}

    def label(self, iri: str, lang: str) -> str:
        """The resource's label in ``lang`` (falling back es → en → any), else a short name. The
        headings a plan prints in capitals are shown in sentence case (the data keeps them as
        printed)."""
        found = language.pick(self.labels.get(iri, {}), lang)
        if found is not None:
            if iri in self.areas:
                return calm(found)
            return calm_parts(found) if iri in self.mandates else found
        mandate = self.mandates.get(iri)
        if mandate is not None:
            return mandate.text
        return curie(iri)

    def label_lang(self, iri: str, lang: str) -> str:
        """The language of :meth:`label`'s answer ("" where unknown), for a ``lang`` attribute
        where it is not the page's."""
        tag = language.pick_tag(self.labels.get(iri, {}), lang)
        if tag is not None:
            return tag
        mandate = self.mandates.get(iri)
        return mandate.text_lang if mandate is not None else ""

    def kind(self, iri: str) -> str | None:
        """The kind of page ``iri`` gets: "mandate", "area", "plan", "meeting", "series",
        "partner", "actor", "place", "source" or "theme"; None for any other resource."""
        types = self.types.get(iri, frozenset())
        for cls, kind in KINDS:
            if cls in types:
                return kind
        if iri.startswith(THEME_SCHEME + "/"):
            return "theme"
        return None

    def plan(self, iri: str) -> Plan:
        return self._plans[iri]

    def plan_by_id(self, plan_id: str) -> Plan | None:
        return next((p for p in self.plans if p.id == plan_id), None)

    def is_plan(self, iri: str) -> bool:
        return iri in self._plans

    def plan_of(self, iri: str) -> Plan | None:
        """The plan an area or a mandate belongs to; a plan is its own."""
        if iri in self._plans:
            return self._plans[iri]
        item = self.mandates.get(iri) or self.areas.get(iri)
        return self._plans[item.plan] if item else None

    def area_key(self, iri: str) -> tuple[int, ...]:
        """The area's place in its plan's text: the positions from the top-level area down."""
        key: list[int] = []
        area: Area | None = self.areas[iri]
        while area is not None:
            key.insert(0, area.position)
            area = self.areas.get(area.parent) if area.parent else None
        return tuple(key)

    def printed_number(self, iri: str) -> str:
        """How a reader cites a mandate within its plan: its areas' numbers and its own, as
        printed ("II.10.1", not "II.10.10.1"); its own number alone where an area has none, its
        position where it has none itself."""
        m = self.mandates[iri]
        if m.number is None:
            return str(m.position)
        path: list[str] = []
        area: Area | None = self.areas.get(m.area)
        while area is not None:
            if area.number is None:
                return m.number
            path.insert(0, area.number)
            area = self.areas.get(area.parent) if area.parent else None
        dotted = ""
        for number in [*path, m.number]:
            dotted = join_numbers(dotted, number)
        return dotted

    def mandate_key(self, iri: str) -> tuple[int, tuple[int, ...], int]:
        """Sorts mandates by plan date, then as printed."""
        m = self.mandates[iri]
        return (self._plans[m.plan].order, self.area_key(m.area), m.position)

    @cached_property
    def areas_by_plan(self) -> dict[str, list[Area]]:
        out: dict[str, list[Area]] = defaultdict(list)
        for area in sorted(self.areas.values(), key=lambda a: self.area_key(a.iri)):
            out[area.plan].append(area)
        return dict(out)

    @cached_property
    def mandates_by_plan(self) -> dict[str, list[Mandate]]:
        out: dict[str, list[Mandate]] = defaultdict(list)
        for iri in sorted(self.mandates, key=self.mandate_key):
            out[self.mandates[iri].plan].append(self.mandates[iri])
        return dict(out)

    @cached_property
    def mandates_by_area(self) -> dict[str, list[Mandate]]:
        out: dict[str, list[Mandate]] = defaultdict(list)
        for iri in sorted(self.mandates, key=self.mandate_key):
            out[self.mandates[iri].area].append(self.mandates[iri])
        return dict(out)

    @cached_property
    def subareas(self) -> dict[str, list[Area]]:
        out: dict[str, list[Area]] = defaultdict(list)
        for area in sorted(self.areas.values(), key=lambda a: a.position):
            if area.parent:
                out[area.parent].append(area)
        return dict(out)

    @cached_property
    def antecedents(self) -> dict[str, set[str]]:
        """Asserted: later mandate → the earlier mandates it continues."""
        out: dict[str, set[str]] = defaultdict(set)
        for later, earlier in self.continues:
            out[later].add(earlier)
        return dict(out)

    @cached_property
    def successors(self) -> dict[str, set[str]]:
        """Asserted: earlier mandate → the later mandates that continue it."""
        out: dict[str, set[str]] = defaultdict(set)
        for later, earlier in self.continues:
            out[earlier].add(later)
        return dict(out)

    def mandate_count(self, area: str) -> int:
        """The mandates of an area and of its sub-areas."""
        return len(self.mandates_by_area.get(area, [])) + sum(
            self.mandate_count(sub.iri) for sub in self.subareas.get(area, [])
        )


@per_store
def catalog(store: Store) -> Catalog:
    """The catalog of ``store``, read on first use and kept while the store is served."""
    return read(store)


def read(store: Store) -> Catalog:
    """Read the catalog from ``store`` (a handful of queries)."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in select(
        store,
        "SELECT ?s ?l WHERE { { ?s rdfs:label ?l } UNION { ?s skos:prefLabel ?l } FILTER(isIRI(?s)) }",
    ):
        labels[text(row["s"])].setdefault(row["l"].language or "", text(row["l"]))
    other_names: dict[str, list[str]] = defaultdict(list)
    for row in select(
        store,
        "SELECT DISTINCT ?s ?n WHERE { ?s skos:altLabel|schema:name ?n FILTER(isIRI(?s)) } ORDER BY ?s ?n",
    ):
        other_names[text(row["s"])].append(text(row["n"]))
    types: dict[str, set[str]] = defaultdict(set)
    for row in select(store, "SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s)) }"):
        types[text(row["s"])].add(text(row["t"]))
    themes_of: dict[str, list[str]] = defaultdict(list)
    for row in select(
        store,
        f"SELECT DISTINCT ?s ?t WHERE {{ ?s dcterms:subject ?t . ?t skos:inScheme <{THEME_SCHEME}> }} ORDER BY ?s ?t",
    ):
        themes_of[text(row["s"])].append(text(row["t"]))

    plan_rows = select(
        store,
        "SELECT ?p ?id ?date ?period WHERE { ?p a celac:Plan ; dcterms:identifier ?id "
        "OPTIONAL { ?p dcterms:date ?date } OPTIONAL { ?p celac:period ?period } }",
    )
    plan_rows.sort(key=lambda r: (text(r["date"]) if "date" in r else "9999", text(r["id"])))
    plans = [
        Plan(
            text(r["p"]),
            text(r["id"]),
            text(r["date"]) if "date" in r else None,
            i,
            text(r["period"]) if "period" in r else None,
        )
        for i, r in enumerate(plan_rows)
    ]

    areas = {}
    for row in select(
        store,
        "SELECT ?a ?plan ?parent ?pos ?num WHERE { ?a a celac:Area ; celac:inPlan ?plan ; "
        "celac:position ?pos OPTIONAL { ?a celac:subAreaOf ?parent } OPTIONAL { ?a celac:number ?num } }",
    ):
        iri = text(row["a"])
        areas[iri] = Area(
            iri,
            text(row["plan"]),
            text(row["parent"]) if "parent" in row else None,
            integer(row["pos"]),
            text(row["num"]) if "num" in row else None,
            tuple(themes_of.get(iri, ())),
        )

    alternatives: dict[str, list[str]] = defaultdict(list)
    for row in select(
        store, "SELECT DISTINCT ?m ?t WHERE { ?m celac:alternativeText ?t } ORDER BY ?m ?t"
    ):
        alternatives[text(row["m"])].append(text(row["t"]))
    mandates = {}
    for row in select(
        store,
        "SELECT ?m ?plan ?area ?pos ?num ?text WHERE { ?m a celac:Mandate ; celac:inPlan ?plan ; "
        "celac:position ?pos ; celac:text ?text . ?area celac:hasMandate ?m "
        "OPTIONAL { ?m celac:number ?num } }",
    ):
        iri = text(row["m"])
        mandates[iri] = Mandate(
            iri,
            text(row["plan"]),
            text(row["area"]),
            integer(row["pos"]),
            text(row["num"]) if "num" in row else None,
            text(row["text"]),
            tuple(alternatives.get(iri, ())),
            tuple(themes_of.get(iri, ())),
            getattr(row["text"], "language", None) or "",
        )

    theme_rows = select(store, f"SELECT ?t WHERE {{ ?t skos:inScheme <{THEME_SCHEME}> }}")
    themes = sorted(
        (text(r["t"]) for r in theme_rows),
        key=lambda t: (language.pick(labels.get(t, {}), "es") or t).casefold(),
    )
    continues = [
        (text(r["l"]), text(r["e"]))
        for r in select(store, "SELECT DISTINCT ?l ?e WHERE { ?l celac:continues ?e }")
    ]
    return Catalog(
        labels=dict(labels),
        other_names=dict(other_names),
        types={k: frozenset(v) for k, v in types.items()},
        plans=plans,
        areas=areas,
        mandates=mandates,
        themes=themes,
        continues=continues,
    )
