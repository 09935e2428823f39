"""A plan of the joint-plan family as a PDF extractor gives it, built with the corpus (issue 12).

The plan (tests/data/joint-plan-pdf) was written for the test suite: a running header on every
page, page numbers in two styles ("Página 1", "- 2 -"), page breaks inside items 1.1 and 2.2 of
chapter II, "coope-" / "ración" hyphenated at a line end in item I.4, and a footnote marked in item
2.2, at the foot of its page, naming an organisation the register does not hold, printed as
"Nombre Completo (SIGLA)".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpora import add_plans
from query_results import solutions

from celac_kg.build import BuildSummary, build
from extract.entities.register import REGISTER, read_register
from extract.layouts.base import is_footnote
from extract.text import Source, fold
from graph.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow

DATA = Path(__file__).resolve().parent / "data" / "joint-plan-pdf"
PLAN = "TEST-JOINT-2098"
FILE = "india-celac-2098-2100-joint-plan.txt"
HEADER = "Plan de Acción Conjunto India - CELAC (2098-2100)"
ORGANISATION = ("Consejo Regional de Ciencias del Mar", "CRCM")

# Every mandate as the plan was written: (chapter, section, number, text), in document order.
EXPECTED = [
    ("I", None, "1", "Fortalecer el diálogo político de alto nivel entre las Partes y celebrar "
     "consultas periódicas entre las cancillerías sobre los temas de la agenda regional e "
     "internacional."),
    ("I", None, "2", "Celebrar la Tercera Reunión Ministerial del Foro India - CELAC en 2100, en un "
     "país de América Latina y el Caribe que se determinará por consenso."),
    ("I", None, "3", "Promover el intercambio de experiencias en materia de gobierno electrónico, "
     "transparencia y administración pública, incluida la formación de funcionarios de ambas "
     "Partes."),
    ("I", None, "4", "Intensificar la cooperación contra la delincuencia organizada transnacional, el "
     "tráfico ilícito de armas pequeñas y ligeras y el lavado de activos, de conformidad con las "
     "leyes internas de cada país."),
    ("I", None, "5", "Continuar las consultas entre las Partes en el marco de las Naciones Unidas "
     "sobre la reforma del sistema multilateral y el fortalecimiento del multilateralismo."),
    ("II", "1", "1.1", "Fomentar el comercio y la inversión recíprocos, con especial atención a las "
     "pequeñas y medianas empresas, y facilitar la participación de las empresas de las Partes en "
     "ferias y exposiciones comerciales de la otra Parte."),
    ("II", "1", "1.2", "Explorar la firma de acuerdos para evitar la doble tributación y promover la "
     "protección recíproca de las inversiones."),
    ("II", "1", "1.3", "Celebrar anualmente el Foro Empresarial India - CELAC, con la participación "
     "de las cámaras de comercio y de las agencias de promoción de exportaciones de las Partes."),
    ("II", "2", "2.1", "Promover la cooperación entre instituciones científicas en biotecnología, "
     "energías renovables, tecnologías espaciales y agricultura de precisión."),
    ("II", "2", "2.2", "Apoyar la creación de redes de investigación oceanográfica entre "
     "universidades y centros de investigación de las Partes, con el fin de compartir datos sobre "
     "el estado de los océanos y las costas de la región."),
    ("II", "2", "2.3", "Impulsar programas de formación de jóvenes científicos y tecnólogos de "
     "América Latina y el Caribe en instituciones de la India."),
    ("II", "2", "2.4", "Cooperar en el uso pacífico del espacio ultraterrestre, incluidos los "
     "satélites de observación de la Tierra para la gestión de desastres."),
    ("III", None, "1", "Fortalecer la cooperación en salud pública, en particular en la producción "
     "de medicamentos genéricos y vacunas y en la medicina tradicional."),
    ("III", None, "2", "Promover los intercambios entre universidades y ofrecer becas a estudiantes "
     "de los Estados Miembros de la CELAC para cursar estudios de posgrado."),
    ("III", None, "3", "Fomentar el turismo y los intercambios culturales, incluidos festivales de "
     "cine y exposiciones de arte y artesanía."),
    ("III", None, "4", "Apoyar la enseñanza de idiomas y la traducción de obras literarias de ambas "
     "regiones."),
    ("IV", None, "1", "Los Coordinadores Nacionales del Foro India - CELAC se reunirán una vez al año "
     "para evaluar la ejecución de este Plan."),
    ("IV", None, "2", "Las Partes podrán revisar y actualizar este Plan de común acuerdo."),
    ("IV", None, "3", "Las Partes acuerdan celebrar la Cuarta Reunión Ministerial del Foro India - "
     "CELAC en 2101."),
]  # fmt: skip


@pytest.fixture(scope="module")
def joint_build(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildSummary, OxigraphStore, Source]:
    """The corpus plus the plan, built once into a temporary folder (see test_build.py's sixth plan)."""
    corpus = tmp_path_factory.mktemp("joint") / "corpus"
    add_plans(shutil.copytree(corpus_dir, corpus), DATA)
    summary = build(corpus, corpus.parent / "out")
    return summary, OxigraphStore(summary.publication.store), Source.load(corpus / FILE)


def test_joint_plan_every_mandate_exact(
    joint_build: tuple[BuildSummary, OxigraphStore, Source],
) -> None:
    summary, _, source = joint_build
    plan = next(p for p in summary.plans if p.id == PLAN)
    assert plan.layouts == {FILE: "joint-plan"}
    got: list[tuple[str | None, str | None, str | None, str]] = []
    for chapter in plan.areas:
        for area in chapter.walk():
            section = None if area is chapter else area.number
            got.extend((chapter.number, section, m.number, m.text) for m in area.mandates)
    # One by one first, so that a failure names the mandate.
    for expected, found in zip(EXPECTED, got, strict=False):
        assert found == expected
    assert len(got) == len(EXPECTED) == 19
    texts = [m.text for m in plan.all_mandates()]
    # No page furniture inside a mandate: no running header, no page number.
    for text in texts:
        assert HEADER not in text and "Página" not in text and "- 2 -" not in text, text
    # The hyphenated word is joined, the page-broken items are whole, the footnote is no part of
    # the item that marks it but its note.
    assert "cooperación contra la delincuencia" in texts[3]
    item = plan.all_mandates()[9]
    assert item.number == "2.2"
    assert [n.text for n in item.notes] == [
        "Entre ellas, la red que coordina el Consejo Regional de Ciencias del Mar (CRCM), con sede "
        "en Valparaíso."
    ]
    # The furniture is counted: four page numbers, four running headers, one hyphenation.
    assert source.furniture.describe() == (
        "4 page numbers, 4 running header/footer lines, 1 hyphenation"
    )
    assert f"{FILE}: 4 page numbers, 4 running header/footer lines" in summary.text()


def test_joint_plan_offsets_cut_back_exactly(
    joint_build: tuple[BuildSummary, OxigraphStore, Source],
) -> None:
    _, store, source = joint_build
    rows = list(
        solutions(
            store.query(
                f"""SELECT ?m ?text ?value ?start ?end WHERE {{
                 ?m a celac:Mandate ; celac:inPlan/dcterms:identifier "{PLAN}" ; celac:text ?text ;
                    prov:wasDerivedFrom ?r .
                 ?r rdf:value ?value ; oa:hasSource/dcterms:identifier "{FILE}" ;
                    oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] }}"""
            )
        )
    )
    assert sorted(r["text"].value for r in rows) == sorted(e[3] for e in EXPECTED)
    notes = [line.index for line in source.lines if is_footnote(line)]
    broken = 0
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        assert source.clean(start, end, notes) == r["value"].value == r["text"].value
        # The span of a page-broken item holds the page's furniture, which the text leaves out.
        broken += HEADER in source.text[start:end]
    assert broken == 2


def test_joint_plan_footnote_organisation_found(
    joint_build: tuple[BuildSummary, OxigraphStore, Source],
) -> None:
    _, store, source = joint_build
    label, acronym = ORGANISATION
    rows = list(
        solutions(
            store.query(
                f"""SELECT ?a ?value ?start ?end ?exact ?kind WHERE {{
                 ?a a celac:Actor ; rdfs:label "{label}"@es ; skos:altLabel "{acronym}" ;
                    celac:mention ?n .
                 ?n celac:mentionedIn ?p ; rdf:value ?value ;
                    oa:hasSource/dcterms:identifier "{FILE}" ;
                    oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ,
                                   [ a oa:TextQuoteSelector ; oa:exact ?exact ] .
                 ?p celac:passageKind ?kind ; celac:inPlan/dcterms:identifier "{PLAN}" }}"""
            )
        )
    )
    assert rows, "the footnote's organisation is not in the graph"
    assert {r["a"] for r in rows} == {rows[0]["a"]}  # one actor
    (note,) = [line for line in source.lines if is_footnote(line)]
    printed = f"{label} ({acronym})"
    at = source.text.index(printed)
    for r in rows:
        start, end = int(r["start"].value), int(r["end"].value)
        assert r["kind"].value == "footnote"
        assert source.text[start:end] == r["exact"].value == r["value"].value
        assert note.start <= start < end <= note.end
        assert (start, end) in {(at, at + len(printed)), (at, at + len(label))}
    # Not verified, so not identified with anything.
    assert not bool(store.query(f'ASK {{ ?a rdfs:label "{label}"@es ; owl:sameAs ?x }}'))


def test_the_organisation_is_not_in_the_register() -> None:
    """The footnote's organisation must be one the register does not hold, or the test says nothing."""
    names = {fold(n) for a in read_register(REGISTER).values() for n in (*a.names, *a.acronyms)}
    assert not {fold(ORGANISATION[0]), fold(ORGANISATION[1])} & names
