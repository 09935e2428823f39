"""The register of actors (extract/entities/register.toml): well formed, unambiguous, and invented
nowhere: every entry but the 33 member states is named in the corpus in one of its recorded forms."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "extract" / "entities" / "register.toml"
CORPUS = ROOT / "corpus"

KINDS = frozenset(
    {
        "international-organisation",
        "regional-organisation",
        "subregional-organisation",
        "financial-institution",
        "mechanism",
        "working-group",
        "member-state",
        "extra-regional-state",
        "extra-regional-bloc",
        "national-body",
        "academic-network",
        "agency",
    }
)
REQUIRED = {"key", "label_es", "label_en", "acronyms", "aliases", "kind", "partner", "named_in"}
OPTIONAL = {"part_of", "wikidata", "source"}

MEMBER_STATES = [
    "Antigua y Barbuda", "Argentina", "Bahamas", "Barbados", "Belice", "Bolivia", "Brasil",
    "Chile", "Colombia", "Costa Rica", "Cuba", "Dominica", "Ecuador", "El Salvador", "Granada",
    "Guatemala", "Guyana", "Haití", "Honduras", "Jamaica", "México", "Nicaragua", "Panamá",
    "Paraguay", "Perú", "República Dominicana", "San Cristóbal y Nieves",
    "San Vicente y las Granadinas", "Santa Lucía", "Surinam", "Trinidad y Tobago", "Uruguay",
    "Venezuela",
]  # fmt: skip

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")

ACTORS: list[dict[str, Any]] = tomllib.loads(REGISTER.read_text("utf-8"))["actor"]
BY_KEY = {a["key"]: a for a in ACTORS}
NOT_STATES = [a for a in ACTORS if a["kind"] != "member-state"]


def corpus() -> dict[str, str]:
    """Each corpus text with its whitespace collapsed (names run across line breaks in the PDFs)."""
    return {p.name: re.sub(r"\s+", " ", p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.txt"))}


TEXTS = corpus()


def occurs(form: str, text: str) -> bool:
    """``form`` occurs in ``text`` verbatim (case-sensitive) as whole words."""
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def forms(actor: dict[str, Any]) -> list[str]:
    return [actor["label_es"], *actor["acronyms"], *actor["aliases"]]


def test_the_register_parses_into_actor_tables() -> None:
    data = tomllib.loads(REGISTER.read_text("utf-8"))
    assert set(data) == {"actor"}
    assert len(ACTORS) > 33


def test_keys_are_unique_slugs() -> None:
    keys = [a["key"] for a in ACTORS]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert [k for k in keys if not KEY.match(k)] == []


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a["key"])
def test_entry_fields(actor: dict[str, Any]) -> None:
    assert REQUIRED <= set(actor), REQUIRED - set(actor)
    assert set(actor) <= REQUIRED | OPTIONAL, set(actor) - REQUIRED - OPTIONAL
    for field in ("label_es", "label_en"):
        assert isinstance(actor[field], str) and actor[field].strip() == actor[field] != ""
    assert actor["kind"] in KINDS
    assert isinstance(actor["partner"], bool)
    for field in ("acronyms", "aliases", "named_in"):
        assert isinstance(actor[field], list)
        assert all(isinstance(x, str) and x.strip() == x != "" for x in actor[field])
        assert len(set(actor[field])) == len(actor[field]), f"{field} repeats itself"
    assert actor["label_es"] not in actor["aliases"]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a["key"])
def test_wikidata_ids_are_well_formed_and_sourced(actor: dict[str, Any]) -> None:
    if "wikidata" in actor:
        assert QID.match(actor["wikidata"]), actor["wikidata"]
        assert "source" in actor, "a Wikidata id needs the source it was verified against"
        assert actor["source"].startswith("https://")
    else:
        assert "source" not in actor, "a source without an id: record the id or drop the source"


def test_no_wikidata_id_names_two_actors() -> None:
    ids = Counter(a["wikidata"] for a in ACTORS if "wikidata" in a)
    assert [q for q, n in ids.items() if n > 1] == []


def test_no_acronym_maps_to_two_actors() -> None:
    owners: dict[str, set[str]] = {}
    for a in ACTORS:
        for acronym in a["acronyms"]:
            owners.setdefault(acronym, set()).add(a["key"])
    assert {x: k for x, k in owners.items() if len(k) > 1} == {}


def test_no_name_maps_to_two_actors() -> None:
    """Labels and aliases are unique across the register, and no alias is another entry's label."""
    owners: dict[str, set[str]] = {}
    for a in ACTORS:
        for name in (a["label_es"], *a["aliases"]):
            owners.setdefault(name, set()).add(a["key"])
    assert {x: k for x, k in owners.items() if len(k) > 1} == {}


