"""api/errors.py: each error of the app answered in one place, by status, as JSON or plain text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import errors
from api.errors import ApiError, BadRequest, NoSuchDump, NotFound, SearchError, UnknownPlan
from graph.errors import StoreError


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = FastAPI()
    errors.install(app)

    @app.get("/dumps/{name}")
    def dump(name: str) -> str:
        raise NoSuchDump(f"no dump {name!r}: the dumps are celac-kg.ttl, celac-kg.nq")

    @app.get("/api/search")
    def search() -> str:
        raise SearchError("page", "%(page)s is past the last page", page=9)

    @app.get("/store")
    def store() -> str:
        raise StoreError("no store in /srv/kg")

    with TestClient(app) as c:
        yield c


def test_errors_form_one_hierarchy() -> None:
    for error in (NoSuchDump, UnknownPlan):
        assert issubclass(error, NotFound) and error.status_code == 404
    assert issubclass(SearchError, BadRequest) and SearchError.status_code == 400
    assert issubclass(BadRequest, ApiError) and issubclass(BadRequest, ValueError)
    assert issubclass(NotFound, LookupError)


def test_errors_not_found_as_text(client: TestClient) -> None:
    answer = client.get("/dumps/x.rdf", headers={"Accept": "text/turtle"})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text == "no dump 'x.rdf': the dumps are celac-kg.ttl, celac-kg.nq"
    assert answer.headers["vary"] == "Accept"


def test_errors_as_json_when_asked(client: TestClient) -> None:
    answer = client.get("/dumps/x.rdf", headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no dump 'x.rdf': the dumps are celac-kg.ttl, celac-kg.nq"}


def test_errors_json_api_names_the_parameter(client: TestClient) -> None:
    answer = client.get("/api/search", headers={"Accept": "text/html"})
    assert answer.status_code == 400
    assert answer.json() == {"detail": "page: 9 is past the last page", "parameter": "page"}


def test_errors_store_that_cannot_answer_is_503(client: TestClient) -> None:
    answer = client.get("/store")
    assert answer.status_code == 503
    assert answer.text == "the store could not answer: no store in /srv/kg"
