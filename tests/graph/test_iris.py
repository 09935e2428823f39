from __future__ import annotations

import pytest

from graph import iris


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CELAC-2014", "celac-2014"),
        ("II", "ii"),
        ("1.1", "1.1"),
        ("Educación y Cultura", "educacion-y-cultura"),
    ],
)
def test_iris_slug(text: str, expected: str) -> None:
    assert iris.slug(text) == expected


def test_iris_slug_refuses_empty() -> None:
    with pytest.raises(ValueError, match="empty IRI segment"):
        iris.slug("¿?")


def test_iris_key_uses_the_number_only_when_unique() -> None:
    assert iris.key("II", 2, ["I", "II"]) == "ii"
    assert iris.key(None, 3, [None, None, None]) == "3"
    assert iris.key("1", 2, ["1", "1"]) == "2"
    assert iris.key("1", 4, [None, None, None, "1", "2"]) == "4"


def test_iris_hierarchy() -> None:
    plan = iris.plan("celac-2014")
    area = iris.child(plan, "area", "3")
    assert (
        str(iris.child(area, "mandate", "10"))
        == "https://w3id.org/celac-kg/id/plan/celac-2014/area/3/mandate/10"
    )
    assert str(iris.reading(area, "x-y.txt", "objective", 2)).endswith(
        "area/3#from-x-y-objective-2"
    )


def test_iris_mandate_iris_are_those_the_plan_graphs_give() -> None:
    from datetime import UTC, datetime
    from pathlib import Path

    from rdflib import URIRef
    from rdflib.namespace import RDF

    from extract.plans import read_plans
    from graph.namespaces import CELAC
    from graph.rdf import BuildInfo, dataset

    plans = read_plans(Path(__file__).resolve().parents[2] / "corpus")
    now = datetime.now(UTC)
    ds = dataset(plans, BuildInfo(now, now, "0"))
    written = {
        s
        for g in ds.graphs()
        for s in g.subjects(RDF.type, CELAC.Mandate)
        if isinstance(s, URIRef)
    }
    worked_out = iris.mandate_iris(plans)
    assert set(worked_out.values()) == written
    assert len(worked_out) == sum(len(p.all_mandates()) for p in plans)
