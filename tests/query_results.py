"""A store's answer narrowed to the kind of query the test asked, failing with what came instead."""

from __future__ import annotations

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples

from graph.store import Result, Store


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


def rows(store: Store, query: str) -> list[dict[str, str]]:
    """The solutions of a SELECT query on ``store``, each as its bound variables' values."""
    result = solutions(store.query(query))
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]
