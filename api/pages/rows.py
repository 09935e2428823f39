"""SELECT results as plain Python rows, and IRIs made safe to write into a query."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode, QuerySolutions

from api.errors import NotAnIRI as NotAnIRI
from graph.store import Store


def iri_ref(iri: str) -> str:
    """``iri`` as a SPARQL IRI reference (``<…>``).

    Raises:
        NotAnIRI: ``iri`` is not an absolute IRI (RFC 3987), so it cannot be put into a query.
    """
    try:
        return str(NamedNode(iri))
    except ValueError as e:
        raise NotAnIRI(f"{iri!r} is not an absolute IRI: {e}") from e


def select(store: Store, query: str) -> list[dict[str, Any]]:
    """The solutions of a SELECT query: variable → pyoxigraph term (unbound variables left out)."""
    result = store.query(query)
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"expected a SELECT query, got {type(result).__name__}: {query[:80]!r}")
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term
        rows.append(row)
    return rows


def text(term: Any) -> str:
    """The lexical value of an IRI or a literal."""
    return str(term.value)


def integer(term: Any) -> int:
    return int(term.value)
