"""Records → RDF: one graph per plan, and one for what the plans share (sources, the build).

The records come from ``extract``; this module only asks of them the shape described by the
protocols of ``graph/records.py``, so ``graph`` depends on nothing in ``extract``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph import iris
from graph.entities import EntityWriter
from graph.labels import join_numbers
from graph.namespaces import CELAC, OA, PREFIXES, SCHEMA
from graph.records import (
    ActorLike,
    AreaLike,
    LinkLike,
    PassageLike,
    PlaceLike,
    PlanLike,
    SourceLike,
    ThemeLike,
    TierQuality,
)
from graph.trace import write_continuations, write_subjects, write_themes

QUOTE_CONTEXT = 32  # characters of oa:prefix / oa:suffix
LABEL_WORDS = 12


@dataclass(frozen=True)
class BuildInfo:
    """The build activity: when it ran and with which version of the software."""

    started: datetime
    ended: datetime
    version: str


def es(text: str) -> Literal:
    return Literal(text, lang="es")


class _PlanWriter:
    def __init__(
        self,
        plan: PlanLike,
        graph: Graph,
        entities: EntityWriter | None = None,
        subjects: Mapping[int, Sequence[str]] | None = None,
        iris_out: dict[int, URIRef] | None = None,
    ) -> None:
        self.plan = plan
        self.g = graph
        self.entities = entities
        self.subjects = subjects or {}
        self.iris_out = iris_out if iris_out is not None else {}
        self.plan_iri = iris.plan(plan.spec.slug)
        self.texts = {s.name: s.text for s in plan.sources}
        self.area_iris: dict[int, URIRef] = {}

    def write(self) -> None:
        g, spec, p = self.g, self.plan.spec, self.plan_iri
        g.add((p, RDF.type, CELAC.Plan))
        g.add((p, DCTERMS.identifier, Literal(spec.id)))
        g.add((p, DCTERMS.title, es(spec.title)))
        g.add((p, RDFS.label, es(spec.title)))
        if spec.title_en:
            g.add((p, RDFS.label, Literal(spec.title_en, lang="en")))
        if spec.date:
            g.add((p, DCTERMS.date, Literal(spec.date, datatype=XSD.date)))
        if spec.period:
            g.add((p, CELAC.period, Literal(spec.period)))
        if spec.date_passage is not None:  # read from the text, not the manifest
            self._reading(p, spec.date_passage, "date", 1)
        g.add((p, PROV.wasGeneratedBy, iris.BUILD))
        for source in self.plan.sources:
            g.add((p, DCTERMS.source, iris.source(source.name)))
        self._areas(self.plan.areas, p, None, "")
        self._passages()
        adoption = self.plan.adoption
        if self.entities is not None and adoption is not None and spec.adopted_at:
            self.entities.adoption(g, p, adoption[0], adoption[1], spec.adopted_at)

    def _areas(
        self,
        areas: Sequence[AreaLike],
        parent: URIRef,
        parent_area: URIRef | None,
        path: str | None,
    ) -> None:
        """Write ``areas``; ``path`` is the dotted numbers of the ancestors ("II"), None if one has none."""
        numbers = [a.number for a in areas]
        for position, area in enumerate(areas, start=1):
            iri = iris.child(parent, "area", iris.key(area.number, position, numbers))
            self._area(area, iri, position, parent_area)
            own = None if path is None or not area.number else join_numbers(path, area.number)
            reference = (
                f"{self.plan.spec.id} {own}" if own else f"{self.plan.spec.id} · {area.title.text}"
            )
            self._mandates(area, iri, reference, own)
            self._areas(area.areas, iri, iri, own)

    def _passages(self) -> None:
        """The plan's passages that are no mandates (preambles, footnotes, objectives, responsible
        bodies): each a celac:Passage of the plan, read from its span, naming what it names."""
        g, spec = self.g, self.plan.spec
        counts: dict[str, int] = {}
        for part in self.plan.passages:
            kind, passage = part.kind, part.passage
            counts[kind] = counts.get(kind, 0) + 1
            iri = iris.child(self.plan_iri, "passage", f"{kind}-{counts[kind]}")
            g.add((iri, RDF.type, CELAC.Passage))
            g.add((iri, CELAC.passageKind, Literal(kind)))
            g.add((iri, CELAC.inPlan, self.plan_iri))
            g.add((self.plan_iri, CELAC.hasPassage, iri))
            area = self.area_iris.get(id(part.area)) if part.area is not None else None
            if area is not None:
                g.add((iri, DCTERMS.isPartOf, area))
            g.add(
                (
                    iri,
                    RDFS.label,
                    es(f"{spec.id} · {kind} {counts[kind]}: {_abridge(passage.text)}"),
                )
            )
            self._reading(iri, passage, "text", 1)
            # An objective's mentions are its area's already (see _area).
            if self.entities is not None and kind != "objective":
                self.entities.add(g, iri, passage, part.found)

    def _area(self, area: AreaLike, iri: URIRef, position: int, parent: URIRef | None) -> None:
        self.area_iris[id(area)] = iri
        g = self.g
        g.add((iri, RDF.type, CELAC.Area))
        g.add((self.plan_iri, CELAC.hasArea, iri))
        g.add((iri, CELAC.inPlan, self.plan_iri))
        if parent is not None:
            g.add((iri, CELAC.subAreaOf, parent))
        if area.number:
            g.add((iri, CELAC.number, Literal(area.number)))
        g.add((iri, CELAC.position, Literal(position)))
        g.add((iri, RDFS.label, es(area.title.text)))
        g.add((iri, DCTERMS.title, es(area.title.text)))
        write_subjects(g, iri, self.subjects.get(id(area), ()))
        roles: list[tuple[str, Sequence[PassageLike], URIRef | None]] = [
            ("title", area.titles, None),
            ("objective", area.objectives, CELAC.objective),
            ("axis", area.axis, CELAC.thematicAxis),
            ("responsible", area.responsible, CELAC.responsibleBody),
        ]
        for role, passages, prop in roles:
            counts: dict[str, int] = {}
            for passage in passages:
                if prop is not None:
                    g.add((iri, prop, es(passage.text)))
                counts[passage.source] = counts.get(passage.source, 0) + 1
                self._reading(iri, passage, role, counts[passage.source])
        if self.entities is not None:
            for passage, found in area.found:
                self.entities.add(g, iri, passage, found)

    def _mandates(
        self, area: AreaLike, area_iri: URIRef, reference: str, number: str | None
    ) -> None:
        """Write the mandates of ``area``, cited as ``reference`` plus their own number (joined
        to the area's dotted ``number`` where it has one, as printed)."""
        g = self.g
        numbers = [m.number for m in area.mandates]
        for position, mandate in enumerate(area.mandates, start=1):
            iri = iris.child(area_iri, "mandate", iris.key(mandate.number, position, numbers))
            text = mandate.passages[0].text
            self.iris_out[id(mandate)] = iri
            write_subjects(g, iri, self.subjects.get(id(mandate), ()))
            g.add((iri, RDF.type, CELAC.Mandate))
            g.add((area_iri, CELAC.hasMandate, iri))
            g.add((iri, CELAC.inPlan, self.plan_iri))
            if mandate.number:
                g.add((iri, CELAC.number, Literal(mandate.number)))
            g.add((iri, CELAC.position, Literal(position)))
            g.add((iri, CELAC.text, es(text)))
            if mandate.number:
                ref = (
                    f"{self.plan.spec.id} {join_numbers(number, mandate.number)}"
                    if number is not None
                    else f"{reference} · {mandate.number}"
                )
            else:
                ref = f"{reference} · ({position})"
            g.add((iri, RDFS.label, es(f"{ref}: {_abridge(text)}")))
            for other in mandate.passages[1:]:
                if other.text != text:
                    g.add((iri, CELAC.alternativeText, es(other.text)))
            for note in mandate.notes:
                g.add((iri, SKOS.note, es(note.text)))
            counts: dict[str, int] = {}
            for passage in mandate.passages:
                counts[passage.source] = counts.get(passage.source, 0) + 1
                self._reading(iri, passage, "text", counts[passage.source])
            if self.entities is not None:
                self.entities.add(g, iri, mandate.passages[0], mandate.found)

    def _reading(self, item: URIRef, passage: PassageLike, role: str, index: int) -> None:
        g = self.g
        span = passage.span
        raw = self.texts[span.source]
        node = iris.reading(item, span.source, role, index)
        position = URIRef(f"{node}-position")
        quote = URIRef(f"{node}-quote")
        g.add((item, PROV.wasDerivedFrom, node))
        g.add((item, DCTERMS.source, iris.source(span.source)))
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, iris.source(span.source)))
        g.add((node, CELAC.role, Literal(role)))
        g.add((node, RDF.value, es(passage.text)))
        g.add((node, OA.hasSelector, position))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
        g.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))
        g.add((node, OA.hasSelector, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(raw[span.start : span.end])))
        g.add((quote, OA.prefix, Literal(raw[max(0, span.start - QUOTE_CONTEXT) : span.start])))
        g.add((quote, OA.suffix, Literal(raw[span.end : span.end + QUOTE_CONTEXT])))


