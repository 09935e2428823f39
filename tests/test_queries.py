"""The canned queries of queries/: each has a title in English (its first comment line) and one in
Spanish (api/locale/es/LC_MESSAGES/queries.po), runs on the real build, and the ones about lineage say only
what the store holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pyoxigraph import QuerySolutions

from api.pages.home import examples
from api.pages.messages import Translator

if TYPE_CHECKING:
    from graph.oxigraph import OxigraphStore

QUERIES = Path(__file__).resolve().parent.parent / "queries"
NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))


def run(store: OxigraphStore, name: str) -> list[dict[str, str]]:
    result = store.query((QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


@pytest.mark.parametrize("name", NAMES)
def test_queries_titled_in_both_languages(name: str) -> None:
    first = (QUERIES / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and len(first) > 8
    example = next(e for e in examples() if e.name == name)
    es = Translator("es")
    assert es(example.title).startswith("¿"), f"{name}.rq has no Spanish title in queries.po"
    assert es(example.description) != example.description, f"{name}.rq: no Spanish description"


@pytest.mark.parametrize("name", NAMES)
def test_queries_run_on_the_build(store: OxigraphStore, name: str) -> None:
    rows = run(store, name)
    if name != "reviews":  # no reviews file in the corpus yet
        assert rows, name


def test_queries_lineage_tiers_match_the_store(store: OxigraphStore) -> None:
    tiers = {"AssertedTier": "continues", "ProbableTier": "probablyContinues"}
    for row in run(store, "lineage-tiers"):
        start = "<https://w3id.org/celac-kg/id/plan/celac-2014/area/1/mandate/8>"
        later, earlier = (
            (start, f"<{row['other']}>")
            if row["direction"] == "earlier"
            else (f"<{row['other']}>", start)
        )
        for tier, prop in tiers.items():
            holds = bool(store.query(f"ASK {{ {later} celac:{prop} {earlier} }}"))
            assert holds == (row["tier"] == tier), row


def test_queries_coverage_and_what_became_match_the_store(store: OxigraphStore) -> None:
    for row in run(store, "plan-pair-coverage"):
        total = int(row["mandates"])
        assert int(row["asserted"]) + int(row["probable"]) + int(row["noSuccessorFound"]) == total
        continued = store.query(
            f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?l celac:continues ?e ;
                  celac:inPlan/dcterms:identifier "{row["later"]}" .
                  ?e celac:inPlan/dcterms:identifier "{row["earlier"]}" }}"""
        )
        assert isinstance(continued, QuerySolutions)
        assert int(next(iter(continued))["n"].value) == int(row["asserted"])
    became = run(store, "what-became")
    assert any(r["finding"] == "continued" for r in became)
    for row in became:
        if row["finding"] == "continued":
            assert store.query(f"ASK {{ <{row['later']}> celac:continues <{row['m']}> }}"), row
        if row["finding"] == "no trace found":
            assert "later" not in row
