"""The pages over a small graph in the vocabulary of tiers (and the same links in a graph made
before it): links by tier, what their numbers mean, the plan × plan view as HTML, CSV and JSON,
the theme flow, two mandates side by side, and the review page — no build needed."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tiers_graph import EARLY, LATE, before_tiers, mandate, with_tiers, write

from api.main import create_app
from api.pages.catalog import read as read_catalog
from api.pages.compare import highlight, shared_phrases, shared_terms
from api.pages.explain import explain
from api.pages.flow import flow
from api.pages.messages import MEASURED, TIERS, Translator, pairs, po_catalog
from api.pages.pair import UnknownPlan, as_csv, as_json, pair
from api.pages.tiers import read
from api.settings import Settings
from graph.oxigraph import OxigraphStore

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def tiered(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    return OxigraphStore(write(tmp_path_factory.mktemp("tiers") / "store", with_tiers()))


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    return OxigraphStore(write(tmp_path_factory.mktemp("older") / "store", before_tiers()))


@pytest.fixture(scope="module")
def small(tiered: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=tiered.path))) as client:
        yield client


def test_pages_tiers_read_the_contract(tiered: OxigraphStore) -> None:
    found = read(tiered)
    by = {k.later: k for k in found.links}
    c1, c2, c3 = (by[mandate(LATE, n)] for n in (1, 2, 3))
    assert (c1.tier, c1.method_tier, c1.confidence) == ("asserted", "probable", 0.93)
    assert c1.review is not None and c1.review.reviewer == "Ana Pérez"
    assert c1.review.verdict == "confirmed" and c1.review.date == "2026-12-01"
    assert (c2.tier, c3.tier) == ("probable", "candidate")
    assert c1.evidence_in("es") == (("nombres compartidos: Iniciativa",), "es")
    assert c1.evidence_in("en") == (("shared names: Iniciativa",), "en")
    assert found.calibrated
    assert found.quality["asserted"].precision == 0.88 and found.quality["probable"].support == 101
    assert [k.tier for k in found.links] == ["asserted", "probable", "candidate"]
    assert [k.later for k in found.successors(mandate(EARLY, 2))] == [mandate(LATE, 2)]
    assert found.successors(mandate(EARLY, 3)) == []


def test_pages_tiers_fall_back_to_a_graph_made_before_tiers(older: OxigraphStore) -> None:
    found = read(older)
    assert [(k.tier, k.confidence) for k in found.links] == [
        ("asserted", None),
        ("candidate", None),
    ]
    assert not found.calibrated and found.quality == {}
    # Untagged evidence is English; a Spanish page says so rather than pass it off as Spanish.
    assert found.links[0].evidence_in("es") == (("shared names: Iniciativa",), "en")
    x = explain(found.links[0], Translator("es"), found.quality)
    assert (
        x.number == "0.81" and x.number_label == "puntuación del trazador (no es una probabilidad)"
    )
    assert x.meaning == "Este grafo no dice cuán precisa es este nivel."


def test_pages_tiers_explain_says_what_the_number_means(tiered: OxigraphStore) -> None:
    found = read(tiered)
    for lang in ("es", "en"):
        t = Translator(lang)
        x = explain(found.links[0], t, found.quality)
        assert x.number == "0.93" and x.number_label == t("calibrated confidence")
        assert x.meaning == t(MEASURED["asserted"], precision=88)
        assert x.evidence_lang == lang and x.overridden == t(TIERS["probable"])
        assert x.review is not None and "Ana Pérez" in x.review
        assert explain(found.links[2], t, found.quality).meaning == t("Not a relation.")


def test_pages_tiers_pair_counts_relations_not_candidates(tiered: OxigraphStore) -> None:
    cat, found = read_catalog(tiered), read(tiered)
    p = pair(cat, found, "p-2015", "P-2010", "en")
    states = {s.mandate.iri: s.state for s in p.earlier_side}
    assert states == {
        mandate(EARLY, 1): "continued",
        mandate(EARLY, 2): "probably",
        mandate(EARLY, 3): "notfound",  # its only link is a candidate
    }
    assert {s.mandate.iri: s.state for s in p.later_side}[mandate(LATE, 3)] == "notfound"
    assert (p.tier_count("asserted"), p.tier_count("probable"), p.candidates) == (1, 1, 1)
    themes = {t.label: t.counts for t in p.by_theme}
    assert themes["Education"] == {"continued": 0, "probably": 0, "notfound": 1}
    assert [t.total for t in p.by_area] == [3, 0]
    with pytest.raises(UnknownPlan, match="not later than"):
        pair(cat, found, "P-2010", "P-2015", "en")
    with pytest.raises(UnknownPlan, match="no plan 'X'"):
        pair(cat, found, "X", "P-2010", "en")

    table = list(csv.DictReader(io.StringIO(as_csv(p, cat))))
    findings = sorted(r["finding"] for r in table)
    assert findings == [
        "continued",
        "no antecedent found",
        "no successor found",
        "probably continued",
    ]
    row = next(r for r in table if r["finding"] == "continued")
    assert (row["tier"], row["confidence"], row["later_mandate"]) == (
        "asserted",
        "0.930",
        mandate(LATE, 1),
    )
    doc = as_json(p, cat, found, "es")
    assert doc["summary"]["earlier"] == {
        "continued": 1,
        "probably continued": 1,
        "no successor found": 1,
    }
    assert doc["tier_quality"]["asserted"]["precision"] == 0.88
    assert doc["links"][0]["evidence"] == ["nombres compartidos: Iniciativa"]
    assert doc["links"][0]["reviewed"] == {"verdict": "confirmed", "reviewer": "Ana Pérez"}


def test_pages_tiers_pair_view_negotiates_html_csv_json(small: TestClient) -> None:
    url = "/plans/P-2015/P-2010"
    page = small.get(url, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="/plans/P-2015/P-2010?format=csv"' in page.text
    assert 'href="/plans/P-2015/P-2010?format=json"' in page.text
    assert 'href="/review/P-2015/P-2010"' in page.text
    for accept, kind in (("text/csv", "text/csv"), ("application/json", "application/json")):
        r = small.get(url, headers={"accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
        assert "Accept" in r.headers["vary"]
    assert small.get(url, params={"format": "csv"}, headers=HTML).text.startswith(
        "earlier_mandate,"
    )
    assert small.get(url, params={"format": "json"}).json()["later"]["id"] == "P-2015"
    bad = small.get(url, params={"format": "xml"})
    assert bad.status_code == 400 and "format='xml'" in bad.json()["detail"]
    assert small.get(url, headers={"accept": "image/png"}).status_code == 406
    assert small.get("/plans/P-2010/P-2015", headers=HTML).status_code == 404
    assert small.get("/plans/P-2015/NOPE", params={"format": "json"}).status_code == 404


def test_pages_tiers_pages_in_each_language(small: TestClient) -> None:
    pair_of = {"later": mandate(LATE, 1), "earlier": mandate(EARLY, 1)}
    pages: list[tuple[str, dict[str, str]]] = [("/plans", {}), ("/plans/P-2015/P-2010", {})]
    pages += [("/themes/flow", {})]
    pages += [("/compare", pair_of), ("/review/P-2015/P-2010", {})]
    for url, params in pages:
        for lang, other in (("es", "en"), ("en", "es")):
            answer = small.get(url, params={**params, "lang": lang}, headers=HTML)
            assert answer.status_code == 200, url
            text = re.sub(r"<[^>]+>", " ", answer.text)
            # Our own words are in the page's language: none of the other language's messages
            # (long enough to tell the languages apart) shows up.
            index = ("es", "en").index(other)
            mine = {m[1 - index] for m in pairs()}
            for message in pairs():
                words = message[index]
                if len(words) > 24 and "%(" not in words and words not in mine:
                    assert words not in text, (url, lang, words)
    body = small.get("/compare", params={**pair_of, "lang": "es"}, headers=HTML).text
    assert "nombres compartidos: Iniciativa" in body and "shared names" not in body
    assert "<mark>" in body


def test_pages_tiers_review_page_lists_probable_then_asserted(small: TestClient) -> None:
    body = small.get("/review/P-2015/P-2010", params={"lang": "en"}, headers=HTML).text
    items = re.findall(r'data-later="([^"]+)" data-earlier="([^"]+)"', body)
    assert items == [(mandate(LATE, 2), mandate(EARLY, 2)), (mandate(LATE, 1), mandate(EARLY, 1))]
    assert '<script src="/static/review.js" defer></script>' in body
    # A strict CSP: no inline script, no inline handler.
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert not re.search(r"\son[a-z]+=", body)
    for key in ("y", "n", "u", "j", "k", "w"):
        assert f"<kbd>{key}</kbd>" in body
    assert "Crear un foro de defensa" not in body, "a candidate is not offered for review"


def test_pages_tiers_flow_bands_join_a_theme_to_itself(tiered: OxigraphStore) -> None:
    cat, found = read_catalog(tiered), read(tiered)
    pic = flow(cat, found, Translator("en"))
    assert {(b.plan, b.label, b.count) for b in pic.bars} == {
        (plan, theme, 1)
        for plan in ("P-2010", "P-2015")
        for theme in ("Food", "Culture", "Education")
    }
    # Food (asserted) and culture (probable) flow on; education's only link is a candidate.
    assert sorted((b.group.rsplit("/", 1)[-1], b.earlier, b.later) for b in pic.bands) == [
        ("culture", 1, 1),
        ("food", 1, 1),
    ]
    bars = sorted(pic.bars, key=lambda b: (b.x, b.y))
    for a, b in zip(bars, bars[1:], strict=False):
        assert a.x < b.x or a.y + a.height <= b.y, "bars of a column never overlap"


def test_pages_tiers_side_by_side_marks_shared_names_and_terms() -> None:
    a = "Continuar apoyando la Iniciativa América Latina y el Caribe sin Hambre 2025."
    b = "Fortalecer la Iniciativa América Latina y el Caribe Sin Hambre 2025 con la FAO."
    assert shared_phrases(a, b) == ["la Iniciativa América Latina y el Caribe sin Hambre 2025"]
    assert "inicia" in shared_terms(a, b) and "latina" not in shared_terms(a, b)
    marked = [part for part, hit in highlight(b, shared_terms(a, b), shared_phrases(a, b)) if hit]
    assert marked == ["la Iniciativa América Latina y el Caribe Sin Hambre 2025"]
    assert shared_phrases("la reunión de la CELAC", "en la reunión de la OEA") == [], (
        "one content word among function words is a shared term, not a shared name"
    )


FORBIDDEN = re.compile(
    r"\b(drop|drops|dropped|abandon\w*|abandon[oó]\w*|new|nuev[oa]s?|left behind)\b", re.I
)


def test_pages_tiers_no_message_calls_a_mandate_dropped_or_new() -> None:
    ours = [w for pair in pairs() for w in pair]
    ours += [str(m.string) for m in po_catalog("es", "queries") if m.id]
    queries = Path(__file__).resolve().parents[2] / "queries"
    ours += [p.read_text(encoding="utf-8").splitlines()[0] for p in queries.glob("*.rq")]
    for words in ours:
        for hit in FORBIDDEN.finditer(words):
            # Allowed only where it denies the finding ("not a finding that they are new").
            assert any(d in words for d in ("not a finding", "does not mean", "no quiere decir")), (
                hit,
                words,
            )
