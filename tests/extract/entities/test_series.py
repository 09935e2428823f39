"""Meeting series as data (series.toml): one series under its other names, editions dated by a
series' calendar; each on a snippet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from extract.entities.meetings import normalise_series
from extract.entities.mentions import MeetingMention
from extract.entities.series import SERIES, read_series
from extract.errors import ManifestError


def meetings(nlp: Language, text: str, reference: str) -> list[MeetingMention]:
    doc = nlp.make_doc(text)
    doc.user_data["reference_date"] = reference
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    found: list[MeetingMention] = doc._.celac_meetings
    assert all(text[m.start : m.end] == m.name for m in found)
    return found


def test_series_file_reads_with_a_fact_and_a_source_per_entry() -> None:
    facts = read_series(SERIES)
    assert facts.acronyms and facts.bilateral and facts.aliases and facts.calendars


def test_series_entry_without_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "series.toml"
    path.write_text('[[acronym]]\nshort = "AGNU"\nlong = "Asamblea General"\nfact = "x"\n', "utf-8")
    with pytest.raises(ManifestError, match=r"\[\[acronym\]\] entry 1 lacks source"):
        read_series(path)


@pytest.mark.parametrize(
    ("printed", "series"),
    [
        ("Foro Ministerial CELAC-China", "Reunión Ministerial del Foro China-CELAC"),
        ("Reunión del Foro China – CELAC", "Reunión Ministerial del Foro China-CELAC"),
        ("II Reunión Ministerial del Foro CELAC - China", "Reunión Ministerial del Foro China-CELAC"),
    ],
)  # fmt: skip
def test_series_other_names_of_one_series(printed: str, series: str) -> None:
    name = printed.split(" ", 1)[1] if printed.startswith("II ") else printed
    assert read_series().canonical(normalise_series(name)) == series


def test_series_parties_order_and_acronyms_do_not_change_a_series() -> None:
    assert normalise_series("Foro de Medios CELAC – China") == "Foro de Medios China-CELAC"
    assert normalise_series("Debate General de la AGONU") == (
        "Debate General de la Asamblea General de las Naciones Unidas"
    )


def test_series_framed_alias_applies_only_in_its_frame() -> None:
    facts = read_series()
    assert facts.canonical("Reunión") is None
    assert facts.canonical(
        "Reunión", "Debate General de la Asamblea General de las Naciones Unidas"
    )
    assert facts.canonical("Reunión", "Cumbre de la CELAC") is None


def test_series_calendar_dates_the_nth_session_of_the_general_assembly() -> None:
    facts = read_series()
    session = "Período de Sesiones de la Asamblea General de las Naciones Unidas"
    assert facts.edition_month(session, 69) == (date(2014, 9, 1), date(2014, 9, 30))
    assert facts.edition_month(session, 75) == (date(2020, 9, 1), date(2020, 9, 30))
    assert facts.edition_month(session, 1) is None  # the 1st opened in January 1946
    assert facts.edition_month("Cumbre de la CELAC", 3) is None


def test_series_unnumbered_meeting_of_a_known_series(nlp: Language) -> None:
    (m,) = meetings(nlp, "Celebrar el Foro Ministerial CELAC-China en Shanghái.", "2020-01-08")
    assert m.name == m.label == "Foro Ministerial CELAC-China"  # the label stays as printed
    assert m.series == "Reunión Ministerial del Foro China-CELAC"


def test_series_numbered_meeting_after_the_forum(nlp: Language) -> None:
    found = meetings(
        nlp, "Establecer el Foro CELAC-China y realizar la I reunión en 2015.", "2014-01-29"
    )
    (m,) = found
    assert (m.ordinal, m.series) == (1, "Reunión Ministerial del Foro China-CELAC")


@pytest.mark.parametrize(
    ("text", "reference", "edtf"),
    [
        ("Presentar a la próxima reunión de Cancilleres de la CELAC, en el marco del 70º período "
         "de sesiones de la Asamblea General de las Naciones Unidas, un informe.", "2015-01-01", "2015-09"),
        ("Reunión de la CELAC en ocasión del Debate General de la 76º AGONU.", "2021-01-01", "2021-09"),
    ],
)  # fmt: skip
def test_series_meeting_framed_by_the_general_assembly(
    nlp: Language, text: str, reference: str, edtf: str
) -> None:
    framed, frame = meetings(nlp, text, reference)
    assert framed.series == "Reunión de Cancilleres de la CELAC"
    assert framed.ordinal is None
    assert framed.label == framed.name[:1].upper() + framed.name[1:]  # as printed
    assert frame.date is not None and frame.date.edtf == edtf
    assert text[frame.date.start : frame.date.end] == frame.date.text
    assert framed.date is not None and framed.date.edtf == edtf


def test_series_a_meeting_framed_elsewhere_is_not_the_ministers_meeting(nlp: Language) -> None:
    found = meetings(
        nlp,
        "Celebrar la Reunión de la CELAC en el marco de la III Cumbre de la CELAC.",
        "2014-01-01",
    )
    assert found[0].series != "Reunión de Cancilleres de la CELAC"
