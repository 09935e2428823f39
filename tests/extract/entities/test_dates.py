from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from extract.entities.dates import find_dates

REF = date(2014, 1, 29)  # the CELAC 2014 plan's date


@pytest.mark.parametrize(
    ("text", "found", "edtf", "precision", "begins", "ends"),
    [
        ("el 7 de febrero de 2013", "7 de febrero de 2013", "2013-02-07", "day", date(2013, 2, 7), date(2013, 2, 7)),
        ("los días 22 y 23 de julio de 2013", "22 y 23 de julio de 2013", "2013-07-22/2013-07-23", "days", date(2013, 7, 22), date(2013, 7, 23)),
        ("el 13 y 14 de mayo de 2014", "13 y 14 de mayo de 2014", "2014-05-13/2014-05-14", "days", date(2014, 5, 13), date(2014, 5, 14)),
        ("entre el 13 y 16 de enero pasado", "13 y 16 de enero pasado", "2014-01-13/2014-01-16", "days", date(2014, 1, 13), date(2014, 1, 16)),
        ("del 8 al 10 de octubre de 2014", "8 al 10 de octubre de 2014", "2014-10-08/2014-10-10", "days", date(2014, 10, 8), date(2014, 10, 10)),
        ("los días 2 y 3 de diciembre del 2013", "2 y 3 de diciembre del 2013", "2013-12-02/2013-12-03", "days", date(2013, 12, 2), date(2013, 12, 3)),
        ("del 30 de junio al 2 de julio de 2014", "30 de junio al 2 de julio de 2014", "2014-06-30/2014-07-02", "days", date(2014, 6, 30), date(2014, 7, 2)),
        ("en marzo de 2014", "marzo de 2014", "2014-03", "month", date(2014, 3, 1), date(2014, 3, 31)),
        ("abril de 2014", "abril de 2014", "2014-04", "month", date(2014, 4, 1), date(2014, 4, 30)),
        ("en noviembre del 2013", "noviembre del 2013", "2013-11", "month", date(2013, 11, 1), date(2013, 11, 30)),
        ("de abril de 2013", "abril de 2013", "2013-04", "month", date(2013, 4, 1), date(2013, 4, 30)),
        ("mayo próximo", "mayo próximo", "2014-05", "month", date(2014, 5, 1), date(2014, 5, 31)),
        ("durante el segundo semestre de 2014", "segundo semestre de 2014", "2014-41", "semester", date(2014, 7, 1), date(2014, 12, 31)),
        ("en el primer semestre del 2014", "primer semestre del 2014", "2014-40", "semester", date(2014, 1, 1), date(2014, 6, 30)),
        ("en el segundo semestre del año 2014", "segundo semestre del año 2014", "2014-41", "semester", date(2014, 7, 1), date(2014, 12, 31)),
        ("durante el primer trimestre del año 2014", "primer trimestre del año 2014", "2014-33", "quarter", date(2014, 1, 1), date(2014, 3, 31)),
        ("el cuarto trimestre de 2015", "cuarto trimestre de 2015", "2015-36", "quarter", date(2015, 10, 1), date(2015, 12, 31)),
        ("a inicios del 2014", "inicios del 2014", "2014-33", "quarter", date(2014, 1, 1), date(2014, 3, 31)),
        ("durante el 2014", "2014", "2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
        ("en 2014", "2014", "2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
        ("en el año 2015", "2015", "2015", "year", date(2015, 1, 1), date(2015, 12, 31)),
        ("en 2014 o 2015", "2014 o 2015", "2014/2015", "years", date(2014, 1, 1), date(2015, 12, 31)),
        ("Entre 2022 y 2024", "2022 y 2024", "2022/2024", "years", date(2022, 1, 1), date(2024, 12, 31)),
    ],
)  # fmt: skip
def test_dates(text: str, found: str, edtf: str, precision: str, begins: date, ends: date) -> None:
    (d,) = find_dates(text, REF)
    assert (d.text, d.edtf, d.precision, d.begins, d.ends) == (found, edtf, precision, begins, ends)
    assert text[d.start : d.end] == found


@pytest.mark.parametrize(
    "text",
    [
        "lo antes posible",
        "la Agenda 2030",
        "Juegos de Invierno de Beijing 2022",
        "la Agenda de Desarrollo Post 2015",
        "a su debido tiempo",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, REF) == []


def test_relative_year_needs_a_reference() -> None:
    assert find_dates("a realizarse en mayo próximo", None) == []
    (d,) = find_dates("a realizarse en mayo próximo", date(2014, 6, 1))
    assert d.edtf == "2015-05"


def test_same_year_as_before() -> None:
    text = "en Buenos Aires el 12 de julio de 2012 y Montevideo el 15 de agosto del mismo año"
    first, second = find_dates(text)
    assert first.edtf == "2012-07-12"
    assert second.edtf == "2012-08-15"


def test_component_reads_the_reference_from_the_doc(nlp: Language) -> None:
    doc = nlp.make_doc("realizada en Chile entre el 13 y 16 de enero pasado")
    doc.user_data["reference_date"] = "2014-01-29"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [d.edtf for d in doc._.celac_dates] == ["2014-01-13/2014-01-16"]
