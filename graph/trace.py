"""Continuations and themes → RDF.

A later mandate's best candidate antecedents become ``celac:Continuation`` resources (the PROV
qualified-derivation pattern): the two mandates, a kind, a score, the rank among the candidates,
whether it is asserted, whether the later text refers back explicitly, the evidence in words, and
the method, the calibrated confidence and the tier (asserted, probable, candidate; the method's own
tier beside it when a review changed it). Asserted ones also give the plain triple ``?later
celac:continues ?earlier`` and ``prov:qualifiedDerivation``; probable ones ``?later
celac:probablyContinues ?earlier``. The method node carries each tier's cross-validated quality. Themes are a SKOS concept scheme; areas and mandates point to theirs
with ``dcterms:subject``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.iris import slug
from graph.namespaces import CELAC, ID
from graph.records import LinkLike, ReviewLike, ThemeLike, TierQuality

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


def write_themes(g: Graph, themes: Mapping[str, ThemeLike]) -> None:
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


TIERS = {
    "asserted": CELAC.AssertedTier,
    "probable": CELAC.ProbableTier,
    "candidate": CELAC.CandidateTier,
}


def reviewer_iri(name: str) -> URIRef:
    """An ORCID IRI as given; a name as ``id/agent/<slug>``."""
    if name.startswith(("http://", "https://")):
        return URIRef(name)
    return ID[f"agent/{slug(name)}"]


def write_method(g: Graph, method: str, version: str, quality: TierQuality | None = None) -> URIRef:
    """The method node, with the cross-validated quality of each tier (``quality``: the tiers of
    the model's report)."""
    node = method_iri(version)
    g.add((node, RDF.type, PROV.Plan))
    g.add((node, RDFS.label, Literal(f"{method} {version}")))
    for tier, figures in (quality or {}).items():
        if tier not in TIERS:
            continue
        q = URIRef(f"{node}#quality-{tier}")
        g.add((node, CELAC.tierQuality, q))
        g.add((q, RDF.type, CELAC.TierQuality))
        g.add((q, CELAC.tier, TIERS[tier]))
        for key, prop in (("precision", CELAC.precision), ("recall", CELAC.recall)):
            value = figures.get(key)
            if value is not None:
                g.add((q, prop, Literal(f"{float(value):.3f}", datatype=XSD.decimal)))
        g.add((q, CELAC.support, Literal(int(figures.get("support") or 0))))
    return node


def write_continuations(
    graphs: Mapping[URIRef, Graph],
    links: Iterable[LinkLike],
    iris: Mapping[int, URIRef],
    method: str,
    version: str,
    quality: TierQuality | None = None,
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
        g.add((node, CELAC.confidence, Literal(f"{link.confidence:.4f}", datatype=XSD.decimal)))
        g.add((node, CELAC.rank, Literal(link.rank)))
        g.add((node, CELAC.tier, TIERS[link.tier]))
        g.add((node, CELAC.methodTier, TIERS[link.method_tier or link.tier]))
        g.add((node, CELAC.asserted, Literal(link.tier == "asserted")))
        g.add((node, CELAC.explicit, Literal(link.explicit)))
        g.add((node, CELAC.method, method_node))
        for line in link.evidence_es:
            g.add((node, CELAC.evidence, Literal(line, lang="es")))
        for line in link.evidence_en:
            g.add((node, CELAC.evidence, Literal(line, lang="en")))
        if link.tier == "asserted":
            g.add((node, RDF.type, PROV.Derivation))
            g.add((later, PROV.qualifiedDerivation, node))
            g.add((later, CELAC.continues, earlier))
        elif link.tier == "probable":
            g.add((later, CELAC.probablyContinues, earlier))
        if isinstance(link.review, ReviewLike):
            write_review(g, node, link.review)
        if (method_node, RDF.type, PROV.Plan) not in g:
            write_method(g, method, version, quality)


def write_review(g: Graph, node: URIRef, review: ReviewLike) -> None:
    """The review of a continuation: its verdict, reviewer, date and why."""
    r = URIRef(f"{node}-review")
    agent = reviewer_iri(review.reviewer)
    g.add((node, CELAC.review, r))
    g.add((r, RDF.type, CELAC.Review))
    g.add((r, CELAC.verdict, Literal(review.verdict)))
    g.add((r, DCTERMS.date, Literal(review.date.isoformat(), datatype=XSD.date)))
    g.add((r, PROV.wasAssociatedWith, agent))
    if review.why:
        g.add((r, RDFS.comment, Literal(review.why)))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(review.reviewer)))
    if review.verdict == "confirmed":
        g.add((node, PROV.wasAttributedTo, agent))
