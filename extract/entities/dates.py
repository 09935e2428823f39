"""The ``celac_dates`` component: Spanish date expressions → :class:`DateMention` with EDTF.

Genre rules (what the plans write, from the most to the least precise):

- days: "el 7 de febrero de 2013", "los días 22 y 23 de julio de 2013", "del 8 al 10 de octubre de
  2014", "entre el 13 y 16 de enero pasado", "del 30 de junio al 2 de julio de 2014";
- a month: "marzo de 2014", "noviembre del 2013", "mayo próximo";
- a quarter or a semester: "el primer trimestre del año 2014", "el segundo semestre de 2014";
  "a inicios/principios/comienzos de 2014" is read as the first quarter, "a finales/fines de 2014"
  as the fourth (the plans use them for "in the first/last months");
- years: "en 2014 o 2015", "entre 2022 y 2024" (a range); "en/durante/para/hasta (el) (año) 2014",
  "del año 2014", "(2018)". A bare year with no such word ("Agenda 2030", "Beijing 2022",
  "post 2015") is part of a name, not a date.

Years written relatively: "del mismo año" takes the last year written before it in the same text;
"pasado"/"próximo" take the latest past / the next such month from the reference date, which is
``doc.user_data["reference_date"]`` (a :class:`datetime.date` or ISO string; the plan's date) or,
failing that, the component's ``reference_date`` setting. With neither, such a date is left out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.mentions import DateMention, Precision

if not Doc.has_extension("celac_dates"):
    Doc.set_extension("celac_dates", default=None)

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_MONTH = "(?P<{}>" + "|".join(MONTHS) + ")"
_ORDINALS = {"primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4}
_YEAR = r"(?:de|del)\s+(?:año\s+)?(?P<{}>\d{{4}})"
_REL = r"(?P<{}>pasado|próximo|proximo|del\s+mismo\s+año)"
_D = r"(?P<{}>\d{{1,2}})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # del 30 de junio al 2 de julio de 2014
    (
        "span",
        re.compile(
            rf"\b(?:del?\s+)?{_D.format('d1')}\s+de\s+{_MONTH.format('m1')}\s+(?:al|a|y)\s+"
            rf"{_D.format('d2')}\s+de\s+{_MONTH.format('m2')}(?:\s+{_YEAR.format('y')}|\s+{_REL.format('rel')})",
            re.I,
        ),
    ),
    # los días 22 y 23 de julio de 2013; del 8 al 10 de octubre de 2014; el 7 de febrero de 2013
    (
        "days",
        re.compile(
            rf"\b(?:(?:los\s+días|entre\s+el|el|del|los)\s+)?{_D.format('d1')}"
            rf"(?:\s+(?:y|al|a|-)\s+(?:el\s+)?{_D.format('d2')})?\s+de\s+{_MONTH.format('m1')}"
            rf"(?:\s+{_YEAR.format('y')}|\s+{_REL.format('rel')})",
            re.I,
        ),
    ),
    # en marzo de 2014; noviembre del 2013; mayo próximo
    (
        "month",
        re.compile(
            rf"\b(?:(?:en|durante|de|desde|hasta)\s+)?{_MONTH.format('m1')}"
            rf"(?:\s+{_YEAR.format('y')}|\s+{_REL.format('rel')})",
            re.I,
        ),
    ),
    # el segundo semestre de 2014; el primer trimestre del año 2014
    (
        "part",
        re.compile(
            r"\b(?:(?:en|durante|para|hasta)\s+)?(?:el\s+)?(?P<n>primer|primero|segundo|tercer|tercero|cuarto)\s+"
            rf"(?P<unit>semestre|trimestre)\s+{_YEAR.format('y')}",
            re.I,
        ),
    ),
    # a inicios del 2014; a finales de 2015
    (
        "edge",
        re.compile(
            r"\b(?:a\s+|en\s+)?(?P<edge>inicios|principios|comienzos|finales|fines)\s+"
            + _YEAR.format("y"),
            re.I,
        ),
    ),
    # en 2014 o 2015; entre 2022 y 2024
    (
        "years",
        re.compile(
            r"\b(?:(?:en|durante|entre|para)\s+(?:el\s+)?(?:año\s+|años\s+)?)(?P<y>\d{4})\s+(?:o|y|a|-)\s+(?P<y2>\d{4})\b",
            re.I,
        ),
    ),
    # en 2014; durante el 2014; en el año 2015; del año 2014; (2018)
    (
        "year",
        re.compile(
            r"(?:\b(?:en|durante|para|hasta|antes\s+del?|desde)\s+(?:el\s+)?(?:año\s+)?|\bdel\s+año\s+|\()"
            r"(?P<y>(?:19|20)\d{2})\b(?:\))?",
            re.I,
        ),
    ),
]


_LEAD = re.compile(
    r"(?:\(|(?:en|durante|entre|el|los|días|del|de|a|para|hasta|desde|antes|año)\s+)*", re.I
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    begins: date
    ends: date
    edtf: str
    precision: Precision


def to_date(value: object) -> date | None:
    """A date from a ``date`` or an ISO string (the reference date may come as either); else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


