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
    "place": str,
    "url": str,
    "slug": str,
    "adopted_at": str,
    "layouts": dict,
}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]*$")


def read_manifest(corpus: Path) -> list[PlanSpec]:
    """The ``[[plan]]`` tables of ``corpus/plans.toml``, checked.

    Raises:
        ManifestError: the file is missing or malformed, a key is missing, unknown or of the wrong
            type, an id repeats, or a source file is not in the corpus folder.
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
    unknown = set(data) - {"plan"}
    if unknown:
        raise ManifestError(
            name, f"unknown top-level key(s) {sorted(unknown)}; only [[plan]] tables belong here"
        )
    tables = data.get("plan")
    if not isinstance(tables, list) or not tables:
        raise ManifestError(name, "no [[plan]] table: describe at least one plan")
    specs = [_spec(name, i, table, corpus) for i, table in enumerate(tables, start=1)]
    seen: dict[str, int] = {}
    for i, spec in enumerate(specs, start=1):
        for k in (spec.id, spec.slug):
            if k.lower() in seen and seen[k.lower()] != i:
                raise ManifestError(
                    name, f"plan #{i} repeats the id or slug {k!r} of plan #{seen[k.lower()]}"
                )
            seen[k.lower()] = i
    return specs


def _spec(name: str, index: int, table: Any, corpus: Path) -> PlanSpec:
    where = f"plan #{index}"
    if not isinstance(table, dict):
        raise ManifestError(name, f"{where} is not a table")
    if "id" in table and isinstance(table["id"], str):
        where = f"plan {table['id']!r}"
    for key, kind in _REQUIRED.items():
        if key not in table:
            raise ManifestError(
                name, f"{where} has no {key!r}; every [[plan]] needs id, title and sources"
            )
        if not isinstance(table[key], kind):
            raise ManifestError(
                name, f"{where}: {key!r} must be a {kind.__name__}, not {table[key]!r}"
            )
    for key, value in table.items():
        if key in _REQUIRED:
            continue
        if key not in _OPTIONAL:
            known = ", ".join(sorted([*_REQUIRED, *_OPTIONAL]))
            raise ManifestError(name, f"{where} has an unknown key {key!r} (known: {known})")
        if not isinstance(value, _OPTIONAL[key]):
            raise ManifestError(
                name, f"{where}: {key!r} must be a {_OPTIONAL[key].__name__}, not {value!r}"
            )
    if not _ID.match(table["id"]):
        raise ManifestError(
            name, f"{where}: the id {table['id']!r} may hold only letters, digits and '-'"
        )
    sources = table["sources"]
    if not sources or not all(isinstance(s, str) and s for s in sources):
        raise ManifestError(name, f"{where}: 'sources' must list at least one file name")
    for source in sources:
        if not (corpus / source).is_file():
            raise ManifestError(
                name, f"{where} names the source {source!r}, but {corpus / source} does not exist"
            )
    if len(set(sources)) != len(sources):
        raise ManifestError(name, f"{where} lists a source twice")
    layouts = table.get("layouts", {})
    for source, layout in layouts.items():
        if source not in sources or not isinstance(layout, str):
            raise ManifestError(
                name, f"{where}: layouts names {source!r}, which is not one of its sources"
            )
    date = table.get("date")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise ManifestError(
                name, f"{where}: the date {date!r} is not an ISO date (YYYY-MM-DD)"
            ) from None
    return PlanSpec(
        id=table["id"],
        title=table["title"],
        sources=list(sources),
        title_en=table.get("title_en"),
        date=date,
        place=table.get("place"),
        adopted_at=table.get("adopted_at"),
        url=table.get("url"),
        layouts=dict(layouts),
        slug=table.get("slug", ""),
    )
