"""From a request's path, as sent, to the IRI it names (RFC 3987 §3.2)."""

from __future__ import annotations

import pytest

from api.linked.iris import NotAPath, iri_path, local_path, requested_iri
from graph.namespaces import BASE


@pytest.mark.parametrize(
    ("sent", "iri_form"),
    [
        ("/id/plan/celac-2014", "/id/plan/celac-2014"),
        ("/id/plan/celac%2D2014", "/id/plan/celac-2014"),  # unreserved: decoded
        ("/id/method/tracer/0%2e1", "/id/method/tracer/0.1"),
        ("/id/place/bogot%C3%A1", "/id/place/bogotá"),  # UTF-8: decoded
        ("/id/place/bogot%c3%a1", "/id/place/bogotá"),
        ("/id/a%2Fb", "/id/a%2Fb"),  # reserved: kept
        ("/id/a%2fb", "/id/a%2Fb"),  # ... in upper case
        ("/id/x%23from-y", "/id/x%23from-y"),
        ("/id/a%20b", "/id/a%20b"),
        ("/id/%FF", "/id/%FF"),  # not UTF-8: kept
        ("/id/%C3", "/id/%C3"),  # a UTF-8 character cut short: kept
    ],
)
def test_linked_iris_iri_path(sent: str, iri_form: str) -> None:
    assert iri_path(sent) == iri_form


def test_linked_iris_requested_iri() -> None:
    assert requested_iri(b"/id/plan/celac-2014") == f"{BASE}id/plan/celac-2014"
    assert requested_iri(b"/kg/id/plan/x", root_path="/kg") == f"{BASE}id/plan/x"
    assert requested_iri("/id/place/bogotá".encode()) == f"{BASE}id/place/bogotá"
    with pytest.raises(NotAPath, match="not UTF-8"):
        requested_iri(b"/id/\xff")


def test_linked_iris_local_path() -> None:
    assert local_path(f"{BASE}id/plan/x") == "/id/plan/x"
    with pytest.raises(ValueError, match="http://example.org/x"):
        local_path("http://example.org/x")
