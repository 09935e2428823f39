"""The SHACL shapes and the ontology, tested as data.

Each case starts from ``VALID``, a minimal graph that touches every shape, adds and then
removes a few triples, and says whether the result conforms and, if not, what the message mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from graph.paths import ONTOLOGY_DIR, SHAPES_DIR
from graph.validate import ShapesError, ValidationReport, Violation, load_shapes, validate

CELAC = "https://w3id.org/celac-kg/ontology#"
ID = "https://w3id.org/celac-kg/id/"

PREFIXES = f"""
@base <{ID}> .
@prefix celac:   <{CELAC}> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

SHA = "0" * 64
PLACEHOLDER = re.compile(r"\{[$?]\w+\}")


def reading(item: str, source: str = "<source/a>", start: int = 0, end: int = 10) -> str:
    """An oa:SpecificResource ``<item>#from`` with both selectors, read from ``source``."""
    return f"""
    <{item}#from> a oa:SpecificResource ;
        oa:hasSource {source} ;
        oa:hasSelector <{item}#from-position> , <{item}#from-quote> ;
        rdf:value "texto"@es ;
        celac:role "text" .
    <{item}#from-position> a oa:TextPositionSelector ;
        oa:start "{start}"^^xsd:nonNegativeInteger ; oa:end "{end}"^^xsd:nonNegativeInteger .
    <{item}#from-quote> a oa:TextQuoteSelector ; oa:exact "texto" ; oa:prefix "" ; oa:suffix "" .
    """


def plan(key: str, date: str | None = "2014-01-29") -> str:
    """A plan ``<plan/{key}>`` with area 1 and its mandate 1, read from ``<source/a>``."""
    p, area = f"plan/{key}", f"plan/{key}/area/1"
    mandate = f"{area}/mandate/1"
    dated = f'; dcterms:date "{date}"^^xsd:date' if date else ""
    return f"""
    <{p}> a celac:Plan ;
        dcterms:identifier "{key.upper()}" ; rdfs:label "Plan {key}"@es ;
        celac:hasArea <{area}> ; dcterms:source <source/a> {dated} .
    <{area}> a celac:Area ;
        celac:inPlan <{p}> ; celac:position 1 ; celac:number "1" ;
        rdfs:label "Área 1"@es ; celac:hasMandate <{mandate}> ; prov:wasDerivedFrom <{area}#from> .
    <{mandate}> a celac:Mandate ;
        celac:inPlan <{p}> ; celac:position 1 ; rdfs:label "{key} 1.1"@es ;
        celac:text "Promover la cooperación."@es ; prov:wasDerivedFrom <{mandate}#from> .
    {reading(area)}
    {reading(mandate)}
    """


VALID = f"""
<source/a> a celac:SourceDocument ;
    dcterms:identifier "a.txt" ; celac:sha256 "{SHA}" ; celac:length 100 .
{plan("celac-2014")}
"""

AREA_IRI = "plan/celac-2014/area/1"
MANDATE_IRI = f"{AREA_IRI}/mandate/1"
P = "<plan/celac-2014>"
AREA = f"<{AREA_IRI}>"
MANDATE = f"<{MANDATE_IRI}>"
SUB = f"<{AREA_IRI}/area/1>"

NESTED = f"""
{SUB} a celac:Area ;
    celac:inPlan {P} ; celac:subAreaOf {AREA} ; celac:position 1 ; rdfs:label "Área 1.1"@es ;
    prov:wasDerivedFrom <{AREA_IRI}/area/1#from> .
{P} celac:hasArea {SUB} .
{reading(AREA_IRI + "/area/1")}
"""


@dataclass(frozen=True)
class Case:
    id: str
    add: str = ""
    remove: str = ""
    expect: str | None = None  # a fragment of the message, or None if the graph conforms

    def graph(self) -> Graph:
        g = Graph().parse(data=PREFIXES + VALID, format="turtle")
        if self.add:
            g += Graph().parse(data=PREFIXES + self.add, format="turtle")
        if self.remove:
            g -= Graph().parse(data=PREFIXES + self.remove, format="turtle")
        return g


