"""The pages in headless Chromium against a live server: from the home page, search "hambre",
open a mandate, see its lineage picture and follow it to an earlier plan's mandate; pages fit a
phone's width; screenshots of the home, a mandate and a theme page.

Screenshots are written to a temporary folder on every run; with ``CELAC_KG_SCREENSHOTS=1`` they
are also copied to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import Request
from fastapi.responses import HTMLResponse
from pyoxigraph import QuerySolutions

from api.deps import StoreDep
from api.pages.resource import resource_page

if TYPE_CHECKING:
    from fastapi import FastAPI

    from graph.oxigraph import OxigraphStore

BASE = "https://w3id.org/celac-kg/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(app: FastAPI, live_server: str) -> str:
    """The live server, serving ``/id/…`` pages with ``resource_page`` where no earlier route
    answers (the linked-data routes own ``/id/``; registered first, they win once they exist)."""
    if not getattr(app.state, "pages_id_fallback", False):

        def resource(path: str, request: Request, store: StoreDep) -> HTMLResponse:
            return resource_page(request, store, f"{BASE}id/{path}")

        app.add_api_route("/id/{path:path}", resource, include_in_schema=False)
        app.state.pages_id_fallback = True
    return live_server


def values(store: OxigraphStore, query: str, name: str) -> list[str]:
    result = store.query(query)
    assert isinstance(result, QuerySolutions)
    return [s[name].value for s in result]


def local(iri: str) -> str:
    return "/" + iri[len(BASE) :]


def test_pages_browser_search_hambre_then_follow_the_lineage(
    browser: Any, site: str, store: OxigraphStore
) -> None:
    # Mandates that mention hunger and continue (asserted or probable) one of an earlier plan:
    # the picture draws relations, not candidates.
    linked = set(
        values(
            store,
            """SELECT DISTINCT ?m WHERE { ?m celac:continues|celac:probablyContinues ?e ;
               celac:text ?t FILTER(CONTAINS(LCASE(?t), "hambre")) }""",
            "m",
        )
    )
    assert linked, "the corpus should have a later mandate about hunger"
    page = browser.new_page(viewport=DESKTOP, locale="es-ES")
    try:
        page.goto(f"{site}/")
        page.fill("#home-q", "hambre")
        page.press("#home-q", "Enter")
        page.wait_for_url("**/search?q=hambre")
        assert page.locator("mark").count() > 0
        hits = page.locator(".hit.kind-mandate a")
        hrefs = [hits.nth(i).get_attribute("href") for i in range(hits.count())]
        chosen = next(h for h in hrefs if h and f"{BASE}{h[1:]}" in linked)
        page.locator(f'.hit a[href="{chosen}"]').click()
        page.wait_for_url(f"**{chosen}")
        assert page.locator(".mandate-text").is_visible()
        picture = page.locator("svg.lineage")
        assert picture.is_visible()
        mandate = f"{BASE}{chosen[1:]}"
        earlier = values(
            store,
            f"""SELECT ?e WHERE {{ <{mandate}> celac:continues|celac:probablyContinues ?e }}
                ORDER BY ?e""",
            "e",
        )
        node = picture.locator(f'a.node[href="{local(earlier[0])}"]')
        assert node.count() == 1
        node.click()
        page.wait_for_url(f"**{local(earlier[0])}")
        assert page.locator("h1").is_visible()
        # The earlier mandate's page draws the mandate we came from among its successors.
        back = page.locator(f'svg.lineage a.node[href="{chosen}"]')
        assert back.count() == 1
    finally:
        page.close()


def _shots(store: OxigraphStore) -> dict[str, tuple[str, str]]:
    chain = values(
        store,
        """SELECT ?a (COUNT(DISTINCT ?plan) AS ?n) WHERE {
             ?a celac:continues+ ?b . ?b celac:inPlan ?plan } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1""",
        "a",
    )
    theme = values(
        store,
        """SELECT ?t (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a celac:Mandate ; dcterms:subject ?t .
             ?m celac:continues ?e . ?e dcterms:subject ?t } GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1""",
        "t",
    )
    # Each page and, on a phone, where to scroll to: the picture.
    return {
        "home": ("/", ""),
        "mandate": (local(chain[0]), "#lineage"),
        "theme": (local(theme[0]), "#picture"),
    }


def test_pages_browser_screenshots_fit_desktop_and_phone(
    browser: Any, site: str, store: OxigraphStore, tmp_path: Path
) -> None:
    written = []
    for name, (url, anchor) in _shots(store).items():
        for device, viewport in (("", DESKTOP), ("-phone", PHONE)):
            page = browser.new_page(
                viewport=viewport, locale="es-ES", device_scale_factor=1 if not device else 2
            )
            try:
                page.goto(f"{site}{url}")
                page.wait_for_load_state("networkidle")
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, (
                    f"{url} is {overflow}px wider than a {viewport['width']}px screen"
                )
                fonts = page.evaluate(
                    "document.fonts.check('16px Inter') && document.fonts.check('16px \"Source Serif 4\"')"
                )
                assert fonts, "the pages' own fonts did not load"
                if device and anchor:
                    page.locator(anchor).evaluate("e => e.scrollIntoView()")
                path = tmp_path / f"{name}{device}.png"
                page.screenshot(path=str(path), full_page=not device)
                assert path.stat().st_size > 10_000
                written.append(path)
            finally:
                page.close()
    if os.environ.get("CELAC_KG_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for path in written:
            shutil.copy(path, SCREENSHOTS / path.name)
