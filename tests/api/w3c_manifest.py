"""The W3C SPARQL 1.1 protocol test manifests (w3c/rdf-tests, copied into ``w3c/``), read into
plain requests and expected responses, and a runner that sends them to a live server.

The manifests describe each test as a connection of HTTP requests (the W3C HTTP vocabulary
``ht:``), each with the response expected: a status or class of statuses, and for the Protocol
a result format and boolean, for the Graph Store Protocol a Content-Type and a graph.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import httpx
import uvicorn
from fastapi import FastAPI
from loopback import free_port, running_engine
from pyoxigraph import Store
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS
from rdflib.term import Node

from api.main import create_app
from api.settings import Settings
from graph.remote import RemoteStore

W3C = Path(__file__).parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

STATUS_NAMES = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
)


@dataclass(frozen=True)
class Expected:
    statuses: tuple[str, ...]  # "2xx", "4xx" … or a code such as "201"
    format: str | None = None  # "boolean", "tabular", "RDF"
    boolean: bool | None = None
    content_type: str | None = None
    body: str | None = None  # a Turtle graph the answer must be isomorphic to
    location: str | None = None  # the template variable the Location header fills

    def accepts(self, status: int) -> bool:
        return any(
            str(status) == s or (s.endswith("xx") and str(status)[0] == s[0]) for s in self.statuses
        )


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class Case:
    name: str  # the local name of the test's IRI
    title: str
    requests: tuple[Request, ...]
    graph_data: tuple[tuple[Path, str], ...] = field(default=())  # (file, graph IRI)


def read(manifest: Path) -> list[Case]:
    """The manifest's tests, in its order, then those of the manifests it includes
    (``mf:include``), in theirs."""
    g = Graph()
    g.parse(manifest, format="turtle")
    cases: list[Case] = []
    for root in g.subjects(MF.entries, None):
        entries = Collection(g, _listed(g, root, MF.entries))
        cases += [_case(g, test, manifest.parent) for test in entries]
    for root in g.subjects(MF.include, None):
        for included in Collection(g, _listed(g, root, MF.include)):
            cases += read(manifest.parent / str(included).rsplit("/", 1)[-1])
    return cases


def _listed(g: Graph, node: Node | None, predicate: URIRef) -> Node:
    """The head of the RDF list that ``node`` has as its ``predicate``."""
    head = g.value(node, predicate)
    assert head is not None, f"{node} has no {predicate}"
    return head


def _case(g: Graph, test: object, folder: Path) -> Case:
    assert isinstance(test, URIRef)
    action = g.value(test, MF.action)
    requests = tuple(_request(g, r) for r in Collection(g, _listed(g, action, HT.requests)))
    data = []
    for graph_data in g.objects(test, UT.graphData):
        source = g.value(graph_data, UT.graph)
        data.append((folder / str(source).rsplit("/", 1)[-1], str(g.value(graph_data, RDFS.label))))
    return Case(
        str(test).rsplit("#", 1)[-1],
        str(g.value(test, MF.name)),
        requests,
        tuple(sorted(data, key=lambda d: d[1])),
    )


def _request(g: Graph, node: object) -> Request:
    assert isinstance(node, BNode)
    headers = _headers(g, node)
    body_node = g.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding)
    response = g.value(node, HT.resp)
    statuses = tuple(sorted(_status(s) for s in g.objects(response, MF.expectedStatus)))
    boolean = g.value(response, MF.expectedBoolean)
    fmt = g.value(response, MF.expectedFormat)
    response_headers = dict(_headers(g, response))
    response_body = g.value(response, HT.body)
    location = g.value(response, MF.expectedLocation)
    expected = Expected(
        statuses,
        None if fmt is None else str(fmt),
        None if not isinstance(boolean, Literal) else bool(boolean.toPython()),
        response_headers.get("content-type"),
        None if response_body is None else str(g.value(response_body, CNT.chars)),
        None if location is None else str(location),
    )
    return Request(
        str(g.value(node, HT.methodName)),
        str(g.value(node, HT.absolutePath)),
        headers,
        body,
        expected,
    )


def _headers(g: Graph, node: Node | None) -> tuple[tuple[str, str], ...]:
    listed = g.value(node, HT.headers)
    if listed is None:
        return ()
    return tuple(
        (str(g.value(h, HT.fieldName)).lower(), str(g.value(h, HT.fieldValue)))
        for h in Collection(g, listed)
    )


def _status(node: object) -> str:
    name = str(node).rsplit("#", 1)[-1]
    if name.startswith("StatusCode"):
        return name.removeprefix("StatusCode")
    return str(STATUS_NAMES[name])


def send(
    client: httpx.Client, request: Request, prefix: str, token: str, variables: dict[str, str]
) -> httpx.Response:
    """Send ``request`` with its endpoint (``/sparql/``, ``/gsp``) replaced by ``prefix`` (a
    graph's path under ``/gsp/`` kept after it), the template ``variables`` filled in, and the
    update token."""
    path = request.path
    for name, value in variables.items():
        path = path.replace(name, value)
    endpoint, sep, query = path.partition("?")
    if endpoint.startswith("/gsp/"):  # direct graph identification: the path names the graph
        target = prefix + endpoint.removeprefix("/gsp") + sep + query
    else:
        assert endpoint in ("/sparql/", "/gsp"), f"{path}: not at the endpoint the manifest names"
        target = prefix + sep + query
    headers = dict(request.headers)
    headers["authorization"] = f"Bearer {token}"
    # The raw target, as the manifest spells it: httpx would re-encode `%2531` and `%31`.
    url = httpx.URL(client.base_url.join(prefix), raw_path=target.encode("ascii"))
    return client.request(request.method, url, headers=headers, content=request.body)


def check(request: Request, response: httpx.Response) -> list[str]:
    """What in ``response`` is not as ``request`` expects (nothing: the test passes)."""
    expected = request.expected
    problems = []
    if not expected.accepts(response.status_code):
        problems.append(
            f"{request.method} {request.path}: status {response.status_code}, expected "
            f"{' or '.join(expected.statuses)}: {response.text[:300]}"
        )
        return problems
    media_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if expected.format is not None:
        allowed = {"boolean": BOOLEAN_TYPES, "tabular": TABULAR_TYPES, "RDF": RDF_TYPES}
        if media_type not in allowed[expected.format]:
            problems.append(
                f"{request.path}: {media_type!r} ({response.status_code}) is not a "
                f"{expected.format} format: {response.text[:200]}"
            )
    if expected.boolean is not None and not problems:
        value = _boolean(media_type, response.content)
        if value is not expected.boolean:
            problems.append(f"{request.path}: the answer is {value}, expected {expected.boolean}")
    if expected.content_type is not None:
        want = expected.content_type.partition(";")[0].strip().lower()
        if media_type != want:
            problems.append(f"{request.path}: Content-Type {media_type!r}, expected {want!r}")
    if expected.body is not None and request.method != "HEAD":
        want_graph = Graph().parse(data=expected.body, format="turtle")
        got = Graph().parse(data=response.content, format="turtle")
        if not isomorphic(want_graph, got):
            problems.append(
                f"{request.path}: the graph differs from the expected one:\n"
                f"{response.text}\n---expected---\n{expected.body}"
            )
    return problems


def _boolean(media_type: str, body: bytes) -> bool | None:
    if media_type == "application/sparql-results+json":
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    if media_type == "application/sparql-results+xml":
        for element in ElementTree.fromstring(body).iter():
            if element.tag.endswith("boolean"):
                return (element.text or "").strip() == "true"
    return None


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port, as ``celac-kg serve`` runs it (h11);
    yields its base URL."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="warning", http="h11"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def scratch_app(folder: Path, token: str, backend: str) -> Iterator[FastAPI]:
    """The app with an update token over an empty store of its own in ``folder`` (embedded),
    or over an Oxigraph server with its data there (remote): the tests write to it, never to a
    build."""
    if backend == "embedded":
        Store(str(folder)).flush()
        yield create_app(Settings(data=folder, update_token=token, query_timeout=5.0))
        return
    with running_engine(folder) as engine:
        # The app refuses an engine that holds no named graph (nothing was loaded into it):
        # one triple, which the suites' updates clear.
        RemoteStore(engine.endpoint).update(
            "INSERT DATA { GRAPH <urn:x-test:seed> { <urn:x-test:s> <urn:x-test:p> 1 } }"
        )
        settings = Settings(data=folder, store=engine.endpoint, update_token=token)
        yield create_app(settings)
