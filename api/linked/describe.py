"""What ``/id/…`` says about one resource: its description, as triples.

The description of an IRI is

1. its own triples (the IRI is the subject);
2. the triples of the resources that hang off it and have no page of their own: the fragment
   IRIs ``{iri}#…`` linked to it, directly or through one another, in either direction — where
   an item was read (``#from-…`` and its ``-position``/``-quote`` selectors), where a name was
   found (``#mention-…``), a later mandate's candidate continuations (``#continues-…``), a
   meeting's date (``#time``, ``#begins``, ``#ends``) — and the blank nodes under any of these,
   to any depth (the store's DESCRIBE, a Concise Bounded Description);
3. the incoming links: every triple whose object is the IRI or one of those fragments (the area
   that lists a mandate, the actor a mention names, the continuation whose earlier mandate it is);
4. the ``rdfs:label`` of every other resource at either end of those links, so that a client can
   name what it points to (classes included) without a second request.

A fragment IRI is never served on its own: HTTP clients drop the fragment, and the document
of ``{iri}#x`` is ``{iri}``. https://www.w3.org/TR/cooluris/#hashuri
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, NamedNode, Triple

from api.errors import InvalidIRI as InvalidIRI
from api.linked.formats import grouped
from graph.store import Store, construct, select

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# Characters an IRIREF cannot hold (RFC 3987, SPARQL 1.1 §19.8), so never in a query we write.
_NOT_IN_IRI = frozenset('<>"{}|^`\\') | frozenset(chr(c) for c in range(0x21))

# Fragments hang off fragments at most two deep today (a reading and its selectors); the bound
# only stops a malformed graph from looping.
_MAX_ROUNDS = 16


def check_iri(iri: str) -> str:
    """``iri`` itself, once checked to be an absolute IRI a query may hold.

    Raises:
        InvalidIRI: it has no scheme, or holds a space, a control character or one of ``<>"{}|^`\\``.
    """
    bad = sorted({c for c in iri if c in _NOT_IN_IRI})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        raise InvalidIRI(f"{iri!r} is not an IRI: it holds {shown}")
    scheme, colon, _ = iri.partition(":")
    if not colon or not scheme.isascii() or not scheme[:1].isalpha():
        raise InvalidIRI(f"{iri!r} is not an absolute IRI: it has no scheme")
    return iri


def fragments(store: Store, iri: str) -> list[str]:
    """The fragment IRIs ``{iri}#…`` linked to ``iri``, directly or through one another."""
    check_iri(iri)
    prefix = iri + "#"
    found: set[str] = set()
    frontier = [iri]
    for _ in range(_MAX_ROUNDS):
        if not frontier:
            break
        values = " ".join(f"<{x}>" for x in frontier)
        rows = select(
            store,
            f"SELECT DISTINCT ?d WHERE {{ VALUES ?x {{ {values} }} "
            "{ ?x ?p ?d } UNION { ?d ?p ?x } "
            f'FILTER(isIRI(?d) && STRSTARTS(STR(?d), "{prefix}")) }}',
        )
        new = {row["d"].value for row in rows} - found
        found |= new
        frontier = sorted(new)
    return sorted(found)


def describe(store: Store, iri: str) -> list[Triple]:
    """The description of ``iri`` (see the module's docstring), ordered: ``iri`` first, then its
    fragments, then the rest, each subject's triples together. Empty when the graph does not
    know ``iri``.

    Raises:
        InvalidIRI: ``iri`` is not an IRI.
    """
    members = [iri, *fragments(store, iri)]
    values = " ".join(f"<{m}>" for m in members)
    own = construct(store, f"DESCRIBE {values}")
    label = f"<{RDFS_LABEL}>"
    # Two queries, not one UNION: the engine plans the union far worse (80 ms against 1 ms).
    incoming = construct(
        store,
        f"CONSTRUCT {{ ?s ?p ?x . ?s {label} ?name }} WHERE {{ VALUES ?x {{ {values} }} "
        f"?s ?p ?x OPTIONAL {{ ?s {label} ?name }} }}",
    )
    named = construct(
        store,
        f"CONSTRUCT {{ ?n {label} ?name }} WHERE {{ VALUES ?x {{ {values} }} "
        f"?x ?p ?n . ?n {label} ?name }}",
    )
    triples = {*own, *incoming, *named}
    # Sorted before grouping so that the same graph is always written the same way.
    ordered = sorted(triples, key=lambda t: (t.predicate.value, str(t.object)))
    return grouped(ordered, members)


def describe_triples(triples: Sequence[Triple], iri: str) -> list[Triple]:
    """The description of ``iri`` (the same rule) within ``triples``, a small graph held in
    memory such as the dataset's description: no store keeps it, and a store would change its
    literals (pyoxigraph keeps an ``xsd:nonNegativeInteger`` as an ``xsd:integer``)."""
    check_iri(iri)
    prefix = iri + "#"
    me = NamedNode(iri)
    members = {me}
    linked = True
    while linked:
        linked = False
        for t in triples:
            for a, b in ((t.subject, t.object), (t.object, t.subject)):
                if a in members and isinstance(b, NamedNode) and b.value.startswith(prefix):
                    if b not in members:
                        members.add(b)
                        linked = True
    blanks: set[object] = set()
    frontier: set[object] = set(members)
    while frontier:
        found = {
            t.object
            for t in triples
            if t.subject in frontier and isinstance(t.object, BlankNode) and t.object not in blanks
        }
        blanks |= found
        frontier = set(found)
    own = [t for t in triples if t.subject in members or t.subject in blanks]
    incoming = [t for t in triples if t.object in members]
    named = {t.object for t in own if t.subject in members} | {t.subject for t in incoming}
    labels = [t for t in triples if t.subject in named and t.predicate.value == RDFS_LABEL]
    unique = set(own) | set(incoming) | set(labels)
    ordered = sorted(unique, key=lambda t: (t.predicate.value, str(t.object)))
    return grouped(ordered, [iri, *sorted(m.value for m in members if m != me)])


def is_described(store: Store, iri: str) -> bool:
    """Whether the graph says anything about ``iri``, as subject or as object."""
    check_iri(iri)
    answer = store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")
    return bool(answer)