def _abridge(text: str) -> str:
    words = text.split()
    return text if len(words) <= LABEL_WORDS else " ".join(words[:LABEL_WORDS]) + " …"


def plan_graph(
    plan: PlanLike,
    graph: Graph | None = None,
    entities: EntityWriter | None = None,
    subjects: Mapping[int, Sequence[str]] | None = None,
    iris_out: dict[int, URIRef] | None = None,
) -> Graph:
    """The triples of one plan: the plan, its areas and mandates, and where each was read; with
    ``entities``, also the links to the meetings and actors they name; with ``subjects``, the
    themes of each area and mandate (by ``id()`` of the record). ``iris_out`` receives the IRI of
    every mandate, by ``id()`` of its record."""
    g = graph if graph is not None else Graph()
    _PlanWriter(plan, g, entities, subjects, iris_out).write()
    return g


def shared_graph(
    sources: Sequence[SourceLike], build: BuildInfo, graph: Graph | None = None
) -> Graph:
    """The source documents and the build activity that read them."""
    g = graph if graph is not None else Graph()
    for source in sources:
        iri = iris.source(source.name)
        g.add((iri, RDF.type, CELAC.SourceDocument))
        g.add((iri, DCTERMS.identifier, Literal(source.name)))
        g.add((iri, RDFS.label, Literal(source.name)))
        g.add((iri, DCTERMS.format, Literal("text/plain")))
        g.add((iri, CELAC.sha256, Literal(source.sha256)))
        g.add((iri, CELAC.length, Literal(len(source.text))))
        g.add((iris.BUILD, PROV.used, iri))
    g.add((iris.BUILD, RDF.type, PROV.Activity))
    g.add((iris.BUILD, RDFS.label, Literal("celac-kg build", lang="en")))
    g.add((iris.BUILD, PROV.startedAtTime, Literal(build.started)))
    g.add((iris.BUILD, PROV.endedAtTime, Literal(build.ended)))
    g.add((iris.BUILD, PROV.wasAssociatedWith, iris.SOFTWARE))
    g.add((iris.SOFTWARE, RDF.type, PROV.SoftwareAgent))
    g.add((iris.SOFTWARE, RDFS.label, Literal("celac-kg")))
    g.add((iris.SOFTWARE, SCHEMA.softwareVersion, Literal(build.version)))
    return g


