"""How often each register alias and each status cue matches the corpus.

No alias or cue exists for one sentence: one that matches a single place of the corpus must carry a
comment saying which general fact it records (a register entry: a comment line attached to its
``[[actor]]`` table; a cue: its ``fact``). Run with ``-s`` to see the table.
"""

from __future__ import annotations

import re
import tomllib
from itertools import takewhile
from pathlib import Path
from typing import Any

import pytest

from extract.entities import meetings
from extract.entities.meetings import Cue
from extract.entities.places import fold
from extract.entities.register import REGISTER
from extract.entities.series import SERIES, key, read_series

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
TEXTS = [re.sub(r"\s+", " ", p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
FOLDED = [fold(t) for t in TEXTS]
# A meeting's head noun, as the meetings component reads it (folded, singular or plural).
HEADS = "|".join(sorted({*meetings.HEADS, *meetings.PLURAL}, key=len, reverse=True))
ARTICLE = r"\s*(?:la|el|los|las|l)?\s*"
ORDINAL = r"(?:[ivxlc]+\s+|\w+\s+)?"  # one word of ordinal at most ("II", "primer", "69º")


def alias_places(alias: str) -> int:
    """Places of the corpus where the alias matches as the actors component matches it (whole
    words; case-insensitive, as aliases are)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(fold(alias)) + r"(?!\w)")
    return sum(len(pattern.findall(t)) for t in FOLDED)


def before_places(cue: Cue) -> int:
    """Places where the cue stands right before a meeting's head (and its article, ordinal)."""
    pattern = re.compile(rf"(?:{fold(cue.pattern)}){ARTICLE}{ORDINAL}(?:{HEADS})\b", re.I)
    return sum(len(pattern.findall(t)) for t in FOLDED)


def after_places(cue: Cue) -> int:
    """Places where the cue follows a meeting's head within its clause (no . ; before it)."""
    pattern = re.compile(rf"\b(?:{HEADS})\b[^.;]{{0,100}}?(?:{fold(cue.pattern)})", re.I)
    return sum(len(pattern.findall(t)) for t in FOLDED)


def register_entries() -> list[tuple[dict[str, Any], bool]]:
    """Each register entry, and whether a comment line is attached to it (right above its
    ``[[actor]]`` header, or inside its table)."""
    raw = REGISTER.read_text("utf-8")
    chunks = re.split(r"\n(?=\[\[actor\]\])", raw)
    entries = []
    previous_tail = chunks[0].splitlines()
    for chunk in chunks[1:]:
        lines = chunk.splitlines()
        body = list(takewhile(lambda line: line.strip() != "", lines))
        above = []
        for line in reversed(previous_tail):
            if not line.startswith("#") or line.startswith("# ==="):
                break
            above.append(line)
        commented = bool(above) or any(line.lstrip().startswith("#") for line in body[1:])
        entries.append((tomllib.loads("\n".join(body))["actor"][0], commented))
        previous_tail = lines[len(body) :] if len(body) < len(lines) else []
    return entries


ENTRIES = register_entries()
ALIASES = [(e["key"], alias, c) for e, c in ENTRIES for alias in e["aliases"]]


def held_there_places(cue: Cue) -> int:
    """Places where the cue follows a bare head with its definite article ("el foro que …")."""
    pattern = re.compile(rf"\b(?:el|la)\s+(?:{HEADS})\s+(?:{fold(cue.pattern)})", re.I)
    return sum(len(pattern.findall(t)) for t in FOLDED)


def held_set_places(cue: Cue) -> int:
    """Places where the cue follows a plural head and at most two words of its description."""
    plural = "|".join(sorted(meetings.PLURAL, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{plural})\s+(?:\w+\s+){{0,2}}?(?:{fold(cue.pattern)})", re.I)
    return sum(len(pattern.findall(t)) for t in FOLDED)


CUES = [
    ("after a bare head", meetings.HELD_THERE_CUE, held_there_places(meetings.HELD_THERE_CUE)),
    ("after a plural", meetings.HELD_SET_CUE, held_set_places(meetings.HELD_SET_CUE)),
    *(("before", c, before_places(c)) for c in meetings.PAST_BEFORE_CUES),
    *(("after, past", c, after_places(c)) for c in meetings.PAST_AFTER_CUES),
    *(("after, future", c, after_places(c)) for c in meetings.FUTURE_AFTER_CUES),
]


def test_cues_register_is_read_whole() -> None:
    assert len(ENTRIES) == len(tomllib.loads(REGISTER.read_text("utf-8"))["actor"])


def test_cues_table_of_places(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(alias_places(a), "alias", f"{k}: {a}") for k, a, _ in ALIASES]
    rows += [(n, f"cue {where}", c.pattern) for where, c, n in CUES]
    with capsys.disabled():
        print("\nplaces  what            alias or cue")  # noqa: T201
        for n, what, name in sorted(rows, key=lambda r: (r[0], r[1])):
            print(f"{n:>6}  {what:<14}  {name}")  # noqa: T201
    assert rows


@pytest.mark.parametrize(("key", "alias", "commented"), ALIASES, ids=[a for _, a, _ in ALIASES])
def test_cues_alias_matching_one_place_says_why(key: str, alias: str, commented: bool) -> None:
    # An alias matching nowhere is a name known apart from the corpus (a state's official name).
    if alias_places(alias) == 1:
        assert commented, f"{key}: alias {alias!r} matches one place and has no comment"


@pytest.mark.parametrize(("where", "cue", "places"), CUES, ids=[c.pattern[:40] for _, c, _ in CUES])
def test_cues_cue_matching_one_place_says_why(where: str, cue: Cue, places: int) -> None:
    if places == 1:
        assert cue.fact.strip(), f"{where} cue {cue.pattern!r} matches one place and states no fact"


def test_cues_count_places_of_a_snippet() -> None:
    assert before_places(Cue(r"emanad\w*\s+de")) >= 1
    assert alias_places("Grupo de Trabajo destinado a elaborar las mejores formas") == 1


# -- series.toml: each acronym, pair of parties, series alias and calendar, by its corpus places --

SERIES_FACTS = read_series()
SPELT = [
    re.sub(r"\s+de\s+la\s+celac\b", "", fold(SERIES_FACTS.spell(t)).replace(" - ", "-"))
    for t in TEXTS
]
FRAME = r"[^.;]{0,40}?\ben\s+(?:el\s+marco|ocasion)\s+del?\b[^.;]{0,20}?"


def series_places(what: str, entry: dict[str, Any]) -> int:
    """Places of the corpus where a series.toml entry applies, read as the meetings component reads it
    (acronyms spelt out, parties in the forum's order, "de la CELAC" dropped)."""
    if what == "acronym":
        pattern = rf"\b{re.escape(entry['short'])}\b"
        return sum(len(re.findall(pattern, t)) for t in TEXTS)
    if what == "bilateral":
        a, b = (re.escape(p) for p in entry["parties"])
        pattern = rf"\b(?:{a}\s*[-–—]\s*{b}|{b}\s*[-–—]\s*{a})\b"
        return sum(len(re.findall(pattern, t)) for t in TEXTS)
    if what == "calendar":
        heads = "|".join(re.escape(" ".join(key(s).split()[:2])) for s in entry["series"])
        pattern = rf"\d{{1,3}}\s?[º°ª]\s+(?:{heads})|(?:{heads})[^.;]{{0,12}}\d{{1,3}}\s?[º°ª]"
        return sum(len(re.findall(pattern, t)) for t in FOLDED)
    names = [key(a) for a in entry["aliases"]]
    count = 0
    for name in names:
        pattern = rf"\b{re.escape(name)}\b"
        if entry.get("framed_by"):
            heads = "|".join(re.escape(" ".join(key(s).split()[:2])) for s in entry["framed_by"])
            pattern += rf"{FRAME}\d{{0,3}}\s?[º°ª]?\s*(?:{heads})"
        count += sum(len(re.findall(pattern, t)) for t in SPELT)
    return count


SERIES_ROWS = [
    (what, entry, series_places(what, entry))
    for what in ("acronym", "bilateral", "series", "calendar")
    for entry in tomllib.loads(SERIES.read_text("utf-8")).get(what, [])
]


def test_cues_series_table_of_places(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nplaces  series.toml entry")  # noqa: T201
        for what, entry, n in SERIES_ROWS:
            name = (
                entry.get("name") or entry.get("short") or entry.get("parties") or entry["series"]
            )
            print(f"{n:>6}  {what}: {name}")  # noqa: T201
    assert SERIES_ROWS


@pytest.mark.parametrize(
    ("what", "entry", "places"),
    SERIES_ROWS,
    ids=[f"{w}-{n}" for n, (w, _, _) in enumerate(SERIES_ROWS)],
)
def test_cues_series_entry_matching_one_place_says_why(
    what: str, entry: dict[str, Any], places: int
) -> None:
    # Every entry states its fact and source (series.py refuses one without); one matching one
    # place of the corpus must also say in its comment which general fact it records.
    if places == 1:
        assert entry["fact"].strip() and entry["source"].strip()
        assert what in SERIES_COMMENTED, f"series.toml {what} entry matches one place, no comment"


def _commented_tables() -> set[str]:
    """The series.toml tables whose entries have a comment block above them."""
    lines = SERIES.read_text("utf-8").splitlines()
    return {
        m.group(1)
        for n, line in enumerate(lines)
        if (m := re.match(r"\[\[(\w+)\]\]", line)) and n and lines[n - 1].startswith("#")
    }


SERIES_COMMENTED = _commented_tables()


def test_cues_series_places_of_a_snippet() -> None:
    assert series_places("acronym", {"short": "AGONU"}) >= 1
    assert series_places("bilateral", {"parties": ["China", "CELAC"]}) >= 2


# A meeting's subject as an enumeration that a comma continues (meetings.spans._enumeration_goes_on).
ENUMERATION = re.compile(
    rf"\b(?i:{HEADS})\b[^.;:,]{{0,80}}?\b(?:de|del|sobre|contra|para|entre)\s+(?:el|la|los|las)\s+"
    r"[A-Z][^.;:,]{0,40},\s+(?:el|la|los|las)\s+[A-Z][^.;:]{0,80}?\s(?:y|e)\s+(?:(?:el|la|los|las)\s+)?[A-Z]"
)


def test_cues_enumeration_rule_matches_more_than_one_place(
    capsys: pytest.CaptureFixture[str],
) -> None:
    places = sum(len(ENUMERATION.findall(fold_case(t))) for t in TEXTS)
    with capsys.disabled():
        print(f"\n{places:>6}  rule: a meeting's subject as an enumeration after a comma")  # noqa: T201
    assert places >= 2, places


def fold_case(text: str) -> str:
    """Accents off, case kept: the rule reads capitals."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def test_cues_english_heads_places(capsys: pytest.CaptureFixture[str]) -> None:
    # One place in the corpus ("STS Forum"): meetings.ENGLISH_HEADS carries the comment saying
    # which general fact it records (an English event name keeps its English word order).
    heads = "|".join(h.capitalize() for h in meetings.ENGLISH_HEADS)
    places = sum(len(re.findall(rf"\b[A-Z]\w*\s+(?:{heads})\b", t)) for t in TEXTS)
    with capsys.disabled():
        print(f"\n{places:>6}  rule: an English head after its modifiers ({heads})")  # noqa: T201
    assert places >= 1
    source = (ROOT / "extract" / "entities" / "meetings" / "words.py").read_text("utf-8")
    assert re.search(r"#[^\n]*English[^\n]*\n(?:#[^\n]*\n)*ENGLISH_HEADS", source)
