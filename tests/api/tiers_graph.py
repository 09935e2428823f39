"""A small graph in the vocabulary of tiers (the contract between the tracer and the pages): two
plans, three mandates each, one asserted link confirmed by a reviewer, one probable link, one
candidate, and the method's cross-validated quality of each tier. And the same links as a graph
made before tiers holds them."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

ID = "https://w3id.org/celac-kg/id/"
EARLY = f"{ID}plan/p-2010"
LATE = f"{ID}plan/p-2015"


def mandate(plan: str, n: int) -> str:
    return f"{plan}/area/1/mandate/{n}"


PREFIXES = """
@prefix celac: <https://w3id.org/celac-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/celac-kg/id/> .
"""

TEXTS = {
    mandate(
        EARLY, 1
    ): "Fortalecer la Iniciativa América Latina y el Caribe sin Hambre 2025 con la FAO.",
    mandate(EARLY, 2): "Convocar una reunión regional de ministros de cultura sobre patrimonio.",
    mandate(EARLY, 3): "Promover el intercambio de estudiantes entre universidades de la región.",
    mandate(
        LATE, 1
    ): "Continuar apoyando la Iniciativa América Latina y el Caribe sin Hambre 2025.",
    mandate(LATE, 2): "Celebrar la reunión de ministros de cultura para proteger el patrimonio.",
    mandate(LATE, 3): "Crear un foro de defensa sobre seguridad cibernética.",
}


def _plans() -> str:
    out = [PREFIXES]
    for plan, ident, year in ((EARLY, "P-2010", 2010), (LATE, "P-2015", 2015)):
        area = f"{plan}/area/1"
        out.append(
            f"""<{plan}> a celac:Plan ; dcterms:identifier "{ident}" ;
                dcterms:date "{year}-01-01"^^xsd:date ;
                rdfs:label "Plan {year}"@es , "Plan {year}"@en ; celac:hasArea <{area}> .
            <{area}> a celac:Area ; celac:inPlan <{plan}> ; celac:position 1 ;
                rdfs:label "Área de {year}"@es , "Area of {year}"@en ."""
        )
        for n in (1, 2, 3):
            m = mandate(plan, n)
            theme = "food" if n == 1 else "culture" if n == 2 else "education"
            out.append(
                f"""<{area}> celac:hasMandate <{m}> .
                <{m}> a celac:Mandate ; celac:inPlan <{plan}> ; celac:position {n} ;
                    celac:number "{n}" ; celac:text "{TEXTS[m]}" ; dcterms:subject id:theme\\/{theme} ;
                    rdfs:label "{ident} · {n}" ."""
            )
    for theme, es, en in (
        ("food", "Alimentación", "Food"),
        ("culture", "Cultura", "Culture"),
        ("education", "Educación", "Education"),
    ):
        out.append(
            f"""id:theme\\/{theme} skos:inScheme id:theme ; skos:prefLabel "{es}"@es , "{en}"@en ."""
        )
    return "\n".join(out)


def _link(name: str, later: str, earlier: str, score: float, rank: int, extra: str) -> str:
    return f"""<{later}#{name}> a celac:Continuation ; celac:later <{later}> ; prov:entity <{earlier}> ;
        celac:continuationKind "reiterates" ; celac:score {score} ; celac:rank {rank} ;
        celac:explicit false ; celac:method id:method\\/tracer\\/1.0 ; {extra} ."""


def with_tiers() -> str:
    """The graph as the tracer with tiers writes it."""
    ev = 'celac:evidence "nombres compartidos: Iniciativa"@es , "shared names: Iniciativa"@en'
    return "\n".join(
        [
            _plans(),
            _link(
                "c1",
                mandate(LATE, 1),
                mandate(EARLY, 1),
                0.81,
                1,
                f"""celac:asserted true ; celac:confidence 0.93 ; celac:tier celac:AssertedTier ;
                celac:methodTier celac:ProbableTier ; {ev} ;
                prov:wasAttributedTo id:reviewer\\/ana ;
                celac:review [ celac:verdict "confirmed" ; dcterms:date "2026-12-01"^^xsd:date ;
                               rdfs:comment "Both name the Initiative." ]""",
            ),
            f"<{mandate(LATE, 1)}> celac:continues <{mandate(EARLY, 1)}> .",
            'id:reviewer\\/ana a prov:Agent ; rdfs:label "Ana Pérez" .',
            _link(
                "c2",
                mandate(LATE, 2),
                mandate(EARLY, 2),
                0.55,
                1,
                """celac:asserted false ; celac:confidence 0.62 ; celac:tier celac:ProbableTier ;
                celac:methodTier celac:ProbableTier ;
                celac:evidence "misma serie de reuniones"@es , "same meeting series"@en""",
            ),
            f"<{mandate(LATE, 2)}> celac:probablyContinues <{mandate(EARLY, 2)}> .",
            _link(
                "c3",
                mandate(LATE, 3),
                mandate(EARLY, 3),
                0.2,
                1,
                """celac:asserted false ; celac:confidence 0.08 ; celac:tier celac:CandidateTier ;
                celac:methodTier celac:CandidateTier ;
                celac:evidence "términos compartidos: región"@es , "shared terms: region"@en""",
            ),
            """id:method\\/tracer\\/1.0 celac:tierQuality
                [ celac:tier celac:AssertedTier ; celac:precision 0.88 ; celac:recall 0.61 ; celac:support 101 ] ,
                [ celac:tier celac:ProbableTier ; celac:precision 0.55 ; celac:recall 0.3 ; celac:support 101 ] .""",
        ]
    )


def before_tiers() -> str:
    """The same links as a graph made before tiers holds them: asserted or not, a score."""
    return "\n".join(
        [
            _plans(),
            _link(
                "c1",
                mandate(LATE, 1),
                mandate(EARLY, 1),
                0.81,
                1,
                'celac:asserted true ; celac:evidence "shared names: Iniciativa"',
            ),
            f"<{mandate(LATE, 1)}> celac:continues <{mandate(EARLY, 1)}> .",
            _link(
                "c3",
                mandate(LATE, 3),
                mandate(EARLY, 3),
                0.2,
                1,
                'celac:asserted false ; celac:evidence "shared terms: region"',
            ),
        ]
    )


def write(folder: Path, turtle: str) -> Path:
    """A store in ``folder`` holding ``turtle`` in one named graph; returns its path."""
    store = Store(str(folder))
    store.load(
        turtle.encode("utf-8"),
        RdfFormat.TURTLE,
        base_iri=ID,
        to_graph=NamedNode(f"{ID}graph/test"),
    )
    store.flush()
    del store
    return folder
