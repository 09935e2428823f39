"""A synthetic corpus of the same genre as the real one, at any size, the same for the same seed.

Plans (one a year from 2008, one named graph each) → areas (some with sub-areas) → mandates whose
Spanish text is drawn from the real corpus's word sequences (:mod:`bench.vocabulary`), each tied to
the characters of a synthetic source document it was "read" from (``oa:SpecificResource`` with a
position and a quote selector); the actors of the register and meetings of the corpus's series named
in those texts, with their mentions, dates and places; themes; and, for every mandate of a later
plan, up to three ranked ``celac:Continuation`` candidates of earlier plans, some asserted
(``celac:continues``). Same ontology terms and IRI patterns as a real build (``docs/model.md``),
so the shapes accept it and ``celac-kg serve`` serves it.

    python -m bench generate --size 100k --seed 42 --out bench/work/data-100k
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse, serialize
from rdflib import URIRef

from bench.vocabulary import Vocabulary
from bench.vocabulary import load as load_vocabulary
from extract.entities.places import Place
from extract.entities.register import Actor
from graph import iris
from graph.entities import actor_iri, kind_iri, meeting_iri, place_iri, roman, series_iri
from graph.namespaces import CELAC, ONTOLOGY_IRI, SCHEMA, TIME
from graph.paths import ONTOLOGY_DIR
from graph.publish import BUILDS, CURRENT, DUMP_NAME
from graph.trace import SDG, THEMES, continuation_iri, method_iri, theme_iri

GENERATOR_VERSION = "2"  # 2: position selectors are xsd:integer, as the build now writes them
FIRST_YEAR = 2008
MANIFEST = "synthetic.json"
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OWL = "http://www.w3.org/2002/07/owl#"
_EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
_WIKIDATA = "http://www.wikidata.org/entity/"

KINDS = ("reiterates", "reformulates", "followsUp", "extends")
_SIZE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)([kKmM]?)$")


def parse_size(text: str) -> int:
    """``"10k"`` → 10000, ``"1M"`` → 1000000, ``"2500"`` → 2500.

    Raises:
        ValueError: the text is not a positive count, with an optional k or M.
    """
    m = _SIZE.match(text.strip())
    if not m:
        raise ValueError(f"size {text!r} is not a count of triples such as 10k, 100k, 1M or 2500")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2).lower()]
    count = int(float(m.group(1)) * factor)
    if count < 2_000:
        raise ValueError(f"size {text!r} is below 2000 triples: too small for four plans")
    return count


def size_label(triples: int) -> str:
    """10000 → "10k", 1000000 → "1M": the label used in folder names and tables."""
    for label, n in SIZES.items():
        if n == triples:
            return label
    return str(triples)


class _N:
    """NamedNodes, made once per IRI the generator uses again and again."""

    def __init__(self) -> None:
        self._cache: dict[str, NamedNode] = {}

    def __call__(self, iri: str | URIRef) -> NamedNode:
        key = str(iri)
        node = self._cache.get(key)
        if node is None:
            node = NamedNode(key)
            self._cache[key] = node
        return node


@dataclass
class _Meeting:
    iri: str
    begins: date
    ends: date


@dataclass
class _Series:
    kind: str
    name: str
    meetings: list[_Meeting] = field(default_factory=list)


@dataclass
class _Text:
    """A synthetic source document, written line by line; offsets are in characters."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, line: str) -> int:
        """Append ``line`` and a newline; return where the line starts."""
        start = self.length
        self.parts.append(line + "\n")
        self.length += len(line) + 1
        return start

    def value(self) -> str:
        return "".join(self.parts)

    def before(self, offset: int, width: int = 32) -> str:
        """Up to ``width`` characters before ``offset``, which lies in the last line added."""
        collected, end = "", self.length
        for part in reversed(self.parts):
            collected = part + collected
            end -= len(part)
            if end <= offset - width:
                break
        start = offset - end
        return collected[max(0, start - width) : start]


@dataclass(frozen=True)
class Plan:
    """What the generator made of one plan: its IRI, its date and its mandates' IRIs."""

    iri: str
    identifier: str
    day: date
    mandates: list[str]


