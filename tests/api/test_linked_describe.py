"""The description of one resource, against the real store, for a resource of every kind:
checked against what independent SPARQL queries (full scans, no traversal) say it should hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pyoxigraph import NamedNode, QueryTriples, Triple
from query_results import rows

from api.linked.describe import (
    InvalidIRI,
    check_iri,
    describe,
    describe_triples,
    fragments,
    is_described,
)

if TYPE_CHECKING:
    from graph.oxigraph import OxigraphStore

ID = "https://w3id.org/celac-kg/id/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# One resource of each kind, found in the store: ?s is the resource (never a fragment IRI).
KINDS = {
    "plan": "?s a celac:Plan",
    "area": "?s a celac:Area",
    "nested area": "?s celac:subAreaOf ?parent",
    "mandate": "?s a celac:Mandate",
    "mandate continuing others": "?s celac:continues ?earlier",
    "earlier mandate of a continuation": "?c a celac:Continuation ; prov:entity ?s",
    "mandate convening a meeting": "?s a celac:Mandate ; celac:convenes ?m",
    "meeting": "?s a celac:Meeting ; time:hasTime ?t",
    "meeting series": "?s a celac:MeetingSeries",
    "actor": "?s a celac:Actor",
    "partner": "?s a celac:Partner",
    "city": "?s a schema:City",
    "country": "?s a schema:Country",
    "theme": "?s skos:inScheme id:theme",
    "kind of actor": "?s skos:inScheme id:kind",
    "source document": "?s a celac:SourceDocument",
    "method": "?s a prov:Plan",
    "build": "?s a prov:Activity",
    "software": "?s a prov:SoftwareAgent",
}


def example(store: OxigraphStore, pattern: str) -> str:
    found = rows(
        store,
        f"SELECT (MIN(STR(?s)) AS ?x) WHERE {{ {pattern} "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID}") && !CONTAINS(STR(?s), "#")) }}',
    )
    assert found and "x" in found[0], f"no resource in the store matches {pattern}"
    return found[0]["x"]


def construct(store: OxigraphStore, query: str) -> set[Triple]:
    result = store.query(query)
    assert isinstance(result, QueryTriples)
    return set(result)


@pytest.fixture(scope="module")
def examples(store: OxigraphStore) -> dict[str, str]:
    return {kind: example(store, pattern) for kind, pattern in KINDS.items()}


@pytest.mark.parametrize("kind", list(KINDS))
def test_linked_describe_holds_what_the_rule_says(
    store: OxigraphStore, examples: dict[str, str], kind: str
) -> None:
    iri = examples[kind]
    got = set(describe(store, iri))
    # The fragments by a full scan of subjects, not by following links.
    scanned = {
        r["s"]
        for r in rows(
            store, f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{iri}#")) }}'
        )
    }
    assert set(fragments(store, iri)) == scanned
    members = " ".join(f"<{m}>" for m in [iri, *sorted(scanned)])
    own = construct(
        store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {members} }} ?s ?p ?o }}"
    )
    incoming = construct(
        store, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?o {{ {members} }} ?s ?p ?o }}"
    )
    neighbours = construct(
        store,
        f"CONSTRUCT {{ ?n <{LABEL}> ?l }} WHERE {{ VALUES ?m {{ {members} }} "
        f"{{ ?m ?p ?n }} UNION {{ ?n ?p ?m }} ?n <{LABEL}> ?l }}",
    )
    assert own, f"{iri} has no triples of its own"
    assert own <= got, f"{kind}: own triples missing: {sorted(map(str, own - got))[:5]}"
    assert incoming <= got, (
        f"{kind}: incoming links missing: {sorted(map(str, incoming - got))[:5]}"
    )
    assert neighbours <= got, f"{kind}: labels missing: {sorted(map(str, neighbours - got))[:5]}"
    assert got <= own | incoming | neighbours, (
        f"{kind}: more than the rule: {sorted(map(str, got - own - incoming - neighbours))[:5]}"
    )


def test_linked_describe_puts_the_resource_first(
    store: OxigraphStore, examples: dict[str, str]
) -> None:
    iri = examples["mandate"]
    triples = describe(store, iri)
    subjects = [t.subject.value for t in triples if isinstance(t.subject, NamedNode)]
    assert len(subjects) == len(triples)
    first_other = next(i for i, s in enumerate(subjects) if s != iri)
    assert iri not in subjects[first_other:]
    # each subject's triples are together
    runs = [s for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s]
    assert len(runs) == len(set(runs))


def test_linked_describe_unknown_iri_is_empty(store: OxigraphStore) -> None:
    iri = f"{ID}plan/no-such-plan"
    assert describe(store, iri) == []
    assert not is_described(store, iri)


def test_linked_describe_known_only_as_object_is_described(store: OxigraphStore) -> None:
    # an IRI the graph only points to (a Wikidata entity) has a description: its incoming links
    found = rows(store, "SELECT ?w WHERE { ?s owl:sameAs ?w } LIMIT 1")
    assert found
    wikidata = NamedNode(found[0]["w"])
    assert is_described(store, wikidata.value)
    triples = describe(store, wikidata.value)
    assert triples
    assert all(t.object == wikidata or t.predicate.value == LABEL for t in triples)


@pytest.mark.parametrize(
    ("iri", "reason"),
    [
        (f"{ID}plan/x> <y", repr(" ")),
        (f"{ID}plan/x>", repr(">")),
        (f'{ID}plan/"x', repr('"')),
        (f"{ID}plan/x{{y}}", repr("{")),
        (f"{ID}plan/x\\y", repr("\\")),
        (f"{ID}plan/x\ny", repr("\n")),
        ("plan/x", "no scheme"),
        (":x", "no scheme"),
    ],
)
def test_linked_describe_refuses_what_is_not_an_iri(iri: str, reason: str) -> None:
    with pytest.raises(InvalidIRI) as e:
        check_iri(iri)
    assert repr(iri) in str(e.value)
    assert reason in str(e.value)


@pytest.mark.parametrize("kind", ["mandate", "meeting", "theme", "plan"])
def test_linked_describe_in_memory_follows_the_same_rule(
    store: OxigraphStore, examples: dict[str, str], kind: str
) -> None:
    """``describe_triples`` (for the dataset's description, held in memory) and ``describe``
    (over the store) give the same description of the same graph."""
    everything = list(construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    iri = examples[kind]
    assert set(describe_triples(everything, iri)) == set(describe(store, iri))
