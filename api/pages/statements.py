"""What the graph says about a resource, ready to show: its properties and outgoing links, the
links that point to it (a page at a time), and the ``#…`` resources its page describes too."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from api.pages.catalog import Catalog
from api.pages.links import curie, document, local
from api.pages.messages import property_label
from api.pages.rows import iri_ref, select, text
from graph.labels import natural_key
from graph.namespaces import BASE, CELAC
from graph.store import Store

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Value:
    text: str  # a literal's value, or the label of the resource
    href: str | None = None  # where the resource's page is
    iri: str | None = None
    lang: str = ""
    datatype: str | None = None  # shortened, None for plain strings
    label_lang: str = ""  # a resource's label: its language, where known


@dataclass(frozen=True)
class Property:
    iri: str
    label: str
    curie: str
    href: str
    values: list[Value]


@dataclass(frozen=True)
class Described:
    """A ``#…`` resource described on its document's page."""

    iri: str
    anchor: str
    properties: list[Property]


@dataclass(frozen=True)
class Incoming:
    rows: list[tuple[Value, Property]]  # the subject, the property (with no values)
    total: int
    page: int
    pages: int


def value(cat: Catalog, term: Any, lang: str) -> Value:
    """A term as shown on a page: resources by label with a link, literals as they are."""
    if isinstance(term, NamedNode):
        iri = term.value
        return Value(
            resource_label(cat, iri, lang),
            local(iri),
            iri,
            label_lang=cat.label_lang(
                iri if iri in cat.labels or "#" not in iri else iri.partition("#")[0], lang
            ),
        )
    if isinstance(term, Literal):
        datatype = term.datatype.value if term.datatype else ""
        short = None
        if datatype and not datatype.endswith(("#string", "#langString")):
            short = "xsd:" + datatype[len(_XSD) :] if datatype.startswith(_XSD) else curie(datatype)
        return Value(term.value, lang=term.language or "", datatype=short)
    return Value(f"_:{term.value}")


def resource_label(cat: Catalog, iri: str, lang: str) -> str:
    """The label of ``iri``; a ``#…`` resource without one is named by its document and fragment."""
    label = cat.label(iri, lang)
    if (
        label == curie(iri)
        and "#" in iri
        and iri.startswith(BASE)
        and not iri.startswith(str(CELAC))
    ):
        doc, _, fragment = iri.partition("#")
        return f"{cat.label(doc, lang)} › {fragment}"
    return label


def _property(cat: Catalog, iri: str, lang: str, values: list[Value]) -> Property:
    return Property(iri, property_label(cat, iri, lang), curie(iri), local(iri), values)


def _group(cat: Catalog, rows: list[dict[str, Any]], lang: str) -> list[Property]:
    by_property: dict[str, list[Value]] = defaultdict(list)
    for row in rows:
        by_property[text(row["p"])].append(value(cat, row["o"], lang))
    props = [_property(cat, p, lang, vs) for p, vs in by_property.items()]
    # The type first, then by label; values by text (numbers as numbers), a plan's areas and
    # mandates in the order of its text.
    for prop in props:
        prop.values.sort(key=lambda v: _value_key(cat, v))
    props.sort(key=lambda p: (p.iri != _RDF_TYPE, p.label.casefold()))
    return props


def _value_key(cat: Catalog, v: Value) -> tuple[int, float, tuple[object, ...]]:
    if v.iri in cat.mandates:
        return (0, 0.0, cat.mandate_key(v.iri))
    if v.iri in cat.areas:
        return (1, 0.0, (cat.plan(cat.areas[v.iri].plan).order, *cat.area_key(v.iri)))
    try:
        return (2, float(v.text), ())
    except ValueError:
        return (3, 0.0, natural_key(v.text))


def outgoing(store: Store, cat: Catalog, iri: str, lang: str) -> list[Property]:
    """The resource's properties and outgoing links, grouped by property."""
    rows = select(store, f"SELECT DISTINCT ?p ?o WHERE {{ {iri_ref(iri)} ?p ?o }}")
    return _group(cat, rows, lang)


def incoming(
    store: Store, cat: Catalog, iri: str, lang: str, page: int, page_size: int
) -> Incoming:
    """The links pointing to the resource, by property then by the label of their subject;
    page ``page`` of them (pages beyond the last are empty)."""
    rows = select(store, f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {iri_ref(iri)} }}")
    entries = [
        (value(cat, row["s"], lang), _property(cat, text(row["p"]), lang, [])) for row in rows
    ]
    entries.sort(key=lambda e: (e[1].label.casefold(), natural_key(e[0].text)))
    pages = max(1, -(-len(entries) // page_size))
    chunk = entries[(page - 1) * page_size : page * page_size]
    return Incoming(chunk, len(entries), page, pages)


def described(store: Store, cat: Catalog, iri: str, lang: str) -> list[Described]:
    """The ``iri#…`` resources linked to ``iri`` (or to one of them), with their statements."""
    ref = iri_ref(iri)
    prefix = iri.replace("\\", "\\\\").replace('"', '\\"') + "#"
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?p ?o WHERE {{
          {{ {ref} ?p1 ?s }} UNION {{ ?s ?p1 {ref} }}
          UNION {{ {ref} ?p1 ?x . ?x ?p2 ?s FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{prefix}")) }}
          UNION {{ ?x ?p1 {ref} . ?x ?p2 ?s FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{prefix}")) }}
          FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{prefix}"))
          ?s ?p ?o
        }}""",
    )
    by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_subject[text(row["s"])].append(row)
    return [
        Described(s, s.partition("#")[2], _group(cat, by_subject[s], lang))
        for s in sorted(by_subject)
        if document(s) == iri
    ]
