"""Public-web hygiene of every answer (api/hygiene.py): security headers, HEAD wherever GET,
validators per build with 304s, Vary, bounded echoes of bad input; the API docs served here."""

from __future__ import annotations

import http.client
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store

from api.hygiene import (
    MAX_PATH,
    MAX_QUERY,
    _etag,
    _not_modified,
    content_security_policy,
    security_headers,
)
from api.main import create_app
from api.settings import Settings

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PLAN = "/id/plan/celac-2014"
# (path, Accept): pages, linked data, search, the query editor and the API's documents.
PAGES = [
    ("/", BROWSER),
    ("/search?q=salud", BROWSER),
    (PLAN, BROWSER),
    ("/sparql", BROWSER),
    ("/docs", BROWSER),
    ("/redoc", BROWSER),
]
ANSWERS = [
    *PAGES,
    (PLAN, "text/turtle"),
    (PLAN, "application/ld+json"),
    ("/api/search?q=salud", "application/json"),
    ("/sparql?query=ASK%20%7B%7D", "application/sparql-results+json"),
    ("/.well-known/void", "text/turtle"),
]


def test_hygiene_policy_allows_only_this_service() -> None:
    csp = content_security_policy()
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp  # no inline scripts, no eval
    assert "frame-ancestors 'none'" in csp
    assert "http" not in csp
    assert "connect-src 'self' https://kg.example" in content_security_policy(
        ["https://kg.example"]
    )


@pytest.mark.parametrize(("path", "accept"), ANSWERS)
def test_hygiene_security_headers_on_every_answer(
    client: TestClient, path: str, accept: str
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, response.text[:300]
    for name, value in security_headers(content_security_policy()):
        assert response.headers[name.decode()] == value.decode()


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/plan/no-such-plan", BROWSER),
        ("/nowhere", BROWSER),
        ("/sparql?query=ASK", "application/sparql-results+json"),
    ],
)
def test_hygiene_security_headers_on_errors(client: TestClient, path: str, accept: str) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code >= 400
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(("path", "accept"), ANSWERS)
def test_hygiene_head_wherever_get(client: TestClient, path: str, accept: str) -> None:
    got = client.get(path, headers={"Accept": accept})
    head = client.head(path, headers={"Accept": accept})
    assert head.status_code == 200, (path, head.status_code)
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-length") == got.headers.get("content-length")
    assert head.headers["etag"] == got.headers["etag"]