def dataset(
    plans: Sequence[PlanLike],
    build: BuildInfo,
    ontology: Graph | None = None,
    actors: Mapping[str, ActorLike] | None = None,
    places: Mapping[str, PlaceLike] | None = None,
    themes: Mapping[str, ThemeLike] | None = None,
    subjects: Mapping[int, Sequence[str]] | None = None,
    links: Sequence[LinkLike] | None = None,
    method: tuple[str, str] = ("celac-kg tracer", "0"),
    quality: TierQuality | None = None,
) -> Dataset:
    """Every plan in its named graph, the shared resources (sources, build, meetings, actors,
    places) in theirs, and the ontology in its own."""
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    texts = {s.name: s.text for plan in plans for s in plan.sources}
    entities = (
        EntityWriter(actors, places, texts) if actors is not None and places is not None else None
    )
    mandate_iris: dict[int, URIRef] = {}
    graphs: dict[URIRef, Graph] = {}
    for plan in plans:
        g = ds.graph(iris.named_graph(plan.spec.slug))
        graphs[iris.plan(plan.spec.slug)] = g
        plan_graph(plan, g, entities, subjects, mandate_iris)
    if entities is not None:
        entities.write(ds.graph(iris.ENTITIES_GRAPH))
    if themes is not None:
        write_themes(ds.graph(iris.ENTITIES_GRAPH), themes)
    if links is not None:
        write_continuations(graphs, links, mandate_iris, *method, quality=quality)
    sources = [s for plan in plans for s in plan.sources]
    shared_graph(sources, build, ds.graph(iris.SHARED_GRAPH))
    if ontology is not None:
        from graph.namespaces import ONTOLOGY_IRI

        target = ds.graph(URIRef(ONTOLOGY_IRI))
        for triple in ontology:
            target.add(triple)
    return ds