class Generator:
    """Writes the quads of a synthetic dataset of about ``triples`` triples, from ``seed``."""

    def __init__(self, triples: int, seed: int, vocabulary: Vocabulary | None = None) -> None:
        self.target = triples
        self.seed = seed
        self.rng = Random(seed)  # noqa: S311 (synthetic data, reproducible from the seed)
        self.voc = vocabulary or load_vocabulary()
        self.n = _N()
        self.count = 0
        self.buffer: list[Quad] = []
        self.plans: list[Plan] = []
        self.plan_count = max(4, round((triples / 600) ** 0.5))
        summit = next(s for s in self.voc.series if s[0] == "Cumbre")
        self.summit = _Series(*summit)
        self.series = [_Series(k, n) for k, n in self.voc.series if (k, n) != summit]
        self.actors_used: set[str] = set()
        self.places_used: set[str] = set()
        self.places = {p.key: p for p in self.voc.places}
        self.cities = [p for p in self.voc.places if p.kind == "city"]
        self.themes = [t.key for t in self.voc.themes]
        # A few actors are named far more than the rest, as in the real plans.
        self.actors = Random(seed).sample(self.voc.actors, len(self.voc.actors))  # noqa: S311
        self.actor_weights = [1.0 / (i + 1) for i in range(len(self.actors))]

    # -- output ---------------------------------------------------------------------------

    def _q(self, s: str | URIRef, p: str, o: NamedNode | Literal, g: NamedNode) -> None:
        self.buffer.append(Quad(self.n(s), self.n(p), o, g))
        self.count += 1

    def _iri(self, s: str | URIRef, p: str, o: str | URIRef, g: NamedNode) -> None:
        self._q(s, p, self.n(o), g)

    def _lit(
        self, s: str | URIRef, p: str, value: str, g: NamedNode, lang: str | None = None
    ) -> None:
        self._q(s, p, Literal(value, language=lang) if lang else Literal(value), g)

    def _typed(self, s: str | URIRef, p: str, value: object, datatype: str, g: NamedNode) -> None:
        lexical = str(value).lower() if isinstance(value, bool) else str(value)
        self._q(s, p, Literal(lexical, datatype=self.n(datatype)), g)

    def _flush(self) -> list[Quad]:
        out, self.buffer = self.buffer, []
        return out

    # -- the dataset ----------------------------------------------------------------------

    def quads(self) -> Iterator[Quad]:
        """Every quad, plan by plan; ``self.count`` is the number yielded so far."""
        self._ontology()
        self._themes()
        self._build()
        yield from self._flush()
        base = self.count
        for i in range(self.plan_count):
            budget = base + (self.target - base) * (i + 1) // self.plan_count
            self._plan(i, budget)
            yield from self._flush()

    def _ontology(self) -> None:
        g = self.n(ONTOLOGY_IRI)
        # The parser names blank nodes at random: named again in order, the bytes stay the same.
        blanks: dict[BlankNode, BlankNode] = {}

        def same(term: Any) -> Any:
            if isinstance(term, BlankNode):
                return blanks.setdefault(term, BlankNode(f"ontology{len(blanks) + 1}"))
            return term

        for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
            for triple in parse(path=str(path), format=RdfFormat.TURTLE):
                self.buffer.append(
                    Quad(same(triple.subject), triple.predicate, same(triple.object), g)
                )
                self.count += 1

    def _themes(self) -> None:
        g = self.n(iris.ENTITIES_GRAPH)
        self._iri(THEMES, _RDF + "type", _SKOS + "ConceptScheme", g)
        self._lit(THEMES, _RDFS + "label", "Temas de los planes", g, "es")
        self._lit(THEMES, _RDFS + "label", "Themes of the plans", g, "en")
        for t in self.voc.themes:
            iri = theme_iri(t.key)
            self._iri(iri, _RDF + "type", _SKOS + "Concept", g)
            self._iri(iri, _SKOS + "inScheme", THEMES, g)
            self._iri(iri, _SKOS + "topConceptOf", THEMES, g)
            for lang, label, definition in (
                ("es", t.label_es, t.definition_es),
                ("en", t.label_en, t.definition_en),
            ):
                self._lit(iri, _SKOS + "prefLabel", label, g, lang)
                self._lit(iri, _RDFS + "label", label, g, lang)
                self._lit(iri, _SKOS + "definition", definition, g, lang)
            for goal in t.sdg:
                self._iri(iri, _SKOS + "closeMatch", SDG[str(goal)], g)

    def _build(self) -> None:
        g = self.n(iris.SHARED_GRAPH)
        b, sw = iris.BUILD, iris.SOFTWARE
        self._iri(b, _RDF + "type", _PROV + "Activity", g)
        self._lit(b, _RDFS + "label", "celac-kg build", g, "en")
        stamp = f"{FIRST_YEAR + self.plan_count}-01-01T00:00:00Z"
        self._typed(b, _PROV + "startedAtTime", stamp, _XSD + "dateTime", g)
        self._typed(b, _PROV + "endedAtTime", stamp, _XSD + "dateTime", g)
        self._iri(b, _PROV + "wasAssociatedWith", sw, g)
        self._iri(sw, _RDF + "type", _PROV + "SoftwareAgent", g)
        self._lit(sw, _RDFS + "label", "celac-kg", g)
        self._lit(sw, str(SCHEMA.softwareVersion), "0.1.0", g)

    # -- a plan -----------------------------------------------------------------------------

    def _plan(self, index: int, budget: int) -> None:
        rng = self.rng
        year = FIRST_YEAR + index
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        title_es, title_en = self.voc.titles[index % len(self.voc.titles)]
        family = ["CALC", "CELAC", "PPT", "CHINA-CELAC"][index % 4]
        identifier = f"{family}-{year}"
        plan = str(iris.plan(identifier))
        g = self.n(iris.named_graph(identifier))
        stem = f"{iris.slug(identifier)}-sintetico"
        file_name = f"{stem}.txt"
        source = str(iris.source(file_name))
        text = _Text()
        title = title_es.replace("{year}", str(year))
        text.add(title)

        self._iri(plan, _RDF + "type", str(CELAC.Plan), g)
        self._lit(plan, _DCT + "identifier", identifier, g)
        self._lit(plan, _DCT + "title", title, g, "es")
        self._lit(plan, _RDFS + "label", title, g, "es")
        self._lit(plan, _RDFS + "label", title_en.replace("{year}", str(year)), g, "en")
        self._typed(plan, _DCT + "date", day.isoformat(), _XSD + "date", g)
        self._iri(plan, _DCT + "source", source, g)
        self._iri(plan, _PROV + "wasGeneratedBy", iris.BUILD, g)

        # The summit that adopted the plan, named in the text's opening.
        ordinal = len(self.summit.meetings) + 1
        name = f"{roman(ordinal)} {self.summit.name}"
        start = text.add(f"Adoptado en la {name}.") + len("Adoptado en la ")
        meeting = self._meeting(self.summit, ordinal, day, day, "day")
        self._iri(plan, str(CELAC.adoptedAt), meeting.iri, g)
        self._mention(meeting.iri, plan, source, name, start)

        numbering = rng.choice(["arabic", "roman", "none"])
        mandates: list[str] = []
        quotes: list[tuple[str, int]] = []
        context = _Context(plan, identifier, g, source, file_name, text, day, quotes)
        position = 0
        while position == 0 or self.count < budget:
            position += 1
            key = roman(position).lower() if numbering == "roman" else str(position)
            number = None if numbering == "none" else key.upper()
            area = str(iris.child(URIRef(plan), "area", key))
            self._area(context, area, position, number, None)
            if rng.random() < 0.15:
                for sub_position, sub_key in enumerate(("a", "b"), start=1):
                    sub = str(iris.child(URIRef(area), "area", sub_key))
                    self._area(context, sub, sub_position, sub_key.upper(), area)
                    mandates.extend(self._mandates(context, sub, sub_key.upper()))
            else:
                mandates.extend(self._mandates(context, area, number or key))

        body = text.value()
        for quote, end in quotes:
            if body[end : end + 32]:
                self._lit(quote, _OA + "suffix", body[end : end + 32], g)
        shared = self.n(iris.SHARED_GRAPH)
        self._iri(source, _RDF + "type", str(CELAC.SourceDocument), shared)
        self._lit(source, _DCT + "identifier", file_name, shared)
        self._lit(source, str(CELAC.sha256), hashlib.sha256(body.encode()).hexdigest(), shared)
        self._typed(source, str(CELAC.length), len(body), _XSD + "integer", shared)
        self._lit(source, _DCT + "format", "text/plain", shared)
        self._lit(source, _RDFS + "label", file_name, shared)
        self._iri(iris.BUILD, _PROV + "used", source, shared)
        self.plans.append(Plan(plan, identifier, day, mandates))

    def _area(
        self, c: _Context, area: str, position: int, number: str | None, parent: str | None
    ) -> None:
        rng, g = self.rng, c.graph
        heading = rng.choice(self.voc.headings)
        line = heading if number is None else f"{number}. {heading}"
        start = c.text.add(line) + len(line) - len(heading)
        self._iri(c.plan, str(CELAC.hasArea), area, g)
        self._iri(area, _RDF + "type", str(CELAC.Area), g)
        self._iri(area, str(CELAC.inPlan), c.plan, g)
        if parent is not None:
            self._iri(area, str(CELAC.subAreaOf), parent, g)
        self._typed(area, str(CELAC.position), position, _XSD + "integer", g)
        if number is not None:
            self._lit(area, str(CELAC.number), number, g)
        self._lit(area, _RDFS + "label", heading, g, "es")
        self._lit(area, _DCT + "title", heading, g, "es")
        self._iri(area, _DCT + "source", c.source, g)
        for theme in self._subjects(2):
            self._iri(area, _DCT + "subject", theme_iri(theme), g)
        self._reading(c, area, "title", heading, start)
        if rng.random() < 0.3:
            objective = self.voc.sentence(rng, 40)
            self._lit(area, str(CELAC.objective), objective, g, "es")
            self._reading(c, area, "objective", objective, c.text.add(objective))

    def _mandates(self, c: _Context, area: str, reference: str) -> list[str]:
        rng, g = self.rng, c.graph
        made = []
        for position in range(1, rng.randint(3, 9) + 1):
            mandate = str(iris.child(URIRef(area), "mandate", str(position)))
            sentence = self.voc.sentence(rng).rstrip(".")
            actor: tuple[Actor, int, str] | None = None
            meetings: list[tuple[str, _Meeting, int, str]] = []
            if rng.random() < 0.35:
                a = rng.choices(self.actors, weights=self.actor_weights)[0]
                name = rng.choice(a.acronyms) if a.acronyms and rng.random() < 0.5 else a.label_es
                sentence += ", con el apoyo de "
                actor = (a, len(sentence), name)
                sentence += name
            if rng.random() < 0.15:
                series = rng.choice(self.series)
                m = self._convene(series, c.day)
                name = f"{roman(len(series.meetings))} {series.name}"
                sentence += ", y convocar la "
                meetings.append((str(CELAC.convenes), m, len(sentence), name))
                sentence += name
            if rng.random() < 0.1:
                held = self._held(c.day)
                if held is not None:
                    series, m = held
                    name = f"{roman(series.meetings.index(m) + 1)} {series.name}"
                    sentence += ", en seguimiento de la "
                    meetings.append((str(CELAC.refersTo), m, len(sentence), name))
                    sentence += name
            body = sentence + "."
            line = f"{position}. {body}"
            start = c.text.add(line) + len(line) - len(body)
            self._iri(area, str(CELAC.hasMandate), mandate, g)
            self._iri(mandate, _RDF + "type", str(CELAC.Mandate), g)
            self._iri(mandate, str(CELAC.inPlan), c.plan, g)
            self._lit(mandate, str(CELAC.number), str(position), g)
            self._typed(mandate, str(CELAC.position), position, _XSD + "integer", g)
            self._lit(mandate, str(CELAC.text), body, g, "es")
            label = f"{c.identifier} · {reference} · {position}: {_abridge(body)}"
            self._lit(mandate, _RDFS + "label", label, g, "es")
            self._iri(mandate, _DCT + "source", c.source, g)
            for theme in self._subjects(3):
                self._iri(mandate, _DCT + "subject", theme_iri(theme), g)
            self._reading(c, mandate, "text", body, start)
            if actor is not None:
                a, offset, name = actor
                self._iri(mandate, str(CELAC.involves), actor_iri(a.key), g)
                self._actor(a)
                self._mention(str(actor_iri(a.key)), mandate, c.source, name, start + offset)
            for prop, m, offset, name in meetings:
                self._iri(mandate, prop, m.iri, g)
                self._mention(m.iri, mandate, c.source, name, start + offset)
            self._continuations(c, mandate)
            made.append(mandate)
        return made

    def _subjects(self, most: int) -> list[str]:
        return self.rng.sample(self.themes, self.rng.randint(1, most))

    # -- provenance -------------------------------------------------------------------------

    def _reading(self, c: _Context, item: str, role: str, value: str, start: int) -> None:
        g = c.graph
        node = str(iris.reading(URIRef(item), c.file_name, role))
        position, quote = f"{node}-position", f"{node}-quote"
        end = start + len(value)
        self._iri(item, _PROV + "wasDerivedFrom", node, g)
        self._iri(node, _RDF + "type", _OA + "SpecificResource", g)
        self._iri(node, _OA + "hasSource", c.source, g)
        self._lit(node, _RDF + "value", value, g, "es")
        self._lit(node, str(CELAC.role), role, g)
        self._selectors(node, position, quote, start, end, value, g)
        prefix = c.text.before(start)
        if prefix:
            self._lit(quote, _OA + "prefix", prefix, g)
        c.quotes.append((quote, end))

    def _selectors(
        self, node: str, position: str, quote: str, start: int, end: int, exact: str, g: NamedNode
    ) -> None:
        self._iri(node, _OA + "hasSelector", position, g)
        self._iri(position, _RDF + "type", _OA + "TextPositionSelector", g)
        self._typed(position, _OA + "start", start, _XSD + "integer", g)
        self._typed(position, _OA + "end", end, _XSD + "integer", g)
        self._iri(node, _OA + "hasSelector", quote, g)
        self._iri(quote, _RDF + "type", _OA + "TextQuoteSelector", g)
        self._lit(quote, _OA + "exact", exact, g)

    def _mention(self, thing: str, item: str, source: str, name: str, start: int) -> None:
        g = self.n(iris.ENTITIES_GRAPH)
        stem = source.rsplit("/", 1)[-1]
        node = f"{item}#mention-{stem}-{start}-{start + len(name)}"
        self._iri(thing, str(CELAC.mention), node, g)
        self._iri(node, _RDF + "type", _OA + "SpecificResource", g)
        self._iri(node, str(CELAC.mentionedIn), item, g)
        self._lit(node, str(CELAC.role), "mention", g)
        self._lit(node, _RDF + "value", name, g, "es")
        self._iri(node, _OA + "hasSource", source, g)
        self._selectors(
            node, f"{node}-position", f"{node}-quote", start, start + len(name), name, g
        )

    # -- entities ---------------------------------------------------------------------------

    def _actor(self, a: Actor) -> None:
        if a.key in self.actors_used:
            return
        self.actors_used.add(a.key)
        g = self.n(iris.ENTITIES_GRAPH)
        iri = actor_iri(a.key)
        self._iri(iri, _RDF + "type", str(CELAC.Actor), g)
        if a.partner:
            self._iri(iri, _RDF + "type", str(CELAC.Partner), g)
        self._lit(iri, _RDFS + "label", a.label_es, g, "es")
        self._lit(iri, _RDFS + "label", a.label_en, g, "en")
        for acronym in a.acronyms:
            self._lit(iri, _SKOS + "altLabel", acronym, g)
        self._iri(iri, _DCT + "type", kind_iri(a.kind), g)
        if a.wikidata:
            self._iri(iri, _OWL + "sameAs", _WIKIDATA + a.wikidata, g)

    def _place(self, p: Place) -> None:
        if p.key in self.places_used:
            return
        self.places_used.add(p.key)
        g = self.n(iris.ENTITIES_GRAPH)
        iri = place_iri(p.key)
        self._iri(iri, _RDF + "type", str(SCHEMA["City" if p.kind == "city" else "Country"]), g)
        self._lit(iri, _RDFS + "label", p.label_es, g, "es")
        self._lit(iri, _RDFS + "label", p.label_en, g, "en")
        if p.wikidata:
            self._iri(iri, _OWL + "sameAs", _WIKIDATA + p.wikidata, g)
        if p.country is not None:
            self._iri(iri, str(SCHEMA.containedInPlace), place_iri(p.country), g)
            self._place(self.places[p.country])

    def _convene(self, series: _Series, after: date) -> _Meeting:
        """The next meeting of ``series``, held after ``after`` and after the previous one."""
        rng = self.rng
        earliest = after + timedelta(days=rng.randint(30, 540))
        if series.meetings:
            earliest = max(earliest, series.meetings[-1].ends + timedelta(days=62))
        precision = rng.choice(["day", "days", "month", "year"])
        if (
            precision == "year"
            and series.meetings
            and earliest.year <= series.meetings[-1].ends.year
        ):
            precision = "month"
        if precision == "day":
            begins = ends = earliest
        elif precision == "days":
            begins, ends = earliest, earliest + timedelta(days=rng.randint(1, 2))
        elif precision == "month":
            begins = earliest.replace(day=1)
            ends = (begins + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        else:
            begins, ends = date(earliest.year, 1, 1), date(earliest.year, 12, 31)
        return self._meeting(series, len(series.meetings) + 1, begins, ends, precision)

    def _held(self, before: date) -> tuple[_Series, _Meeting] | None:
        """A meeting of some series that began on or before ``before``, if any."""
        for _ in range(4):
            series = self.rng.choice(self.series)
            held = [m for m in series.meetings if m.begins <= before]
            if held:
                return series, self.rng.choice(held)
        return None

    def _meeting(
        self, series: _Series, ordinal: int, begins: date, ends: date, precision: str
    ) -> _Meeting:
        g = self.n(iris.ENTITIES_GRAPH)
        iri = str(meeting_iri(f"{iris.slug(series.name)}/{ordinal}"))
        s = str(series_iri(series.name))
        name = f"{roman(ordinal)} {series.name}"
        if not series.meetings:
            self._iri(s, _RDF + "type", str(CELAC.MeetingSeries), g)
            self._lit(s, _RDFS + "label", series.name, g, "es")
        self._iri(iri, _RDF + "type", str(CELAC.Meeting), g)
        self._lit(iri, _RDFS + "label", name, g, "es")
        self._lit(iri, str(CELAC.kind), series.kind, g, "es")
        self._lit(iri, str(SCHEMA.name), name, g, "es")
        self._typed(iri, str(CELAC.ordinal), ordinal, _XSD + "integer", g)
        self._iri(iri, str(CELAC.inSeries), s, g)
        if self.cities and self.rng.random() < 0.6:
            city = self.rng.choice(self.cities)
            self._place(city)
            self._iri(iri, str(CELAC.heldIn), place_iri(city.key), g)
            if city.country is not None:
                self._iri(iri, str(CELAC.heldIn), place_iri(city.country), g)
        interval, b, e = f"{iri}#time", f"{iri}#begins", f"{iri}#ends"
        self._iri(iri, str(TIME.hasTime), interval, g)
        self._iri(interval, _RDF + "type", str(TIME.ProperInterval), g)
        self._typed(interval, str(CELAC.edtf), _edtf(begins, ends, precision), _EDTF, g)
        self._lit(interval, str(CELAC.precision), precision, g)
        for prop, node, day in ((TIME.hasBeginning, b, begins), (TIME.hasEnd, e, ends)):
            self._iri(interval, str(prop), node, g)
            self._iri(node, _RDF + "type", str(TIME.Instant), g)
            self._typed(node, str(TIME.inXSDDate), day.isoformat(), _XSD + "date", g)
        meeting = _Meeting(iri, begins, ends)
        series.meetings.append(meeting)
        return meeting

    # -- carry-over -------------------------------------------------------------------------

    def _continuations(self, c: _Context, later: str) -> None:
        if not self.plans:
            return
        rng, g = self.rng, c.graph
        chosen: list[str] = []
        for _ in range(rng.randint(1, 3)):
            plan = self.plans[-1] if rng.random() < 0.7 else rng.choice(self.plans)
            earlier = rng.choice(plan.mandates)
            if earlier not in chosen:
                chosen.append(earlier)
        score = rng.uniform(0.2, 0.95)
        method = str(method_iri("0.2"))
        if not c.method_written:
            self._iri(method, _RDF + "type", _PROV + "Plan", g)
            self._lit(method, _RDFS + "label", "celac-kg tracer 0.2", g)
            c.method_written = True
        for rank, earlier in enumerate(chosen, start=1):
            node = str(continuation_iri(URIRef(later), URIRef(earlier)))
            asserted = rank == 1 and score >= 0.35 and rng.random() < 0.25
            self._iri(node, _RDF + "type", str(CELAC.Continuation), g)
            self._iri(node, str(CELAC.later), later, g)
            self._iri(node, _PROV + "entity", earlier, g)
            self._lit(node, str(CELAC.continuationKind), rng.choice(KINDS), g)
            self._typed(node, str(CELAC.score), f"{score:.4f}", _XSD + "decimal", g)
            self._typed(node, str(CELAC.rank), rank, _XSD + "integer", g)
            self._typed(node, str(CELAC.asserted), asserted, _XSD + "boolean", g)
            self._typed(node, str(CELAC.confidence), f"{score:.4f}", _XSD + "decimal", g)
            probable = not asserted and score >= 0.5
            tier = CELAC.AssertedTier if asserted else CELAC.ProbableTier if probable else None
            tier = tier or CELAC.CandidateTier
            self._iri(node, str(CELAC.tier), str(tier), g)
            self._iri(node, str(CELAC.methodTier), str(tier), g)
            explicit = asserted and rng.random() < 0.3
            self._typed(node, str(CELAC.explicit), explicit, _XSD + "boolean", g)
            self._iri(node, str(CELAC.method), method, g)
            terms = ", ".join(rng.sample(self.voc.terms, rng.randint(1, 4)))
            self._lit(node, str(CELAC.evidence), f"shared terms: {terms}", g, "en")
            self._lit(node, str(CELAC.evidence), f"términos comunes: {terms}", g, "es")
            if explicit:
                self._lit(
                    node,
                    str(CELAC.evidence),
                    "refers to a meeting the earlier mandate called",
                    g,
                    "en",
                )
                self._lit(
                    node,
                    str(CELAC.evidence),
                    "remite a una reunión que el mandato anterior convocó",
                    g,
                    "es",
                )
            if asserted:
                self._iri(node, _RDF + "type", _PROV + "Derivation", g)
                self._iri(later, _PROV + "qualifiedDerivation", node, g)
                self._iri(later, str(CELAC.continues), earlier, g)
            elif probable:
                self._iri(later, str(CELAC.probablyContinues), earlier, g)
            score *= rng.uniform(0.4, 0.95)


@dataclass
class _Context:
    """The plan an area or mandate is written in."""

    plan: str
    identifier: str
    graph: NamedNode
    source: str
    file_name: str
    text: _Text
    day: date
    quotes: list[tuple[str, int]]
    method_written: bool = False


def _abridge(text: str, width: int = 80) -> str:
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"


def _edtf(begins: date, ends: date, precision: str) -> str:
    if precision == "day":
        return begins.isoformat()
    if precision == "days":
        return f"{begins.isoformat()}/{ends.isoformat()}"
    if precision == "month":
        return begins.isoformat()[:7]
    return str(begins.year)


# -- files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """A generated dataset on disk, laid out like a build: ``folder/current/{store,dumps}``."""

    folder: Path
    triples: int
    seed: int
    quads: int
    plans: int
    seconds: float

    @property
    def nquads(self) -> Path:
        return self.folder / CURRENT / "dumps" / f"{DUMP_NAME}.nq"

    @property
    def store(self) -> Path:
        return self.folder / CURRENT / "store"


def write_nquads(triples: int, seed: int, path: Path) -> tuple[int, int]:
    """Write the dataset for ``triples`` and ``seed`` to ``path``; return (quads, plans)."""
    gen = Generator(triples, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    serialize(gen.quads(), output=str(path), format=RdfFormat.N_QUADS)
    return gen.count, gen.plan_count


def generate(triples: int, seed: int, out: Path, force: bool = False) -> Dataset:
    """The dataset for ``triples`` and ``seed`` in ``out`` (N-Quads and a store); reused when
    ``out`` already holds it, unless ``force``."""
    manifest = out / CURRENT / MANIFEST
    wanted = {"generator": GENERATOR_VERSION, "triples": triples, "seed": seed}
    if not force and manifest.is_file():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: found.get(k) for k in wanted} == wanted:
            return Dataset(out, triples, seed, found["quads"], found["plans"], found["seconds"])
    started = time.perf_counter()
    folder = out / BUILDS / f"synthetic-{size_label(triples)}-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    nq = folder / "dumps" / f"{DUMP_NAME}.nq"
    quads, plans = write_nquads(triples, seed, nq)
    store = Store(str(folder / "store"))
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    seconds = round(time.perf_counter() - started, 2)
    (folder / MANIFEST).write_text(
        json.dumps({**wanted, "quads": quads, "plans": plans, "seconds": seconds}, indent=2),
        encoding="utf-8",
    )
    link = out / CURRENT
    tmp = out / f".{CURRENT}-{os.getpid()}"
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(folder.relative_to(out))
    os.replace(tmp, link)
    return Dataset(out, triples, seed, quads, plans, seconds)