# fmt: off
# Tables of cases, one per line or two; the formatter would spread each over five.
CONFORMING = [
    Case("minimal"),
    Case("nested area in the same plan", add=NESTED),
    Case("alternative text in Spanish", add=f'{MANDATE} celac:alternativeText "Otra."@es .'),
    Case(
        "continues a mandate of an earlier plan",
        add=plan("calc-2008", date="2008-12-17")
        + f"{MANDATE} celac:continues <plan/calc-2008/area/1/mandate/1> .",
    ),
    Case("selector ending at the source's length", add=reading(MANDATE_IRI + "/x", end=100)),
]

VIOLATING = [
    # celac:Plan
    Case("plan without identifier", remove=f'{P} dcterms:identifier "CELAC-2014" .',
         expect="exactly one dcterms:identifier"),
    Case("plan with two identifiers", add=f'{P} dcterms:identifier "X" .',
         expect="exactly one dcterms:identifier"),
    Case("plan without label", remove=f'{P} rdfs:label "Plan celac-2014"@es .',
         expect="at least one rdfs:label"),
    Case("plan without area",
         remove=f"{P} celac:hasArea {AREA} .", expect="at least one celac:hasArea"),
    Case("plan without source",
         remove=f"{P} dcterms:source <source/a> .", expect="at least one dcterms:source"),
    Case("plan date not a date", remove=f'{P} dcterms:date "2014-01-29"^^xsd:date .',
         add=f'{P} dcterms:date "2014" .', expect="dcterms:date, an xsd:date"),
    Case("(e) plan lists an area of another plan",
         add=f'{P} celac:hasArea <plan/x/area/1> . <plan/x/area/1> a celac:Area .',
         expect="not celac:inPlan this plan"),
    # celac:Area
    Case("area without plan", remove=f"{AREA} celac:inPlan {P} .",
         expect="exactly one celac:inPlan"),
    Case("area without position", remove=f"{AREA} celac:position 1 .",
         expect="exactly one celac:position"),
    Case("area at position 0", remove=f"{AREA} celac:position 1 .",
         add=f"{AREA} celac:position 0 .", expect="celac:position, an xsd:integer of at least 1"),
    Case("area position not an integer", remove=f"{AREA} celac:position 1 .",
         add=f'{AREA} celac:position "1" .', expect="celac:position, an xsd:integer"),
    Case("area without label", remove=f'{AREA} rdfs:label "Área 1"@es .',
         expect="An area needs at least one rdfs:label"),
    Case("area with two numbers", add=f'{AREA} celac:number "I" .',
         expect="at most one celac:number"),
    Case("area number not a string", remove=f'{AREA} celac:number "1" .',
         add=f"{AREA} celac:number 1 .", expect="at most one celac:number, an xsd:string"),
    Case("area without provenance", remove=f"{AREA} prov:wasDerivedFrom <{AREA_IRI}#from> .",
         expect="at least one prov:wasDerivedFrom"),
    Case("area derived from a bad reading",
         remove=f"<{AREA_IRI}#from> oa:hasSource <source/a> .",
         expect="each a valid oa:SpecificResource"),
    Case("area in two parents",
         add=NESTED + f"{SUB} celac:subAreaOf <plan/celac-2014/area/2> ."
         + "<plan/celac-2014/area/2> a celac:Area .",
         expect="subAreaOf at most one"),
    Case("(d) sub-area of an area in another plan",
         add=NESTED + f"{SUB} celac:subAreaOf <plan/x/area/1> ."
         + "<plan/x/area/1> a celac:Area .",
         remove=f"{SUB} celac:subAreaOf {AREA} .", expect="which is not in the same plan"),
    Case("(e) area missing from its plan's celac:hasArea",
         add=NESTED, remove=f"{P} celac:hasArea {SUB} .",
         expect="does not list it with celac:hasArea"),
    # celac:Mandate
    Case("mandate without plan", remove=f"{MANDATE} celac:inPlan {P} .",
         expect="A mandate needs exactly one celac:inPlan"),
    Case("mandate without text", remove=f'{MANDATE} celac:text "Promover la cooperación."@es .',
         expect="exactly one celac:text"),
    Case("mandate text in English",
         remove=f'{MANDATE} celac:text "Promover la cooperación."@es .',
         add=f'{MANDATE} celac:text "Promote cooperation."@en .', expect="Spanish (@es)"),
    Case("mandate text without language",
         remove=f'{MANDATE} celac:text "Promover la cooperación."@es .',
         add=f'{MANDATE} celac:text "Promover la cooperación." .', expect="Spanish (@es)"),
    Case("mandate text too short",
         remove=f'{MANDATE} celac:text "Promover la cooperación."@es .',
         add=f'{MANDATE} celac:text "a"@es .', expect="at least 3 characters"),
    Case("mandate alternative text in English", add=f'{MANDATE} celac:alternativeText "x"@en .',
         expect="celac:alternativeText must be a Spanish"),
    Case("mandate without position", remove=f"{MANDATE} celac:position 1 .",
         expect="A mandate needs exactly one celac:position"),
    Case("mandate without label", remove=f'{MANDATE} rdfs:label "celac-2014 1.1"@es .',
         expect="A mandate needs at least one rdfs:label"),
    Case("mandate without provenance",
         remove=f"{MANDATE} prov:wasDerivedFrom <{MANDATE_IRI}#from> .",
         expect="at least one prov:wasDerivedFrom to a valid oa:SpecificResource"),
    Case("mandate listed by no area", remove=f"{AREA} celac:hasMandate {MANDATE} .",
         expect="listed by exactly one celac:Area"),
    Case("mandate listed by two areas", add=NESTED + f"{SUB} celac:hasMandate {MANDATE} .",
         expect="listed by exactly one celac:Area"),
    Case("(a) mandate's area in another plan",
         remove=f"{MANDATE} celac:inPlan {P} .",
         add=plan("calc-2008", date="2008-12-17")
         + f"{MANDATE} celac:inPlan <plan/calc-2008> .",
         expect="the mandate is not in the area's plan"),
    Case("(b) continues a mandate of the same plan",
         add=f"{MANDATE} celac:continues {MANDATE} .", expect="not a mandate of an earlier plan"),
    Case("(b) continues a mandate of a later plan",
         add=plan("ppt-2020", date="2020-01-01")
         + f"{MANDATE} celac:continues <plan/ppt-2020/area/1/mandate/1> .",
         expect="not a mandate of an earlier plan"),
    Case("(b) continues a mandate of a plan of the same date",
         add=plan("other-2014", date="2014-01-29")
         + f"{MANDATE} celac:continues <plan/other-2014/area/1/mandate/1> .",
         expect="not a mandate of an earlier plan"),
    Case("(b) continues a mandate of an undated plan",
         add=plan("calc-2008", date=None)
         + f"{MANDATE} celac:continues <plan/calc-2008/area/1/mandate/1> .",
         expect="not both dated"),
    Case("continues something that is not a mandate",
         add=f"{MANDATE} celac:continues {AREA} .", expect="must point to a celac:Mandate"),
    # oa:SpecificResource and selectors
    Case("reading without source", remove=f"<{MANDATE_IRI}#from> oa:hasSource <source/a> .",
         expect="exactly one oa:hasSource"),
    Case("reading whose source is not a source document",
         remove=f"<{MANDATE_IRI}#from> oa:hasSource <source/a> .",
         add=f"<{MANDATE_IRI}#from> oa:hasSource {P} .", expect="exactly one oa:hasSource"),
    Case("reading without position selector",
         remove=f"<{MANDATE_IRI}#from> oa:hasSelector <{MANDATE_IRI}#from-position> .",
         expect="oa:TextPositionSelector"),
    Case("reading with two position selectors",
         add=f"<{MANDATE_IRI}#from> oa:hasSelector <{AREA_IRI}#from-position> .",
         expect="exactly one oa:hasSelector that is an oa:TextPositionSelector"),
    Case("reading without quote selector",
         remove=f"<{MANDATE_IRI}#from> oa:hasSelector <{MANDATE_IRI}#from-quote> .",
         expect="oa:TextQuoteSelector"),
    Case("reading with an unknown role", remove=f'<{MANDATE_IRI}#from> celac:role "text" .',
         add=f'<{MANDATE_IRI}#from> celac:role "heading" .', expect="celac:role is at most one"),
    Case("position selector without start",
         remove=f'<{MANDATE_IRI}#from-position> oa:start "0"^^xsd:nonNegativeInteger .',
         expect="exactly one oa:start"),
    Case("position selector end as plain integer",
         remove=f'<{MANDATE_IRI}#from-position> oa:end "10"^^xsd:nonNegativeInteger .',
         add=f"<{MANDATE_IRI}#from-position> oa:end 10 .", expect="exactly one oa:end"),
    Case("(c) selector ending before it starts", add=reading(MANDATE_IRI + "/x", start=9, end=9),
         expect="less than its oa:end"),
    Case("(c) selector ending past the source", add=reading(MANDATE_IRI + "/x", end=101),
         expect="past the end of source"),
    Case("quote selector without exact",
         remove=f'<{MANDATE_IRI}#from-quote> oa:exact "texto" .', expect="exactly one oa:exact"),
    Case("quote selector with a long prefix", remove=f'<{MANDATE_IRI}#from-quote> oa:prefix "" .',
         add=f'<{MANDATE_IRI}#from-quote> oa:prefix "{"x" * 33}" .',
         expect="oa:prefix of up to 32 characters"),
    # celac:SourceDocument
    Case("source without identifier", remove='<source/a> dcterms:identifier "a.txt" .',
         expect="A source document needs exactly one dcterms:identifier"),
    Case("source with an upper-case digest", remove=f'<source/a> celac:sha256 "{SHA}" .',
         add=f'<source/a> celac:sha256 "{"A" * 64}" .', expect="64 lower-case hex digits"),
    Case("source with a short digest", remove=f'<source/a> celac:sha256 "{SHA}" .',
         add='<source/a> celac:sha256 "abc" .', expect="64 lower-case hex digits"),
    Case("source without length", remove="<source/a> celac:length 100 .",
         expect="exactly one celac:length"),
    Case("source length as a string", remove="<source/a> celac:length 100 .",
         add='<source/a> celac:length "100" .', expect="exactly one celac:length"),
]
# fmt: on


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@cache
def report(case: Case) -> ValidationReport:
    return validate(case.graph())


