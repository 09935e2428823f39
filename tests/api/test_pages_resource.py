"""The page of every kind of resource, over HTTP against the real store: what each shows is checked
against what SPARQL says about resources looked up in the test, never against fixed IRIs."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import Request
from fastapi.responses import HTMLResponse
from query_results import rows

from api.deps import StoreDep
from api.pages.resource import resource_page

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from httpx2 import Response

    from api.settings import Settings
    from graph.oxigraph import OxigraphStore

BASE = "https://w3id.org/celac-kg/"
ID = f"{BASE}id/"
HTML = {"Accept": "text/html"}


def install_id_fallback(app: FastAPI) -> None:
    """Serve ``/id/…`` pages with ``resource_page`` where no earlier route answers: the
    linked-data routes own ``/id/`` (registered first, they win once they exist)."""
    if getattr(app.state, "pages_id_fallback", False):
        return

    def resource(path: str, request: Request, store: StoreDep) -> HTMLResponse:
        return resource_page(request, store, ID + path)

    app.add_api_route("/id/{path:path}", resource, include_in_schema=False)
    app.state.pages_id_fallback = True


@pytest.fixture(scope="module")
def pages(app: FastAPI) -> TestClient:
    """A client of its own: ``?lang=`` sets a cookie, which must not reach other tests' client."""
    from fastapi.testclient import TestClient

    install_id_fallback(app)
    return TestClient(app)


def path(iri: str) -> str:
    assert iri.startswith(BASE), iri
    return "/" + iri[len(BASE) :]


def page(client: TestClient, iri: str, **params: str) -> Response:
    response = client.get(path(iri), params=params, headers=HTML)
    assert response.status_code == 200, (iri, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response


def hrefs(body: str) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'href="([^"]*)"', body)}


