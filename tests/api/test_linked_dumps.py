"""``/dumps/{name}``: the build's dump files, with their media types and sizes, and nothing else
— names that are not a dump, and paths that climb out of the folder, plain or encoded, are 404."""

from __future__ import annotations

import http.client
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from celac_kg.build import BuildSummary

MEDIA_TYPES = {"ttl": "text/turtle", "nq": "application/n-quads", "jsonld": "application/ld+json"}


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip()


@pytest.mark.parametrize("ext", list(MEDIA_TYPES))
def test_linked_dumps_download(client: TestClient, built: BuildSummary, ext: str) -> None:
    file = built.publication.dumps[ext]
    response = client.get(f"/dumps/{file.name}")
    assert response.status_code == 200
    assert media_type(response.headers["content-type"]) == MEDIA_TYPES[ext]
    assert int(response.headers["content-length"]) == file.stat().st_size
    assert response.content == file.read_bytes()
    head = client.head(f"/dumps/{file.name}")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == file.stat().st_size


@pytest.mark.parametrize(
    "name",
    [
        "x",
        "store",
        "dumps",
        "CURRENT",
        "celac-kg",
        "celac-kg.TTL",
        "celac-kg.ttl.bak",
        "celac-kg.ttl%00",
        "%2e%2e",
        "..%2Fstore%2FCURRENT",
        "..%5Cstore",
        "%2Fetc%2Fpasswd",
    ],
)
def test_linked_dumps_refuses_other_names(client: TestClient, name: str) -> None:
    # (".." and "." are in the raw test below: httpx resolves them before sending)
    response = client.get(f"/dumps/{name}")
    assert response.status_code == 404
    assert len(response.content) < 500


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET ``target`` exactly as written: no client normalises it on the way."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "target",
    [
        "/dumps/..",
        "/dumps/.",
        "/dumps/../pyproject.toml",
        "/dumps/../../pyproject.toml",
        "/dumps/..%2Fpyproject.toml",
        "/dumps/..%2fpyproject.toml",
        "/dumps/%2e%2e%2fpyproject.toml",
        "/dumps/%2E%2E/%2E%2E/pyproject.toml",
        "/dumps/..%2F..%2F..%2Fetc%2Fpasswd",
        "/dumps/%252e%252e%252fpyproject.toml",
        "/dumps/..%5Cpyproject.toml",
        "/dumps/celac-kg.ttl/../../store/CURRENT",
        "/dumps/.%2e/store/CURRENT",
        "/dumps//etc/passwd",
        "/dumps/%2Fetc%2Fpasswd",
        "/dumps/",
        "/dumps",
    ],
)
def test_linked_dumps_refuses_traversal(live_server: str, target: str) -> None:
    status, body = raw_get(live_server, target)
    assert status == 404, (target, status)
    for leaked in (b"[project]", b"root:", b"MANIFEST", b"@prefix"):
        assert leaked not in body
