"""In headless Chromium against a live server: no page, API document or query-editor run loads
anything from another host, the Content-Security-Policy blocks nothing the pages need, and the
pages, the query editor and the API docs actually render under it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

PLAN = "/id/plan/celac-2014"
# (path, a selector that shows the page rendered under the policy)
PAGES = [
    ("/", "main"),
    ("/search?q=salud", "main"),
    (PLAN, "main"),
    ("/sparql", ".yasqe .CodeMirror"),
    ("/docs", ".swagger-ui .info .title"),
    ("/redoc", "[role=navigation], .menu-content"),
    ("/api/search?q=salud", "body"),
    ("/.well-known/void", "body"),
]


@pytest.mark.parametrize(("path", "selector"), PAGES, ids=[p for p, _ in PAGES])
def test_hygiene_browser_loads_nothing_from_other_hosts(
    browser: Any, live_server: str, path: str, selector: str
) -> None:
    here = urlsplit(live_server).netloc
    context = browser.new_context(locale="es-ES")
    page = context.new_page()
    requested: list[str] = []
    refused: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    try:
        response = page.goto(live_server + path, wait_until="networkidle", timeout=60_000)
        assert response is not None and response.status == 200
        page.wait_for_selector(selector, state="attached", timeout=30_000)
        if path == "/sparql":
            # a query runs, from the editor, against this server's endpoint
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr .dataTable, .yasr table", timeout=30_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    elsewhere = [
        url
        for url in requested
        if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != here
    ]
    assert not elsewhere, f"{path} asked other hosts: {elsewhere}"
    assert len(requested) >= 1
    assert not refused, f"{path}: the policy blocked {refused}"
