"""Meetings, series, places and actors → RDF, merged across plans, each mention with its offsets.

One resource per real-world thing: a meeting is keyed by its series and ordinal (or, for a one-off
event, its normalised label and year), so the II Reunión named in 2014 and referred to in 2020 is
one resource; an actor or a place by its key in the register. An actor the register does not hold
(an organisation found by the genre's patterns, a body designated without a proper name) is keyed
by what the extraction made of it, labelled in Spanish only (as printed, or descriptively), with
its acronym as a ``skos:altLabel`` and no ``owl:sameAs``: nothing about it was verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from graph import iris
from graph.namespaces import CELAC, ID, OA, SCHEMA, TIME
from graph.records import (
    ActorLike,
    ActorMentionLike,
    DateLike,
    MeetingMentionLike,
    MentionsLike,
    PassageLike,
    PlaceLike,
    PlaceMentionLike,
)

EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
# How precise a date is: the more precise one wins when mentions of one meeting disagree.
PRECISION = {"day": 0, "days": 1, "month": 2, "quarter": 3, "semester": 4, "year": 5, "years": 6}


@dataclass
class Mention:
    """Where something was named: the item (mandate or area) and the source span."""

    item: URIRef
    source: str
    start: int
    end: int
    text: str


@dataclass
class MeetingFacts:
    key: str
    label: str
    kind: str
    ordinal: int | None
    series: str | None
    names: set[str] = field(default_factory=set)
    place: PlaceMentionLike | None = None
    date: DateLike | None = None
    mentions: list[Mention] = field(default_factory=list)


def meeting_key(m: MeetingMentionLike) -> str:
    """Series and ordinal where both are known; else the label, with the year when dated."""
    if m.series and m.ordinal:
        return f"{iris.slug(m.series)}/{m.ordinal}"
    year = f"-{m.date.begins.year}" if m.date is not None else ""
    return f"{iris.slug(m.label)}{year}"


class EntityWriter:
    """Collects mentions from every plan, then writes one resource per meeting, series, place, actor."""

    def __init__(
        self,
        actors: Mapping[str, ActorLike],
        places: Mapping[str, PlaceLike],
        texts: Mapping[str, str],
    ):
        self.actors = actors
        self.places = places
        self.texts = texts
        self.meetings: dict[str, MeetingFacts] = {}
        self.actor_mentions: dict[str, list[Mention]] = {}
        # key → the first mention that named it
        self.unregistered: dict[str, ActorMentionLike] = {}

    # -- collecting ------------------------------------------------------------------------------

    def add(self, g: Graph, item: URIRef, passage: PassageLike, found: MentionsLike) -> None:
        """Record what ``found`` names in ``passage`` of ``item`` (a mandate or an area); the links
        from ``item`` go into ``g``, its plan's graph."""
        for m in found.meetings:
            facts = self._meeting(m)
            facts.mentions.append(self._mention(item, passage, m.start, m.end))
            prop = CELAC.convenes if m.status == "convenes" else CELAC.refersTo
            g.add((item, prop, meeting_iri(facts.key)))
        for a in found.actors:
            known = a.key in self.actors and a.label is None
            if not known and a.label is None:
                continue
            if not known:
                first = self.unregistered.setdefault(a.key, a)
                if first.acronym is None and a.acronym is not None:
                    self.unregistered[a.key] = a
            self.actor_mentions.setdefault(a.key, []).append(
                self._mention(item, passage, a.start, a.end)
            )
            g.add((item, CELAC.involves, actor_iri(a.key)))

    def adoption(
        self, g: Graph, plan: URIRef, passage: PassageLike, found: MentionsLike, name: str
    ) -> None:
        """The meeting that adopted ``plan``: the one of ``found`` whose name is closest to ``name``."""
        candidates = [m for m in found.meetings if m.name in name or name in m.name] or list(
            found.meetings
        )
        if not candidates:
            return
        m = candidates[0]
        facts = self._meeting(m)
        facts.mentions.append(self._mention(plan, passage, m.start, m.end))
        g.add((plan, CELAC.adoptedAt, meeting_iri(facts.key)))

    def _meeting(self, m: MeetingMentionLike) -> MeetingFacts:
        key = meeting_key(m)
        facts = self.meetings.get(key)
        if facts is None:
            facts = self.meetings[key] = MeetingFacts(key, m.label, m.kind, m.ordinal, m.series)
        facts.names.add(m.name)
        if m.date is not None and (
            facts.date is None or PRECISION[m.date.precision] < PRECISION[facts.date.precision]
        ):
            facts.date = m.date
        if m.place is not None and (facts.place is None or (m.place.city and not facts.place.city)):
            facts.place = m.place
        return facts

    def _mention(self, item: URIRef, passage: PassageLike, start: int, end: int) -> Mention:
        span = passage.span_of(start, end)
        return Mention(item, span.source, span.start, span.end, passage.text[start:end])

    # -- writing ---------------------------------------------------------------------------------

    def write(self, g: Graph) -> None:
        """The meetings, series, places and actors, into ``g`` (the graph the plans share)."""
        for facts in self.meetings.values():
            self._write_meeting(g, facts)
        for key, mentions in self.actor_mentions.items():
            if key in self.unregistered:
                self._write_unregistered(g, self.unregistered[key], mentions)
            else:
                self._write_actor(g, self.actors[key], mentions)

    def _write_meeting(self, g: Graph, f: MeetingFacts) -> None:
        iri = meeting_iri(f.key)
        g.add((iri, RDF.type, CELAC.Meeting))
        # One label per meeting, whatever its mentions print: "III Reunión" in a list of the series'
        # meetings is the "III Reunión de Ministros de Cultura …".
        label = f"{roman(f.ordinal)} {f.series}" if f.ordinal and f.series else f.label
        g.add((iri, RDFS.label, Literal(label, lang="es")))
        g.add((iri, CELAC.kind, Literal(f.kind, lang="es")))
        for name in sorted(f.names):
            g.add((iri, SCHEMA.name, Literal(name, lang="es")))
        if f.ordinal:
            g.add((iri, CELAC.ordinal, Literal(f.ordinal)))
        if f.series:
            series = series_iri(f.series)
            g.add((iri, CELAC.inSeries, series))
            g.add((series, RDF.type, CELAC.MeetingSeries))
            g.add((series, RDFS.label, Literal(f.series, lang="es")))
        if f.place is not None:
            for key in (f.place.city, f.place.country):
                if key and key in self.places:
                    g.add((iri, CELAC.heldIn, place_iri(key)))
                    self._write_place(g, self.places[key])
        if f.date is not None:
            self._write_date(g, iri, f.date)
        self._write_mentions(g, iri, f.mentions)

    def _write_date(self, g: Graph, meeting: URIRef, d: DateLike) -> None:
        interval = URIRef(f"{meeting}#time")
        g.add((meeting, TIME.hasTime, interval))
        g.add((interval, RDF.type, TIME.ProperInterval))
        g.add((interval, CELAC.edtf, Literal(d.edtf, datatype=EDTF)))
        g.add((interval, CELAC.precision, Literal(d.precision)))
        for prop, day, suffix in (
            (TIME.hasBeginning, d.begins, "begins"),
            (TIME.hasEnd, d.ends, "ends"),
        ):
            instant = URIRef(f"{meeting}#{suffix}")
            g.add((interval, prop, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, TIME.inXSDDate, Literal(_iso(day), datatype=XSD.date)))

    def _write_place(self, g: Graph, place: PlaceLike) -> None:
        iri = place_iri(place.key)
        g.add((iri, RDF.type, SCHEMA.City if place.kind == "city" else SCHEMA.Country))
        g.add((iri, RDFS.label, Literal(place.label_es, lang="es")))
        g.add((iri, RDFS.label, Literal(place.label_en, lang="en")))
        if place.wikidata:
            g.add((iri, OWL.sameAs, WIKIDATA[place.wikidata]))
        country = place.country
        if place.kind == "city" and country and country in self.places:
            g.add((iri, SCHEMA.containedInPlace, place_iri(country)))
            self._write_place(g, self.places[country])

    def _write_actor(self, g: Graph, actor: ActorLike, mentions: Sequence[Mention]) -> None:
        iri = actor_iri(actor.key)
        g.add((iri, RDF.type, CELAC.Actor))
        if actor.partner:
            g.add((iri, RDF.type, CELAC.Partner))
        g.add((iri, RDFS.label, Literal(actor.label_es, lang="es")))
        g.add((iri, RDFS.label, Literal(actor.label_en, lang="en")))
        for acronym in actor.acronyms:
            g.add((iri, SKOS.altLabel, Literal(acronym)))
        g.add((iri, DCTERMS.type, kind_iri(actor.kind)))
        if actor.wikidata:
            g.add((iri, OWL.sameAs, WIKIDATA[actor.wikidata]))
        self._write_mentions(g, iri, mentions)

    def _write_unregistered(
        self, g: Graph, actor: ActorMentionLike, mentions: Sequence[Mention]
    ) -> None:
        if actor.label is None or actor.kind is None:
            raise ValueError(
                f"actor {actor.key!r} is not in the register, so its mention needs a label and a "
                f"kind; it has label {actor.label!r} and kind {actor.kind!r}"
            )
        iri = actor_iri(actor.key)
        g.add((iri, RDF.type, CELAC.Actor))
        g.add((iri, RDFS.label, Literal(actor.label, lang="es")))
        if actor.acronym:
            g.add((iri, SKOS.altLabel, Literal(actor.acronym)))
        g.add((iri, DCTERMS.type, kind_iri(actor.kind)))
        self._write_mentions(g, iri, mentions)

    def _write_mentions(self, g: Graph, thing: URIRef, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            stem = iris.slug(PurePath(m.source).stem)
            node = URIRef(f"{m.item}#mention-{stem}-{m.start}-{m.end}")
            position, quote = URIRef(f"{node}-position"), URIRef(f"{node}-quote")
            raw = self.texts[m.source]
            g.add((thing, CELAC.mention, node))
            g.add((node, RDF.type, OA.SpecificResource))
            g.add((node, CELAC.mentionedIn, m.item))
            g.add((node, CELAC.role, Literal("mention")))
            g.add((node, RDF.value, Literal(m.text, lang="es")))
            g.add((node, OA.hasSource, iris.source(m.source)))
            g.add((node, OA.hasSelector, position))
            g.add((position, RDF.type, OA.TextPositionSelector))
            g.add((position, OA.start, Literal(m.start, datatype=XSD.integer)))
            g.add((position, OA.end, Literal(m.end, datatype=XSD.integer)))
            g.add((node, OA.hasSelector, quote))
            g.add((quote, RDF.type, OA.TextQuoteSelector))
            g.add((quote, OA.exact, Literal(raw[m.start : m.end])))


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def roman(n: int) -> str:
    """An ordinal as meetings print it: 3 → "III"."""
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _iso(day: date) -> str:
    return day.isoformat()


def meeting_iri(key: str) -> URIRef:
    return ID[f"meeting/{key}"]


def series_iri(series: str) -> URIRef:
    return ID[f"series/{iris.slug(series)}"]


def place_iri(key: str) -> URIRef:
    return ID[f"place/{iris.slug(key)}"]


def actor_iri(key: str) -> URIRef:
    return ID[f"actor/{iris.slug(key)}"]


def kind_iri(kind: str) -> URIRef:
    return ID[f"kind/{iris.slug(kind)}"]
