"""What can go wrong in the graph layer.

GraphError
├── InvalidGraph          the built graph does not conform to the shapes (the build refuses it)
├── ShapesError           a shapes file cannot be read or parsed
├── UnsupportedConstraint a SHACL-SPARQL constraint the store's evaluator does not support
├── StoreError            the store is missing, corrupt or cannot be opened
└── QueryError            a query cannot be parsed or evaluated
    ├── QueryTimeout      a remote engine did not answer in time
    └── AnswerTooLong     a remote engine's answer was longer than the bytes it may have
"""

from __future__ import annotations


class GraphError(Exception):
    """Raised when the graph cannot be built, stored or queried."""


class InvalidGraph(GraphError):
    """Raised when the built graph does not conform to the shapes; the message lists the violations."""


class ShapesError(GraphError):
    """Raised when a shapes file cannot be read or parsed; the message names the file."""


class UnsupportedConstraint(GraphError):
    """Raised for a SHACL-SPARQL constraint this evaluator does not support; names the shape."""


class StoreError(GraphError):
    """Raised when a store is missing, corrupt or cannot be opened; the message names its folder."""


class QueryError(GraphError):
    """Raised when a query cannot be parsed or evaluated; the message is the engine's."""


class QueryTimeout(QueryError):
    """Raised when a remote engine does not answer a query within the time allowed."""


class AnswerTooLong(QueryError):
    """Raised when a remote engine's answer is longer than the bytes the reader was allowed; the
    reading stopped there."""
