"""A plan's date from its text where the manifest gives none; a sentence where neither does."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from extract.errors import ManifestError
from extract.plan_dates import date_in
from extract.plans import read_plans
from extract.text import Source

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DATED_IN_TEXT = ROOT / "tests" / "data" / "dated-in-text"


def source(text: str) -> Source:
    return Source("snippet.txt", text, "0" * 64)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("reunidos en La Habana, en ocasión de la II Cumbre, celebrada los días 28 y 29 de enero "
         "de 2015, acuerdan:", "2015-01-29"),
        ("El presente Plan fue adoptado en Beijing el 3 de diciembre de 2021.", "2021-12-03"),
        ("La Reunión Ministerial se llevó a cabo, de manera virtual, el 9 de enero de 2015.",
         "2015-01-09"),
        ("Hecho en Santiago, el 27 de enero de 2013.", "2013-01-27"),
    ],
)  # fmt: skip
def test_plan_dates_adoption_paragraph(text: str, date: str) -> None:
    found = date_in(source(text))
    assert found is not None and found.date == date
    assert found.passage.text in text


@pytest.mark.parametrize(
    "text",
    [
        "Realizar en 2015 la III Reunión de Ministros de Energía.",  # a year, no adoption
        "Promover la realización de reuniones regionales el 3 de mayo de 2015.",  # no cue
        "Plan adoptado en 2015 por los Estados miembros.",  # a year only
    ],
)
def test_plan_dates_no_day_of_adoption_no_date(text: str) -> None:
    assert date_in(source(text)) is None


def test_plan_dates_the_corpus_texts_agree_with_the_manifest() -> None:
    manifest = tomllib.loads((CORPUS / "plans.toml").read_text(encoding="utf-8"))
    checked = 0
    for plan in manifest["plan"]:
        for name in plan["sources"]:
            found = date_in(Source.load(CORPUS / name, name))
            if found is not None:
                assert found.date == plan["date"], name
                checked += 1
    assert checked >= 3


def test_plan_dates_a_plan_dated_only_in_its_text_is_dated_and_ordered(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    for f in DATED_IN_TEXT.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    with (corpus / "plans.toml").open("a", encoding="utf-8") as out:
        out.write("\n" + (DATED_IN_TEXT / "plans.toml").read_text(encoding="utf-8"))
    plans = read_plans(corpus)
    assert plans[-1].id == "TEST-2026" and plans[-1].spec.date == "2026-03-10"
    passage = plans[-1].spec.date_passage
    assert passage is not None and "9 y 10 de marzo de 2026" in passage.text
    raw = plans[-1].sources[0].text
    assert raw[passage.span.start : passage.span.end].endswith("10 de marzo de 2026")


def test_plan_dates_no_date_anywhere_is_a_sentence_naming_plan_and_field(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (DATED_IN_TEXT / "celac-2026-test-action-plan.txt").read_text(encoding="utf-8")
    (corpus / "celac-2026-test-action-plan.txt").write_text(
        text.replace(", celebrada los días 9 y 10 de marzo de 2026,", ","), encoding="utf-8"
    )
    shutil.copy(DATED_IN_TEXT / "plans.toml", corpus / "plans.toml")
    with pytest.raises(ManifestError) as error:
        read_plans(corpus)
    message = str(error.value)
    assert "TEST-2026" in message and "`date`" in message and "plans.toml" in message
