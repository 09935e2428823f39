"""Human reviews applied by the build: a confirmed link is asserted with its reviewer, a rejected
one is not; the method's own tier stays; `evaluate` measures the method alone either way; a bad
reviews file stops the build and the previous one keeps serving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from query_results import solutions

from celac_kg.build import BuildSummary, build
from celac_kg.cli import main
from extract.errors import ReviewError
from graph.oxigraph import OxigraphStore
from graph.publish import CURRENT

pytestmark = pytest.mark.slow

PAIR = """SELECT ?later ?earlier WHERE {
  ?c celac:later ?later ; prov:entity ?earlier ; celac:tier %s ; celac:confidence ?conf }
  ORDER BY DESC(?conf) ?c LIMIT 1"""
TIERS = """SELECT ?tier ?method ?verdict ?who ?continues WHERE {
  ?c celac:later <%s> ; prov:entity <%s> ; celac:tier ?tier ; celac:methodTier ?method .
  OPTIONAL { ?c celac:review ?r . ?r celac:verdict ?verdict ; prov:wasAssociatedWith/rdfs:label ?who }
  BIND(EXISTS { <%s> celac:continues <%s> } AS ?continues) }"""
CELAC = "https://w3id.org/celac-kg/ontology#"


def pair(store: OxigraphStore, tier: str) -> tuple[str, str]:
    row = next(iter(solutions(store.query(PAIR % tier))))
    return row["later"].value, row["earlier"].value


def review(later: str, earlier: str, verdict: str) -> str:
    return (
        f'[[review]]\nlater = "{later}"\nearlier = "{earlier}"\nverdict = "{verdict}"\n'
        f'reviewer = "Ana Pérez"\ndate = 2026-12-06\nwhy = "Read both texts."\n\n'
    )


@pytest.fixture(scope="module")
def reviewed(
    store: OxigraphStore, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]]:
    import shutil

    corpus = tmp_path_factory.mktemp("reviewed") / "corpus"
    shutil.copytree(corpus_dir, corpus)
    confirmed = pair(store, "celac:CandidateTier")
    rejected = pair(store, "celac:AssertedTier")
    (corpus / "reviews.toml").write_text(
        review(*confirmed, "confirmed") + review(*rejected, "rejected"), encoding="utf-8"
    )
    out = corpus.parent / "out"
    return build(corpus, out), corpus, confirmed, rejected


def tiers(store: OxigraphStore, later: str, earlier: str) -> dict[str, str]:
    row = next(iter(solutions(store.query(TIERS % (later, earlier, later, earlier)))))
    keys = ("tier", "method", "verdict", "who", "continues")
    return {k: (row[k].value if row[k] is not None else "") for k in keys}


def test_reviews_a_confirmed_link_is_asserted_with_its_reviewer(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]],
) -> None:
    summary, _, confirmed, _ = reviewed
    got = tiers(OxigraphStore(summary.publication.store), *confirmed)
    assert got["tier"] == CELAC + "AssertedTier" and got["continues"] == "true"
    assert got["method"] == CELAC + "CandidateTier"
    assert (got["verdict"], got["who"]) == ("confirmed", "Ana Pérez")


def test_reviews_a_rejected_link_is_not_asserted(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]],
) -> None:
    summary, _, _, rejected = reviewed
    got = tiers(OxigraphStore(summary.publication.store), *rejected)
    assert got["tier"] == CELAC + "CandidateTier" and got["continues"] == "false"
    assert got["method"] == CELAC + "AssertedTier" and got["verdict"] == "rejected"


def test_reviews_no_reviews_builds_the_methods_output(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]], tmp_path: Path
) -> None:
    _, corpus, confirmed, rejected = reviewed
    plain = build(corpus, tmp_path / "out", reviews=False)
    store = OxigraphStore(plain.publication.store)
    assert tiers(store, *confirmed)["tier"] == CELAC + "CandidateTier"
    assert tiers(store, *rejected)["tier"] == CELAC + "AssertedTier"
    assert not list(solutions(store.query("SELECT ?r WHERE { ?r a celac:Review }")))


def method_part(text: str) -> str:
    return text.split("carry-over tracing, the method alone", 1)[1].split("what the published")[0]


def test_reviews_evaluate_measures_the_method_alone(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]],
    built: BuildSummary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary, _, _, _ = reviewed
    outputs = []
    for store in (built.publication.store, summary.publication.store):
        assert main(["evaluate", "--store", str(store)]) == 0
        outputs.append(capsys.readouterr().out)
    assert method_part(outputs[0]) == method_part(outputs[1])
    assert all("what the published graph holds" in o for o in outputs)
    # What the graph holds does change: the asserted links are not the same.
    from celac_kg.cli import DEFAULT_PAIRS
    from celac_kg.evaluate import evaluate_trace

    held = [
        evaluate_trace(OxigraphStore(s), DEFAULT_PAIRS)
        for s in (built.publication.store, summary.publication.store)
    ]
    assert (set(held[0].misses), set(held[0].extras)) != (set(held[1].misses), set(held[1].extras))


def test_reviews_a_bad_file_stops_the_build_and_the_previous_one_serves(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]],
) -> None:
    summary, corpus, confirmed, _ = reviewed
    out = corpus.parent / "out"
    before = os.path.realpath(out / CURRENT)
    (corpus / "reviews.toml").write_text(
        review(*confirmed, "confirmed") + review(confirmed[1], confirmed[0], "rejected"),
        encoding="utf-8",
    )
    with pytest.raises(
        ReviewError, match=r"reviews.toml, line 9: .* not a mandate of a plan earlier"
    ):
        build(corpus, out)
    assert os.path.realpath(out / CURRENT) == before
    assert main(["build", "--corpus", str(corpus), "--out", str(out)]) == 1
    assert os.path.realpath(out / CURRENT) == before


def test_reviews_the_canned_query_lists_each_verdict(
    reviewed: tuple[BuildSummary, Path, tuple[str, str], tuple[str, str]],
) -> None:
    summary, _, confirmed, rejected = reviewed
    text = (Path(__file__).resolve().parent.parent / "queries" / "reviews.rq").read_text(
        encoding="utf-8"
    )
    rows = list(solutions(OxigraphStore(summary.publication.store).query(text)))
    got = {tuple(str(v.value) for v in row if v is not None) for row in rows}
    flat = {value for row in got for value in row}
    assert {"confirmed", "rejected", "Ana Pérez"} <= flat, got
    assert set(confirmed) <= flat and set(rejected) <= flat, got
