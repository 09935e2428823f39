"""Human verdicts on carry-over links, as data: ``corpus/reviews.toml`` (optional).

Each ``[[review]]`` names a later and an earlier mandate by IRI, a verdict ("confirmed" or
"rejected"), the reviewer (a name or an ORCID IRI), the date (a TOML date) and why. A malformed
file, or a verdict on a pair that is not a later mandate and a mandate of a strictly earlier plan,
is a ``ReviewError`` naming the file and the line.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import ReviewError

FILE = "reviews.toml"
VERDICTS = ("confirmed", "rejected")
FIELDS = {"later", "earlier", "verdict", "reviewer", "date", "why"}
REQUIRED = FIELDS - {"why"}
_ENTRY = re.compile(r"^\s*\[\[\s*review\s*\]\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class Review:
    later: str
    earlier: str
    verdict: str
    reviewer: str
    date: datetime.date
    why: str
    line: int  # where its [[review]] table starts


def read_reviews(path: Path) -> list[Review]:
    """The reviews of ``path``; none when the file does not exist."""
    if not path.is_file():
        return []
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as e:
        raise ReviewError(where, f"not UTF-8 text ({e})") from e
    except tomllib.TOMLDecodeError as e:
        raise ReviewError(where, f"not valid TOML: {e}") from e
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if _ENTRY.match(line)]
    extra = set(data) - {"review"}
    if extra:
        raise ReviewError(
            where, f"unknown table or key {sorted(extra)[0]!r}: only [[review]] tables"
        )
    entries = data.get("review", [])
    if not isinstance(entries, list):
        raise ReviewError(where, "'review' must be an array of tables, [[review]]")
    found: list[Review] = []
    seen: dict[tuple[str, str], int] = {}
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else 0
        review = _review(entry, f"{where}, line {line}", line)
        pair = (review.later, review.earlier)
        if pair in seen:
            raise ReviewError(
                f"{where}, line {line}",
                f"a second verdict on the link {review.later} → {review.earlier} "
                f"(the first is on line {seen[pair]})",
            )
        seen[pair] = line
        found.append(review)
    return found


def _review(entry: Mapping[str, Any], where: str, line: int) -> Review:
    unknown = set(entry) - FIELDS
    if unknown:
        raise ReviewError(where, f"unknown field {sorted(unknown)[0]!r} (fields: {sorted(FIELDS)})")
    missing = REQUIRED - set(entry)
    if missing:
        raise ReviewError(where, f"missing field {sorted(missing)[0]!r}")
    for key in ("later", "earlier", "reviewer", "verdict"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise ReviewError(where, f"{key} must be a non-empty string, not {entry[key]!r}")
    if entry["verdict"] not in VERDICTS:
        raise ReviewError(where, f"verdict {entry['verdict']!r} is not one of {VERDICTS}")
    date = entry["date"]
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        raise ReviewError(where, f"date must be a TOML date (2026-12-06), not {date!r}")
    why = entry.get("why", "")
    if not isinstance(why, str):
        raise ReviewError(where, f"why must be a string, not {why!r}")
    return Review(
        entry["later"].strip(),
        entry["earlier"].strip(),
        entry["verdict"],
        entry["reviewer"].strip(),
        date,
        why.strip(),
        line,
    )


def resolve(
    reviews: list[Review],
    mandates: Mapping[str, tuple[int, object]],
    path: Path,
) -> list[tuple[Review, object, object]]:
    """Each review with its (later, earlier) mandate records. ``mandates``: IRI → (the plan's rank
    in date order, the mandate).

    Raises:
        ReviewError: an IRI names no mandate, or the earlier one is not of a strictly earlier plan.
    """
    out: list[tuple[Review, object, object]] = []
    for r in reviews:
        where = f"{path}, line {r.line}"
        for side, iri in (("later", r.later), ("earlier", r.earlier)):
            if iri not in mandates:
                raise ReviewError(where, f"{side} {iri!r} is no mandate of the corpus")
        (lp, later), (ep, earlier) = mandates[r.later], mandates[r.earlier]
        if ep >= lp:
            raise ReviewError(
                where,
                f"{r.earlier} is not a mandate of a plan earlier than that of {r.later}: "
                "a link goes from a later mandate to an earlier one",
            )
        out.append((r, later, earlier))
    return out
