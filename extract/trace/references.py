"""Which earlier plans a later text names: "de conformidad con la Declaración de Salvador", "en
seguimiento del Plan de Acción de la CELAC 2014".

A plan is named by its title (up to a dash or a parenthesis: "Declaración de Salvador, Bahía"), or
by the kind of document its title begins with followed by the city where it was adopted
("Declaración de Salvador", "Plan de Acción de La Habana") or by its year ("Plan de Acción de la
CELAC 2014", "Plan de Acción 2014"). A name of one word or two ("Declaración") names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.records import PlanSpec
from extract.text import fold

KINDS = ("declaracion", "plan de accion", "plan de trabajo", "programa de trabajo")
MIN_WORDS = 3  # words of a name, "Declaración de Salvador"


def plan_names(spec: PlanSpec) -> list[str]:
    """The folded names by which a text refers to the plan of ``spec``."""
    title = fold(re.split(r"\s[—–-]\s|\(", spec.title)[0])
    names = [title]
    kind = next((k for k in KINDS if title.startswith(k + " ")), None)
    if kind:
        if spec.place:
            names.append(f"{kind} de {fold(spec.place.split(',')[0])}")
        if spec.date:
            names += [f"{kind} de la celac {spec.date[:4]}", f"{kind} {spec.date[:4]}"]
    return sorted({n for n in names if len(n.split()) >= MIN_WORDS})


def named_plans(text: str, specs: Sequence[PlanSpec]) -> set[int]:
    """The positions in ``specs`` of the plans ``text`` names."""
    folded = fold(text)
    return {
        n
        for n, spec in enumerate(specs)
        if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) for name in plan_names(spec))
    }
