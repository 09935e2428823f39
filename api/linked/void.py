"""VoID and DCAT descriptions of the dataset, served at ``/.well-known/void``.

The dataset ``id/dataset`` is a ``void:Dataset`` and a ``dcat:Dataset``: its title, description
and licence; its counts (distinct triples of the union graph, entities — the IRIs under
``id/`` that are subjects —, classes, properties, distinct subjects and objects, and one class
partition per class); one ``void:subset`` per named graph (each plan's, the entities', the
shared one, the ontology) with the same counts; the SPARQL endpoint; the URI space, example and
root resources, and the vocabularies it uses; one ``dcat:Distribution`` per dump file with its
media type, size in bytes and download URL; and the time the build ended.

Every IRI is canonical (under https://w3id.org/celac-kg/): the service answers at the same paths.
https://www.w3.org/TR/void/ · https://www.w3.org/TR/vocab-dcat-3/
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, QuerySolutions, Triple

from api.cache import per_store
from api.linked.context import NAMESPACES
from api.linked.dumps import Dump, available
from api.linked.formats import grouped
from graph.namespaces import BASE, ONTOLOGY_IRI, PREFIXES
from graph.store import Store, select

DATASET = f"{BASE}id/dataset"
DOCUMENT = f"{BASE}.well-known/void"
ENDPOINT = f"{BASE}sparql"
URI_SPACE = f"{BASE}id/"
GRAPHS = f"{BASE}id/graph/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"

_VOID = NAMESPACES["void"]
_DCAT = NAMESPACES["dcat"]
_DCT = NAMESPACES["dcterms"]
_RDF = NAMESPACES["rdf"]
_RDFS = NAMESPACES["rdfs"]
_XSD = NAMESPACES["xsd"]
_PROV = NAMESPACES["prov"]
_FOAF = NAMESPACES["foaf"]
_FORMATS = "http://www.w3.org/ns/formats/"
_FEATURES = {"ttl": "Turtle", "nq": "N-Quads", "jsonld": "JSON-LD"}

TITLE = {
    "es": "celac-kg: grafo de conocimiento de los planes de acción conjunta de América Latina y el Caribe",
    "en": "celac-kg: a knowledge graph of the joint-action plans of Latin America and the Caribbean",
}
DESCRIPTION = {
    "es": (
        "Los planes en que los gobiernos de América Latina y el Caribe se comprometen a actuar "
        "juntos (la declaración de Salvador de la CALC 2008, el Plan de Acción de la CELAC 2014, "
        "el plan de trabajo 2020 de la Presidencia Pro Tempore de México y el Plan de Acción "
        "Conjunto China–CELAC 2022-2024), leídos de sus textos en español: sus áreas y mandatos, "
        "cada uno atado a los caracteres exactos de los que se leyó; las reuniones, los actores, "
        "los lugares y los temas que nombran; y la continuidad de los mandatos de un plan a otro. "
        "Licencia: el grafo se publica bajo Creative Commons Atribución 4.0 (CC BY 4.0). Los "
        "textos del corpus son documentos públicos de la CALC, la CELAC y el Foro China–CELAC; "
        "el grafo cita sus pasajes para atar cada elemento a su fuente. El software que lo "
        "construye se distribuye bajo la licencia MIT."
    ),
    "en": (
        "The plans in which Latin American and Caribbean governments commit themselves to joint "
        "action (the 2008 CALC Salvador declaration, the CELAC Action Plan 2014, Mexico's 2020 "
        "Pro Tempore Presidency work plan and the China–CELAC Joint Action Plan 2022-2024), read "
        "from their Spanish texts: their areas and mandates, each tied to the exact characters "
        "it was read from; the meetings, actors, places and themes they name; and how mandates "
        "carry over from one plan to the next. Licence: the graph is published under Creative "
        "Commons Attribution 4.0 (CC BY 4.0). The corpus texts are public documents of CALC, "
        "CELAC and the China–CELAC Forum; the graph quotes their passages to tie each item to "
        "its source. The software that builds it is distributed under the MIT licence."
    ),
}
GRAPH_TITLES = {
    "entities": (
        "Reuniones, series, lugares, actores y temas",
        "Meetings, series, places, actors and themes",
    ),
    "shared": ("Documentos fuente y construcción", "Source documents and the build"),
}


@dataclass(frozen=True)
class Counts:
    """What VoID counts in one dataset (the union graph, or one named graph)."""

    triples: int
    entities: int
    classes: int
    properties: int
    subjects: int
    objects: int
    by_class: dict[str, int] = field(default_factory=dict)


def _rows(store: Store, sparql: str) -> QuerySolutions:
    return select(store, sparql)


def _int(term: Literal) -> int:
    return int(term.value)


def _union_counts(store: Store) -> Counts:
    row = next(
        _rows(
            store,
            "SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?p) AS ?p_) "
            "(COUNT(DISTINCT ?o) AS ?o_) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }",
        )
    )
    entities = next(
        _rows(
            store,
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{URI_SPACE}")) }}',
        )
    )
    by_class = {
        r["c"].value: _int(r["n"])
        for r in _rows(store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    }
    return Counts(
        _int(row["t"]),
        _int(entities["n"]),
        len(by_class),
        _int(row["p_"]),
        _int(row["s_"]),
        _int(row["o_"]),
        by_class,
    )


def _graph_counts(store: Store) -> dict[str, Counts]:
    totals = {
        r["g"].value: r
        for r in _rows(
            store,
            "SELECT ?g (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?p) AS ?p_) "
            "(COUNT(DISTINCT ?o) AS ?o_) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        )
    }
    entities = {
        r["g"].value: _int(r["n"])
        for r in _rows(
            store,
            "SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{URI_SPACE}")) }} }} GROUP BY ?g',
        )
    }
    by_class: dict[str, dict[str, int]] = {}
    for r in _rows(
        store,
        "SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?g ?c",
    ):
        by_class.setdefault(r["g"].value, {})[r["c"].value] = _int(r["n"])
    return {
        g: Counts(
            _int(r["t"]),
            entities.get(g, 0),
            len(by_class.get(g, {})),
            _int(r["p_"]),
            _int(r["s_"]),
            _int(r["o_"]),
            by_class.get(g, {}),
        )
        for g, r in totals.items()
    }


def _vocabularies(store: Store) -> list[str]:
    """The namespaces (of those the project names) of the properties and classes used."""
    used = {
        r["t"].value
        for r in _rows(store, "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }")
    }
    return sorted(ns for ns in NAMESPACES.values() if any(t.startswith(ns) for t in used))


class _Writer:
    def __init__(self) -> None:
        self.triples: list[Triple] = []

    def add(self, s: str, p: str, o: NamedNode | Literal) -> None:
        self.triples.append(Triple(NamedNode(s), NamedNode(p), o))

    def text(self, s: str, p: str, values: dict[str, str]) -> None:
        for lang, value in values.items():
            self.add(s, p, Literal(value, language=lang))

    def count(self, s: str, p: str, n: int) -> None:
        self.add(s, p, Literal(str(n), datatype=NamedNode(_XSD + "integer")))

    def counts(self, s: str, counts: Counts, partitions: Iterable[tuple[str, int]]) -> None:
        self.count(s, _VOID + "triples", counts.triples)
        self.count(s, _VOID + "entities", counts.entities)
        self.count(s, _VOID + "classes", counts.classes)
        self.count(s, _VOID + "properties", counts.properties)
        self.count(s, _VOID + "distinctSubjects", counts.subjects)
        self.count(s, _VOID + "distinctObjects", counts.objects)
        for cls, n in partitions:
            partition = f"{_partitions(s)}class-{_slug(cls)}"
            self.add(s, _VOID + "classPartition", NamedNode(partition))
            self.add(partition, _VOID + "class", NamedNode(cls))
            self.count(partition, _VOID + "entities", n)


def _partitions(dataset: str) -> str:
    """Where the class partitions of ``dataset`` are named: fragments of its IRI when it is one
    of the graph's own (``id/graph/calc-2008#class-celac-Mandate``), else of ``id/dataset``
    (never in the ontology's namespace)."""
    if dataset.startswith(URI_SPACE):
        return f"{dataset}#"
    name = "".join(c if c.isalnum() else "-" for c in dataset.rstrip("/#").rsplit("/", 1)[-1])
    return f"{DATASET}#{name}-"


def _slug(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}-{iri[len(ns) :]}"
    return "".join(c if c.isalnum() else "-" for c in iri.split("://", 1)[-1])


def void_triples(store: Store, dumps: list[Dump]) -> list[Triple]:
    """The VoID and DCAT description of the dataset in ``store``, with ``dumps`` as its
    distributions."""
    w = _Writer()
    ds = DATASET
    w.add(DOCUMENT, _RDF + "type", NamedNode(_VOID + "DatasetDescription"))
    w.text(
        DOCUMENT,
        _DCT + "title",
        {"es": "Descripción VoID de celac-kg", "en": "VoID description of celac-kg"},
    )
    w.add(DOCUMENT, _FOAF + "primaryTopic", NamedNode(ds))

    w.add(ds, _RDF + "type", NamedNode(_VOID + "Dataset"))
    w.add(ds, _RDF + "type", NamedNode(_DCAT + "Dataset"))
    w.text(ds, _DCT + "title", TITLE)
    w.text(ds, _RDFS + "label", TITLE)
    w.text(ds, _DCT + "description", DESCRIPTION)
    w.add(ds, _DCT + "license", NamedNode(CC_BY))
    w.add(ds, _DCT + "language", NamedNode("http://id.loc.gov/vocabulary/iso639-1/es"))
    w.add(ds, _DCAT + "landingPage", NamedNode(BASE))
    for keyword in (
        "CELAC",
        "CALC",
        "China–CELAC",
        "América Latina y el Caribe",
        "planes de acción",
    ):
        w.add(ds, _DCAT + "keyword", Literal(keyword, language="es"))

    for r in _rows(store, f"SELECT ?p ?o WHERE {{ <{URI_SPACE}build> ?p ?o }}"):
        if r["p"].value == _PROV + "endedAtTime":
            w.add(ds, _DCT + "modified", r["o"])
            w.add(ds, _DCT + "issued", r["o"])
    w.add(ds, _PROV + "wasGeneratedBy", NamedNode(f"{URI_SPACE}build"))
    for r in _rows(store, "SELECT ?s WHERE { ?s a celac:SourceDocument } ORDER BY STR(?s)"):
        w.add(ds, _DCT + "source", r["s"])

    union = _union_counts(store)
    w.counts(ds, union, sorted(union.by_class.items()))
    w.add(ds, _VOID + "sparqlEndpoint", NamedNode(ENDPOINT))
    w.add(ds, _VOID + "uriSpace", Literal(URI_SPACE))
    for ns in _vocabularies(store):
        w.add(ds, _VOID + "vocabulary", NamedNode(ns))
    w.add(ds, _VOID + "vocabulary", NamedNode(ONTOLOGY_IRI))
    examples = _rows(
        store,
        "SELECT ?c (MIN(STR(?s)) AS ?e) WHERE { VALUES ?c { celac:Plan celac:Area celac:Mandate "
        "celac:Meeting celac:MeetingSeries celac:Actor celac:Partner celac:SourceDocument "
        "schema:City schema:Country skos:Concept } ?s a ?c "
        f'FILTER(STRSTARTS(STR(?s), "{URI_SPACE}") && !CONTAINS(STR(?s), "#")) }} GROUP BY ?c',
    )
    for r in sorted(examples, key=lambda r: str(r["e"].value)):
        w.add(ds, _VOID + "exampleResource", NamedNode(r["e"].value))

    service = f"{ds}#sparql"
    w.add(service, _RDF + "type", NamedNode(_DCAT + "DataService"))
    w.text(
        service, _DCT + "title", {"es": "Punto de acceso SPARQL 1.1", "en": "SPARQL 1.1 endpoint"}
    )
    w.add(service, _DCAT + "endpointURL", NamedNode(ENDPOINT))
    w.add(service, _DCAT + "servesDataset", NamedNode(ds))
    w.add(service, _DCT + "conformsTo", NamedNode("https://www.w3.org/TR/sparql11-protocol/"))

    for dump in dumps:
        ext = dump.name.rsplit(".", 1)[-1]
        dist = f"{ds}#dump-{ext}"
        url = NamedNode(f"{BASE}dumps/{dump.name}")
        w.add(ds, _DCAT + "distribution", NamedNode(dist))
        w.add(ds, _VOID + "dataDump", url)
        w.add(ds, _VOID + "feature", NamedNode(_FORMATS + _FEATURES[ext]))
        w.add(dist, _RDF + "type", NamedNode(_DCAT + "Distribution"))
        w.text(
            dist,
            _DCT + "title",
            {"en": f"The whole graph in {dump.title}", "es": f"Todo el grafo en {dump.title}"},
        )
        w.add(dist, _DCAT + "downloadURL", url)
        w.add(dist, _DCAT + "accessURL", url)
        w.add(dist, _DCAT + "mediaType", NamedNode(IANA + dump.media_type))
        w.add(dist, _DCT + "format", NamedNode(IANA + dump.media_type))
        w.add(
            dist,
            _DCAT + "byteSize",
            Literal(str(dump.size), datatype=NamedNode(_XSD + "nonNegativeInteger")),
        )
        w.add(dist, _DCT + "license", NamedNode(CC_BY))

    plans = {
        r["g"].value: (r["plan"].value, r["id"].value)
        for r in _rows(
            store,
            "SELECT ?g ?plan ?id WHERE { GRAPH ?g { ?plan a celac:Plan ; dcterms:identifier ?id } }",
        )
    }
    for graph, counts in sorted(_graph_counts(store).items()):
        w.add(ds, _VOID + "subset", NamedNode(graph))
        w.add(graph, _RDF + "type", NamedNode(_VOID + "Dataset"))
        if graph in plans:
            plan, plan_id = plans[graph]
            w.text(graph, _DCT + "title", {"es": f"Plan {plan_id}", "en": f"Plan {plan_id}"})
            w.add(graph, _VOID + "rootResource", NamedNode(plan))
        elif graph == ONTOLOGY_IRI:
            w.text(graph, _DCT + "title", {"es": "Ontología", "en": "Ontology"})
        elif graph.startswith(GRAPHS) and graph[len(GRAPHS) :] in GRAPH_TITLES:
            es, en = GRAPH_TITLES[graph[len(GRAPHS) :]]
            w.text(graph, _DCT + "title", {"es": es, "en": en})
        w.counts(graph, counts, sorted(counts.by_class.items()))
    for plan, _ in sorted(plans.values()):
        w.add(ds, _VOID + "rootResource", NamedNode(plan))
    return w.triples


@per_store
def description(store: Store) -> list[Triple]:
    """The VoID and DCAT description of ``store``'s dataset, computed once (the counts take
    some 0.3 s)."""
    return grouped(void_triples(store, available(store)), [DOCUMENT, DATASET])
