"""Search: accent- and case-insensitive matching, highlighting, filters, pagination, and the JSON
route — against the real store, with the expected matches computed from SPARQL in the test."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest
from query_results import rows

from api.pages.search import snippet, terms

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from api.settings import Settings
    from graph.oxigraph import OxigraphStore

HTML = {"Accept": "text/html"}


def plain(s: str) -> str:
    """Lower case without accents, written independently of the code under test."""
    return "".join(
        c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn"
    )


def mandates_with_word(store: OxigraphStore, word: str) -> set[str]:
    """Mandates whose text (or other wording) has a word beginning with ``word``."""
    texts = rows(
        store,
        "SELECT ?m ?t WHERE { ?m a celac:Mandate . { ?m celac:text ?t } UNION { ?m celac:alternativeText ?t } }",
    )
    pattern = re.compile(rf"(?<!\w){re.escape(plain(word))}")
    return {r["m"] for r in texts if pattern.search(plain(r["t"]))}


def search_json(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def all_hits(client: TestClient, **params: str) -> list[dict[str, Any]]:
    first = search_json(client, **params)
    hits = list(first["hits"])
    for n in range(2, first["pages"] + 1):
        hits += search_json(client, **params, page=str(n))["hits"]
    assert len(hits) == first["total"]
    return hits


# ---------------------------------------------------------------- pure parts


def test_pages_search_terms_and_snippet() -> None:
    assert terms("  Seguridad, ALIMENTARIA! ") == ["seguridad", "alimentaria"]
    long = "palabra " * 100 + "objetivo final " + "resto " * 100
    start = long.index("objetivo")
    parts = snippet(long, [(start, start + len("objetivo"))], width=120)
    assert ("objetivo", True) in parts
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert sum(len(p) for p, _ in parts) < 180


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(("query", "word"), [("hambre", "hambre"), ("educacion", "educación")])
def test_pages_search_finds_every_mandate_with_the_word(
    client: TestClient, store: OxigraphStore, query: str, word: str
) -> None:
    expected = mandates_with_word(store, word)
    assert expected, f"the corpus should have mandates with {word!r}"
    found = {h["iri"] for h in all_hits(client, q=query, type="mandate")}
    assert found == expected


@pytest.mark.parametrize("variant", ["HAMBRE", "Hambre", "hámbre", "HÁMBRÉ"])
def test_pages_search_accent_and_case_insensitive(client: TestClient, variant: str) -> None:
    reference = search_json(client, q="hambre")
    other = search_json(client, q=variant)
    assert other["total"] == reference["total"] > 0
    assert [h["iri"] for h in other["hits"]] == [h["iri"] for h in reference["hits"]]


def test_pages_search_all_words_must_match(client: TestClient, store: OxigraphStore) -> None:
    both = mandates_with_word(store, "seguridad") & mandates_with_word(store, "alimentaria")
    found = {h["iri"] for h in all_hits(client, q="seguridad alimentaria", type="mandate")}
    assert found == both


def test_pages_search_highlights_words_as_printed(client: TestClient, store: OxigraphStore) -> None:
    response = client.get("/search", params={"q": "educacion"}, headers=HTML)
    assert response.status_code == 200
    marks = {html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", response.text)}
    assert marks and all(plain(m).startswith("educacion") for m in marks)
    assert any(m != plain(m) for m in marks), "the accented word should be marked as printed"
    for hit in search_json(client, q="educacion")["hits"]:
        for field in ("title", "snippet"):
            for start, end in hit[f"{field}_marks"]:
                assert plain(hit[field][start:end]).startswith("educacion")


# ---------------------------------------------------------------- filters and pages


def test_pages_search_filters_by_plan_type_and_theme(
    client: TestClient, store: OxigraphStore
) -> None:
    theme_iri = rows(
        store,
        """SELECT ?t (COUNT(?m) AS ?n) WHERE { ?m a celac:Mandate ; dcterms:subject ?t }
           GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1""",
    )[0]["t"]
    key = theme_iri.rsplit("/", 1)[-1]
    expected = {
        r["m"]
        for r in rows(
            store,
            f"""SELECT ?m WHERE {{ ?m a celac:Mandate ; dcterms:subject <{theme_iri}> ;
                 celac:inPlan/dcterms:identifier "CELAC-2014" }}""",
        )
    }
    hits = all_hits(client, plan="CELAC-2014", type="mandate", theme=key)
    assert {h["iri"] for h in hits} == expected
    assert all(h["type"] == "mandate" and h["plan"] == "CELAC-2014" for h in hits)
    data = search_json(client, q="hambre", plan="CELAC-2014")
    counts = {f["value"]: f["count"] for f in data["facets"]["plan"]}
    unfiltered = search_json(client, q="hambre")
    by_plan = {p: sum(1 for h in all_hits(client, q="hambre") if h["plan"] == p) for p in counts}
    assert counts == by_plan, "plan counts ignore the plan filter itself"
    assert data["total"] == counts["CELAC-2014"] < unfiltered["total"]


def test_pages_search_pages(client: TestClient, store: OxigraphStore, settings: Settings) -> None:
    total = int(rows(store, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a celac:Mandate }")[0]["n"])
    first = search_json(client, type="mandate")
    assert first["total"] == total and first["page_size"] == settings.page_size
    assert first["pages"] == -(-total // settings.page_size) > 1
    second = search_json(client, type="mandate", page="2")
    assert len(first["hits"]) == settings.page_size
    assert not {h["iri"] for h in first["hits"]} & {h["iri"] for h in second["hits"]}
    body = client.get("/search", params={"type": "mandate", "page": "2"}, headers=HTML).text
    assert 'href="/search?type=mandate&amp;page=3"' in body
    assert 'href="/search?type=mandate"' in body  # back to page 1, without page=1


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"q": "x", "plan": "NOPE"}, "plan"),
        ({"q": "x", "type": "unicorn"}, "type"),
        ({"q": "x", "theme": "no-such-theme"}, "theme"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_pages_search_bad_input(client: TestClient, params: dict[str, str], parameter: str) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    problem = response.json()
    assert problem["parameter"] == parameter
    assert problem["detail"].startswith(f"{parameter}: ")
    page = client.get("/search", params=params, headers=HTML)
    assert page.status_code == 400
    assert f"{parameter}: " in html.unescape(page.text)


def test_pages_search_empty_query_shows_nothing(client: TestClient) -> None:
    assert search_json(client)["total"] == 0
    body = client.get("/search", headers=HTML).text
    assert 'class="hit ' not in body


def test_pages_search_openapi_documents_the_json_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "plan", "type", "theme", "page", "lang"} <= names
    assert "400" in operation["responses"] and "200" in operation["responses"]
    assert "/search" not in spec["paths"] and "/" not in spec["paths"]