def test_part_of_points_at_another_entry_without_cycles() -> None:
    for a in ACTORS:
        seen = {a["key"]}
        parent = a.get("part_of")
        while parent is not None:
            assert parent in BY_KEY, f"{a['key']}: unknown part_of {parent!r}"
            assert parent not in seen, f"{a['key']}: part_of cycle through {parent!r}"
            seen.add(parent)
            parent = BY_KEY[parent].get("part_of")


def test_all_33_member_states_and_only_them() -> None:
    states = {a["label_es"]: a for a in ACTORS if a["kind"] == "member-state"}
    assert sorted(states) == sorted(MEMBER_STATES)
    assert len(MEMBER_STATES) == 33
    assert [s for s, a in states.items() if a["partner"]] == []


def test_partner_flag_agrees_with_kind() -> None:
    for a in ACTORS:
        if a["kind"] in {"extra-regional-state", "extra-regional-bloc"}:
            assert a["partner"], a["key"]
        if a["kind"] in {"member-state", "national-body", "regional-organisation",
                         "subregional-organisation", "working-group"}:  # fmt: skip
            assert not a["partner"], a["key"]
    partners = {a["key"] for a in ACTORS if a["partner"]}
    assert {"china", "rusia", "ue", "union-africana", "asean", "brics"} <= partners


@pytest.mark.parametrize("actor", NOT_STATES, ids=lambda a: a["key"])
def test_every_actor_but_a_member_state_is_named_in_the_corpus(actor: dict[str, Any]) -> None:
    """Nothing invented: one of the entry's forms occurs verbatim in a corpus text."""
    assert any(occurs(f, t) for f in forms(actor) for t in TEXTS.values()), forms(actor)


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a["key"])
def test_named_in_lists_exactly_the_texts_that_name_the_actor(actor: dict[str, Any]) -> None:
    naming = [name for name, text in TEXTS.items() if any(occurs(f, text) for f in forms(actor))]
    assert actor["named_in"] == naming


def test_aliases_are_the_texts_own_forms() -> None:
    """Aliases are Spanish forms as the texts write them: each occurs somewhere in the corpus (member
    states excepted: their official long names are domain knowledge)."""
    missing = [
        (a["key"], alias)
        for a in NOT_STATES
        for alias in a["aliases"]
        if not any(occurs(alias, t) for t in TEXTS.values())
    ]
    assert missing == []


def test_the_texts_ambiguities_are_handled() -> None:
    # "Antigua, Guatemala" is a city: Antigua y Barbuda has no bare "Antigua".
    assert "Antigua" not in BY_KEY["antigua-y-barbuda"]["aliases"]
    # ANUIES is misspelt "ANVIES" in the PPT-2020 table.
    assert "ANVIES" in BY_KEY["mx-anuies"]["acronyms"]
    # Two ad hoc working groups: the bare designation belongs to neither.
    assert all("Grupo de Trabajo Ad Hoc" not in forms(a) for a in ACTORS)
    # The capitalised short forms of the table are matched case-sensitively, as acronyms.
    assert "SALUD" in BY_KEY["mx-salud"]["acronyms"]
