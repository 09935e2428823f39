"""Fixtures for the service: the app over the session's real store, a test client, and a live
uvicorn server on a free loopback port for real clients and the browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from loopback import ENGINE_TIMEOUT, free_port, serving

from api.main import create_app
from api.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from playwright.sync_api import Browser

    from celac_kg.build import BuildSummary


@pytest.fixture(scope="session", params=["embedded", "remote"])
def backend(request: pytest.FixtureRequest) -> str:
    """Where the app's store is: embedded (pyoxigraph on disk), or a remote engine (a real
    Oxigraph server on loopback, over the SPARQL protocol). Every test of the app runs on both."""
    kind: str = request.param
    return kind


@pytest.fixture(scope="session")
def settings(built: BuildSummary, backend: str, request: pytest.FixtureRequest) -> Settings:
    remote = request.getfixturevalue("loaded_engine").endpoint if backend == "remote" else ""
    # The port live_server will serve on: the app's absolute URLs (the query editor's endpoint)
    # are built on it, whichever way a test reaches the app.
    return Settings(
        data=built.publication.store,
        store=remote,
        port=free_port(),
        query_timeout=float(ENGINE_TIMEOUT),
        max_results=1000,
        # Many tests play many clients from this one address (the load test: 50); the limit per
        # client is tested with clients told apart by a header (test_abuse_fairness.py).
        client_queries=0,
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    from fastapi.testclient import TestClient

    return TestClient(app)


@pytest.fixture(autouse=True)
def _fresh_cookies(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test that uses the session's client starts with no cookies: a language chosen by an
    earlier test (``?lang=en`` sets a cookie) would otherwise decide a later test's language."""
    callspec = getattr(request.node, "callspec", None)
    parametrized = callspec is not None and "client" in callspec.params  # a test's own `client`
    if "client" in request.fixturenames and not parametrized:
        request.getfixturevalue("client").cookies.clear()
    yield


@pytest.fixture(scope="session")
def live_server(app: FastAPI, settings: Settings) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread, on the port of its settings; yields
    its base URL."""
    with serving(app, settings.port) as url:  # as `celac-kg serve` runs it (h11)
        yield url


CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling out, and this machine refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
