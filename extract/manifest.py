"""``plans.toml`` → plan specs, with errors a user can act on."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from extract.errors import ManifestError
from extract.records import PlanSpec

MANIFEST = "plans.toml"
_REQUIRED = {"id": str, "title": str, "sources": list}
_OPTIONAL = {
    "title_en": str,
    "date": str,
    "period": str,
    "place": str,
    "url": str,
    "slug": str,
    "adopted_at": str,
    "layouts": dict,
}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]*$")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
# A year or a span of years in a title: "2014", "(2022-2024)", "2022 – 2024".
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?!\d)")


def period_of(title: str) -> str | None:
    """The years a plan covers as its title names them, the last mention if several, else None.

    A plan is known by the years its title gives, which may follow its adoption (the China–CELAC
    plan for 2022-2024 was adopted in December 2021).

    >>> period_of("Plan de Acción Conjunto de Cooperación en Áreas Claves China–CELAC (2022-2024)")
    '2022-2024'
    >>> period_of("Plan de trabajo 2020 de la Presidencia Pro Tempore de México en la CELAC")
    '2020'
    >>> period_of("Declaración de Salvador, Bahía") is None
    True
    """
    found = list(_YEARS.finditer(title))
    if not found:
        return None
    first, last = found[-1].groups()
    return f"{first}-{last}" if last and last != first else first


def read_manifest(corpus: Path) -> list[PlanSpec]:
    """The ``[[plan]]`` tables of ``corpus/plans.toml``, checked.

    Raises:
        ManifestError: the file is missing or malformed, a key is missing, unknown or of the wrong
            type, an id repeats, or a source file is not in the corpus folder; every problem of
            the file is told in its message, not only the first.
    """
    path = corpus / MANIFEST
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(name, f"there is no {MANIFEST} in {corpus}") from None
    except UnicodeDecodeError as e:
        raise ManifestError(name, f"the manifest is not UTF-8 ({e.reason})") from e
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(name, f"the manifest is not valid TOML: {e}") from e
    problems: list[str] = []
    unknown = set(data) - {"plan"}
    if unknown:
        problems.append(
            f"unknown top-level key(s) {sorted(unknown)}; only [[plan]] tables belong here"
        )
    tables = data.get("plan")
    if not isinstance(tables, list) or not tables:
        problems.append("no [[plan]] table: describe at least one plan")
        raise ManifestError(name, _sentence(problems))
    specs = [_spec(i, table, corpus, problems) for i, table in enumerate(tables, start=1)]
    seen: dict[str, int] = {}
    for i, spec in enumerate(specs, start=1):
        if spec is None:
            continue
        for k in {spec.id.lower(): spec.id, spec.slug.lower(): spec.slug}.values():
            if k.lower() in seen and seen[k.lower()] != i:
                problems.append(
                    f"plan #{i} repeats the id or slug {k!r} of plan #{seen[k.lower()]}"
                )
            seen.setdefault(k.lower(), i)
    if problems:
        raise ManifestError(name, _sentence(problems))
    return [spec for spec in specs if spec is not None]


def _sentence(problems: list[str]) -> str:
    """One problem as it is; several numbered in one paragraph, so that all can be mended at once."""
    if len(problems) == 1:
        return problems[0]
    listed = "; ".join(f"({n}) {p}" for n, p in enumerate(problems, start=1))
    return f"{len(problems)} problems: {listed}"


def _outside(corpus: Path, source: str) -> str | None:
    """Why ``source`` does not name a file inside the corpus folder, or None if it does."""
    path = Path(source)
    if path.is_absolute():
        return "an absolute path; sources are file names relative to the corpus folder"
    if ".." in path.parts:
        return "a path that climbs out with '..'; sources must stay inside the corpus folder"
    if not (corpus / path).resolve().is_relative_to(corpus.resolve()):
        return "a link that leads outside the corpus folder"
    return None


def _spec(index: int, table: Any, corpus: Path, problems: list[str]) -> PlanSpec | None:
    """The plan spec of one [[plan]] table, or None; every problem found is added to ``problems``."""
    where = f"plan #{index}"
    if not isinstance(table, dict):
        problems.append(f"{where} is not a table")
        return None
    if "id" in table and isinstance(table["id"], str):
        where = f"plan {table['id']!r}"
    before = len(problems)
    for key, kind in _REQUIRED.items():
        if key not in table:
            problems.append(f"{where} has no {key!r}; every [[plan]] needs id, title and sources")
        elif not isinstance(table[key], kind):
            problems.append(f"{where}: {key!r} must be a {kind.__name__}, not {table[key]!r}")
    for key, value in table.items():
        if key in _REQUIRED:
            continue
        if key not in _OPTIONAL:
            known = ", ".join(sorted([*_REQUIRED, *_OPTIONAL]))
            problems.append(f"{where} has an unknown key {key!r} (known: {known})")
        elif not isinstance(value, _OPTIONAL[key]):
            problems.append(f"{where}: {key!r} must be a {_OPTIONAL[key].__name__}, not {value!r}")
    if isinstance(table.get("id"), str) and not _ID.match(table["id"]):
        problems.append(f"{where}: the id {table['id']!r} may hold only letters, digits and '-'")
    sources = table.get("sources")
    if isinstance(sources, list):
        if not sources or not all(isinstance(s, str) and s for s in sources):
            problems.append(f"{where}: 'sources' must list at least one file name")
            sources = [s for s in sources if isinstance(s, str) and s]
        for source in sources:
            outside = _outside(corpus, source)
            if outside:
                problems.append(f"{where} names the source {source!r}, which is {outside}")
            elif not (corpus / source).is_file():
                problems.append(
                    f"{where} names the source {source!r}, but {corpus / source} does not exist"
                )
        if len(set(sources)) != len(sources):
            problems.append(f"{where} lists a source twice")
    else:
        sources = []
    layouts = table.get("layouts", {})
    if isinstance(layouts, dict):
        for source, layout in layouts.items():
            if source not in sources or not isinstance(layout, str):
                problems.append(
                    f"{where}: layouts names {source!r}, which is not one of its sources"
                )
    date = table.get("date")
    if isinstance(date, str):
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(f"{where}: the date {date!r} is not an ISO date (YYYY-MM-DD)")
    period = table.get("period")
    if isinstance(period, str):
        m = _PERIOD.match(period)
        if not m or (m.group(2) and m.group(2) < m.group(1)):
            problems.append(
                f"{where}: the period {period!r} is not a year or a span of years (2014, 2022-2024)"
            )
    elif isinstance(table.get("title"), str):
        period = period_of(table["title"])
    if len(problems) > before:
        return None
    return PlanSpec(
        id=table["id"],
        title=table["title"],
        sources=list(sources),
        title_en=table.get("title_en"),
        date=date,
        period=period,
        place=table.get("place"),
        adopted_at=table.get("adopted_at"),
        url=table.get("url"),
        layouts=dict(layouts),
        slug=table.get("slug", ""),
    )
