"""The store interface the rest of the project uses, whatever engine is behind it."""

from __future__ import annotations

from typing import Protocol

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples

Result = QuerySolutions | QueryBoolean | QueryTriples


class Store(Protocol):
    """A read-only SPARQL store whose default graph is the union of its named graphs."""

    def query(self, sparql: str) -> Result:
        """Evaluate a SPARQL 1.1 query.

        Raises:
            QueryError: the query is malformed or cannot be evaluated.
        """
        ...

    def __len__(self) -> int:
        """The number of quads."""
        ...
