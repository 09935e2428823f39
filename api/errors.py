"""What can go wrong answering a request, and the one place where each error becomes an answer.

ApiError                        the request cannot be answered as asked
├── BadRequest (ValueError)     400: it names something malformed
│   ├── NotAPath                the path is not UTF-8
│   ├── InvalidIRI              a requested IRI holds characters no IRI may hold
│   ├── NotAnIRI                a string that should name a resource is not an absolute IRI
│   ├── UnknownFormat           ``?format=`` names no format offered
│   └── SearchError             a search parameter cannot be used (names the parameter)
└── NotFound (LookupError)      404: it names something that is not there
    ├── NoSuchDump              a dump that is not one of the files present
    └── UnknownPlan             a plan id of no plan, or a pair that is not later → earlier

The SPARQL protocol's errors (``api/sparql/errors.py``) are answered by its routes, as the protocol
says; the graph layer's (``graph/errors.py``) that reach here mean the store could not answer (503).
:func:`install` registers the handlers; routes raise and never build error answers themselves.
Every message names the offending value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from graph.errors import GraphError

# The routes of the JSON API, whose errors are JSON whatever the client accepts.
JSON_API = "/api/"


class ApiError(Exception):
    """Raised when a request cannot be answered as asked; ``status_code`` says how it is refused."""

    status_code = 400

    def problem(self) -> dict[str, Any]:
        """The error as the JSON API gives it."""
        return {"detail": str(self)}


class BadRequest(ApiError, ValueError):
    """Raised when a request names something malformed (400)."""


class NotFound(ApiError, LookupError):
    """Raised when a request names something that is not there (404)."""

    status_code = 404


class NotAPath(BadRequest):
    """Raised when a request's path is not text an IRI can be read from; the message names it."""


class InvalidIRI(BadRequest):
    """Raised when a requested IRI holds characters no IRI may hold; the message names it."""


class NotAnIRI(BadRequest):
    """Raised when a string that should name a resource is not an absolute IRI."""


class UnknownFormat(BadRequest):
    """Raised when ``?format=`` names no format offered; the message names the value and the
    formats offered."""


class SearchError(BadRequest):
    """Raised for a search parameter that cannot be used: it names the parameter and why.

    ``reason`` is a message of the pages' catalogs, in English, with ``%(name)s`` placeholders
    filled from ``values``; :meth:`said` gives it in a page's language."""

    def __init__(self, parameter: str, reason: str, **values: object) -> None:
        self.parameter = parameter
        self.reason = reason
        self.values = values
        self.message = reason % values
        super().__init__(f"{parameter}: {self.message}")

    def said(self, t: Callable[..., str]) -> str:
        return f"{self.parameter}: {t(self.reason, **self.values)}"

    def problem(self) -> dict[str, Any]:
        return {"detail": str(self), "parameter": self.parameter}


class NoSuchDump(NotFound):
    """Raised when a requested dump is not one of the dump files present; the message names it."""


class UnknownPlan(NotFound, ValueError):
    """Raised when a plan id names no plan of the graph, or the pair is not later → earlier.

    ``str()`` is the message in English (for the API); :meth:`say` gives it in a page's language.
    """

    def __init__(self, message: str, values: dict[str, str]) -> None:
        super().__init__(message % values)
        self.message = message
        self.values = values

    def say(self, t: Callable[..., str]) -> str:
        """The message in a page's language, by the translator ``t`` of that page."""
        return t(self.message, **self.values)


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith(JSON_API):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _answer(request: Request, status: int, problem: dict[str, Any]) -> Response:
    headers = {"Vary": "Accept"}
    if _wants_json(request):
        return JSONResponse(problem, status_code=status, headers=headers)
    return PlainTextResponse(str(problem["detail"]), status_code=status, headers=headers)


async def api_error(request: Request, exc: Exception) -> Response:
    """An :class:`ApiError` as its status and message: JSON for the JSON API and clients that ask
    for JSON, plain text otherwise."""
    assert isinstance(exc, ApiError)  # registered for ApiError only
    return _answer(request, exc.status_code, exc.problem())


async def graph_error(request: Request, exc: Exception) -> Response:
    """A store that could not answer (it is missing, corrupt, unreachable or timed out): 503."""
    return _answer(request, 503, {"detail": f"the store could not answer: {exc}"})


def install(app: FastAPI) -> None:
    """Register the handlers of this module on ``app``."""
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(GraphError, graph_error)
