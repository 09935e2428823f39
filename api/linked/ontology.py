"""The ontology as a readable page: what ``ontology.html`` shows, read from ``ontology/celac.ttl``.

Its terms are grouped — classes, object properties, datatype properties, the kinds of actor —
in the order the file gives them; each has an anchor (``/ontology#Mandate``), its labels,
definitions and comments in Spanish and English, what it specialises, and for a property its
domain and range (a union of classes, or the list of values a literal may take, spelled out).
Terms of other vocabularies the file declares are listed at the end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from api.linked.context import compact_iri
from graph.namespaces import BASE, CELAC, ONTOLOGY_IRI
from graph.paths import ONTOLOGY_DIR

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_VANN = "http://purl.org/vocab/vann/"
_TYPE = _RDF + "type"
LANGUAGES = ("es", "en")

Node = NamedNode | BlankNode | Literal | Triple

# The words of the page itself, in English: the route gives them in the reader's language
# (api/locale: the pages' catalogs).
WORDS: dict[str, str] = {
    "title": "Ontology",
    "intro": "The vocabulary of the graph: what each class and each property means. "
    "Each term has its anchor: this page is the term's IRI without its fragment.",
    "contents": "Contents",
    "namespace": "Namespace",
    "prefix": "Prefix",
    "version": "Version",
    "licence": "Licence",
    "formats": "Data",
    "shapes": "SHACL shapes",
    "model": "Data model",
    "classes": "Classes",
    "object": "Object properties",
    "datatype": "Datatype properties",
    "kinds": "Kinds of actor",
    "external": "Terms of other vocabularies",
    "external_intro": "Declared in the ontology so that OWL 2 DL tools know their type.",
    "subclass": "Subclass of",
    "subproperty": "Sub-property of",
    "domain": "Domain",
    "range": "Range",
    "or": "or",
    "one_of": "one of",
    "characteristics": "Characteristics",
    "functional": "functional",
    "inverse_functional": "inverse functional",
    "properties": "Properties with this domain",
    "used_by": "Value of",
    "see_also": "See also",
    "comment": "Note",
    "none": "none",
    "scheme": "Scheme",
}


@dataclass(frozen=True)
class Ref:
    """A link to a term: ``#Mandate`` for the ontology's own, the local page for the graph's
    (``/id/kind/agency``), else the IRI itself."""

    iri: str
    text: str
    href: str


@dataclass(frozen=True)
class Expression:
    """A domain or range: one class, a union of classes, or an enumeration of values."""

    refs: list[Ref] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Term:
    iri: str
    href: str  # where the page links it: its anchor here, or its own page
    anchor: str
    is_property: bool
    curie: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: dict[str, list[str]]
    parents: list[Ref]
    domain: list[Expression]
    range: list[Expression]
    characteristics: list[str]  # keys of WORDS: "functional", "inverse_functional"
    see_also: list[Ref]
    properties: list[Ref] = field(
        default_factory=list
    )  # classes: properties with it in their domain
    used_by: list[Ref] = field(default_factory=list)  # classes: properties with it in their range


@dataclass(frozen=True)
class Section:
    key: str  # a key of WORDS, and the section's anchor
    terms: list[Term]


@dataclass(frozen=True)
class OntologyPage:
    iri: str
    namespace: str
    prefix: str
    version: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    licence: Ref | None
    sections: list[Section]
    scheme: Term | None  # the scheme of the kinds of actor
    external: list[Ref]


def ref(iri: str) -> Ref:
    """How the page links ``iri``."""
    if iri.startswith(str(CELAC)):
        local = iri[len(str(CELAC)) :]
        return Ref(iri, f"celac:{local}", f"#{local}")
    if iri.startswith(BASE):
        return Ref(iri, compact_iri(iri), "/" + iri[len(BASE) :])
    return Ref(iri, compact_iri(iri), iri)


class _Graph:
    """The file's triples, indexed by subject in the order the file first names them."""

    def __init__(self, triples: list[pyoxigraph.Triple]) -> None:
        self.by_subject: dict[Node, dict[str, list[Node]]] = {}
        for t in triples:
            self.by_subject.setdefault(t.subject, defaultdict(list))[t.predicate.value].append(
                t.object
            )

    def objects(self, s: Node, p: str) -> list[Node]:
        props = self.by_subject.get(s)
        return list(props.get(p, [])) if props else []

    def iris(self, s: Node, p: str) -> list[str]:
        return [o.value for o in self.objects(s, p) if isinstance(o, NamedNode)]

    def texts(self, s: Node, p: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for o in self.objects(s, p):
            if isinstance(o, Literal):
                out.setdefault(o.language or "", []).append(o.value)
        return out

    def text(self, s: Node, p: str) -> dict[str, str]:
        return {lang: values[0] for lang, values in self.texts(s, p).items()}

    def typed(self, cls: str) -> list[NamedNode]:
        return [
            s
            for s, props in self.by_subject.items()
            if isinstance(s, NamedNode) and NamedNode(cls) in props.get(_TYPE, [])
        ]

    def items(self, head: Node) -> list[Node]:
        """The members of the RDF list starting at ``head``."""
        out: list[Node] = []
        seen: set[Node] = set()
        while isinstance(head, BlankNode) and head not in seen:
            seen.add(head)
            out += self.objects(head, _RDF + "first")
            rest = self.objects(head, _RDF + "rest")
            head = rest[0] if rest else NamedNode(_RDF + "nil")
        return out

    def expression(self, node: Node) -> Expression:
        if isinstance(node, NamedNode):
            return Expression(refs=[ref(node.value)])
        union = self.objects(node, _OWL + "unionOf")
        if union:
            return Expression(
                refs=[ref(n.value) for n in self.items(union[0]) if isinstance(n, NamedNode)]
            )
        one_of = self.objects(node, _OWL + "oneOf")
        if one_of:
            return Expression(
                values=[n.value for n in self.items(one_of[0]) if isinstance(n, Literal)]
            )
        return Expression()


def _term(g: _Graph, s: NamedNode, anchor: str) -> Term:
    characteristics = []
    types = g.iris(s, _TYPE)
    if _OWL + "FunctionalProperty" in types:
        characteristics.append("functional")
    if _OWL + "InverseFunctionalProperty" in types:
        characteristics.append("inverse_functional")
    parents = g.iris(s, _RDFS + "subClassOf") + g.iris(s, _RDFS + "subPropertyOf")
    definitions = g.text(s, _SKOS + "definition")
    labels = g.text(s, _RDFS + "label") or g.text(s, _SKOS + "prefLabel")
    return Term(
        iri=s.value,
        href=ref(s.value).href,
        anchor=anchor,
        is_property=bool({_OWL + "ObjectProperty", _OWL + "DatatypeProperty"} & set(types)),
        curie=compact_iri(s.value),
        labels=labels,
        definitions=definitions,
        comments=g.texts(s, _RDFS + "comment"),
        parents=[ref(p) for p in parents],
        domain=[g.expression(o) for o in g.objects(s, _RDFS + "domain")],
        range=[g.expression(o) for o in g.objects(s, _RDFS + "range")],
        characteristics=characteristics,
        see_also=[ref(i) for i in g.iris(s, _RDFS + "seeAlso")],
    )


def _own(g: _Graph, cls: str) -> list[NamedNode]:
    return [s for s in g.typed(cls) if s.value.startswith(str(CELAC))]


def read(text: bytes) -> OntologyPage:
    """The page's content from the ontology's Turtle."""
    g = _Graph(list(pyoxigraph.parse(text, format=RdfFormat.TURTLE, base_iri=ONTOLOGY_IRI)))
    onto = NamedNode(ONTOLOGY_IRI)

    def local(s: NamedNode) -> str:
        return s.value[len(str(CELAC)) :]

    classes = [_term(g, s, local(s)) for s in _own(g, _OWL + "Class")]
    objects = [_term(g, s, local(s)) for s in _own(g, _OWL + "ObjectProperty")]
    datatypes = [_term(g, s, local(s)) for s in _own(g, _OWL + "DatatypeProperty")]
    properties = objects + datatypes
    for c in classes:
        for p in properties:
            if any(r.iri == c.iri for e in p.domain for r in e.refs):
                c.properties.append(ref(p.iri))
            if any(r.iri == c.iri for e in p.range for r in e.refs):
                c.used_by.append(ref(p.iri))

    scheme_iri = f"{BASE}id/kind"
    kinds = [
        _term(g, s, "kind-" + s.value.rsplit("/", 1)[-1])
        for s in g.typed(_SKOS + "Concept")
        if scheme_iri in g.iris(s, _SKOS + "inScheme")
    ]
    scheme = (
        _term(g, NamedNode(scheme_iri), "kinds") if NamedNode(scheme_iri) in g.by_subject else None
    )

    own = {t.iri for t in classes + properties + kinds} | {scheme_iri, ONTOLOGY_IRI}
    external = sorted(
        (ref(s.value) for s in g.by_subject if isinstance(s, NamedNode) and s.value not in own),
        key=lambda r: r.text,
    )
    licence = g.iris(onto, _DCT + "license")
    version = [
        v for lang_values in g.texts(onto, _OWL + "versionInfo").values() for v in lang_values
    ]
    prefix = [
        v
        for lang_values in g.texts(onto, _VANN + "preferredNamespacePrefix").values()
        for v in lang_values
    ]
    return OntologyPage(
        iri=ONTOLOGY_IRI,
        namespace=str(CELAC),
        prefix=prefix[0] if prefix else "celac",
        version=version[0] if version else "",
        titles=g.text(onto, _DCT + "title"),
        descriptions=g.text(onto, _DCT + "description"),
        licence=Ref(licence[0], licence[0], licence[0]) if licence else None,
        sections=[
            Section("classes", classes),
            Section("object", objects),
            Section("datatype", datatypes),
            Section("kinds", kinds),
        ],
        scheme=scheme,
        external=external,
    )


@lru_cache(maxsize=1)
def page() -> OntologyPage:
    """The content of the ontology page, read once from ``ontology/celac.ttl``."""
    return read((ONTOLOGY_DIR / "celac.ttl").read_bytes())