@pytest.mark.parametrize(("path", "accept"), ANSWERS)
def test_hygiene_conditional_get(client: TestClient, path: str, accept: str) -> None:
    first = client.get(path, headers={"Accept": accept})
    etag = first.headers["etag"]
    modified = first.headers["last-modified"]
    assert etag.startswith('W/"')
    again = client.get(path, headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["x-content-type-options"] == "nosniff"
    since = client.get(path, headers={"Accept": accept, "If-Modified-Since": modified})
    assert since.status_code == 304
    head = client.head(path, headers={"Accept": accept, "If-None-Match": f'"x", {etag}'})
    assert head.status_code == 304
    stale = client.get(path, headers={"Accept": accept, "If-None-Match": 'W/"other"'})
    assert stale.status_code == 200
    older = formatdate(0, usegmt=True)
    assert (
        client.get(path, headers={"Accept": accept, "If-Modified-Since": older}).status_code == 200
    )


def test_hygiene_etag_tells_representations_apart(client: TestClient) -> None:
    turtle = client.get(PLAN, headers={"Accept": "text/turtle"}).headers["etag"]
    jsonld = client.get(PLAN, headers={"Accept": "application/ld+json"}).headers["etag"]
    spanish = client.get(PLAN, headers={"Accept": BROWSER, "Accept-Language": "es"})
    english = client.get(PLAN, headers={"Accept": BROWSER, "Accept-Language": "en"})
    assert len({turtle, jsonld, spanish.headers["etag"], english.headers["etag"]}) == 4
    # an English reader's validator does not get a Spanish reader a 304
    crossed = client.get(
        PLAN,
        headers={
            "Accept": BROWSER,
            "Accept-Language": "es",
            "If-None-Match": english.headers["etag"],
        },
    )
    assert crossed.status_code == 200


@pytest.mark.parametrize("path", ["/", "/search?q=salud", PLAN, "/sparql"])
def test_hygiene_pages_vary_by_language(client: TestClient, path: str) -> None:
    vary = client.get(path, headers={"Accept": BROWSER}).headers["vary"].lower()
    assert "accept-language" in vary
    assert "cookie" in vary


@pytest.mark.parametrize(
    "path", [PLAN, "/sparql?query=ASK%20%7B%7D", "/.well-known/void", "/sparql"]
)
def test_hygiene_negotiated_answers_vary_by_accept(client: TestClient, path: str) -> None:
    for accept in (BROWSER, "text/turtle", "*/*"):
        response = client.get(path, headers={"Accept": accept})
        if response.status_code == 200:
            assert "accept" in [v.strip() for v in response.headers["vary"].lower().split(",")]


def test_hygiene_long_paths_and_searches_are_not_echoed(client: TestClient) -> None:
    # 60 KB: the test client refuses URLs over 64 KiB (see the live test below for 100 KB)
    long_id = client.get("/id/plan/" + "a" * 60_000, headers={"Accept": "text/turtle"})
    assert long_id.status_code == 414
    assert len(long_id.content) < 500
    assert sum(len(v) for v in long_id.headers.values()) < 2_000
    for path in ("/search", "/api/search"):
        search = client.get(path, params={"q": "salud " * 9_000}, headers={"Accept": BROWSER})
        assert search.status_code == 414
        assert len(search.content) < 500
    # under the limits, what is echoed is bounded by them
    near = client.get("/id/plan/" + "a" * (MAX_PATH - 20), headers={"Accept": "text/turtle"})
    assert near.status_code == 404
    assert sum(len(v) for v in near.headers.values()) < 8 * MAX_PATH
    page = client.get("/search", params={"q": "x" * (MAX_QUERY // 2)}, headers={"Accept": BROWSER})
    assert page.status_code == 400  # over the search's own limit, said in a page
    assert len(page.content) < 100_000


def test_hygiene_100_kb_requests_on_a_live_server(live_server: str) -> None:
    parts = urlsplit(live_server)
    for target in ("/id/plan/" + "a" * 100_000, "/search?q=" + "salud+" * 17_000):
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        connection.request("GET", target, headers={"Accept": BROWSER})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 414
        assert len(body) < 500
        assert sum(len(v) for _, v in response.getheaders()) < 2_000
        connection.close()


def test_hygiene_sparql_keeps_its_own_query_limit(client: TestClient) -> None:
    query = "ASK {} #" + "x" * (MAX_QUERY * 2)
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200


def test_hygiene_api_docs_are_served_here(client: TestClient) -> None:
    for path, assets in [
        ("/docs", ["/assets/swagger-ui/swagger-ui-bundle.js", "/assets/swagger-ui/swagger-ui.css"]),
        ("/redoc", ["/assets/redoc/redoc.standalone.js"]),
    ]:
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn" not in page.text.lower()
        assert "<script>" not in page.text  # no inline script: the policy forbids it
        for asset in assets:
            assert asset in page.text
            assert client.get(asset).status_code == 200, asset
    assert client.get("/static/docs/swagger-init.js").status_code == 200
    bundle = client.get("/assets/redoc/redoc.standalone.js")
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert b"cdn.redoc.ly" not in bundle.content
    assert client.get("/openapi.json").status_code == 200


def test_hygiene_validators() -> None:
    etag = _etag(
        "build",
        [(b"content-type", b"text/html"), (b"vary", b"Accept-Language, Cookie")],
        {b"accept-language": b"en"},
    )
    other = _etag(
        "build",
        [(b"content-type", b"text/html"), (b"vary", b"Accept-Language, Cookie")],
        {b"accept-language": b"es"},
    )
    assert etag != other
    assert _not_modified({b"if-none-match": etag}, etag, 100.0)
    assert _not_modified({b"if-none-match": etag[2:]}, etag, 100.0)  # weak comparison
    assert _not_modified({b"if-none-match": b"*"}, etag, 100.0)
    assert not _not_modified({b"if-none-match": other}, etag, 100.0)
    date = formatdate(100.0, usegmt=True).encode()
    assert _not_modified({b"if-modified-since": date}, etag, 100.0)
    assert not _not_modified({b"if-modified-since": date}, etag, 101.0)
    assert not _not_modified({b"if-modified-since": b"not a date"}, etag, 100.0)
    # If-None-Match wins over If-Modified-Since
    assert not _not_modified({b"if-none-match": other, b"if-modified-since": date}, etag, 1.0)


def test_hygiene_public_url_is_configured_not_taken_from_host() -> None:
    assert Settings().public_url == "http://127.0.0.1:8000/"
    assert Settings(host="0.0.0.0", port=9000).public_url == "http://127.0.0.1:9000/"
    assert Settings(host="::1").public_url == "http://[::1]:8000/"
    assert Settings(base_url="https://kg.example/celac").public_url == "https://kg.example/celac/"
    settings = Settings.from_env({"CELAC_KG_BASE_URL": "https://kg.example/"})
    assert settings.public_url == "https://kg.example/"
    for bad in ("kg.example", "ftp://kg.example/", "https://kg.example/?x=1"):
        with pytest.raises(ValueError, match="CELAC_KG_BASE_URL"):
            Settings(base_url=bad)


def test_hygiene_configured_base_url_in_answers(tmp_path: Path) -> None:
    Store(str(tmp_path / "store")).flush()
    settings = Settings(data=tmp_path / "store", base_url="https://kg.example/")
    with TestClient(create_app(settings)) as own:
        page = own.get("/sparql", headers={"Accept": BROWSER, "Host": "evil.example"})
        assert '"endpoint": "https://kg.example/sparql"' in page.text
        assert "evil.example" not in page.text
        assert "connect-src 'self' https://kg.example;" in page.headers["content-security-policy"]
        described = own.get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
        assert "<https://kg.example/sparql>" in described.text
        assert "evil.example" not in described.text
