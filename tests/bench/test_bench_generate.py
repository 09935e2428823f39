"""The synthetic corpus of the benchmark (bench/generate.py): the same for the same seed, valid
against the project's shapes, about as large as asked, and answering the benchmark's queries."""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
from pyoxigraph import QuerySolutions, QueryTriples, RdfFormat, Store, parse, serialize
from rdflib import Graph

from bench import queries
from bench.generate import generate, write_nquads
from graph.namespaces import PREFIXES
from graph.paths import ONTOLOGY_DIR
from graph.publish import store_path
from graph.validate import validate

pytestmark = pytest.mark.slow

SMALL = 10_000


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 10k dataset, generated and loaded into a store laid out like a build."""
    out = tmp_path_factory.mktemp("synthetic")
    generate(SMALL, 42, out)
    return out


def test_bench_generate_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    write_nquads(5_000, 7, a)
    write_nquads(5_000, 7, b)
    write_nquads(5_000, 8, c)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


@pytest.mark.parametrize("triples", [5_000, SMALL, 100_000])
def test_bench_generate_about_the_size_asked(tmp_path: Path, triples: int) -> None:
    quads, plans = write_nquads(triples, 1, tmp_path / "d.nq")
    lines = (tmp_path / "d.nq").read_text(encoding="utf-8").count("\n")
    assert lines == quads
    assert triples <= quads <= triples * 1.1
    assert plans >= 4


def test_bench_generate_conforms_to_the_shapes(small: Path) -> None:
    # The union of the named graphs, as the build validates it.
    quads = parse(path=str(small / "current" / "dumps" / "celac-kg.nq"), format=RdfFormat.N_QUADS)
    triples = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES)
    assert triples is not None
    union = Graph().parse(data=triples.decode("utf-8"), format="nt")
    ontology = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        ontology.parse(path, format="turtle")
    report = validate(union, ontology=ontology)
    assert report.conforms, report.text()


def test_bench_generate_store_laid_out_like_a_build(small: Path) -> None:
    store = Store.read_only(str(store_path(small)))
    lines = (small / "current" / "dumps" / "celac-kg.nq").read_text(encoding="utf-8")
    assert len(store) == lines.count("\n")
    graphs = _column(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "g")
    plans = _column(store, "SELECT ?p WHERE { ?p a celac:Plan }", "p")
    assert len(plans) >= 4
    for plan in plans:
        assert plan.replace("/id/plan/", "/id/graph/") in graphs
    for shared in ("id/graph/shared", "id/graph/entities"):
        assert PREFIXES["id"] + shared.removeprefix("id/") in graphs


def test_bench_generate_mandate_text_is_where_its_selector_says(small: Path) -> None:
    store = Store.read_only(str(store_path(small)))
    rows = _rows(
        store,
        """SELECT ?text ?exact ?start ?end WHERE {
             ?m a celac:Mandate ; celac:text ?text ;
                prov:wasDerivedFrom/oa:hasSelector ?q, ?p .
             ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }""",
    )
    assert rows
    for text, exact, start, end in rows:
        assert text == exact
        assert int(end) - int(start) == len(text)


def test_bench_generate_answers_every_benchmark_query(small: Path) -> None:
    store = Store.read_only(str(store_path(small)))
    continuing = _column(store, "SELECT ?m WHERE { ?m celac:continues ?e }", "m")
    word = "cooperación"
    for q in queries.read_all():
        sparql = q.instances(continuing, [word], 1, Random(0))[0]
        result = store.query(sparql, use_default_graph_as_union=True)
        answers = list(result) if isinstance(result, QuerySolutions | QueryTriples) else []
        assert answers, f"{q.name} gave nothing on the {SMALL} dataset"
    mandates = len(_column(store, "SELECT ?m WHERE { ?m a celac:Mandate }", "m"))
    per_plan = _rows(store, queries.read_all(only=["count_per_plan"])[0].template)
    assert sum(int(n) for _, n in per_plan) == mandates


def _rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [tuple(s[n].value for n in names) for s in result]


def _column(store: Store, sparql: str, name: str) -> list[str]:
    result = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    return [s[name].value for s in result]
