"""A path no route serves: a browser gets a page in its reader's language, other clients JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi import FastAPI

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("lang", "heading", "sentence"),
    [
        ("es", "No encontrado", "No hay ninguna página en /no/such/page."),
        ("en", "Not found", "There is no page at /no/such/page."),
    ],
)
def test_pages_not_found_for_a_browser(
    app: FastAPI, lang: str, heading: str, sentence: str
) -> None:
    from fastapi.testclient import TestClient

    answer = TestClient(app).get(f"/no/such/page?lang={lang}", headers={"Accept": BROWSER})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in answer.text
    assert f"<h1>{heading}</h1>" in answer.text and sentence in answer.text


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_pages_not_found_for_other_clients(app: FastAPI, accept: str | None) -> None:
    from fastapi.testclient import TestClient

    headers = {} if accept is None else {"Accept": accept}
    answer = TestClient(app).get("/no/such/page", headers=headers)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not Found"}


def test_pages_not_found_leaves_other_errors(app: FastAPI) -> None:
    from fastapi.testclient import TestClient

    answer = TestClient(app).delete("/search", headers={"Accept": BROWSER})
    assert answer.status_code == 405
    assert answer.json() == {"detail": "Method Not Allowed"}