@pytest.mark.parametrize("case", CONFORMING, ids=lambda c: c.id)
def test_shapes_accept(case: Case) -> None:
    result = report(case)
    assert result.conforms, result.text()
    assert result.violations == []


@pytest.mark.parametrize("case", VIOLATING, ids=lambda c: c.id)
def test_shapes_reject(case: Case) -> None:
    result = report(case)
    assert not result.conforms
    assert case.expect is not None
    assert any(case.expect in v.message for v in result.violations), result.text()


def message_pattern(template: str) -> re.Pattern[str]:
    """``sh:message`` as a regex: each ``{$this}``/``{?var}`` placeholder matches any text."""
    return re.compile(".+".join(re.escape(part) for part in PLACEHOLDER.split(template)))


def test_every_sparql_constraint_is_exercised(shapes: Graph) -> None:
    """Each SHACL-SPARQL constraint fires in at least one violating case."""
    patterns = {
        c: message_pattern(str(shapes.value(c, SH.message)))
        for c in shapes.objects(None, SH.sparql)
    }
    fired = {
        c for case in VIOLATING for v in report(case).violations
        for c, pattern in patterns.items() if pattern.fullmatch(v.message)
    }  # fmt: skip
    assert set(patterns) <= fired, set(patterns) - fired


def test_validate_reads_the_default_shapes() -> None:
    report = validate(Case("x", remove="<source/a> celac:length 100 .").graph())
    assert not report.conforms
    assert [v.focus for v in report.violations] == [URIRef(f"{ID}source/a")]
    assert report.violations[0].path == "celac:length"


