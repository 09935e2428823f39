"""The whole text read, in the real graph: preambles, footnotes and responsible bodies are passages
of their plan, and the meetings and organisations they name are there with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from query_results import solutions

from extract.layouts.base import is_footnote
from extract.text import Source
from graph.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow

QUERIES = Path(__file__).resolve().parent.parent / "queries"

NAMED_IN = """
SELECT ?passage ?kind ?thing ?value ?file ?start ?end ?exact WHERE {
  ?passage a celac:Passage ; celac:passageKind ?kind ; celac:inPlan/dcterms:identifier ?plan .
  ?thing celac:mention ?m .
  ?m celac:mentionedIn ?passage ; rdf:value ?value ; oa:hasSource/dcterms:identifier ?file ;
     oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ,
                    [ a oa:TextQuoteSelector ; oa:exact ?exact ] .
}"""


def named_in(store: OxigraphStore, plan: str, kind: str) -> list[dict[str, str]]:
    query = NAMED_IN.replace("?plan .", f'"{plan}" .').replace("?kind ;", f'"{kind}" ;', 1)
    rows = store.query(query.replace("SELECT ?passage ?kind", "SELECT ?passage"))
    return [
        {k: r[k].value for k in ("passage", "thing", "value", "file", "start", "end", "exact")}
        for r in solutions(rows)
    ]


def test_passages_footnote_names_the_university_networks(
    store: OxigraphStore, sources: dict[str, Source]
) -> None:
    """The footnote to CELAC-2014's education area names the rectors' association and the
    university networks it was made of: they are the footnote's, with the footnote's offsets."""
    rows = named_in(store, "CELAC-2014", "footnote")
    source = sources["celac-2014-havana-action-plan.txt"]
    (note,) = [line for line in source.lines if is_footnote(line)]
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert source.text[start:end] == r["exact"] == r["value"]
        assert note.start <= start < end <= note.end
    printed = {r["value"] for r in rows}
    assert {"ACRU-LAC", "AUGM", "UNICA", "CSUCA", "CUIB"} <= printed, printed
    # Named in the footnote, they are not the mandate's the footnote is attached to.
    mandate_involves = store.query(
        """SELECT ?m WHERE { ?m a celac:Mandate ; celac:involves ?a . ?a celac:mention ?n .
             ?n celac:mentionedIn ?p . ?p celac:passageKind "footnote" .
             FILTER NOT EXISTS { ?a celac:mention/celac:mentionedIn ?m } }"""
    )
    assert list(solutions(mandate_involves)) == []


def test_passages_declaration_preamble_names_its_organisations(
    store: OxigraphStore, sources: dict[str, Source]
) -> None:
    rows = named_in(store, "CALC-2008", "preamble")
    source = sources["calc-2008-salvador-declaration.txt"]
    decisions = source.text.index("1. Cooperación entre los mecanismos regionales")
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert source.text[start:end] == r["exact"]
        assert " ".join(r["exact"].split()) == r["value"]
        assert end <= decisions  # before the decisions: the preamble
    printed = {r["value"] for r in rows}
    # Paragraphs 8, 16 and 19 name the Security Council, the WTO (twice) and the Grupo Bicentenario.
    assert {"Consejo de Seguridad", "Organización Mundial de Comercio", "OMC"} <= printed, printed
    assert "grupo Bicentenario" in printed


def test_passages_are_read_from_exact_spans(
    store: OxigraphStore, sources: dict[str, Source]
) -> None:
    rows = store.query(
        """SELECT ?kind ?value ?file ?start ?end WHERE {
             ?p a celac:Passage ; celac:passageKind ?kind ; prov:wasDerivedFrom ?r .
             ?r rdf:value ?value ; oa:hasSource/dcterms:identifier ?file ;
                oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] }"""
    )
    kinds: dict[str, int] = {}
    for r in solutions(rows):
        source = sources[r["file"].value]
        start, end = int(r["start"].value), int(r["end"].value)
        notes = [x.index for x in source.lines if is_footnote(x) and not x.start <= start <= x.end]
        assert source.clean(start, end, notes) == r["value"].value
        kinds[r["kind"].value] = kinds.get(r["kind"].value, 0) + 1
    assert set(kinds) == {"preamble", "footnote", "header", "objective", "responsible"}


def test_passages_a_tables_column_header_names_the_government_answering(
    store: OxigraphStore, sources: dict[str, Source]
) -> None:
    """The PPT-2020 table's column header ("Área del Gobierno de México responsable"), on every
    page that repeats it, names Mexico's government: the state acting, with the header's offsets."""
    rows = named_in(store, "PPT-2020", "header")
    source = sources["ppt-2020-mexico-work-plan-table.txt"]
    assert len({r["passage"] for r in rows}) == source.text.count("Objetivo Estrategia") >= 2
    for r in rows:
        assert source.text[int(r["start"]) : int(r["end"])] == r["exact"]
        assert (
            r["thing"].endswith("/mexico") and " ".join(r["exact"].split()) == "Gobierno de México"
        )


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("CELAC-2014", {("footnote", "AUGM"), ("footnote", "CUIB"), ("mandate", "CEPAL")}),
        ("CALC-2008", {("preamble", "OMC"), ("preamble", "Consejo de Seguridad")}),
        ("PPT-2020", {("responsible", "SRE"), ("responsible", "SEMARNAT")}),
    ],
)
def test_passages_canned_query_lists_a_plans_organisations_wherever_named(
    store: OxigraphStore, plan: str, expected: set[tuple[str, str]]
) -> None:
    text = (QUERIES / "plan-organisations.rq").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[1].startswith("# ")
    rows = list(solutions(store.query(text.replace('"CELAC-2014"', f'"{plan}"'))))
    got = {(r["part"].value, r["quote"].value) for r in rows}
    assert expected <= got, sorted(got)
