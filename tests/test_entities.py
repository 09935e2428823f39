"""Meetings, actors and partners in the real graph: the issue's examples, the series, the targets."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

import pytest
from query_results import solutions

from celac_kg.evaluate import evaluate_entities, evaluate_folds, folds_text
from extract.text import Source, squash
from graph.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow
DEV = Path(__file__).resolve().parent / "data" / "entities-dev.toml"

MEETING = """
SELECT ?m ?ordinal ?series ?edtf ?begins ?ends ?status
       (GROUP_CONCAT(DISTINCT ?placeLabel; separator="|") AS ?places) WHERE {
  ?m a celac:Meeting ; schema:name ?name .
  FILTER(STRSTARTS(STR(?name), ?printed))
  OPTIONAL { ?m celac:ordinal ?ordinal }
  OPTIONAL { ?m celac:inSeries/rdfs:label ?series }
  OPTIONAL { ?m time:hasTime ?t . ?t celac:edtf ?edtf ;
             time:hasBeginning/time:inXSDDate ?begins ; time:hasEnd/time:inXSDDate ?ends }
  OPTIONAL { ?m celac:heldIn/rdfs:label ?placeLabel FILTER(lang(?placeLabel) = "es") }
  OPTIONAL { ?item ?link ?m VALUES (?link ?status) { (celac:convenes "convenes") (celac:refersTo "refersTo") } }
} GROUP BY ?m ?ordinal ?series ?edtf ?begins ?ends ?status"""

# The examples: printed name → (ordinal, EDTF date, places, status).
EXAMPLES = {
    "II Reunión de Ministros de Desarrollo Social y Erradicación del Hambre y la Pobreza": (
        2, "2014-41", {"Caracas", "Venezuela"}, "convenes"),
    "I Reunión de Ministras, Ministros y Autoridades de Desarrollo Social": (
        1, "2013-07-22/2013-07-23", {"Caracas", "Venezuela"}, "refersTo"),
    "I Reunión Ministerial de la CELAC sobre el Problema Mundial de las Drogas": (
        1, "2014-05-13/2014-05-14", {"La Antigua Guatemala", "Guatemala"}, "convenes"),
    "III Reunión sobre Migraciones de la CELAC": (3, "2014", {"Quito", "Ecuador"}, "convenes"),
    "Foro Ministerial CELAC-China": (None, "2020-41", {"Shanghái", "China"}, "convenes"),
    "Cumbre del Foro China-CELAC": (None, "2024", set(), "convenes"),
}  # fmt: skip


class Meeting(TypedDict):
    iri: str
    ordinal: int | None
    series: str | None
    edtf: str | None
    places: set[str]
    status: set[str]


def meeting(store: OxigraphStore, printed: str) -> Meeting:
    query = MEETING.replace("?printed", f'"{printed}"')
    rows = list(solutions(store.query(query)))
    assert len({r["m"] for r in rows}) == 1, f"{printed!r}: {len(rows)} meetings"
    r = rows[0]
    return {
        "iri": r["m"].value,
        "ordinal": int(r["ordinal"].value) if r["ordinal"] else None,
        "series": r["series"].value if r["series"] else None,
        "edtf": r["edtf"].value if r["edtf"] else None,
        "places": set(r["places"].value.split("|")) - {""} if r["places"] else set(),
        "status": {row["status"].value for row in rows if row["status"]},
    }


@pytest.mark.parametrize("printed", sorted(EXAMPLES))
def test_entities_example_meetings(store: OxigraphStore, printed: str) -> None:
    ordinal, edtf, places, status = EXAMPLES[printed]
    m = meeting(store, printed)
    assert m["ordinal"] == ordinal
    assert m["edtf"] == edtf
    assert m["places"] == places
    assert status in m["status"]
    if ordinal:
        assert m["series"]


def test_entities_the_two_social_development_meetings_share_a_series(store: OxigraphStore) -> None:
    first = meeting(store, "I Reunión de Ministras, Ministros y Autoridades de Desarrollo Social")
    second = meeting(store, "II Reunión de Ministros de Desarrollo Social y Erradicación")
    assert first["series"] == second["series"]
    assert first["iri"] != second["iri"]


def test_entities_migration_meetings_i_ii_iii_share_one_series(store: OxigraphStore) -> None:
    rows = store.query(
        """SELECT ?series (GROUP_CONCAT(STR(?ordinal); separator=",") AS ?ordinals) WHERE {
             ?m celac:inSeries ?series ; celac:ordinal ?ordinal .
             ?series rdfs:label ?label FILTER(CONTAINS(LCASE(?label), "migraciones")) } GROUP BY ?series"""
    )
    found = [
        (r["series"].value, sorted(int(o) for o in r["ordinals"].value.split(",")))
        for r in solutions(rows)
    ]
    assert len(found) == 1 and found[0][1] == [1, 2, 3], found


@pytest.mark.parametrize(
    ("plan", "edtf", "place"),
    [
        ("CALC-2008", "2008-12-16/2008-12-17", "Salvador"),
        ("CELAC-2014", "2014-01-28/2014-01-29", "La Habana"),
        ("CHINA-CELAC-2022-2024", "2021-12-03", None),
    ],
)
def test_entities_the_meeting_that_adopted_each_plan(
    store: OxigraphStore, plan: str, edtf: str, place: str | None
) -> None:
    rows = list(
        solutions(
            store.query(
                f"""SELECT ?m ?edtf (GROUP_CONCAT(?p; separator="|") AS ?places) WHERE {{
                  ?plan dcterms:identifier "{plan}" ; celac:adoptedAt ?m .
                  ?m time:hasTime/celac:edtf ?edtf .
                  OPTIONAL {{ ?m celac:heldIn/rdfs:label ?p FILTER(lang(?p) = "es") }} }} GROUP BY ?m ?edtf"""
            )
        )
    )
    assert len(rows) == 1
    assert rows[0]["edtf"].value == edtf
    places = rows[0]["places"].value.split("|") if rows[0]["places"] else []
    assert (place in places) if place else places == [""] or places == []


def test_entities_every_mention_cuts_back_to_its_text(
    store: OxigraphStore, sources: dict[str, Source]
) -> None:
    rows = list(
        solutions(
            store.query(
                """SELECT ?thing ?value ?file ?start ?end WHERE {
                 ?thing celac:mention ?r . ?r rdf:value ?value ; celac:mentionedIn ?item ;
                   oa:hasSource/dcterms:identifier ?file ;
                   oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] }"""
            )
        )
    )
    assert len(rows) > 300
    for r in rows:
        cut = sources[r["file"].value].text[int(r["start"].value) : int(r["end"].value)]
        assert squash(cut) == squash(r["value"].value), (r["thing"], cut)


def test_entities_fao_and_partners(store: OxigraphStore) -> None:
    fao = store.query(
        """SELECT DISTINCT ?plan WHERE { ?m celac:involves ?a ; celac:inPlan/dcterms:identifier ?plan .
             ?a skos:altLabel "FAO" ; owl:sameAs ?wd }"""
    )
    assert {r["plan"].value for r in solutions(fao)} >= {"CELAC-2014", "CHINA-CELAC-2022-2024"}
    partners = store.query(
        """SELECT DISTINCT ?label WHERE { ?m celac:involves ?a . ?a a celac:Partner ; rdfs:label ?label
             FILTER(lang(?label) = "en") }"""
    )
    labels = {r["label"].value for r in solutions(partners)}
    assert {
        "People's Republic of China",
        "European Union",
        "African Union",
        "Association of Southeast Asian Nations",
        "BRICS",
        "Russian Federation",
    } <= labels, labels


def test_entities_evaluation_meets_the_targets(store: OxigraphStore) -> None:
    """The issue's targets (precision and recall >= 0.90) hold on the fold of the development set
    that this round's rules were not designed on. The rules of earlier rounds were designed
    looking at all four plans, so for them no fold is unseen: ``celac-kg evaluate`` says so."""
    folds = evaluate_folds(store, DEV)
    unseen = [f for f in folds if not f.design]
    assert unseen, folds_text(folds)
    for fold in unseen:
        for kind in ("meetings", "actors", "partners"):
            score = fold.report.scores[kind]
            assert score.expected > 0, (fold.name, kind, folds_text(folds))
            assert score.precision >= 0.90, (fold.name, kind, folds_text(folds))
            assert score.recall >= 0.90, (fold.name, kind, folds_text(folds))
    report = evaluate_entities(store, DEV)
    for share in ("meeting places right", "meeting dates right"):
        assert report.shares[share].value >= 0.90, report.text()


def test_entities_folds_split_the_set_by_plan(store: OxigraphStore) -> None:
    folds = evaluate_folds(store, DEV)
    plans = [p for f in folds for p in f.plans]
    assert len(plans) == len(set(plans)) == 4
    assert sum(f.design for f in folds) == 1
    whole = evaluate_entities(store, DEV)
    for kind in ("meetings", "actors", "partners"):
        assert sum(f.report.scores[kind].expected for f in folds) == whole.scores[kind].expected
        assert sum(f.report.scores[kind].found for f in folds) == whole.scores[kind].found


@pytest.mark.parametrize(
    ("folds", "message"),
    [
        ("", "no \\[folds\\] table"),
        ('[folds]\nA = ["CALC-2008"]\ndesign = "B"\n', "design = 'B' names none of"),
        (
            '[folds]\nA = ["CALC-2009"]\ndesign = "A"\n',
            "names plans with no annotation: \\['CALC-2009'\\]",
        ),
    ],
)
def test_entities_folds_refuse_a_bad_table(
    store: OxigraphStore, tmp_path: Path, folds: str, message: str
) -> None:
    dev = tmp_path / "dev.toml"
    annotated = (
        '[[actor]]\nplan = "CALC-2008"\nin = "x"\nname = "FAO"\nkind = "actor"\nkey = "fao"\n'
    )
    dev.write_text(folds + annotated, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        evaluate_folds(store, dev)