def test_validate_mixes_in_the_ontology() -> None:
    """``sh:class`` sees ``rdfs:subClassOf`` from the ontology graph, not from the data."""
    data = Case("x", add=f"{MANDATE} celac:continues <m> . <m> a celac:Sub .").graph()
    ontology = Graph().parse(
        data=PREFIXES + "celac:Sub rdfs:subClassOf celac:Mandate .", format="turtle"
    )
    without = validate(data)
    assert any("must point to a celac:Mandate" in v.message for v in without.violations)
    with_ontology = validate(data, ontology=ontology)
    assert not any("must point to a celac:Mandate" in v.message for v in with_ontology.violations)


def test_report_text_renders_inverse_paths_and_prefixes() -> None:
    report = validate(Case("x", remove=f"{AREA} celac:hasMandate {MANDATE} .").graph())
    assert (
        "- id:plan/celac-2014/area/1/mandate/1 ^celac:hasMandate: A mandate must be listed by "
        "exactly one celac:Area with celac:hasMandate" in report.text()
    )


@pytest.mark.parametrize(
    ("path", "written"),
    [
        ("celac:text", "celac:text"),
        ("[ sh:inversePath celac:hasMandate ]", "^celac:hasMandate"),
        ("( celac:hasArea celac:hasMandate )", "(celac:hasArea/celac:hasMandate)"),
        ("[ sh:alternativePath ( celac:text [ sh:oneOrMorePath celac:subAreaOf ] ) ]",
         "(celac:text|celac:subAreaOf+)"),
    ],
)  # fmt: skip
def test_violation_path_is_written_as_sparql(path: str, written: str) -> None:
    shapes = Graph().parse(
        data=PREFIXES
        + "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        + "[] a sh:NodeShape ; sh:targetNode <n> ;"
        + f" sh:property [ sh:path {path} ; sh:minCount 1 ] .",
        format="turtle",
    )
    assert [v.path for v in validate(Graph(), shapes).violations] == [written]


