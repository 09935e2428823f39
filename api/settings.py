"""The service's settings: defaults, overridden by ``CELAC_KG_*`` environment variables, overridden
by the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "CELAC_KG_"


@dataclass(frozen=True)
class Settings:
    """How the service runs. Each field ``x`` is read from ``CELAC_KG_X`` when that is set."""

    data: Path = Path("data")  # the build folder (``data/current/store``) or a store folder
    # Where queries go: empty for the embedded store in ``data``, or the URL of a SPARQL 1.1
    # endpoint (Oxigraph server, Fuseki, Virtuoso, QLever) whose default graph is the union.
    store: str = ""
    graph_store: str = ""  # its Graph Store Protocol URL, for loading (default: beside …/query)
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout: float = 10.0  # seconds a SPARQL query may run before it is stopped (503)
    max_results: int = 10_000  # rows or triples in one SPARQL answer; more are cut and flagged
    # Bytes in one SPARQL answer: more rows are cut and flagged; an answer whose first row alone
    # is longer is refused (400), with a sentence.
    max_answer_bytes: int = 8 * 1024 * 1024
    # Seconds the server waits for a client to take the next part of an answer (64 KiB) before
    # it drops the connection, so a client that does not read holds one answer that long at most.
    write_timeout: float = 10.0
    # Fair scheduling (api/sparql/lanes.py): every query starts in the fast lane, which has a
    # place per core (0: as many as the machine has, 4 to 8); past ``fast_lane_seconds`` it moves
    # to the slow lane of ``slow_lane`` places, or, that full, is stopped with a 503.
    fast_lane: int = 0
    fast_lane_seconds: float = 0.5
    slow_lane: int = 2
    client_queries: int = 8  # SPARQL queries one client may have under way at once (429 past it)
    # The header naming the client, behind a proxy that sets it (X-Forwarded-For: its first
    # address); empty: the peer's address. Only set it when every request comes through the proxy.
    client_header: str = ""
    page_size: int = 50  # incoming links, search hits … per page
    access_log: bool = True  # a line per request on the console
    # SPARQL Update is refused unless this is set; then a request bearing it may update.
    update_token: str = field(default="", repr=False)
    # Hosts an update's LOAD may fetch from, separated by commas; empty: LOAD is refused.
    load_hosts: str = ""

    # The service's public URL (https://kg.example.org/): the absolute URLs answers carry (the
    # query editor's endpoint, the service description) are built on it, never on the request's
    # Host header. Empty: http://HOST:PORT/ as served.
    base_url: str = ""

    def __post_init__(self) -> None:
        if self.base_url and not (
            self.base_url.startswith(("http://", "https://")) and "?" not in self.base_url
        ):
            raise ValueError(
                f"{ENV_PREFIX}BASE_URL={self.base_url!r} is not an http(s) URL without a query"
            )

    @property
    def public_url(self) -> str:
        """The base of the service's absolute URLs, ending in "/"."""
        if self.base_url:
            return self.base_url.rstrip("/") + "/"
        wildcard = self.host in ("0.0.0.0", "::", "")  # noqa: S104 (a bind address, read)
        host = "127.0.0.1" if wildcard else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then the environment, then ``overrides`` whose value is not None."""
        env = os.environ if environ is None else environ
        settings = cls()
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                settings = replace(
                    settings, **{f.name: _parse(f.name, raw, type(getattr(settings, f.name)))}
                )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given)


_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True}
_BOOLEANS |= {"0": False, "false": False, "no": False, "off": False}


def _parse(name: str, raw: str, kind: type) -> Any:
    if kind is bool:
        if raw.strip().lower() not in _BOOLEANS:
            raise ValueError(
                f"{ENV_PREFIX}{name.upper()}={raw!r} is not a yes/no value (1/0, true/false, on/off)"
            )
        return _BOOLEANS[raw.strip().lower()]
    try:
        return kind(raw)
    except ValueError as e:
        raise ValueError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from e
