"""The home page (the plans on a timeline with their counts, the search box, the example
questions opening their queries) and the static files, against the real store."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from query_results import rows

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from graph.oxigraph import OxigraphStore

QUERIES = Path(__file__).resolve().parents[2] / "queries"
HTML = {"Accept": "text/html"}


def test_pages_home_plans_on_the_timeline_with_their_counts(
    client: TestClient, store: OxigraphStore
) -> None:
    plans = rows(
        store,
        """SELECT ?id ?date ?period (COUNT(DISTINCT ?a) AS ?areas) (COUNT(DISTINCT ?m) AS ?mandates)
                      (COUNT(DISTINCT ?pair) AS ?continuations) WHERE {
              ?p a celac:Plan ; dcterms:identifier ?id ; dcterms:date ?date ; celac:hasArea ?a .
              OPTIONAL { ?a celac:hasMandate ?m }
              OPTIONAL { ?p celac:period ?period }
              OPTIONAL { ?x celac:inPlan ?p ; celac:continues ?e BIND(CONCAT(STR(?x), STR(?e)) AS ?pair) }
            } GROUP BY ?id ?date ?period ORDER BY ?date""",
    )
    body = client.get("/", headers=HTML).text
    cards = re.findall(
        r'<li class="plan-card plan-([^"]+)" role="listitem" style="--at: ([\d.]+)%">(.*?)</li>',
        body,
        re.S,
    )
    assert [c[0] for c in cards] == [p["id"].lower() for p in plans]
    positions = [float(c[1]) for c in cards]
    assert positions == sorted(positions) and positions[0] < positions[-1]
    for plan, (_, _, card) in zip(plans, cards, strict=True):
        words = " ".join(re.sub(r"<[^>]+>", " ", card).split())
        assert f"{plan['areas']} areas" in words or f"{plan['areas']} áreas" in words
        assert f"{plan['mandates']} " in words
        assert f"{plan['continuations']} " in words
        # Known by its period where its title names one, else by the year it was adopted.
        assert plan.get("period", plan["date"][:4]) in words
    assert '<form class="search-form big" action="/search"' in body


def test_pages_home_example_questions_open_their_queries(client: TestClient) -> None:
    body = client.get("/", headers=HTML).text
    links = [html.unescape(h) for h in re.findall(r'href="(/sparql\?[^"]+)"', body)]
    opened = {parse_qs(urlsplit(link).query)["query"][0] for link in links}
    files = {p.read_text(encoding="utf-8") for p in QUERIES.glob("*.rq")}
    assert files and opened == files


def test_pages_home_in_english(client: TestClient) -> None:
    first_titles = {
        p.read_text(encoding="utf-8").splitlines()[0].lstrip("# ") for p in QUERIES.glob("*.rq")
    }
    from fastapi.testclient import TestClient as Fresh

    # A client of its own: ?lang= sets a cookie.
    body = Fresh(client.app).get("/", params={"lang": "en"}, headers=HTML).text
    assert '<html lang="en">' in body
    assert all(t in html.unescape(body) for t in first_titles)


def test_pages_home_static_files_are_served(client: TestClient) -> None:
    body = client.get("/", headers=HTML).text
    assert 'href="/static/style.css"' in body
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    fonts = re.findall(r'url\("(/static/fonts/[^"]+)"\)', css.text)
    assert fonts
    for font in fonts:
        served = client.get(font)
        assert served.status_code == 200 and served.content[:4] == b"wOF2", font
    # No page asks for anything from another site: no CDN.
    for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", body):
        assert "//" not in re.sub(r'rel="[^"]*"', "", tag).replace(
            "http://www.w3.org/2000/svg", ""
        ), tag
    assert client.get("/static/../api/main.py").status_code == 404
