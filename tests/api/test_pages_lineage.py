"""A mandate's lineage and its picture, and the catalog the pages share, against the real store."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pyoxigraph import QuerySolutions

from api.pages.catalog import catalog
from api.pages.lineage import CANDIDATES_SHOWN, label_box, links, picture, shown

if TYPE_CHECKING:
    from graph.oxigraph import OxigraphStore

KINDS = {"reiterates": "R", "reformulates": "F", "followsUp": "U", "extends": "E"}


def values(store: OxigraphStore, query: str, name: str) -> list[str]:
    result = store.query(query)
    assert isinstance(result, QuerySolutions)
    return [s[name].value for s in result]


def longest_chain(store: OxigraphStore) -> str:
    return values(
        store,
        """SELECT ?a (COUNT(DISTINCT ?b) AS ?n) WHERE { ?a celac:continues+ ?b }
           GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1""",
        "a",
    )[0]


def test_pages_lineage_links_hold_the_whole_asserted_chain(store: OxigraphStore) -> None:
    mandate = longest_chain(store)
    found = links(store, catalog(store), mandate)
    ancestors = set(values(store, f"SELECT ?b WHERE {{ <{mandate}> celac:continues+ ?b }}", "b"))
    assert ancestors
    reached = {k.earlier for k in found if k.tier != "candidate"}
    assert ancestors <= reached
    candidates = set(values(store, f"SELECT ?c WHERE {{ ?c celac:later <{mandate}> }}", "c"))
    assert candidates <= {k.iri for k in found}
    for k in found:
        assert 0 <= k.score <= 1 and k.rank >= 1 and k.evidence
        assert k.kind in KINDS
        assert k.tier in ("asserted", "probable", "candidate")
        assert k.asserted == (k.tier == "asserted")
        # The tier is what the store says: an asserted link has its celac:continues shortcut.
        shortcut = f"ASK {{ <{k.later}> celac:continues <{k.earlier}> }}"
        assert bool(store.query(shortcut)) == k.asserted, k.iri


def test_pages_lineage_picture_columns_nodes_and_edges(store: OxigraphStore) -> None:
    cat = catalog(store)
    mandate = longest_chain(store)
    found = links(store, catalog(store), mandate)
    tiers = {"asserted": "A", "probable": "P", "candidate": "C"}
    pic = picture(cat, mandate, found, "en", KINDS, tiers)
    plans = values(
        store,
        "SELECT ?id WHERE { ?p a celac:Plan ; dcterms:identifier ?id ; dcterms:date ?d } ORDER BY ?d",
        "id",
    )
    assert [c.id for c in pic.columns] == plans
    drawn = shown(mandate, found)
    members = {mandate} | {k.later for k in drawn} | {k.earlier for k in drawn}
    assert {n.iri for n in pic.nodes} == members
    assert sum(n.focal for n in pic.nodes) == 1
    assert len(pic.edges) == len(drawn)
    by_iri = {n.iri: n for n in pic.nodes}
    for e in pic.edges:
        a, b = by_iri[e.link.earlier], by_iri[e.link.later]
        assert a.x < b.x, "an earlier plan's mandate is drawn left of the later one"
        start = re.match(r"M([\d.]+),([\d.]+)", e.path)
        assert start is not None
        assert abs(float(start.group(1)) - (a.x + a.width)) < 0.1
        assert e.path.rstrip().endswith(f"{b.x:.1f},{b.y + b.height / 2:.1f}")
        assert e.label == KINDS[e.link.kind]
        assert e.score == f"{e.link.number:.2f} · {tiers[e.link.tier]}"
        assert e.link.tier != "candidate", "a candidate is not a relation: it is not drawn"
        assert b.x - (a.x + a.width) > 0
    # Edge labels never overlap one another.
    boxes = [label_box(e) for e in pic.edges]
    for i, one in enumerate(boxes):
        for two in boxes[i + 1 :]:
            apart = one[2] <= two[0] or two[2] <= one[0] or one[3] <= two[1] or two[3] <= one[1]
            assert apart, (one, two)
    # Full texts on hover.
    for n in pic.nodes:
        assert n.tooltip.endswith(cat.mandates[n.iri].text)
    # Nodes in one column never overlap.
    for c in {n.x for n in pic.nodes}:
        column = sorted((n for n in pic.nodes if n.x == c), key=lambda n: n.y)
        for upper, lower in zip(column, column[1:], strict=False):
            assert upper.y + upper.height <= lower.y
        assert all(0 < n.y and n.y + n.height < pic.height for n in column)


def test_pages_lineage_a_link_that_skips_a_plan_passes_beside_its_boxes(
    store: OxigraphStore,
) -> None:
    cat = catalog(store)
    order = {p.iri: p.order for p in cat.plans}
    for mandate in sorted(cat.mandates):
        found = links(store, catalog(store), mandate)
        skipping = [
            k
            for k in shown(mandate, found)
            if order[cat.mandates[k.later].plan] - order[cat.mandates[k.earlier].plan] > 1
        ]
        if skipping:
            break
    else:
        raise AssertionError("no lineage in the corpus has a link that skips a plan")
    pic = picture(cat, mandate, found, "es", KINDS)
    for k in skipping:
        edge = next(e for e in pic.edges if e.link.iri == k.iri)
        # It crosses each skipped column in a straight stretch that runs beside its boxes.
        stretches = [(float(a), float(b)) for a, b in re.findall(r"L([\d.]+),([\d.]+)", edge.path)]
        assert stretches
        for x, y in stretches:
            for n in pic.nodes:
                if abs(n.x + n.width - x) < 0.1:
                    assert not n.y <= y <= n.y + n.height, (k.iri, n.iri)


def test_pages_lineage_draws_relations_not_candidates(store: OxigraphStore) -> None:
    busiest = values(
        store,
        "SELECT ?e (COUNT(?c) AS ?n) WHERE { ?c prov:entity ?e } GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1",
        "e",
    )[0]
    found = links(store, catalog(store), busiest)
    drawn = shown(busiest, found)
    later = [k for k in drawn if k.tier == "candidate" and k.earlier == busiest]
    assert len(later) == min(
        CANDIDATES_SHOWN, sum(1 for k in found if k.tier == "candidate" and k.earlier == busiest)
    )
    assert all(k in drawn for k in found if k.tier != "candidate")


def test_pages_lineage_catalog_matches_the_graph(store: OxigraphStore) -> None:
    cat = catalog(store)
    assert catalog(store) is cat, "read once per store"
    mandates = values(store, "SELECT ?m WHERE { ?m a celac:Mandate }", "m")
    assert set(cat.mandates) == set(mandates)
    pairs = store.query("SELECT ?l ?e WHERE { ?l celac:continues ?e }")
    assert isinstance(pairs, QuerySolutions)
    assert {(s["l"].value, s["e"].value) for s in pairs} == set(cat.continues)
    for plan in cat.plans:
        areas = values(store, f"SELECT ?a WHERE {{ <{plan.iri}> celac:hasArea ?a }}", "a")
        assert {a.iri for a in cat.areas_by_plan[plan.iri]} == set(areas)
