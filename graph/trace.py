"""Continuations and themes → RDF.

A later mandate's best candidate antecedents become ``celac:Continuation`` resources (the PROV
qualified-derivation pattern): the two mandates, a kind, a score, the rank among the candidates,
whether it is asserted, whether the later text refers back explicitly, the evidence in words, and
the method. Asserted ones also give the plain triple ``?later celac:continues ?earlier`` and
``prov:qualifiedDerivation``. Themes are a SKOS concept scheme; areas and mandates point to theirs
with ``dcterms:subject``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.namespaces import CELAC, ID

SDG = Namespace("http://metadata.un.org/sdg/")
THEMES = ID["theme"]


def theme_iri(key: str) -> URIRef:
    return ID[f"theme/{key}"]


def method_iri(version: str) -> URIRef:
    return ID[f"method/tracer/{version}"]


def continuation_iri(later: URIRef, earlier: URIRef) -> URIRef:
    """``{later}#continues-{earlier's path}``: stable, and readable in a list."""
    path = str(earlier).removeprefix(str(ID["plan/"])).replace("/", "-")
    return URIRef(f"{later}#continues-{path}")


def write_themes(g: Graph, themes: Mapping[str, Any]) -> None:
    """The concept scheme of themes, each aligned to the SDGs that fit it."""
    g.add((THEMES, RDF.type, SKOS.ConceptScheme))
    g.add((THEMES, RDFS.label, Literal("Temas de los planes", lang="es")))
    g.add((THEMES, RDFS.label, Literal("Themes of the plans", lang="en")))
    for theme in themes.values():
        iri = theme_iri(theme.key)
        g.add((iri, RDF.type, SKOS.Concept))
        g.add((iri, SKOS.inScheme, THEMES))
        g.add((iri, SKOS.topConceptOf, THEMES))
        g.add((iri, SKOS.prefLabel, Literal(theme.label_es, lang="es")))
        g.add((iri, SKOS.prefLabel, Literal(theme.label_en, lang="en")))
        g.add((iri, RDFS.label, Literal(theme.label_es, lang="es")))
        g.add((iri, RDFS.label, Literal(theme.label_en, lang="en")))
        g.add((iri, SKOS.definition, Literal(theme.definition_es, lang="es")))
        g.add((iri, SKOS.definition, Literal(theme.definition_en, lang="en")))
        for goal in theme.sdg:
            g.add((iri, SKOS.closeMatch, SDG[str(goal)]))


def write_subjects(g: Graph, item: URIRef, keys: Iterable[str]) -> None:
    for key in keys:
        g.add((item, DCTERMS.subject, theme_iri(key)))


def write_continuations(
    graphs: Mapping[URIRef, Graph],
    links: Iterable[Any],
    iris: Mapping[int, URIRef],
    method: str,
    version: str,
) -> None:
    """Each link into the graph of its later mandate's plan (``graphs`` by plan IRI)."""
    method_node = method_iri(version)
    for link in links:
        later, earlier = iris[id(link.later)], iris[id(link.earlier)]
        plan = URIRef(str(later).split("/area/")[0])
        g = graphs[plan]
        node = continuation_iri(later, earlier)
        g.add((node, RDF.type, CELAC.Continuation))
        g.add((node, CELAC.later, later))
        g.add((node, PROV.entity, earlier))
        g.add((node, CELAC.continuationKind, Literal(link.kind)))
        g.add((node, CELAC.score, Literal(f"{link.score:.4f}", datatype=XSD.decimal)))
        g.add((node, CELAC.rank, Literal(link.rank)))
        g.add((node, CELAC.asserted, Literal(link.asserted)))
        g.add((node, CELAC.explicit, Literal(link.explicit)))
        g.add((node, CELAC.method, method_node))
        for line in link.evidence:
            g.add((node, CELAC.evidence, Literal(line, lang="en")))
        if link.asserted:
            g.add((node, RDF.type, PROV.Derivation))
            g.add((later, PROV.qualifiedDerivation, node))
            g.add((later, CELAC.continues, earlier))
        if (method_node, RDF.type, PROV.Plan) not in g:
            g.add((method_node, RDF.type, PROV.Plan))
            g.add((method_node, RDFS.label, Literal(f"{method} {version}")))
