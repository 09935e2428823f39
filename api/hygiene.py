"""What every answer of the service does on the public web, in one ASGI middleware:

- security headers on every answer: a Content-Security-Policy that only lets pages load from this
  service (the pages, the query editor and the API docs satisfy it), ``X-Content-Type-Options``,
  ``X-Frame-Options`` with ``frame-ancestors``, ``Referrer-Policy``;
- HEAD wherever GET: a HEAD is answered as the GET would be, without the body;
- validators per build: a GET's 200 carries an ``ETag`` (the build, and the representation: its
  Content-Type and the request headers its ``Vary`` names) and ``Last-Modified`` (when the build
  was made, or last updated), and ``If-None-Match``/``If-Modified-Since`` get a 304;
- a bound on what a request can make the service echo back: a path over :data:`MAX_PATH` bytes, or
  a query string over :data:`MAX_QUERY` (the SPARQL endpoint has its own, larger limit), is
  refused with 414 before any route sees it.

It is a plain ASGI middleware rather than Starlette's ``BaseHTTPMiddleware``, which costs a task
and a stream per request on the hot path.

https://www.w3.org/TR/CSP3/ · https://www.rfc-editor.org/rfc/rfc9110#section-13
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import Store

MAX_PATH = 2048  # bytes of a request's path
MAX_QUERY = 8192  # bytes of a query string, except at the SPARQL endpoint
UNBOUNDED_QUERY = ("/sparql",)  # paths with a query-string limit of their own


def content_security_policy(connect: Iterable[str] = ()) -> str:
    """The policy: everything from this service only; inline styles (the pages' figures place
    their marks with ``style``, the query editor and ReDoc inject theirs), no inline scripts;
    ReDoc's worker from a ``blob:``; never framed by another site. ``connect`` adds origins
    scripts may send requests to (the configured public URL, when it is another origin)."""
    sources = " ".join(["'self'", *connect])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src {sources}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    """The headers every answer carries."""
    return [
        (b"content-security-policy", csp.encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]


class BuildVersion:
    """What identifies the data being served, for validators: a tag and a modification time,
    taken anew whenever the app's store object changes (an update replaces it)."""

    def __init__(self) -> None:
        self._store: object = None
        self.tag = ""
        self.modified = 0.0
        self.http_date = b""

    def of(self, store: Store) -> BuildVersion:
        if store is not self._store:
            self._store = store
            path = store.folder
            if path is not None and self.tag == "" and path.exists():
                # The build's folder and when it was written: the same in every process.
                real = path.resolve()
                self.modified = float(int(real.stat().st_mtime))
                seed = f"{real}\0{real.stat().st_mtime_ns}"
            else:  # a remote engine, or the store after an update: from now on
                self.modified = float(int(time.time()))
                seed = (
                    f"{getattr(store, 'endpoint', '')}\0{self.modified}\0{os.getpid()}\0{id(store)}"
                )
            self.tag = hashlib.blake2b(seed.encode(), digest_size=8).hexdigest()
            self.http_date = formatdate(self.modified, usegmt=True).encode("latin-1")
        return self


class Hygiene:
    """The middleware; ``csp`` is the Content-Security-Policy to send."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = security_headers(csp)
        self.version = BuildVersion()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _too_long(scope)
        if refusal is not None:
            await _plain(send, 414, refusal, self.headers)
            return
        method = scope["method"]
        head = method == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        conditional = method in ("GET", "HEAD")
        request_headers: dict[bytes, bytes] = {}
        if conditional:
            for key, value in scope["headers"]:
                request_headers[key] = value  # lower-case already (ASGI)
        state = scope["app"].state if "app" in scope else None
        store = getattr(state, "store", None) if state is not None else None
        replied: dict[str, Any] = {"not_modified": False}

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                status = message["status"]
                if conditional and status == 200 and b"etag" not in present and store is not None:
                    version = self.version.of(store)
                    etag = _etag(version.tag, headers, request_headers)
                    headers.append((b"etag", etag))
                    headers.append((b"last-modified", version.http_date))
                    if b"cache-control" not in present:
                        headers.append((b"cache-control", b"no-cache"))
                    if _not_modified(request_headers, etag, version.modified):
                        replied["not_modified"] = True
                        kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED_ON_304]
                        await send({"type": "http.response.start", "status": 304, "headers": kept})
                        await send({"type": "http.response.body", "body": b""})
                        return
                await send({**message, "headers": headers})
                return
            if replied["not_modified"]:
                return
            if head and message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app(scope, receive, send_wrapped)


_DROPPED_ON_304 = frozenset({b"content-length", b"content-type", b"transfer-encoding"})


def _too_long(scope: Scope) -> str | None:
    path = scope.get("raw_path") or scope["path"].encode("utf-8")
    if len(path) > MAX_PATH:
        return (
            f"The request's path is {len(path)} bytes long; this service's paths are at most "
            f"{MAX_PATH}. Nothing here is named by a longer one."
        )
    query = scope.get("query_string", b"")
    if len(query) > MAX_QUERY and scope["path"] not in UNBOUNDED_QUERY:
        return (
            f"The request's query string is {len(query)} bytes long; at this address it is at "
            f"most {MAX_QUERY}: send a shorter search or parameters."
        )
    return None


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = (text + "\n").encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _etag(
    build: str, headers: list[tuple[bytes, bytes]], request_headers: dict[bytes, bytes]
) -> bytes:
    """A weak ETag: the build, and what tells this representation from the URL's others (its
    Content-Type and Content-Language, and the request's values of the headers it varies on)."""
    digest = hashlib.blake2b(digest_size=8)
    vary: list[bytes] = []
    for key, value in headers:
        lowered = key.lower()
        if lowered in (b"content-type", b"content-language"):
            digest.update(lowered + b"=" + value + b"\n")
        elif lowered == b"vary":
            vary += [v.strip().lower() for v in value.split(b",")]
    for name in sorted(set(vary)):
        digest.update(name + b"=" + request_headers.get(name, b"") + b"\n")
    return f'W/"{build}-{digest.hexdigest()}"'.encode("latin-1")


def _not_modified(request_headers: dict[bytes, bytes], etag: bytes, modified: float) -> bool:
    if_none_match = request_headers.get(b"if-none-match")
    if if_none_match is not None:
        wanted = _opaque(etag)
        return any(
            tag.strip() == b"*" or _opaque(tag.strip()) == wanted
            for tag in if_none_match.split(b",")
        )
    if_modified_since = request_headers.get(b"if-modified-since")
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return modified <= since
    return False


def _opaque(tag: bytes) -> bytes:
    """The tag without its weakness mark: If-None-Match compares weakly."""
    return tag[2:] if tag.startswith(b"W/") else tag
