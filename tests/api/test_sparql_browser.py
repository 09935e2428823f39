"""The query editor in headless Chromium against the live server: YASGUI loads from this server
alone, opens a canned query as a tab, runs it, and shows the rows in a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from pyoxigraph import QuerySolutions

from api.sparql.editor import canned_queries
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from graph.oxigraph import OxigraphStore

PLANS = "plans"  # queries/plans.rq


def plan_ids(store: OxigraphStore, query: str) -> list[str]:
    """The engine's answer, as plain strings: pyoxigraph's result iterators must be dropped in
    the thread that made them, and a test's frame may be collected in the live server's."""
    rows = store.query(query)
    assert isinstance(rows, QuerySolutions)
    return [row["plan"].value for row in rows]


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page (no remembered tabs), and the URLs of every request it makes."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[Any] = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page, requests
    context.close()
    assert errors == []


def test_sparql_browser_runs_a_canned_query(
    page: tuple[Page, list[str]], live_server: str, store: OxigraphStore
) -> None:
    tab, requests = page
    example = next(q for q in canned_queries(PREFIXES) if q.name == PLANS)
    tab.goto(f"{live_server}/sparql")
    tab.get_by_role("button", name=example.title).click()
    active = tab.locator(".tabPanel.active")
    assert active.locator(".CodeMirror").inner_text().count("celac:Plan") == 1
    active.locator(".yasqe_queryButton").click()
    rows = active.locator(".yasr table tbody tr")
    rows.first.wait_for()
    plans = plan_ids(store, example.text)
    assert rows.count() == len(plans)
    for row, plan in zip(rows.all(), plans, strict=True):
        assert plan in row.inner_text()
    # everything came from this server: no CDN, no prefix.cc, no LOV
    assert requests
    assert [url for url in requests if not url.startswith(live_server)] == []
    assert f"{live_server}/assets/yasgui/yasgui.min.js" in requests


def test_sparql_browser_every_canned_query_is_a_tab(
    page: tuple[Page, list[str]], live_server: str
) -> None:
    tab, _ = page
    tab.goto(f"{live_server}/sparql")
    tab.locator(".yasgui .tabsList").wait_for()
    names = tab.evaluate(
        "Object.keys(window.celacKgYasgui._tabs).map(k => window.celacKgYasgui.getTab(k).name())"
    )
    assert {q.title for q in canned_queries(PREFIXES)} <= set(names)


def test_sparql_browser_opens_a_query_from_the_url(
    page: tuple[Page, list[str]], live_server: str
) -> None:
    tab, _ = page
    query = "SELECT ?plan WHERE { ?p a celac:Plan ; dcterms:identifier ?plan }"
    tab.goto(f"{live_server}/sparql?query={quote(query)}")
    # The editor puts the URL's query in a tab of its own once its script has run: the run button
    # is pressed on that tab, not on one shown before (a fresh clone's run once waited 30 s there).
    tab.wait_for_function(
        "query => window.celacKgYasgui?.getTab()?.getYasqe()?.getValue().endsWith(query)",
        arg=query,
    )
    active = tab.locator(".tabPanel.active")
    active.locator(".yasqe_queryButton").click()
    rows = active.locator(".yasr table tbody tr")
    rows.first.wait_for()
    text = tab.evaluate("window.celacKgYasgui.getTab().getYasqe().getValue()")
    assert text.endswith(query)
    assert f"PREFIX celac: <{PREFIXES['celac']}>" in text  # declared, so the editor finds no error
    assert "CELAC-2014" in active.locator(".yasr table").inner_text()
