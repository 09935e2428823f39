"""Stable, readable IRIs: the same text always gets the same names.

id/plan/celac-2014
id/plan/celac-2014/area/3/mandate/10
id/plan/china-celac-2022-2024/area/ii/area/1/mandate/1.1
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from rdflib import URIRef

from graph.namespaces import ID
from graph.records import AreaLike, PlanLike

_UNSAFE = re.compile(r"[^a-z0-9.\-]+")


def slug(text: str) -> str:
    """A path segment: lower case, no accents, ``[a-z0-9.-]`` only ("II" → "ii", "CELAC-2014" → "celac-2014")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    result = _UNSAFE.sub("-", plain).strip("-.")
    if not result:
        raise ValueError(f"{text!r} gives an empty IRI segment")
    return result


def key(number: str | None, position: int, sibling_numbers: list[str | None]) -> str:
    """A child's segment: its printed number where every sibling has one and they are all distinct,
    else its position (so a bare "1" and a dash item in first place never collide)."""
    numbered = [n for n in sibling_numbers if n is not None]
    if (
        number is not None
        and len(numbered) == len(sibling_numbers)
        and len(set(numbered)) == len(numbered)
    ):
        return slug(number)
    return str(position)


def plan(plan_slug: str) -> URIRef:
    return ID[f"plan/{slug(plan_slug)}"]


def child(parent: URIRef, kind: str, segment: str) -> URIRef:
    return URIRef(f"{parent}/{kind}/{segment}")


def source(file_name: str) -> URIRef:
    return ID[f"source/{slug(PurePath(file_name).stem)}"]


def reading(item: URIRef, file_name: str, role: str = "text", index: int = 1) -> URIRef:
    """Where ``item`` was read in ``file_name`` (an ``oa:SpecificResource``); ``index`` counts
    passages of the same role in the same file (an area's second objective paragraph)."""
    suffix = "" if role == "text" else f"-{role}"
    if index > 1:
        suffix += f"-{index}"
    return URIRef(f"{item}#from-{slug(PurePath(file_name).stem)}{suffix}")


def named_graph(plan_slug: str) -> URIRef:
    return ID[f"graph/{slug(plan_slug)}"]


SHARED_GRAPH = ID["graph/shared"]
ENTITIES_GRAPH = ID["graph/entities"]
BUILD = ID["build"]
SOFTWARE = ID["software/celac-kg"]


def mandate_iris(plans: Iterable[PlanLike]) -> dict[int, URIRef]:
    """The IRI of every mandate of ``plans``, by ``id()`` of the record: the same IRIs the plan
    graphs give them (graph.rdf), worked out without writing a graph."""
    found: dict[int, URIRef] = {}

    def walk(areas: Sequence[AreaLike], parent: URIRef) -> None:
        numbers = [a.number for a in areas]
        for position, area in enumerate(areas, start=1):
            area_iri = child(parent, "area", key(area.number, position, numbers))
            siblings = [m.number for m in area.mandates]
            for n, mandate in enumerate(area.mandates, start=1):
                found[id(mandate)] = child(area_iri, "mandate", key(mandate.number, n, siblings))
            walk(area.areas, area_iri)

    for p in plans:
        walk(p.areas, plan(p.spec.slug))
    return found
