"""The SPARQL 1.1 Protocol's query operation: a GET or POST request into the query, its dataset
and the ``format`` asked for, with an error naming the input for every misuse.

https://www.w3.org/TR/sparql11-protocol/#query-operation
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from pyoxigraph import NamedNode

from api.sparql.errors import BadRequest, UnsupportedMediaType, UpdateForbidden

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
)
NO_SERVICE = (
    "This endpoint does not query other endpoints: a SERVICE clause would have this server make "
    "requests wherever a query says. Run federated queries from your own client or endpoint."
)
READ_ONLY = (
    "This endpoint is read-only: it answers SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE) "
    "and refuses SPARQL Update, since the graph is rebuilt from the plans' texts, never edited."
)

# The prologue (BASE and PREFIX declarations, whitespace, comments) and the keyword after it. The
# quantifiers are possessive so that a query that is not a query fails at once.
_FORM = re.compile(
    r"""(?:\s|\#[^\n\r]*+|BASE\s*+<[^>]*+>|PREFIX\s*+[^\s:<]*+:\s*+<[^>]*+>)*+([A-Za-z]++)""",
    re.IGNORECASE,
)
# What can hide a keyword (FROM, SERVICE) where it is not one: strings, IRIs, comments, variables
# and prefixed names. Anything else spelled so is the keyword.


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    """A protocol request: ``query`` is None when none was sent (a request for the service
    description, or the editor); ``default_graphs``/``named_graphs`` are None when not given."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    formats: tuple[str, ...] = ()


def query_form(query: str) -> str | None:
    """The query's form ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"), an update's first keyword
    ("INSERT", "DELETE", …), or None when the text is neither (the parser will say why)."""
    match = _FORM.match(query.lstrip("\ufeff"))
    if match is None:
        return None
    keyword = match.group(1).upper()
    return keyword if keyword in QUERY_FORMS or keyword in UPDATE_FORMS else None


def from_get(params: Sequence[tuple[str, str]]) -> SparqlRequest:
    """The request a GET's query string makes.

    Raises:
        UpdateForbidden: an ``update`` parameter.
        BadRequest: two queries, an empty one, or a graph IRI that is not an absolute IRI.
    """
    return _from_params(params, where="the URL")


def from_query_string(query_string: bytes) -> SparqlRequest:
    """The request a GET makes, from its raw query string (the ASGI scope's ``query_string``),
    decoded as Starlette decodes ``request.query_params``: that is, without building the request's
    URL and parameter objects, which cost more than the rest of the parsing.

    Raises:
        UpdateForbidden, BadRequest: as for :func:`from_get`.
    """
    return _from_params(
        parse_qsl(query_string.decode("latin-1"), keep_blank_values=True), "the URL"
    )


def from_post(
    content_type: str | None, body: bytes, params: Sequence[tuple[str, str]]
) -> SparqlRequest:
    """The request a POST makes: a form (``query`` and the rest in the body, or some in the URL's
    ``params``) or a query as the body (the other parameters in the URL).

    Raises:
        UpdateForbidden: an update body, or an ``update`` field.
        UnsupportedMediaType: any other body.
        BadRequest: as for :func:`from_get`, and a body that is not UTF-8.
    """
    media_type, charset = _media_type(content_type)
    if media_type == UPDATE:
        raise UpdateForbidden(READ_ONLY)
    if media_type == QUERY:
        if charset is not None and charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(
                f"A query POSTed as {QUERY} is UTF-8 (the protocol says so), not "
                f"charset={charset[:40]!r}: send it in UTF-8."
            )
        request = _from_params(params, where="the URL")
        if request.query is not None:
            raise BadRequest(
                "A POST of application/sparql-query carries the query as its body; "
                "the URL must not have a 'query' parameter too."
            )
        query = _decode(body, charset, "the application/sparql-query body")
        if not query.strip():
            raise BadRequest("The application/sparql-query body is empty: send a query.")
        return SparqlRequest(query, request.default_graphs, request.named_graphs, request.formats)
    if media_type == FORM:
        text = _decode(body, charset or "utf-8", "the form body")
        fields = parse_qsl(text, keep_blank_values=True)
        request = _from_params([*params, *fields], where="the request")
        if request.query is None:
            raise BadRequest("The form has no 'query' field: a POST must carry a query.")
        return request
    shown = content_type or "no Content-Type"
    raise UnsupportedMediaType(
        f"A SPARQL query is POSTed as {FORM} (a 'query' field) or as {QUERY} (the query as "
        f"the body), not as {shown}."
    )


def request_params(
    content_type: str | None, body: bytes, params: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """A POST's parameters: the URL's ``params``, and a form body's fields (undecodable ones
    left out: reading the update or query reports them)."""
    if _media_type(content_type)[0] != FORM:
        return list(params)
    text = body.decode("utf-8", errors="replace")
    return [*params, *parse_qsl(text, keep_blank_values=True)]


def _from_params(params: Sequence[tuple[str, str]], where: str) -> SparqlRequest:
    queries: list[str] = []
    default: list[str] | None = None
    named: list[str] | None = None
    formats: list[str] = []
    for key, value in params:
        if key == "query":
            queries.append(value)
        elif key == "default-graph-uri":
            default = [*(default or []), _graph_iri(key, value)]
        elif key == "named-graph-uri":
            named = [*(named or []), _graph_iri(key, value)]
        elif key == "format":
            formats.append(value)
        elif key in ("update", "using-graph-uri", "using-named-graph-uri"):
            raise UpdateForbidden(READ_ONLY)
    if len(queries) > 1:
        raise BadRequest(f"{where.capitalize()} has {len(queries)} 'query' parameters; send one.")
    if queries and not queries[0].strip():
        raise BadRequest("The 'query' parameter is empty: send a query.")
    if default is not None or named is not None:
        # The protocol's dataset replaces the default graph (the union of all graphs) entirely.
        default, named = default or [], named or []
    return SparqlRequest(
        queries[0] if queries else None,
        None if default is None else tuple(default),
        None if named is None else tuple(named),
        tuple(formats),
    )


def _graph_iri(key: str, value: str) -> str:
    try:
        NamedNode(value)
    except ValueError as e:
        raise BadRequest(f"{key}={value!r} is not an absolute IRI: {e}") from e
    return value


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media_type, *params = (p.strip() for p in content_type.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


def _decode(body: bytes, charset: str | None, what: str) -> str:
    try:
        return body.decode(charset or "utf-8")
    except LookupError as e:
        raise BadRequest(f"{what} declares charset={charset!r}, which is not an encoding") from e
    except UnicodeDecodeError as e:
        raise BadRequest(f"{what} is not valid {charset or 'utf-8'}: {e}") from e