class DateFinder:
    """Marks every date expression of the genre (see the module's docstring)."""

    def __init__(self, reference_date: str = "") -> None:
        self.reference = to_date(reference_date)

    def __call__(self, doc: Doc) -> Doc:
        reference = to_date(doc.user_data.get("reference_date")) or self.reference
        doc._.celac_dates = find_dates(doc.text, reference)
        return doc


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Every date of ``text``, in order, longest match first where expressions overlap."""
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                result = _read(kind, m, text, reference)
            except ValueError:  # 31 de febrero and the like
                result = None
            if result is not None:
                taken.append((m.start(), m.end()))
                found.append(result)
    found.sort(key=lambda f: f.start)
    mentions = []
    for f in found:
        # The date itself, without the words that introduce it ("durante el", "los días", "(").
        start = f.start + len(_LEAD.match(text, f.start, f.end).group(0))  # type: ignore[union-attr]
        end = f.end - 1 if text[f.end - 1] == ")" else f.end
        mentions.append(
            DateMention(start, end, text[start:end], f.begins, f.ends, f.edtf, f.precision)
        )
    return mentions


def _year(m: re.Match[str], text: str, month: int, reference: date | None) -> int | None:
    """The written year, or the one a relative word points to."""
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    rel = (groups.get("rel") or "").lower()
    if "mismo" in rel:
        earlier = re.findall(r"\b(?:19|20)\d{2}\b", text[: m.start()])
        return int(earlier[-1]) if earlier else None
    if reference is None:
        return None
    if rel == "pasado":
        return reference.year if month <= reference.month else reference.year - 1
    return reference.year if month > reference.month else reference.year + 1


def _read(kind: str, m: re.Match[str], text: str, reference: date | None) -> _Found | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    if kind in ("span", "days"):
        m1 = MONTHS[g["m1"].lower()]
        m2 = MONTHS[g["m2"].lower()] if g.get("m2") else m1
        year = _year(m, text, m2, reference)
        if year is None:
            return None
        begins = date(year, m1, int(g["d1"]))
        ends = date(year, m2, int(g["d2"])) if g.get("d2") else begins
        if ends < begins:
            return None
        if begins == ends:
            return _Found(start, end, begins, ends, begins.isoformat(), "day")
        return _Found(start, end, begins, ends, f"{begins}/{ends}", "days")
    if kind == "month":
        word = g["m1"].lower()
        month = MONTHS[word]
        year = _year(m, text, month, reference)
        if year is None:
            return None
        return _Found(
            start, end, date(year, month, 1), _last_day(year, month), f"{year}-{month:02d}", "month"
        )
    if kind in ("part", "edge"):
        year = int(g["y"])
        if kind == "edge":
            unit, n = (
                "trimestre",
                1 if g["edge"].lower() in ("inicios", "principios", "comienzos") else 4,
            )
        else:
            unit, n = g["unit"].lower(), _ORDINALS[g["n"].lower()]
        # A semester or a quarter is a part of the year: EDTF numbers them 40-41 and 33-36.
        precision: Precision
        months, base, limit, precision = (
            (6, 39, 2, "semester") if unit == "semestre" else (3, 32, 4, "quarter")
        )
        if n > limit:
            return None
        first = 1 + months * (n - 1)
        return _Found(
            start,
            end,
            date(year, first, 1),
            _last_day(year, first + months - 1),
            f"{year}-{base + n}",
            precision,
        )
    if kind == "years":
        y1, y2 = int(g["y"]), int(g["y2"])
        if y2 <= y1:
            return None
        return _Found(start, end, date(y1, 1, 1), date(y2, 12, 31), f"{y1}/{y2}", "years")
    year = int(g["y"])
    if text[start] == "(" and not text[start:end].endswith(")"):
        return None
    return _Found(start, end, date(year, 1, 1), date(year, 12, 31), str(year), "year")


@Language.factory("celac_dates", default_config={"reference_date": ""})
def make_date_finder(nlp: Language, name: str, reference_date: str) -> DateFinder:  # noqa: ARG001
    return DateFinder(reference_date)
