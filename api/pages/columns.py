"""The frame of the pictures that span the plans: one column per plan, in date order."""

from __future__ import annotations

from dataclasses import dataclass

from api.pages.catalog import Catalog
from api.pages.display import shorten
from api.pages.links import local

WIDTH = 1040  # the pictures' coordinate width; they scale to the page
HEADER = 64  # room for the column headings


@dataclass(frozen=True)
class Column:
    plan: str  # IRI
    id: str
    title: str
    year: str
    href: str
    x: float  # left edge
    width: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


def columns(cat: Catalog, lang: str, width: float = WIDTH) -> list[Column]:
    """One column per plan of ``cat``, left to right in date order, sharing ``width``."""
    n = max(1, len(cat.plans))
    step = width / n
    return [
        Column(
            p.iri,
            p.id,
            shorten(cat.label(p.iri, lang), 34),
            p.years,
            local(p.iri),
            i * step,
            step,
        )
        for i, p in enumerate(cat.plans)
    ]
