"""What a SPARQL request can be refused for, each with the HTTP status it is answered with.

SparqlError
├── BadRequest            400  the request does not follow the SPARQL 1.1 Protocol
│   ├── MalformedQuery    400  the query does not parse (the parser's message, line and column)
│   ├── TooComplex        400  nested too deeply, or too long a property path, to evaluate safely
│   ├── QueryCrashed      400  the query's evaluation crashed its worker process (now replaced)
│   └── AnswerTooLarge    400  not one row of the answer fits in the bytes an answer may have
├── Forbidden             403  what the endpoint does not do
│   ├── UpdateForbidden   403  SPARQL Update: the endpoint is read-only
│   └── ServiceForbidden  403  SERVICE: the endpoint makes no requests to other servers
├── NotAcceptable         406  no result format the client accepts fits the query's form
├── TooLarge              413  a query or body over the size limit
├── TooManyQueries        429  the client has as many queries under way as one may have
├── UnsupportedMediaType  415  a POST body that is neither a form nor a query
├── QueryFailed           500  the engine could not evaluate the query
└── Unavailable           503  the query ran past the time limit, or every worker is busy
    ├── QueryTimeout      503
    ├── OutOfMemory       503  the query needed more memory than a worker may use
    ├── SlowLaneFull      503  the query outran the fast lane, and the slow lane is full
    └── UpdateBusy        503  another update is being applied
"""

from __future__ import annotations

from typing import ClassVar


class SparqlError(Exception):
    """Raised when a SPARQL request cannot be answered; ``status`` is its HTTP status."""

    status: ClassVar[int] = 500

    def __init__(self, *args: object, retry_after: int | None = None) -> None:
        super().__init__(*args)
        self.retry_after = retry_after  # seconds, for the Retry-After header

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class BadRequest(SparqlError):
    """Raised when the request does not follow the protocol (no query, two queries, a bad IRI)."""

    status = 400


class MalformedQuery(BadRequest):
    """Raised when the query does not parse; the message is the parser's, with line and column."""


class TooComplex(BadRequest):
    """Raised when the query nests groups, sub-queries or parentheses deeper, or chains more
    property-path steps, than the endpoint evaluates; the message says which and the limit."""


class QueryCrashed(BadRequest):
    """Raised when evaluating the query crashed its worker process (a signal such as SIGSEGV);
    the worker has been replaced, and the same query would crash the next one."""


class AnswerTooLarge(BadRequest):
    """Raised when not even the first row (or triple) of the answer fits in the bytes an answer
    may have (``max_answer_bytes``); a longer answer of several rows is cut instead."""


class Forbidden(SparqlError):
    """Raised for what the endpoint refuses to do, whoever asks."""

    status = 403


class UpdateForbidden(Forbidden):
    """Raised for SPARQL Update requests: the endpoint only reads."""


class ServiceForbidden(Forbidden):
    """Raised for queries with SERVICE: the endpoint makes no requests to other servers."""


class TooLarge(SparqlError):
    """Raised when a query or a request body is over the size limit (``MAX_REQUEST_BYTES``)."""

    status = 413


class TooManyQueries(SparqlError):
    """Raised when the client has as many queries admitted or waiting as one client may have."""

    status = 429


class NotAcceptable(SparqlError):
    """Raised when none of the formats the client accepts can carry the query's results."""

    status = 406


class UnsupportedMediaType(SparqlError):
    """Raised when a POST body is neither ``application/x-www-form-urlencoded`` nor a query."""

    status = 415


class QueryFailed(SparqlError):
    """Raised when the engine fails while evaluating a well-formed query."""

    status = 500


class Unavailable(SparqlError):
    """Raised when the endpoint cannot take the query now (every worker busy)."""

    status = 503


class QueryTimeout(Unavailable):
    """Raised when a query runs past the time limit; its evaluation has been stopped."""


class OutOfMemory(Unavailable):
    """Raised when a query needed more memory than a worker may use; its evaluation has been
    stopped."""


class SlowLaneFull(Unavailable):
    """Raised when a query ran past the fast lane's budget and the slow lane had no room; its
    evaluation has been stopped."""


class UpdateBusy(Unavailable):
    """Raised when another update kept the store's one writer busy for longer than an update
    waits."""
