"""A store's answer narrowed to the kind of query the test asked, failing with what came instead."""

from __future__ import annotations

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples

from graph.store import Result


def solutions(result: Result) -> QuerySolutions:
    """The solutions of a SELECT query."""
    assert isinstance(result, QuerySolutions), f"a SELECT answers solutions, not {result!r}"
    return result


def triples(result: Result) -> QueryTriples:
    """The triples of a CONSTRUCT or DESCRIBE query."""
    assert isinstance(result, QueryTriples), f"a CONSTRUCT answers triples, not {result!r}"
    return result


def boolean(result: Result) -> bool:
    """The answer of an ASK query."""
    assert isinstance(result, QueryBoolean), f"an ASK answers a boolean, not {result!r}"
    return bool(result)
