"""The query editor's data (the canned queries, their prefixes) and its page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from markupsafe import escape

from api.pages.messages import Translator
from api.sparql import editor
from api.sparql.editor import canned_queries, declare_prefixes, yasgui_installed
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi.testclient import TestClient

    from api.settings import Settings

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_sparql_editor_reads_canned_queries(tmp_path: Path) -> None:
    (tmp_path / "b.rq").write_text(
        "# Second\n# What it does,\n# on two lines.\nSELECT ?m WHERE { ?m a celac:Mandate }\n",
        encoding="utf-8",
    )
    (tmp_path / "a.rq").write_text("ASK { ?s ?p ?o }\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("# not a query", encoding="utf-8")
    first, second = canned_queries(PREFIXES, tmp_path)
    assert (first.name, first.title, first.description) == ("a", "a", "")
    assert first.text == "ASK { ?s ?p ?o }"
    assert (second.title, second.description) == ("Second", "What it does, on two lines.")
    assert second.text == (
        "# Second\n# What it does,\n# on two lines.\n"
        f"PREFIX celac: <{PREFIXES['celac']}>\n"
        "SELECT ?m WHERE { ?m a celac:Mandate }"
    )


def test_sparql_editor_refuses_an_empty_query(tmp_path: Path) -> None:
    (tmp_path / "empty.rq").write_text("# Title\n# nothing else\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.rq holds no query"):
        canned_queries(PREFIXES, tmp_path)


@pytest.mark.parametrize(
    ("query", "declared"),
    [
        ("SELECT * { ?s a celac:Plan ; dcterms:title ?t }", ["celac", "dcterms"]),
        ("PREFIX celac: <http://other/> SELECT * { ?s a celac:Plan }", []),
        ("SELECT * { ?s ?p <http://example.org/celac:x> }", []),
        ('SELECT * { ?s ?p "at time: 10" }', ["time"]),  # a harmless extra declaration
        ("SELECT * { ?s skos:prefLabel ?l FILTER(?l != xsd:string) }", ["skos", "xsd"]),
        ("SELECT * { ?s ?p ?o }", []),
    ],
)
def test_sparql_editor_declares_the_prefixes_used(query: str, declared: list[str]) -> None:
    text = declare_prefixes(query, PREFIXES)
    assert text.endswith(query)
    header = text[: -len(query)]
    assert header == "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in declared)


def test_sparql_editor_every_canned_query_runs(client: TestClient) -> None:
    examples = canned_queries(PREFIXES)
    assert len(examples) == len(list(editor.QUERIES_DIR.glob("*.rq")))
    for example in examples:
        response = client.post("/sparql", data={"query": example.text})
        assert response.status_code == 200, (example.name, response.text)
        assert "results" in response.json() or "boolean" in response.json()


def test_sparql_editor_page(client: TestClient, settings: Settings) -> None:
    # the endpoint's URL comes from the settings, whatever Host the request names
    response = client.get(
        "/sparql", params={"lang": "en"}, headers={"Accept": BROWSER, "Host": "evil.example"}
    )
    assert response.status_code == 200
    config = json.loads(response.text.split('id="sparql-config">')[1].split("</script>")[0])
    assert config["endpoint"] == f"http://127.0.0.1:{settings.port}/sparql"
    assert "evil.example" not in response.text
    assert config["prefixes"] == PREFIXES
    assert [e["title"] for e in config["examples"]] == [q.title for q in canned_queries(PREFIXES)]
    assert config["query"] is None
    for example in canned_queries(PREFIXES):
        assert f'data-example="{example.title}"'.replace("'", "&#39;") in response.text


def test_sparql_editor_examples_in_spanish(client: TestClient) -> None:
    """On a Spanish page the examples' tabs, titles, descriptions and opening comments are the
    catalog's (queries.po), and the editor's own words are Spanish."""
    es = Translator("es")
    response = client.get("/sparql", params={"lang": "es"}, headers={"Accept": BROWSER})
    config = json.loads(response.text.split('id="sparql-config">')[1].split("</script>")[0])
    canned = canned_queries(PREFIXES)
    assert [e["title"] for e in config["examples"]] == [es(q.title) for q in canned]
    assert config["tabName"] == "Consulta"
    for example, shown in zip(canned, config["examples"], strict=True):
        assert es(example.title) != example.title, example.name
        assert shown["query"].startswith(f"# {es(example.title)}\n# "), example.name
        assert example.title not in shown["query"]
        description = str(escape(es(example.description)))
        assert f'title="{description}"' in response.text, example.name


def test_sparql_editor_page_in_english(client: TestClient) -> None:
    response = client.get("/sparql", params={"lang": "en"}, headers={"Accept": BROWSER})
    assert "SPARQL queries" in response.text
    response = client.get("/sparql", params={"lang": "es"}, headers={"Accept": BROWSER})
    assert "Consultas SPARQL" in response.text


def test_sparql_editor_says_how_to_install_yasgui(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    assert yasgui_installed()
    monkeypatch.setattr(editor, "YASGUI_DIR", tmp_path)
    assert not yasgui_installed()
    response = client.get("/sparql", params={"lang": "en"}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert "are not installed" in response.text
    assert "make install" in response.text
    assert "yasgui.min.js" not in response.text
    assert f'<form method="get" action="{settings.public_url}sparql">' in response.text
    assert str(tmp_path) in response.text
