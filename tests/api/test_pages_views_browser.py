"""The views of issue 11 in headless Chromium against a live server, at desktop and phone widths:
the plan × plan view with its CSV and JSON, the theme flow, two mandates side by side (on the
session's real store), and the review page exporting reviews.toml under a strict CSP (on a small
graph with a probable link). Screenshots go to a temporary folder, and with
``CELAC_KG_SCREENSHOTS=1`` also to ``docs/screenshots/``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tomllib
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest
from loopback import serving
from pyoxigraph import QuerySolutions
from starlette.requests import Request
from starlette.responses import Response
from tiers_graph import EARLY, LATE, mandate, with_tiers, write

from api.main import create_app
from api.settings import Settings
from graph.oxigraph import OxigraphStore

if TYPE_CHECKING:
    from fastapi import FastAPI

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LATER, EARLIER = "CHINA-CELAC-2022-2024", "CELAC-2014"
# Every text of a picture must read at 12 px or more, on a phone too.
SMALLEST_TEXT = """svg => Array.from(svg.querySelectorAll('text')).map(t => {
  const ctm = t.getScreenCTM();
  return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
}).reduce((a, b) => Math.min(a, b), 1e9)"""


FORBIDDEN = re.compile(r"\b(abandon\w*|nuev[oa]s?|new|drop\w*|descartad\w*)\b", re.I)
OUR_WORDS = """() => { const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('.mandate-ref, blockquote, .evidence').forEach(e => e.remove());
  return main.textContent; }"""


def values(store: OxigraphStore, query: str, name: str) -> list[str]:
    result = store.query(query)
    assert isinstance(result, QuerySolutions)
    return [s[name].value for s in result]


def ask(store: OxigraphStore, query: str) -> bool:
    return bool(store.query(query))


def open_page(browser: Any, url: str, viewport: dict[str, int], locale: str = "es-ES") -> Any:
    page = browser.new_page(
        viewport=viewport, locale=locale, device_scale_factor=2 if viewport is PHONE else 1
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{url} is {overflow}px wider than a {viewport['width']}px screen"
    return page


def shoot(
    page: Any, folder: Path, name: str, phone: bool, anchor: str = "", full: bool = True
) -> Path:
    """A screenshot: the whole page on a desktop (``full``), else the screen, at ``anchor`` on a
    phone."""
    if anchor and phone:
        page.locator(anchor).evaluate("e => e.scrollIntoView()")
    path = folder / f"{name}{'-phone' if phone else ''}.png"
    page.screenshot(path=str(path), full_page=full and not phone)
    assert path.stat().st_size > 10_000
    return path


def keep(paths: list[Path]) -> None:
    if os.environ.get("CELAC_KG_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for path in paths:
            shutil.copy(path, SCREENSHOTS / path.name)


def test_pages_views_browser_plan_pair_csv_json(
    browser: Any, live_server: str, store: OxigraphStore, tmp_path: Path
) -> None:
    later_plan = f"https://w3id.org/celac-kg/id/plan/{LATER.lower()}"
    shots = []
    for viewport in (DESKTOP, PHONE):
        page = open_page(browser, f"{live_server}/id/plan/{EARLIER.lower()}", viewport)
        try:
            # Linked from the plan page.
            page.locator(f'a[href="/plans/{LATER}/{EARLIER}"]').first.click()
            page.wait_for_url(f"**/plans/{LATER}/{EARLIER}")
            assert page.locator("h1").inner_text() == f"{LATER} frente a {EARLIER}"
            # Our own words (the plans' texts left out) never call a mandate dropped or new.
            ours = page.evaluate(OUR_WORDS)
            assert not FORBIDDEN.search(
                ours.replace("no quiere decir que el compromiso se abandonara", "")
            ), ours
            doc = page.request.get(
                live_server + page.locator('a[type="application/json"]').get_attribute("href")
            )
            assert doc.headers["content-type"].startswith("application/json")
            data = doc.json()
            table = page.request.get(
                live_server + page.locator('a[type="text/csv"]').get_attribute("href")
            )
            assert table.headers["content-type"].startswith("text/csv")
            rows = list(csv.DictReader(io.StringIO(table.text())))
            # The page's counts are the JSON's, and each is what the store holds.
            cards = page.locator(".state-card").first.locator(".n").all_inner_texts()
            summary = data["summary"]["earlier"]
            assert [int(n) for n in cards] == [
                summary["continued"],
                summary["probably continued"],
                summary["no successor found"],
            ]
            assert sum(summary.values()) == len(
                values(
                    store,
                    f"SELECT ?m WHERE {{ ?m a celac:Mandate ; celac:inPlan/dcterms:identifier '{EARLIER}' }}",
                    "m",
                )
            )
            if viewport is DESKTOP:
                for m in data["earlier_mandates"]:
                    continued = ask(
                        store,
                        f"ASK {{ ?l celac:continues <{m['iri']}> ; celac:inPlan <{later_plan}> }}",
                    )
                    probable = ask(
                        store,
                        f"ASK {{ ?l celac:probablyContinues <{m['iri']}> ; celac:inPlan <{later_plan}> }}",
                    )
                    expected = (
                        "continued"
                        if continued
                        else "probably continued"
                        if probable
                        else "no successor found"
                    )
                    assert m["finding"] == expected, m["iri"]
                listed = {(r["later_mandate"], r["earlier_mandate"]) for r in rows if r["tier"]}
                assert listed == {(k["later"], k["earlier"]) for k in data["links"]}
                assert (
                    sum(r["finding"] == "no successor found" for r in rows)
                    == summary["no successor found"]
                )
            shots.append(
                shoot(page, tmp_path, "plan-pair", viewport is PHONE, "#earlier", full=False)
            )
        finally:
            page.close()
    # The same view in English.
    page = open_page(browser, f"{live_server}/plans/{LATER}/{EARLIER}?lang=en", DESKTOP, "en-GB")
    try:
        assert page.locator("h1").inner_text() == f"{LATER} against {EARLIER}"
        assert "no successor found" in page.locator("#summary").inner_text()
    finally:
        page.close()
    keep(shots)


def test_pages_views_browser_theme_flow(
    browser: Any, live_server: str, store: OxigraphStore, tmp_path: Path
) -> None:
    shots = []
    plans = values(store, "SELECT ?id WHERE { ?p a celac:Plan ; dcterms:identifier ?id }", "id")
    for viewport in (DESKTOP, PHONE):
        page = open_page(browser, f"{live_server}/plans", viewport)
        try:
            page.locator('a[href="/themes/flow"]').click()
            page.wait_for_url("**/themes/flow")
            svg = page.locator("svg.flow")
            assert svg.is_visible()
            assert page.locator("script[src*='//'], link[href*='//']").count() == 0, "no CDN"
            assert sorted(svg.locator(".column-id").all_text_contents()) == sorted(plans)
            assert svg.locator(".bar").count() >= len(plans)
            assert svg.evaluate(SMALLEST_TEXT) >= 11.99
            # Each band says what it joins, and opens that pair's view.
            bands = svg.locator("a.band")
            for i in range(bands.count()):
                title = bands.nth(i).locator("title").text_content() or ""
                href = bands.nth(i).get_attribute("href") or ""
                later, earlier = href.split("/")[-2:]
                assert later in title and earlier in title
            shots.append(shoot(page, tmp_path, "theme-flow", viewport is PHONE, "#flow"))
        finally:
            page.close()
    keep(shots)


def test_pages_views_browser_side_by_side(
    browser: Any, live_server: str, store: OxigraphStore, tmp_path: Path
) -> None:
    later, earlier = (
        values(
            store,
            """SELECT ?l ?e WHERE { ?c celac:later ?l ; prov:entity ?e ; celac:score ?s .
                 ?l celac:continues ?e } ORDER BY DESC(?s) ?c LIMIT 1""",
            n,
        )[0]
        for n in ("l", "e")
    )
    shots = []
    for viewport in (DESKTOP, PHONE):
        path = later.replace("https://w3id.org/celac-kg", "")
        page = open_page(browser, f"{live_server}{path}", viewport)
        try:
            link = page.locator("#antecedents a.compare-link").first
            link.click()
            page.wait_for_url("**/compare?**")
            sides = page.locator(".compare-side")
            assert sides.count() == 2
            for i in range(2):
                assert sides.nth(i).locator("mark").count() > 0, "shared terms are highlighted"
            assert page.locator(".compare-link-info .tier-asserted").count() == 1
            assert page.locator(".tier-legend").is_visible()
            boxes = [sides.nth(i).bounding_box() for i in range(2)]
            assert boxes[0] and boxes[1]
            if viewport is DESKTOP:
                assert boxes[0]["y"] == boxes[1]["y"], "side by side on a desktop"
            else:
                assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"], "stacked on a phone"
            shots.append(shoot(page, tmp_path, "side-by-side", viewport is PHONE, ".side-by-side"))
        finally:
            page.close()
    query = urlencode({"later": later, "earlier": earlier, "lang": "en"})
    page = open_page(browser, f"{live_server}/compare?{query}", DESKTOP, "en-GB")
    try:
        assert page.locator("h1").inner_text() == "Two mandates side by side"
    finally:
        page.close()
    keep(shots)


def test_pages_views_browser_lineage_labels_apart_and_readable(
    browser: Any, live_server: str, store: OxigraphStore
) -> None:
    busiest = values(
        store,
        """SELECT ?m (COUNT(*) AS ?n) WHERE { { ?m celac:continues ?x } UNION { ?x celac:continues ?m } }
           GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 1""",
        "m",
    )[0]
    for viewport in (DESKTOP, PHONE):
        page = open_page(
            browser, f"{live_server}{busiest.replace('https://w3id.org/celac-kg', '')}", viewport
        )
        try:
            svg = page.locator("svg.lineage")
            assert svg.evaluate(SMALLEST_TEXT) >= 11.99
            boxes = [
                b
                for b in svg.locator(".edge-label").evaluate_all(
                    "ls => ls.map(l => { const r = l.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
                )
            ]
            for i, one in enumerate(boxes):
                for two in boxes[i + 1 :]:
                    apart = (
                        one[2] <= two[0] or two[2] <= one[0] or one[3] <= two[1] or two[3] <= one[1]
                    )
                    assert apart, (one, two)
            # Full texts on hover, and in the list beside the picture.
            titles = svg.locator("a.node title").all_text_contents()
            listed = page.locator("#lineage-list .ref-text").all_text_contents()
            assert len(titles) == len(listed) > 1
            for text in listed:
                assert text.strip() and any(t.endswith(text.strip()) for t in titles)
        finally:
            page.close()


# ---------------------------------------------------------------- the review page


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server over the small graph with tiers, sending a strict Content-Security-Policy."""
    folder = write(tmp_path_factory.mktemp("review") / "store", with_tiers())
    app: FastAPI = create_app(Settings(data=folder))

    @app.middleware("http")
    async def csp(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'"
        return response

    with serving(app) as url:
        yield url


def test_pages_views_browser_review_exports_reviews_toml(
    browser: Any, review_site: str, tmp_path: Path
) -> None:
    shots = []
    violations: list[str] = []
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(
            viewport=viewport,
            locale="en-GB",
            accept_downloads=True,
            device_scale_factor=2 if viewport is PHONE else 1,
        )
        page = context.new_page()
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
        )
        try:
            page.goto(f"{review_site}/review/P-2015/P-2010?lang=en")
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0
            items = page.locator(".review-item")
            assert items.count() == 2
            # Without a name there is nothing to download, and the page says why.
            page.locator("#export").click()
            assert (
                page.locator("#review-message").inner_text() == "Type your name before downloading."
            )
            page.fill("#reviewer", 'Ana "la" Pérez')
            page.locator("#reviewer").press("Escape")
            page.keyboard.press("y")  # confirm the first (the probable link)
            page.keyboard.press("j")
            page.keyboard.press("w")
            page.keyboard.type("Different bodies.\nSecond line")
            page.keyboard.press("Escape")
            page.keyboard.press("n")  # reject the second
            assert items.nth(0).get_attribute("data-verdict") == "confirmed"
            assert items.nth(1).get_attribute("data-verdict") == "rejected"
            # The buttons do the same, and say so to assistive technology.
            items.nth(1).locator("button.clear").click()
            assert items.nth(1).get_attribute("data-verdict") == ""
            items.nth(1).locator("button.reject").click()
            assert items.nth(1).locator("button.reject").get_attribute("aria-pressed") == "true"
            assert page.locator("#review-count").inner_text() == "2 verdicts"
            with page.expect_download() as info:
                page.locator("#export").click()
            download = info.value
            assert download.suggested_filename == "reviews.toml"
            saved = tmp_path / f"reviews{viewport['width']}.toml"
            download.save_as(saved)
            reviews = tomllib.loads(saved.read_text(encoding="utf-8"))["review"]
            assert reviews == [
                {
                    "later": mandate(LATE, 2),
                    "earlier": mandate(EARLY, 2),
                    "verdict": "confirmed",
                    "reviewer": 'Ana "la" Pérez',
                    "date": date.today(),
                    "why": "",
                },
                {
                    "later": mandate(LATE, 1),
                    "earlier": mandate(EARLY, 1),
                    "verdict": "rejected",
                    "reviewer": 'Ana "la" Pérez',
                    "date": date.today(),
                    "why": "Different bodies.Second line",
                },
            ]
            assert violations == []
            shots.append(shoot(page, tmp_path, "review", viewport is PHONE))
        finally:
            context.close()
    keep(shots)