def text_of(body: str) -> str:
    """The page's text, tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def svg(body: str, cls: str) -> str:
    start = body.index(f'<svg class="{cls}"')
    return body[start : body.index("</svg>", start)]


def section(body: str, ident: str) -> str:
    """The element with id ``ident`` (a section), nested sections included."""
    start = body.rindex("<", 0, body.index(f'id="{ident}"'))
    depth = 0
    for tag in re.finditer(r"<(/?)section\b", body[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return body[start : start + tag.end()]
    return body[start:]


# ---------------------------------------------------------------- every page


def test_pages_resource_every_page_links_formats_and_canonical_iri(
    pages: TestClient, store: OxigraphStore
) -> None:
    kinds = rows(
        store,
        """SELECT ?c (SAMPLE(?s) AS ?one) WHERE {
          VALUES ?c { celac:Plan celac:Area celac:Mandate celac:Meeting celac:MeetingSeries
                      celac:Actor skos:Concept celac:SourceDocument }
          ?s a ?c FILTER(STRSTARTS(STR(?s), "https://w3id.org/celac-kg/id/") && !CONTAINS(STR(?s), "#"))
        } GROUP BY ?c""",
    )
    assert len(kinds) == 8
    for row in kinds:
        iri = row["one"]
        body = page(pages, iri).text
        links = hrefs(body)
        assert iri in links, f"{iri}: no link to the canonical IRI"
        assert f'<link rel="canonical" href="{iri}">' in body
        for fmt in ("turtle", "jsonld", "ntriples", "rdfxml"):
            assert f"{path(iri)}?format={fmt}" in links, f"{iri}: no {fmt} link"
        assert 'id="incoming"' in body and "<h1>" in body
        # Links to the graph's own resources stay on this site.
        assert not any(h.startswith(f"{ID}") and h != iri for h in links), iri


def test_pages_resource_shows_every_property_and_incoming_link(
    pages: TestClient, store: OxigraphStore
) -> None:
    iri = rows(store, "SELECT ?m WHERE { ?m a celac:Meeting ; celac:inSeries ?s } LIMIT 1")[0]["m"]
    body = page(pages, iri).text
    links = hrefs(body)
    for row in rows(store, f"SELECT DISTINCT ?o WHERE {{ <{iri}> ?p ?o FILTER(isIRI(?o)) }}"):
        target = row["o"]
        expected = path(target) if target.startswith(BASE) else target
        assert expected in links, f"outgoing link to {target} missing"
    incoming = rows(store, f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }}")
    assert incoming, "the meeting should be linked from somewhere"
    for row in incoming:
        assert path(row["s"]) in links, f"incoming link from {row['s']} missing"


def test_pages_resource_incoming_links_are_paginated(
    pages: TestClient, store: OxigraphStore, settings: Settings
) -> None:
    busiest = rows(
        store,
        """SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {
          { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), "https://w3id.org/celac-kg/id/")) } }
        } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1""",
    )[0]
    iri = busiest["o"]
    total = len(rows(store, f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p <{iri}> }}"))
    assert total > settings.page_size, "the test needs a resource with more links than a page"
    pages_count = -(-total // settings.page_size)

    def incoming_rows(body: str) -> int:
        table = body[body.index('class="statements incoming"') :]
        return table[: table.index("</table>")].count("<tr>")

    first = page(pages, iri).text
    assert incoming_rows(first) == settings.page_size
    assert "?page=2#incoming" in first
    last = page(pages, iri, page=str(pages_count)).text
    assert incoming_rows(last) == total - (pages_count - 1) * settings.page_size
    assert 'rel="next"' not in last[last.index('id="incoming"') :]
    beyond = page(pages, iri, page=str(pages_count + 1)).text
    assert 'class="statements incoming"' in beyond and incoming_rows(beyond) == 0


@pytest.mark.parametrize("bad", ["0", "-3", "two"])
def test_pages_resource_bad_page_number_is_400(
    pages: TestClient, store: OxigraphStore, bad: str
) -> None:
    iri = rows(store, "SELECT ?p WHERE { ?p a celac:Plan } LIMIT 1")[0]["p"]
    response = pages.get(path(iri), params={"page": bad}, headers=HTML)
    assert response.status_code == 400
    assert f"page={bad!r}" in html.unescape(response.text)


def test_pages_resource_unknown_iri_is_404_page(pages: TestClient) -> None:
    response = pages.get("/id/plan/no-such-plan/area/99", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert f"{ID}plan/no-such-plan/area/99" in response.text
    assert "/search?q=99" in response.text


def test_pages_resource_not_an_iri_is_400(app: FastAPI) -> None:
    from fastapi.testclient import TestClient

    def broken(request: Request, store: StoreDep) -> HTMLResponse:
        return resource_page(request, store, 'https://w3id.org/celac-kg/id/x"> <y')

    app.add_api_route("/_pages_test/broken", broken, include_in_schema=False)
    response = TestClient(app).get("/_pages_test/broken")
    assert response.status_code == 400
    assert "is not an absolute IRI" in html.unescape(response.text)


# ---------------------------------------------------------------- mandate


def test_pages_resource_mandate_text_passage_and_lineage(
    pages: TestClient, store: OxigraphStore
) -> None:
    found = rows(
        store,
        """SELECT ?m ?text ?earlier ?exact ?start ?end ?file WHERE {
          ?m celac:continues ?earlier ; celac:text ?text ;
             prov:wasDerivedFrom [ oa:hasSource/dcterms:identifier ?file ;
               oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] ,
                              [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ]
        } ORDER BY ?m LIMIT 1""",
    )[0]
    iri = found["m"]
    body = page(pages, iri).text
    words = text_of(body)
    assert " ".join(found["text"].split()) in words
    # The passage, highlighted in the source text around it.
    mark = re.search(r'<mark class="passage-mark">(.*?)</mark>', body, re.S)
    assert mark is not None and html.unescape(mark.group(1)) == found["exact"]
    assert f"{found['start']}–{found['end']}" in words and found["file"] in words
    context = body[body.index('class="source-text"') :]
    assert context.index('class="context"') < context.index("passage-mark"), "no text before"
    # The lineage: a picture with one column per plan, and a link to the earlier mandate.
    plans = [
        r["id"]
        for r in rows(
            store,
            "SELECT ?id WHERE { ?p a celac:Plan ; dcterms:identifier ?id ; dcterms:date ?d } ORDER BY ?d",
        )
    ]
    picture = svg(body, "lineage")
    assert re.findall(r'class="column-id"[^>]*>([^<]+)<', picture) == plans
    assert f'href="{path(found["earlier"])}"' in picture
    antecedents = section(body, "lineage")
    assert path(found["earlier"]) in hrefs(antecedents)


def test_pages_resource_mandate_evidence_of_every_candidate(
    pages: TestClient, store: OxigraphStore
) -> None:
    iri = rows(
        store,
        "SELECT ?m (COUNT(?c) AS ?n) WHERE { ?c celac:later ?m } GROUP BY ?m ORDER BY DESC(?n) ?m LIMIT 1",
    )[0]["m"]
    candidates = rows(
        store,
        f"""SELECT ?c ?e ?score ?kind (SAMPLE(?ev) AS ?evidence) (SAMPLE(?cf) AS ?confidence)
          WHERE {{
          ?c celac:later <{iri}> ; prov:entity ?e ; celac:score ?score ; celac:continuationKind ?kind ;
             celac:evidence ?ev FILTER(lang(?ev) IN ("en", ""))
          OPTIONAL {{ ?c celac:confidence ?cf }} }} GROUP BY ?c ?e ?score ?kind""",
    )
    assert candidates
    body = page(pages, iri, lang="en").text
    for c in candidates:
        row = body[body.index(f'id="{c["c"].partition("#")[2]}"') :]
        row = row[: row.index("</ul>", row.index('class="evidence"'))]
        assert path(c["e"]) in hrefs(row)
        assert f"{float(c.get('confidence', c['score'])):.2f}" in row
        # The evidence in the reader's language (English here, or untagged in an older graph).
        assert html.escape(c["evidence"], quote=False) in row


def test_pages_resource_mandate_successors(pages: TestClient, store: OxigraphStore) -> None:
    pair = rows(
        store,
        "SELECT ?later ?earlier WHERE { ?later celac:continues ?earlier } ORDER BY ?earlier LIMIT 1",
    )[0]
    body = page(pages, pair["earlier"]).text
    assert path(pair["later"]) in hrefs(section(body, "lineage"))


# ---------------------------------------------------------------- plan, area


def test_pages_resource_plan_areas_carry_over_starts_drops(
    pages: TestClient, store: OxigraphStore
) -> None:
    plans = rows(
        store,
        "SELECT ?p ?id WHERE { ?p a celac:Plan ; dcterms:identifier ?id ; dcterms:date ?d } ORDER BY ?d",
    )
    for i, plan in enumerate(plans):
        iri = plan["p"]
        body = page(pages, iri, lang="en").text
        areas = rows(store, f"SELECT ?a WHERE {{ <{iri}> celac:hasArea ?a }}")
        mandates = rows(store, f"SELECT ?m WHERE {{ ?m a celac:Mandate ; celac:inPlan <{iri}> }}")
        links = hrefs(section(body, "areas"))
        assert all(path(a["a"]) in links for a in areas)
        assert f"{len(areas)} areas, {len(mandates)} mandates." in text_of(body)

        # Each mandate's state by the best relation the store holds for it: a celac:continues
        # link (continued), only a celac:probablyContinues one (probably), or none (not found).
        def states(pattern: str, iri: str = iri) -> tuple[int, int, int]:
            found = rows(
                store,
                f"""SELECT ?m (SAMPLE(?a) AS ?asserted) (SAMPLE(?p) AS ?probable) WHERE {{
                  ?m a celac:Mandate ; celac:inPlan <{iri}> .
                  OPTIONAL {{ {pattern.format(p="celac:continues")} BIND(1 AS ?a) }}
                  OPTIONAL {{ {pattern.format(p="celac:probablyContinues")} BIND(1 AS ?p) }}
                }} GROUP BY ?m""",
            )
            continued = sum(1 for r in found if "asserted" in r)
            probably = sum(1 for r in found if "asserted" not in r and "probable" in r)
            return continued, probably, len(found) - continued - probably

        words = text_of(body)
        if i == 0:
            assert 'id="starts"' not in body and "It is the first plan" in words
        else:
            c, p, n = states("?m {p} ?e")
            assert (
                f"Mandates: {len(mandates)}. Continuing a mandate of an earlier plan: {c}; "
                f"probably continuing one: {p}; no antecedent found: {n}."
            ) in words
            for earlier in plans[:i]:
                carried = rows(
                    store,
                    f"""SELECT (COUNT(DISTINCT ?m) AS ?later) (COUNT(DISTINCT ?e) AS ?earlier) WHERE {{
                      ?m celac:inPlan <{iri}> ; celac:continues|celac:probablyContinues ?e .
                      ?e celac:inPlan <{earlier["p"]}> }}""",
                )[0]
                if carried["later"] != "0":
                    assert (
                        f"From {earlier['id']} — mandates that continue one: {carried['later']}; "
                        f"mandates continued: {carried['earlier']};" in words
                    )
        if i == len(plans) - 1:
            assert "It is the latest plan" in words
        else:
            c, p, n = states("?l {p} ?m")
            assert (
                f"Mandates: {len(mandates)}. Continued in a later plan: {c}; probably continued: "
                f"{p}; no successor found: {n}."
            ) in words
        # Every other plan's pair view is linked.
        for other in plans:
            if other["id"] != plan["id"]:
                later, earlier = (plan, other) if plans.index(other) < i else (other, plan)
                assert f'href="/plans/{later["id"]}/{earlier["id"]}"' in body


def test_pages_resource_area_mandates_and_themes_elsewhere(
    pages: TestClient, store: OxigraphStore
) -> None:
    area = rows(
        store,
        """SELECT ?a ?t ?other WHERE {
          ?a a celac:Area ; dcterms:subject ?t ; celac:inPlan ?p ; celac:hasMandate ?m .
          ?x a celac:Area ; dcterms:subject ?t ; celac:inPlan ?q . FILTER(?q != ?p) BIND(?x AS ?other)
        } ORDER BY ?a LIMIT 1""",
    )[0]
    body = page(pages, area["a"]).text
    mandates = rows(store, f"SELECT ?m WHERE {{ <{area['a']}> celac:hasMandate ?m }}")
    assert all(path(m["m"]) in hrefs(section(body, "mandates")) for m in mandates)
    elsewhere = section(body, "elsewhere")
    assert path(area["t"]) in hrefs(elsewhere)
    assert path(area["other"]) in hrefs(elsewhere)


# ---------------------------------------------------------------- meeting, actor, theme


def test_pages_resource_meeting_series_dates_and_callers(
    pages: TestClient, store: OxigraphStore
) -> None:
    m = rows(
        store,
        """SELECT ?m ?series ?edtf ?caller WHERE {
          ?m a celac:Meeting ; celac:inSeries ?series ; time:hasTime/celac:edtf ?edtf .
          ?caller celac:convenes ?m . ?caller a celac:Mandate } ORDER BY ?m LIMIT 1""",
    )[0]
    body = page(pages, m["m"]).text
    assert path(m["series"]) in hrefs(body)
    assert m["edtf"] in text_of(body)
    assert path(m["caller"]) in hrefs(section(body, "called"))
    for other in rows(
        store, f"SELECT ?o WHERE {{ ?o celac:inSeries <{m['series']}> FILTER(?o != <{m['m']}>) }}"
    ):
        assert path(other["o"]) in hrefs(section(body, "series"))


def test_pages_resource_actor_mandates_by_plan(pages: TestClient, store: OxigraphStore) -> None:
    actor = rows(
        store,
        "SELECT ?a (COUNT(DISTINCT ?p) AS ?n) WHERE { ?m celac:involves ?a ; a celac:Mandate ; celac:inPlan ?p } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1",
    )[0]["a"]
    body = page(pages, actor).text
    asked = section(body, "asked")
    found = rows(
        store,
        f"SELECT ?m ?id ?d WHERE {{ ?m celac:involves <{actor}> ; a celac:Mandate ; celac:inPlan ?p . ?p dcterms:identifier ?id ; dcterms:date ?d }} ORDER BY ?d",
    )
    assert all(path(r["m"]) in hrefs(asked) for r in found)
    plan_order = list(dict.fromkeys(r["id"] for r in found))
    headings = re.findall(
        r'<h3><a href="[^"]+"><span class="plan-badge[^"]*" title="([^"]+)"', asked
    )
    assert headings == plan_order


def test_pages_resource_theme_picture_has_every_mandate(
    pages: TestClient, store: OxigraphStore
) -> None:
    theme = rows(
        store,
        """SELECT ?t (COUNT(DISTINCT ?p) AS ?n) WHERE { ?m a celac:Mandate ; dcterms:subject ?t ; celac:inPlan ?p }
           GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 1""",
    )[0]["t"]
    mandates = rows(store, f"SELECT ?m WHERE {{ ?m a celac:Mandate ; dcterms:subject <{theme}> }}")
    body = page(pages, theme).text
    picture = svg(body, "theme-picture")
    dots = re.findall(r'<a class="dot[^"]*" href="([^"]+)"', picture)
    assert sorted(dots) == sorted(path(m["m"]) for m in mandates)
    asserted = rows(
        store,
        f"SELECT ?l ?e WHERE {{ ?l celac:continues ?e ; dcterms:subject <{theme}> . ?e dcterms:subject <{theme}> }}",
    )
    assert picture.count('class="theme-link asserted"') == len(asserted)


# ---------------------------------------------------------------- language, escaping


def test_pages_resource_label_falls_back_to_spanish(
    pages: TestClient, store: OxigraphStore
) -> None:
    only_es = rows(
        store,
        """SELECT ?a ?l WHERE { ?a a celac:Area ; rdfs:label ?l FILTER(lang(?l) = "es")
           FILTER NOT EXISTS { ?a rdfs:label ?en FILTER(lang(?en) = "en") } } ORDER BY ?a LIMIT 1""",
    )[0]
    body = page(pages, only_es["a"], lang="en").text
    assert '<html lang="en">' in body
    from api.pages.display import calm

    # Shown in Spanish, and marked as Spanish on the English page.
    assert f'<span lang="es">{html.escape(calm(only_es["l"]), quote=False)}</span></h1>' in body
    both = rows(
        store,
        """SELECT ?p ?es ?en WHERE { ?p a celac:Plan ; rdfs:label ?es , ?en
           FILTER(lang(?es) = "es" && lang(?en) = "en") } LIMIT 1""",
    )[0]
    english = page(pages, both["p"], lang="en").text
    spanish = page(pages, both["p"], lang="es").text
    assert f"<h1><span>{html.escape(both['en'], quote=False)}</span></h1>" in english
    assert f"<h1><span>{html.escape(both['es'], quote=False)}</span></h1>" in spanish


def test_pages_resource_escapes_hostile_text(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> None:
    """A mandate whose text holds markup, quotes and template syntax shows them as text."""
    from fastapi.testclient import TestClient
    from pyoxigraph import Literal, NamedNode, Quad

    from api.main import create_app
    from graph.namespaces import CELAC
    from graph.namespaces import ID as IDNS
    from graph.oxigraph import OxigraphStore, write_store

    hostile = "<script>alert(\"x\")</script> 'quoted' {{ 7*7 }} {% if %} & más"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    plan, area, mandate = f"{IDNS}plan/x", f"{IDNS}plan/x/area/1", f"{IDNS}plan/x/area/1/mandate/1"
    graph = NamedNode(f"{IDNS}graph/x")
    triples: list[tuple[str, str, NamedNode | Literal]] = [
        (plan, rdf, NamedNode(f"{CELAC}Plan")),
        (plan, "http://purl.org/dc/terms/identifier", Literal("X-1")),
        (plan, label, Literal(hostile, language="es")),
        (area, rdf, NamedNode(f"{CELAC}Area")),
        (area, f"{CELAC}inPlan", NamedNode(plan)),
        (
            area,
            f"{CELAC}position",
            Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        (area, label, Literal(hostile, language="es")),
        (area, f"{CELAC}hasMandate", NamedNode(mandate)),
        (mandate, rdf, NamedNode(f"{CELAC}Mandate")),
        (mandate, f"{CELAC}inPlan", NamedNode(plan)),
        (
            mandate,
            f"{CELAC}position",
            Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        (mandate, f"{CELAC}text", Literal(hostile, language="es")),
        (mandate, label, Literal(hostile, language="es")),
    ]
    folder = tmp_path_factory.mktemp("hostile") / "store"
    quads = [Quad(NamedNode(s), NamedNode(p), o, graph) for s, p, o in triples]
    written = write_store(folder, quads)
    del written
    app: FastAPI = create_app(settings, store=OxigraphStore(folder))
    install_id_fallback(app)
    client = TestClient(app)
    for url in (
        "/id/plan/x/area/1/mandate/1",
        "/id/plan/x/area/1",
        "/id/plan/x",
        "/search?q=script+alert",
        "/",
    ):
        body = client.get(url, headers=HTML).text
        assert "<script>" not in body, url
        assert "{{ 7*7 }}" in html.unescape(body) or url == "/", url
    body = client.get("/search", params={"q": "alert"}, headers=HTML).text
    assert "&lt;script&gt;<mark>alert</mark>(&#34;x&#34;)&lt;/script&gt;" in body


def test_pages_resource_source_link_query_is_local(pages: TestClient, store: OxigraphStore) -> None:
    iri = rows(store, "SELECT ?m WHERE { ?m a celac:Mandate } ORDER BY ?m LIMIT 1")[0]["m"]
    body = page(pages, iri).text
    for href in hrefs(body):
        parts = urlsplit(href)
        if parts.path.startswith("/id/") and parts.query:
            assert set(parse_qs(parts.query)) <= {"format", "page"}, href
