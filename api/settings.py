"""The service's settings: defaults, overridden by ``CELAC_KG_*`` environment variables, overridden
by the command line (``celac-kg serve`` passes its options as keyword arguments).

Validated when they are made: a value that cannot be used stops the service at start, with a
sentence naming the variable and the value (:class:`SettingsError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "CELAC_KG_"


class SettingsError(ValueError):
    """Raised when a setting's value cannot be used; the message names each variable and value."""


def _sentences(error: ValidationError) -> str:
    said = []
    for e in error.errors():
        name = ENV_PREFIX + "_".join(str(part) for part in e["loc"]).upper()
        ctx = e.get("ctx") or {}
        if e["type"] == "value_error" and "error" in ctx:  # our own validators' sentences
            said.append(str(ctx["error"]))
        else:
            reason = e["msg"][0].lower() + e["msg"][1:]
            said.append(f"{name}={e['input']!r} cannot be used: {reason}")
    return "; ".join(said)


class Settings(BaseSettings):
    """How the service runs. Each field ``x`` is read from ``CELAC_KG_X`` when that is set."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, extra="forbid")

    data: Path = Path("data")  # the build folder (``data/current/store``) or a store folder
    # Where queries go: empty for the embedded store in ``data``, or the URL of a SPARQL 1.1
    # endpoint (Oxigraph server, Fuseki, Virtuoso, QLever) whose default graph is the union.
    store: str = ""
    graph_store: str = ""  # its Graph Store Protocol URL, for loading (default: beside …/query)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # Seconds a SPARQL query may run before it is stopped (503).
    query_timeout: float = Field(default=10.0, gt=0)
    # Rows or triples in one SPARQL answer; more are cut and flagged.
    max_results: int = Field(default=10_000, gt=0)
    # Bytes in one SPARQL answer: more rows are cut and flagged; an answer whose first row alone
    # is longer is refused (400), with a sentence.
    max_answer_bytes: int = Field(default=8 * 1024 * 1024, gt=0)
    # Seconds the server waits for a client to take the next part of an answer (64 KiB) before
    # it drops the connection, so a client that does not read holds one answer that long at most.
    write_timeout: float = Field(default=10.0, gt=0)
    # Fair scheduling (api/sparql/lanes.py): every query starts in the fast lane, which has a
    # place per core (0: as many as the machine has, 4 to 8); past ``fast_lane_seconds`` it moves
    # to the slow lane of ``slow_lane`` places, or, that full, is stopped with a 503.
    fast_lane: int = Field(default=0, ge=0)
    fast_lane_seconds: float = Field(default=0.5, gt=0)
    slow_lane: int = Field(default=2, ge=0)
    # SPARQL queries one client may have under way at once (429 past it; 0: no limit).
    client_queries: int = Field(default=8, ge=0)
    # The header naming the client, behind a proxy that sets it (X-Forwarded-For: its first
    # address); empty: the peer's address. Only set it when every request comes through the proxy.
    client_header: str = ""
    page_size: int = Field(default=50, gt=0)  # incoming links, search hits … per page
    access_log: bool = True  # a line per request on the console
    # SPARQL Update is refused unless this is set; then a request bearing it may update.
    update_token: str = Field(default="", repr=False)
    # Hosts an update's LOAD may fetch from, separated by commas; empty: LOAD is refused.
    load_hosts: str = ""

    # The service's public URL (https://kg.example.org/): the absolute URLs answers carry (the
    # query editor's endpoint, the service description) are built on it, never on the request's
    # Host header. Empty: http://HOST:PORT/ as served.
    base_url: str = ""

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as e:
            raise SettingsError(_sentences(e)) from None

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not (value.startswith(("http://", "https://")) and "?" not in value):
            raise ValueError(
                f"{ENV_PREFIX}BASE_URL={value!r} is not an http(s) URL without a query"
            )
        return value

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
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then the environment (``environ`` in place of the process's, when given),
        then ``overrides`` whose value is not None (the command line's options).

        Raises:
            SettingsError: a value cannot be used; the message names the variable and the value.
        """
        given = {k: v for k, v in overrides.items() if v is not None}
        if environ is None:
            return cls(**given)
        read = {
            name: environ[ENV_PREFIX + name.upper()]
            for name in cls.model_fields
            if ENV_PREFIX + name.upper() in environ
        }
        try:  # validated as the environment's values are, without reading the process's
            return cls.model_validate({**read, **given})
        except ValidationError as e:
            raise SettingsError(_sentences(e)) from None
