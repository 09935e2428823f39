"""Labels as a reader cites them, over HTTP against the real build: items cited by the numbers
the plan prints, printed numbers in their natural order, a plan known by its period, headings
printed in capitals shown in sentence case (the data keeps them as printed), no markdown left.
Resources are looked up with SPARQL in the tests, never by fixed IRIs."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest
from query_results import rows

from api.pages.catalog import read as read_catalog
from api.pages.display import calm
from api.pages.links import local
from graph.labels import natural_key

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from graph.oxigraph import OxigraphStore

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def reader(app: FastAPI) -> TestClient:
    """A client of its own: ``?lang=`` sets a cookie, which the session's client must not keep."""
    from fastapi.testclient import TestClient

    return TestClient(app)


def text_of(body: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def nested_items(store: OxigraphStore) -> list[dict[str, str]]:
    """Mandates of a numbered section inside a numbered chapter whose number prints the section's
    number again ("10.1" in section "10" of chapter "II")."""
    found = rows(
        store,
        """SELECT ?m ?label ?chapter ?section ?number ?id WHERE {
             ?m a celac:Mandate ; celac:number ?number ; rdfs:label ?label ;
                celac:inPlan/dcterms:identifier ?id .
             ?s celac:hasMandate ?m ; celac:number ?section ; celac:subAreaOf ?c .
             ?c celac:number ?chapter FILTER NOT EXISTS { ?c celac:subAreaOf ?any }
             FILTER(STRSTARTS(?number, CONCAT(?section, ".")))
           }""",
    )
    assert found, "no section item that prints its section's number in the build"
    return found


def test_pages_labels_items_cited_as_printed(reader: TestClient, store: OxigraphStore) -> None:
    items = nested_items(store)
    for row in items:
        printed = f"{row['chapter']}.{row['number']}"
        doubled = f"{row['chapter']}.{row['section']}.{row['number']}"
        assert row["label"].startswith(f"{row['id']} {printed}:"), row
        assert doubled not in row["label"], row
    # The item with the widest section number ("10.1" rather than "1.1"), on its page.
    row = max(items, key=lambda r: natural_key(r["number"]))
    page = text_of(reader.get(local(row["m"]) + "?lang=en", headers=HTML).text)
    assert f"{row['chapter']}.{row['number']}" in page
    assert f"{row['chapter']}.{row['section']}.{row['number']}" not in page


def test_pages_labels_plan_known_by_its_period(reader: TestClient, store: OxigraphStore) -> None:
    """A plan whose title names years other than the year it was adopted is shown with them."""
    found = rows(
        store,
        """SELECT ?p ?id ?period ?date WHERE {
             ?p a celac:Plan ; dcterms:identifier ?id ; celac:period ?period ; dcterms:date ?date
             FILTER(!STRSTARTS(?period, SUBSTR(STR(?date), 1, 4)))
           }""",
    )
    assert found, "no plan known by years other than its adoption's"
    for lang in ("es", "en"):
        home = reader.get(f"/?lang={lang}", headers=HTML).text
        for row in found:
            card = home[home.index(f'class="plan-card plan-{row["id"].lower()}"') :]
            date = re.search(r'class="plan-date">(.*?)</span>', card)
            assert date is not None and text_of(date.group(1)).strip() == row["period"], row
        plan = text_of(reader.get(local(found[0]["p"]) + f"?lang={lang}", headers=HTML).text)
        assert found[0]["period"] in plan
    # The plan badges of the other pages: the id, and the period only where the id lacks it.
    cat = read_catalog(store)
    for row in found:
        first = cat.plans[0].id
        pages = [f"/plans/{row['id']}/{first}", "/themes/flow"]
        for url in pages:
            page = text_of(reader.get(f"{url}?lang=en", headers=HTML).text)
            assert f"{row['id']} {row['date'][:4]}" not in page, url


def test_pages_labels_headings_in_capitals_shown_calm(
    reader: TestClient, store: OxigraphStore
) -> None:
    capitals = [
        r
        for r in rows(store, "SELECT ?a ?title WHERE { ?a a celac:Area ; rdfs:label ?title }")
        if r["title"].isupper() and len(r["title"]) > 6
    ]
    assert capitals, "no heading printed in capitals in the build"
    row = sorted(capitals, key=lambda r: r["a"])[0]
    for lang in ("es", "en"):
        body = reader.get(local(row["a"]) + f"?lang={lang}", headers=HTML).text
        # The statements table quotes the data's literals as they are: the printed heading.
        assert row["title"] in text_of(body)
        shown = text_of(re.sub(r'<span class="literal"[^>]*>[^<]*</span>', "", body))
        assert calm(row["title"]) in shown
        assert row["title"] not in shown, lang


def test_pages_labels_no_markdown(reader: TestClient, store: OxigraphStore) -> None:
    """No label or text of the graph keeps markdown emphasis; where the source prints it, the
    exact quote (oa:exact) still does."""
    marked = rows(
        store,
        """SELECT ?s ?v WHERE { ?s rdfs:label|celac:text|dcterms:title|rdf:value ?v
                                FILTER(REGEX(STR(?v), "(^|\\\\s)[*_][^*_ ]")) }""",
    )
    assert not marked, marked[:3]
    exact = rows(store, 'SELECT ?q WHERE { ?q oa:exact ?e FILTER(CONTAINS(?e, "*")) }')
    assert exact, "the source's emphasis is gone from the exact quotes too"


def test_pages_labels_lists_in_natural_order(reader: TestClient, store: OxigraphStore) -> None:
    """An area's mandates, as the linked-data page lists them (by label), go II.x.2 before
    II.x.10; the catalog orders a plan's sub-areas as printed."""
    cat = read_catalog(store)
    busy = max(
        (a for a in cat.areas.values() if a.number and a.parent),
        key=lambda a: len(cat.mandates_by_area.get(a.iri, [])),
    )
    numbers = [m.number for m in cat.mandates_by_area[busy.iri]]
    assert len(numbers) >= 2
    page = reader.get(local(busy.iri) + "?lang=en", headers={"Accept": "text/html"}).text
    shown = [cat.printed_number(m.iri) for m in cat.mandates_by_area[busy.iri]]
    at = [page.index(number) for number in shown]
    assert at == sorted(at), shown
    assert shown == sorted(shown, key=natural_key)


def test_pages_labels_statements_in_the_order_of_the_text(
    reader: TestClient, store: OxigraphStore
) -> None:
    """A plan's page lists its areas (celac:hasArea) as the plan prints them, not by title."""
    cat = read_catalog(store)
    plan = max(cat.plans, key=lambda p: len(cat.areas_by_plan.get(p.iri, [])))
    body = reader.get(local(plan.iri) + "?lang=en", headers=HTML).text
    row = body[body.index('title="celac:hasArea"') :]
    row = row[: row.index("</tr>")]
    shown = re.findall(r'<li><a href="([^"]+)"', row)
    assert shown == [local(a.iri) for a in cat.areas_by_plan[plan.iri]]
    titles = [cat.label(a.iri, "es") for a in cat.areas_by_plan[plan.iri]]
    assert titles != sorted(titles, key=natural_key)  # the text's order is not the titles'
