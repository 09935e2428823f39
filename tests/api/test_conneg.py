"""Content negotiation: the choice remembered for a header is the choice made afresh."""

from __future__ import annotations

import pytest

from api import conneg
from api.conneg import negotiate

OFFERED = ("application/sparql-results+json", "application/sparql-results+xml", "text/html")


@pytest.mark.parametrize(
    ("header", "offered", "chosen"),
    [
        (None, OFFERED, OFFERED[0]),
        ("", OFFERED, OFFERED[0]),
        ("application/sparql-results+xml", OFFERED, OFFERED[1]),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", OFFERED, "text/html"),
        ("*/*", tuple(reversed(OFFERED)), "text/html"),  # the same header, another offer
        ("*/*", OFFERED, OFFERED[0]),
        ("text/turtle", OFFERED, None),
        ("application/*;q=0.5, text/html;q=0.4", ["text/html", "application/sparql-results+xml"],
         "application/sparql-results+xml"),  # a list offered works as well as a tuple
    ],
)  # fmt: skip
def test_conneg_remembered_choice_is_the_fresh_one(
    header: str | None, offered: tuple[str, ...] | list[str], chosen: str | None
) -> None:
    fresh = conneg._negotiate(header, tuple(offered))
    assert fresh == chosen
    assert negotiate(header, offered) == chosen
    assert negotiate(header, offered) == chosen  # from memory this time


def test_conneg_a_long_header_is_negotiated_but_not_remembered() -> None:
    header = ", ".join(f"application/x-{i};q=0.1" for i in range(200)) + ", text/html;q=0.9"
    assert len(header) > conneg.REMEMBERED_HEADER
    before = conneg._remembered.cache_info()
    assert negotiate(header, OFFERED) == "text/html"
    after = conneg._remembered.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


def test_conneg_memory_is_bounded() -> None:
    for i in range(conneg.REMEMBERED + 50):
        assert negotiate(f"application/x-{i}, */*;q=0.1", OFFERED) == OFFERED[0]
    assert conneg._remembered.cache_info().currsize <= conneg.REMEMBERED