def test_report_text_is_sorted_and_capped() -> None:
    violations = [
        Violation(URIRef(f"{ID}n/{i:02}"), "celac:text", Literal(i), "bad", "Violation", BNode())
        for i in reversed(range(53))
    ]
    lines = ValidationReport(False, violations).text().splitlines()
    assert len(lines) == 51
    assert lines[0] == '- id:n/00 celac:text: bad (value: "0"^^xsd:integer)'
    assert lines[49].startswith("- id:n/49 ")
    assert lines[-1] == "… and 3 more"
    assert ValidationReport(True, []).text() == "No violations."


def test_load_shapes_names_the_file_that_does_not_parse(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
    (tmp_path / "broken.ttl").write_text("<a> <b> .\n")
    with pytest.raises(ShapesError, match="broken.ttl"):
        load_shapes(tmp_path)


def test_load_shapes_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ShapesError, match="No shapes files"):
        load_shapes(tmp_path)


# The ontology and shapes files themselves

RDF_FILES = sorted([*ONTOLOGY_DIR.glob("*.ttl"), *SHAPES_DIR.glob("*.ttl")])


def test_there_are_rdf_files() -> None:
    assert {p.parent.name for p in RDF_FILES} == {"ontology", "shapes"}


@pytest.mark.parametrize("path", RDF_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rdf_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_shapes_pass_meta_validation(shapes: Graph) -> None:
    # meta_shacl=True checks the shapes against SHACL-SHACL first and raises if they fail.
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        g.parse(path, format="turtle")
    return g


TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
EXPECTED_TERMS = {
    "Plan", "Area", "Mandate", "Meeting", "MeetingSeries", "Actor", "Partner", "SourceDocument",
    "hasArea", "subAreaOf", "hasMandate", "inPlan", "text", "alternativeText", "number",
    "position", "objective", "thematicAxis", "responsibleBody", "role", "sha256", "length",
    "convenes", "refersTo", "adoptedAt", "involves", "continues",
}  # fmt: skip


def own_terms(g: Graph) -> set[URIRef]:
    return {
        s for t in TERM_TYPES for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(CELAC)
    }  # fmt: skip


def test_ontology_declares_the_model(ontology: Graph) -> None:
    assert {t.removeprefix(CELAC) for t in own_terms(ontology)} == EXPECTED_TERMS


def test_ontology_terms_have_spanish_and_english_labels_and_definitions(ontology: Graph) -> None:
    missing = []
    for term in sorted(own_terms(ontology)):
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
            missing += [f"{term} {prop} @{lang}" for lang in ("es", "en") if lang not in langs]
    assert missing == []


def test_shapes_use_only_terms_the_ontology_declares(shapes: Graph, ontology: Graph) -> None:
    used = {
        o for p in (SH.path, SH.targetClass, SH["class"], SH.inversePath)
        for o in shapes.objects(None, p) if isinstance(o, URIRef) and o.startswith(CELAC)
    }  # fmt: skip
    assert used, "the shapes use no celac: terms"
    assert used <= own_terms(ontology), used - own_terms(ontology)


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/celac-kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("0.1.0")
