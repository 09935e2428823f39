"""The SPARQL 1.1 Service Description of the endpoint: what it speaks, the formats it writes, its
limits, and its dataset (the default graph, the union of the named graphs, and each named graph
with its size).

https://www.w3.org/TR/sparql11-service-description/
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from api.sparql.formats import FORMATS, ResultFormat
from api.sparql.update_default import DEFAULT_GRAPH
from api.sparql.worker import RDF_WRITERS
from graph.store import Store, select

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
ENTAILMENT = "http://www.w3.org/ns/entailment/"
TITLE = "celac-kg SPARQL endpoint"
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {
    "sd": SD,
    "formats": FORMATS_NS,
    "void": VOID,
    "rdfs": RDFS,
    "dcterms": DCTERMS,
    "ent": ENTAILMENT,
}
# The W3C's identifiers of our result formats (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}
LIMITS = "#limits"  # the fragment, on the endpoint's IRI, of the node that explains the limits


@dataclass(frozen=True, slots=True)
class DatasetCounts:
    """How many triples the default graph (the union) holds, and each named graph."""

    triples: int
    graphs: Mapping[str, int]


def count_triples(store: Store) -> DatasetCounts:
    """The sizes of the store's default graph (the union of its named graphs) and named graphs."""
    graphs = dict(sorted(store.graph_sizes().items()))
    union = select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")
    n = next(union)["n"]
    return DatasetCounts(int(n.value) if n is not None else 0, graphs)


def service_description(
    endpoint: str,
    counts: DatasetCounts,
    *,
    timeout: float,
    max_results: int,
    update: bool = False,
    max_bytes: int = 0,
) -> list[Triple]:
    """The description of the endpoint at ``endpoint`` (its absolute URL) as triples; ``update``:
    it takes SPARQL Update (from the administrator)."""
    service = NamedNode(endpoint)
    limits = NamedNode(endpoint + LIMITS)
    dataset = NamedNode(endpoint + "#dataset")
    default = NamedNode(endpoint + "#default-graph")

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    comment, see_also = NamedNode(RDFS + "comment"), NamedNode(RDFS + "seeAlso")
    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        *(
            Triple(service, sd("resultFormat"), NamedNode(FORMATS_NS + FORMAT_IRIS[f.name]))
            for kind in FORMATS.values()
            for f in kind
        ),
        Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        Triple(service, sd("defaultEntailmentRegime"), NamedNode(ENTAILMENT + "Simple")),
        Triple(service, NamedNode(DCTERMS + "title"), Literal(TITLE, language="en")),
        Triple(service, see_also, limits),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(
            limits,
            comment,
            Literal(_limits(timeout, max_results, update, max_bytes), language="en"),
        ),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default),
    ]
    if update:
        triples.append(Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    graphs = sorted(counts.graphs.items())
    named = [BlankNode(f"named{i}") for i in range(1, len(graphs) + 1)]
    triples += [Triple(dataset, sd("namedGraph"), node) for node in named]
    triples += [
        Triple(default, RDF_TYPE, sd("Graph")),
        Triple(default, NamedNode(VOID + "triples"), _integer(counts.triples)),
        Triple(default, comment, Literal("The union of all the named graphs.", language="en")),
    ]
    for i, (node, (name, size)) in enumerate(zip(named, graphs, strict=True), start=1):
        graph = BlankNode(f"graph{i}")
        triples += [
            Triple(node, RDF_TYPE, sd("NamedGraph")),
            Triple(node, sd("name"), NamedNode(name)),
            Triple(node, sd("graph"), graph),
            Triple(graph, RDF_TYPE, sd("Graph")),
            Triple(graph, NamedNode(VOID + "triples"), _integer(size)),
        ]
    return triples


def _limits(timeout: float, max_results: int, update: bool = False, max_bytes: int = 0) -> str:
    access = (
        "SPARQL Update is taken from the administrator only (a bearer token), and lasts until "
        "the next build. Its default graph is the queries': an update's WHERE matches against "
        f"the union of the named graphs, and what it writes to the default graph goes to the "
        f"named graph <{DEFAULT_GRAPH}>, which the union includes (as does the Graph Store "
        "Protocol's ?default)."
        if update
        else "Read-only: SPARQL Update is refused (403)."
    )
    return (
        f"{access} A query may run for {timeout:g} s; one "
        f"that runs longer is stopped and answered 503. An answer holds at most {max_results} "
        + (f"rows or triples and {max_bytes / 2**20:g} MiB" if max_bytes else "rows or triples")
        + "; a longer one is cut (whole rows), and says so with the HTTP header "
        "X-Result-Capped: true (and, in SPARQL JSON and XML results, a link here)."
        + " Every query starts in a fast lane; one that runs past a fraction of a second "
        "moves to a slow lane of few places, and is stopped (503, Retry-After) when that is full."
    )


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def write(triples: list[Triple], fmt: ResultFormat) -> bytes:
    """``triples`` in the RDF format ``fmt``."""
    return serialize(triples, format=RDF_WRITERS[fmt.name], prefixes=PREFIXES) or b""
