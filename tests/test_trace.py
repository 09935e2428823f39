"""Carry-over tracing in the real graph: the issue's pairs, themes, canned queries, the targets."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from query_results import solutions

from celac_kg.evaluate import evaluate_trace
from graph.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow
QUERIES = Path(__file__).resolve().parent.parent / "queries"
CONTINUATIONS = QUERIES.parent / "extract" / "trace" / "continuations.toml"
ANNOTATED = tomllib.loads(CONTINUATIONS.read_text(encoding="utf-8"))["counts"]["pairs"]

LINK = """
SELECT ?kind ?score ?confidence ?rank ?tier ?asserted ?continues ?probably
       (GROUP_CONCAT(?evidence; separator=" | ") AS ?why) WHERE {
  ?later celac:text ?lt ; celac:inPlan/dcterms:identifier "%(later_plan)s" .
  ?earlier celac:text ?et ; celac:inPlan/dcterms:identifier "%(earlier_plan)s" .
  ?c celac:later ?later ; prov:entity ?earlier ; celac:continuationKind ?kind ; celac:score ?score ;
     celac:confidence ?confidence ; celac:tier ?tier ; celac:rank ?rank ; celac:asserted ?asserted ;
     celac:evidence ?evidence ; celac:method ?method .
  BIND(EXISTS { ?later celac:continues ?earlier ; prov:qualifiedDerivation ?c } AS ?continues)
  BIND(EXISTS { ?later celac:probablyContinues ?earlier } AS ?probably)
  FILTER(CONTAINS(?lt, "%(later)s") && CONTAINS(?et, "%(earlier)s"))
} GROUP BY ?kind ?score ?confidence ?rank ?tier ?asserted ?continues ?probably"""

# The pairs a careful reader defends (from the issue).
PAIRS = [
    ("CELAC-2014", "Continuar apoyando la Iniciativa América Latina y el Caribe sin Hambre 2025",
     "CALC-2008", "conjugar esfuerzos en apoyo a la Iniciativa"),
    ("CHINA-CELAC-2022-2024", "Explorar la posibilidad de celebrar una Cumbre del Foro China-CELAC",
     "CELAC-2014", "Avanzar en el establecimiento del Foro CELAC-China"),
    ("CHINA-CELAC-2022-2024", "Explorar la posibilidad de celebrar una Cumbre del Foro China-CELAC",
     "PPT-2020", "Celebrar reuniones previas sobre intercambio cultural"),
    ("CHINA-CELAC-2022-2024", "OPANAL",
     "CELAC-2014", "Continuar promoviendo la cooperación entre la CELAC y el OPANAL"),
    ("PPT-2020", "Promover movilidad académica, intercambio de estudiantes y profesores",
     "CELAC-2014", "Asociación de Consejos de Rectores de Universidades"),
    ("CELAC-2014", "Implementar programas de alfabetización",
     "CALC-2008", "erradicar el analfabetismo"),
    # A pair that skips a plan: China-CELAC and CELAC-2014 both name the UN Convention against
    # Corruption; the PPT-2020 pairs in between never crowd it out.
    ("CHINA-CELAC-2022-2024", "Ampliar la cooperación bilateral y multilateral contra la corrupción",
     "CELAC-2014", "en especial la Convención de las Naciones Unidas contra la Corrupción"),
]  # fmt: skip
TIERS = {
    "https://w3id.org/celac-kg/ontology#AssertedTier": "asserted",
    "https://w3id.org/celac-kg/ontology#ProbableTier": "probable",
    "https://w3id.org/celac-kg/ontology#CandidateTier": "candidate",
}


def link(
    store: OxigraphStore, later_plan: str, later: str, earlier_plan: str, earlier: str
) -> dict[str, str]:
    query = LINK % {
        "later_plan": later_plan,
        "later": later,
        "earlier_plan": earlier_plan,
        "earlier": earlier,
    }
    rows = list(solutions(store.query(query)))
    assert len(rows) == 1, f"{earlier!r} is not among the candidates of {later!r}"
    keys = (
        "kind",
        "score",
        "confidence",
        "rank",
        "tier",
        "asserted",
        "continues",
        "probably",
        "why",
    )
    found = {k: rows[0][k].value for k in keys}
    found["tier"] = TIERS[found["tier"]]
    return found


@pytest.mark.parametrize(("later_plan", "later", "earlier_plan", "earlier"), PAIRS)
def test_trace_the_pairs_a_careful_reader_defends_are_candidates(
    store: OxigraphStore, later_plan: str, later: str, earlier_plan: str, earlier: str
) -> None:
    found = link(store, later_plan, later, earlier_plan, earlier)
    assert found["kind"] in {"reiterates", "reformulates", "followsUp", "extends"}
    assert 0 <= float(found["score"]) <= 1 and 0 <= float(found["confidence"]) <= 1
    assert found["why"]


@pytest.mark.parametrize(("later_plan", "later", "earlier_plan", "earlier"), PAIRS)
def test_trace_each_tier_gives_its_shortcut_and_no_other(
    store: OxigraphStore, later_plan: str, later: str, earlier_plan: str, earlier: str
) -> None:
    found = link(store, later_plan, later, earlier_plan, earlier)
    assert (found["asserted"] == "true") == (found["tier"] == "asserted")
    assert (found["continues"] == "true") == (found["tier"] == "asserted")
    assert (found["probably"] == "true") == (found["tier"] == "probable")


def test_trace_evidence_in_spanish_and_english(store: OxigraphStore) -> None:
    rows = store.query(
        """SELECT ?c WHERE { ?c a celac:Continuation .
             FILTER NOT EXISTS { ?c celac:evidence ?es . FILTER(lang(?es) = "es") } }"""
    )
    assert not list(solutions(rows))


def test_trace_the_method_states_each_tiers_cross_validated_quality(store: OxigraphStore) -> None:
    from extract.trace.model import read_model

    report = read_model().report["tiers"]
    rows = store.query(
        """SELECT ?tier ?precision ?recall ?support WHERE {
             ?m a prov:Plan ; celac:tierQuality ?q . ?q celac:tier ?tier ; celac:support ?support .
             OPTIONAL { ?q celac:precision ?precision } OPTIONAL { ?q celac:recall ?recall } }"""
    )
    got = {TIERS[r["tier"].value]: r for r in solutions(rows)}
    assert set(got) == {"asserted", "probable", "candidate"}
    for tier, row in got.items():
        assert int(row["support"].value) == report[tier]["support"] == ANNOTATED
        if report[tier]["recall"] is not None:
            assert float(row["recall"].value) == pytest.approx(report[tier]["recall"], abs=1e-3)


def test_trace_at_most_three_asserted_antecedents(store: OxigraphStore) -> None:
    rows = store.query(
        """SELECT ?later (COUNT(?e) AS ?n) WHERE { ?later celac:continues ?e }
             GROUP BY ?later HAVING (COUNT(?e) > 3)"""
    )
    assert not list(solutions(rows))


def test_trace_every_area_and_mandate_has_a_theme(store: OxigraphStore) -> None:
    bare = store.query(
        """SELECT ?x WHERE { { ?x a celac:Mandate } UNION { ?x a celac:Area }
             FILTER NOT EXISTS { ?x dcterms:subject ?t . ?t skos:inScheme id:theme } }"""
    )
    assert [r["x"].value for r in solutions(bare)] == []
    unlabelled = store.query(
        """SELECT ?t WHERE { ?t skos:inScheme id:theme .
             FILTER NOT EXISTS { ?t skos:prefLabel ?es , ?en FILTER(lang(?es) = "es" && lang(?en) = "en") } }"""
    )
    assert [r["t"].value for r in solutions(unlabelled)] == []


# reviews.rq lists reviewers' verdicts, and the corpus holds none: it is run over a build with a
# reviews file in tests/test_build_reviews.py.
@pytest.mark.parametrize(
    "path", sorted(p for p in QUERIES.glob("*.rq") if p.stem != "reviews"), ids=lambda p: p.stem
)
def test_trace_canned_queries_answer(store: OxigraphStore, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[1].startswith("# "), (
        "a title and a comment come first"
    )
    rows = list(solutions(store.query(text)))
    assert rows, f"{path.name} answers nothing"


def test_trace_what_the_graph_holds_is_reported(store: OxigraphStore) -> None:
    report = evaluate_trace(store, CONTINUATIONS)
    assert report.most_antecedents <= 3, report.text()
    # In-sample (the model was fitted on these pairs): every explicit pair is a candidate.
    assert report.among_candidates["explicit"].value == 1.0, report.text()


def test_trace_links_are_stable(built_twice: tuple[OxigraphStore, OxigraphStore]) -> None:
    query = """SELECT ?c ?score ?asserted WHERE { ?c a celac:Continuation ; celac:confidence ?score ;
                 celac:asserted ?asserted } ORDER BY ?c"""
    first, second = (
        [(r["c"].value, r["score"].value, r["asserted"].value) for r in solutions(s.query(query))]
        for s in built_twice
    )
    assert first == second and first
