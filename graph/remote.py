"""A store that is a SPARQL 1.1 server reached over HTTP: Oxigraph server, Fuseki, Virtuoso, QLever.

Queries go by the SPARQL 1.1 Protocol (a POST of a form), and their answers
come back as pyoxigraph objects, read as they arrive, so code written for the embedded store works
unchanged and a consumer that stops early (a capped answer) stops the download too. A build is
loaded with the SPARQL 1.1 Graph Store Protocol, one ``PUT`` per named graph.

A query without a dataset of its own (FROM, or the protocol's graph parameters) sees the union of
the named graphs, as on the embedded store, by the cheapest means the engine offers
(:meth:`RemoteStore.union`): its own union default graph, Oxigraph's per-request
``union-default-graph``, or else every graph named by the protocol's ``default-graph-uri`` and
``named-graph-uri``, which every engine honours. (Do not start Oxigraph with
``--union-default-graph``: it would override a query's FROM.)

https://www.w3.org/TR/sparql11-protocol/ · https://www.w3.org/TR/sparql11-http-rdf-update/
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, cast
from urllib.parse import urlencode, urlsplit

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryResultsFormat,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from graph.errors import AnswerTooLong, QueryError, QueryTimeout, StoreError
from graph.namespaces import PREFIXES, SPARQL_BASE
from graph.sparql_text import has_keyword
from graph.store import Result, graph_sizes, select

SOLUTIONS = "application/sparql-results+json"
TRIPLES = "application/n-triples"
ACCEPT = f"{SOLUTIONS}, {TRIPLES};q=0.9"
SCHEMES = ("http", "https")
CANCELLED = b"operation has been cancelled"
OXIGRAPH_UNION = ("union-default-graph", "")  # Oxigraph's own protocol parameter
NAME_THE_GRAPHS: list[tuple[str, str]] = [("default-graph-uri", "*")]  # a marker, never sent
GRAPHS_TTL = 30.0  # seconds the list of the engine's graphs is kept
_FIRST_LINE = re.compile(r"\bat 1:(\d+)")


def is_remote(location: str) -> bool:
    """Whether ``location`` names a remote engine (an http(s) URL) rather than a folder."""
    return urlsplit(location).scheme in SCHEMES


def beside(endpoint: str, service: str) -> str:
    """The URL of the engine's ``service`` ("store": the Graph Store Protocol; "update") beside
    its query endpoint, by Oxigraph's layout: ``…/query`` → ``…/store``, ``…/update``. Other
    engines name theirs differently: give it (``CELAC_KG_GRAPH_STORE``).

    Raises:
        StoreError: ``endpoint`` does not end in ``/query``.
    """
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last != "query":
        raise StoreError(
            f"cannot tell the {service} URL of the endpoint {endpoint}: only Oxigraph's layout "
            f"(…/query beside …/{service}) is guessed; set CELAC_KG_GRAPH_STORE (Fuseki: "
            "…/dataset/data; Virtuoso: …/sparql-graph-crud) for loading"
        )
    return f"{base}/{service}"


class RemoteStore:
    """The store behind the SPARQL 1.1 endpoint ``endpoint``; ``timeout`` bounds each request.

    It is a :class:`graph.store.Store`; :meth:`query` takes the dataset options pyoxigraph's
    does, with graphs by their IRIs.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        graph_store: str | None = None,
        timeout: float = 30.0,
        dumps: Path | None = None,
    ) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise StoreError(f"{endpoint!r} is not an http(s) URL of a SPARQL endpoint")
        self.endpoint = endpoint
        self._graph_store = graph_store
        self.timeout = timeout
        # The dump files of the build loaded into the engine, when this machine has them.
        self.dumps = dumps
        self._graphs: tuple[float, tuple[str, ...]] | None = None  # (when asked, names)
        self._union: list[tuple[str, str]] | None = None  # see union()
        self._prologue = _prologue(PREFIXES)

    def fresh(self) -> RemoteStore:
        """Another store over the same engine, with nothing remembered (what a change of the
        engine's content makes stale is computed anew for it)."""
        return RemoteStore(
            self.endpoint, graph_store=self._graph_store, timeout=self.timeout, dumps=self.dumps
        )

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoint!r})"

    @property
    def graph_store(self) -> str:
        return self._graph_store or beside(self.endpoint, "store")

    # Writing

    def update(self, sparql: str) -> None:
        """Apply the SPARQL Update ``sparql`` on the engine (its update endpoint beside
        ``…/query``), the project's prefixes declared.

        Raises:
            SyntaxError: the engine refused the update as malformed (400), with its message.
            QueryError: the engine failed or cannot be reached.
        """
        response = self._request(
            "POST",
            beside(self.endpoint, "update"),
            [],
            body=(self._prologue + sparql).encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        _raise_for_status(response, f"the update to {self.endpoint}", len(self._prologue))
        response.read()
        self._graphs = self._union = None

    # Reading

    def query(
        self,
        sparql: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = True,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        max_bytes: int = 0,
        on_cut: Callable[[], None] | None = None,
    ) -> Result:
        """Evaluate ``sparql`` on the engine, the project's prefixes declared, its relative IRIs
        resolved against ``base_iri`` (by default the endpoint's canonical IRI), reading no more
        than ``max_bytes`` of its answer (0: no limit). Given ``on_cut``, a graph longer than that
        is cut after its last whole triple, and ``on_cut`` is called to say so.

        ``default_graph``/``named_graphs`` become the protocol's ``default-graph-uri``/
        ``named-graph-uri``; without them, and without FROM in the query,
        ``use_default_graph_as_union`` makes the default graph the union (:meth:`union`).

        Raises:
            SyntaxError: the engine refused the query as malformed (400), with its message.
            QueryTimeout: no answer within the timeout.
            AnswerTooLong: (possibly as the results are read) the answer is over ``max_bytes``.
            QueryError: the engine failed or cannot be reached.
        """
        params: list[tuple[str, str]] = []
        if default_graph is not None or named_graphs is not None:
            params += [("default-graph-uri", g) for g in default_graph or ()]
            params += [("named-graph-uri", g) for g in named_graphs or ()]
        elif use_default_graph_as_union and not has_keyword(sparql, "FROM"):
            params += self.union()
        # On the query's first line, so that the engine's line numbers stay the query's own.
        if prefixes is None and base_iri is None:
            prologue = self._prologue
        else:
            prologue = _prologue(PREFIXES if prefixes is None else prefixes, base_iri)
        return self._evaluate(sparql, params, prologue, max_bytes, on_cut)

    def _evaluate(
        self,
        sparql: str,
        params: list[tuple[str, str]],
        prologue: str,
        max_bytes: int = 0,
        on_cut: Callable[[], None] | None = None,
    ) -> Result:
        deadline = time.monotonic() + self.timeout
        # A form, so that a dataset of many graphs goes in the body, not in the URL.
        form = urlencode([("query", prologue + sparql), *params])
        response = self._request(
            "POST",
            self.endpoint,
            [],
            body=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
        )
        _raise_for_status(response, f"the query to {self.endpoint}", len(prologue))
        kind = response.getheader("Content-Type", "").partition(";")[0].strip().lower()
        if kind == SOLUTIONS:
            return parse_query_results(
                _reader(response, deadline, self.timeout, max_bytes),
                format=QueryResultsFormat.JSON,
            )
        if kind == TRIPLES:
            return _as_query_triples(_reader(response, deadline, self.timeout, max_bytes), on_cut)
        response.close()
        raise QueryError(f"{self.endpoint} answered in {kind or 'no media type'}, not {ACCEPT}")

    @property
    def folder(self) -> None:
        """None: the engine evaluates the queries itself."""
        return None

    def describe(self, iri: str) -> list[Triple]:
        triples = self.query(f"DESCRIBE <{NamedNode(iri).value}>")
        if not isinstance(triples, QueryTriples):
            raise QueryError(f"{self.endpoint} answered DESCRIBE <{iri}> with no graph")
        return list(triples)

    def graph_sizes(self) -> dict[str, int]:
        return graph_sizes(self)

    def updated(self, sparql: str, work: Path) -> RemoteStore:  # noqa: ARG002 (in place)
        """See :meth:`graph.store.Store.updated`: the engine is updated; what was remembered
        of its content is let go of."""
        self.update(sparql)
        return self.fresh()

    def close(self) -> None:
        """Nothing to do: each request has its own connection, closed when answered."""

    def __len__(self) -> int:
        result = select(self, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
        row = next(result)
        n = row["n"]
        return int(n.value) if n is not None else 0

    def check(self) -> None:
        """Make sure the engine answers and holds a graph.

        Raises:
            StoreError: it does not answer, or holds no named graph.
        """
        try:
            graphs = self.graph_names(fresh=True)
        except (QueryError, SyntaxError) as e:
            raise StoreError(f"the SPARQL endpoint {self.endpoint} cannot be queried: {e}") from e
        if not graphs:
            raise StoreError(
                f"the engine at {self.endpoint} holds no named graph: load the build into it "
                f"with `celac-kg build --store {self.endpoint}`"
            )

    def union(self) -> list[tuple[str, str]]:
        """The protocol parameters that make a query's default graph the union of the engine's
        graphs, by the cheapest way the engine offers, found out once (asked again after a
        load): none, when its default graph is the union already (Fuseki's unionDefaultGraph,
        Virtuoso); Oxigraph's ``union-default-graph``; or, with any engine, every graph named as
        a default graph and a named graph (which slows aggregates down 5 to 50 times)."""
        if self._union is None:
            probe = "ASK { ?s ?p ?o }"
            if bool(self._evaluate(probe, [], self._prologue)):
                self._union = []
            elif bool(self._evaluate(probe, [OXIGRAPH_UNION], self._prologue)):
                self._union = [OXIGRAPH_UNION]
            else:
                self._union = NAME_THE_GRAPHS
        if self._union is NAME_THE_GRAPHS:
            graphs = self.graph_names()
            return [("default-graph-uri", g) for g in graphs] + [
                ("named-graph-uri", g) for g in graphs
            ]
        return list(self._union)

    def graph_names(self, *, fresh: bool = False) -> tuple[str, ...]:
        """The IRIs of the engine's named graphs, asked again after ``GRAPHS_TTL`` seconds (a
        build loaded meanwhile is seen) or when ``fresh``."""
        now = time.monotonic()
        if fresh or self._graphs is None or now - self._graphs[0] > GRAPHS_TTL:
            rows = select(self, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", union=False)
            names = tuple(sorted(r["g"].value for r in rows if isinstance(r["g"], NamedNode)))
            self._graphs = (now, names)
        return self._graphs[1]

    # Loading

    def replace(self, graphs: Iterable[tuple[str, Iterable[Quad]]]) -> int:
        """Make the engine hold exactly ``graphs`` (pairs of a named graph's IRI and its quads):
        each graph is put whole (``PUT ?graph=…``), then the graphs the engine holds beyond them
        are deleted. Returns the number of graphs put.

        Raises:
            StoreError: the engine refused a request; the graphs before it are already replaced.
        """
        names: set[str] = set()
        for name, content in graphs:
            names.add(name)
            body = serialize((q.triple for q in content), format=RdfFormat.N_TRIPLES) or b""
            response = self._request(
                "PUT",
                self.graph_store,
                [("graph", name)],
                body=body,
                headers={"Content-Type": TRIPLES},
            )
            _raise_for_status(response, f"putting the graph <{name}> into {self.graph_store}")
            response.read()
        for name in set(self.graph_names(fresh=True)) - names:
            response = self._request("DELETE", self.graph_store, [("graph", name)])
            if response.status != 404:
                _raise_for_status(response, f"deleting the graph <{name}> from {self.graph_store}")
            response.read()
        self._graphs = self._union = None
        return len(names)

    # HTTP

    def _request(
        self,
        method: str,
        url: str,
        params: Sequence[tuple[str, str]],
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> http.client.HTTPResponse:
        """One request on a connection of its own (an answer may be left half read), whose
        socket times out after ``timeout`` seconds of silence."""
        parts = urlsplit(url)
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = kind(parts.netloc, timeout=self.timeout)
        target = parts.path or "/"
        query = "&".join(filter(None, [parts.query, urlencode(params)]))
        if query:
            target += "?" + query
        try:
            sent = {**(headers or {}), "Connection": "close"}
            connection.request(method, target, body=body, headers=sent)
            response = connection.getresponse()
            # The response is the socket's last user: closed (or collected), read to the end or
            # not, it closes the socket (what http.client does when the server says "close").
            if connection.sock is not None:
                connection.sock.close()
                connection.sock = None
            return response
        except TimeoutError as e:
            connection.close()
            raise QueryTimeout(f"{url} did not answer within {self.timeout:g} s") from e
        except OSError as e:
            connection.close()
            raise QueryError(f"{url} cannot be reached: {e}") from e


class _Reader:
    """A response as the binary file pyoxigraph's parsers read, closed once read to the end; a
    read past ``deadline`` (or one that times out) raises :class:`QueryTimeout`, one past
    ``max_bytes`` (unless 0) :class:`AnswerTooLong`."""

    def __init__(
        self,
        response: http.client.HTTPResponse,
        deadline: float,
        timeout: float,
        max_bytes: int = 0,
    ) -> None:
        self._response = response
        self._tail = b""
        self._deadline = deadline
        self._timeout = timeout
        self._left = max_bytes or -1

    def read(self, size: int = -1) -> bytes:
        try:
            if time.monotonic() > self._deadline:
                raise TimeoutError
            chunk = self._response.read(size)
        except TimeoutError as e:
            self._response.close()
            raise QueryTimeout(
                f"the SPARQL engine's answer took longer than {self._timeout:g} s"
            ) from e
        if not chunk:
            self._response.close()
        elif self._left >= 0:
            self._left -= len(chunk)
            if self._left < 0:
                self._response.close()
                raise AnswerTooLong("the SPARQL engine's answer is longer than it may be")
        # Oxigraph writes its cancellation at --timeout-s into an answer already begun (200).
        seen, self._tail = self._tail + chunk, chunk[-len(CANCELLED) :]
        if CANCELLED in seen:
            self._response.close()
            raise QueryTimeout("the SPARQL engine stopped the query at its own time limit")
        return chunk

    def readable(self) -> bool:
        return True


def _reader(
    response: http.client.HTTPResponse, deadline: float, timeout: float, max_bytes: int = 0
) -> IO[bytes]:
    return cast("IO[bytes]", _Reader(response, deadline, timeout, max_bytes))


def _as_query_triples(source: IO[bytes], on_cut: Callable[[], None] | None = None) -> QueryTriples:
    """N-Triples as pyoxigraph's query triples: read into a store in memory and read back. Past
    the reader's budget, with ``on_cut``, the whole triples read so far are kept (none: the answer
    is too long) and ``on_cut`` is called."""
    memory = Store()
    read: list[Quad] = []
    try:
        for t in parse(source, format=RdfFormat.N_TRIPLES):
            read.append(Quad(t.subject, t.predicate, t.object, DefaultGraph()))
    except (AnswerTooLong, SyntaxError):
        # The budget stops the reader, which may leave the parser a cut line (a syntax error).
        if on_cut is None or not read:
            raise
        on_cut()
    memory.extend(read)
    result = memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, QueryTriples)
    return result


def _prologue(prefixes: Mapping[str, str], base_iri: str | None = None) -> str:
    """The base IRI and prefixes every query and update is sent with, on its first line."""
    return f"BASE <{base_iri or SPARQL_BASE}> " + "".join(
        f"PREFIX {p}: <{iri}> " for p, iri in prefixes.items()
    )


def _message(response: http.client.HTTPResponse) -> str:
    text = response.read(4096).decode("utf-8", "replace").strip()
    response.close()
    return text or f"HTTP {response.status} {response.reason}"


def _unshift(message: str, columns: int) -> str:
    """The engine's "at 1:COLUMN" counted from the query's start, without the prologue."""
    return _FIRST_LINE.sub(lambda m: f"at 1:{max(1, int(m[1]) - columns)}", message, count=1)


def _raise_for_status(
    response: http.client.HTTPResponse, what: str, prologue: int | None = None
) -> None:
    """Nothing for a success; else the error the engine's answer means.

    Raises:
        QueryTimeout: the engine stopped the operation at its time limit.
        SyntaxError: a 400 to a query or update (after a ``prologue`` of that many characters).
        QueryError: any other failure.
    """
    if response.status < 300:
        return
    message = _message(response)
    # Oxigraph answers an operation stopped at its --timeout-s with an error saying so.
    if response.status in (408, 503, 504) or "cancelled" in message.lower():
        raise QueryTimeout(f"{what} ran out of time (HTTP {response.status}): {message}")
    if response.status == 400 and prologue is not None:
        raise SyntaxError(_unshift(message, prologue))
    raise QueryError(f"{what} failed with HTTP {response.status}: {message}")


def load(folder: Path, engine: RemoteStore) -> int:
    """Make ``engine`` hold the graphs of the embedded store in ``folder``; the number of graphs.

    Raises:
        StoreError: the store cannot be opened, or the engine refused a graph.
    """
    try:
        store = Store.read_only(str(folder))
    except OSError as e:
        raise StoreError(f"the store in {folder} cannot be opened: {e}") from e
    return engine.replace(graphs_of(store))


def graphs_of(store: Store) -> Iterator[tuple[str, Iterator[Quad]]]:
    """The named graphs of an embedded store, each with its quads (for :meth:`RemoteStore.replace`)."""
    for name in store.named_graphs():
        if isinstance(name, BlankNode):
            raise StoreError(f"a blank node names a graph ({name}); only IRIs can be put by name")
        yield name.value, iter(store.quads_for_pattern(None, None, None, name))
