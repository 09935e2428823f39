"""Run the entity pipeline over every plan: mandates, area headings and objectives, the adoption."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language

from extract.entities.mentions import Mentions
from extract.entities.pipeline import find
from extract.errors import ManifestError
from extract.records import Plan
from extract.text import Passage, Source


def annotate(plans: Sequence[Plan], nlp: Language) -> None:
    """Fill ``found`` on every mandate and area, and ``adoption`` on plans whose manifest names it."""
    adoptions = {plan.id: _adoption_passage(plan) for plan in plans if plan.spec.adopted_at}
    results: dict[int, Mentions] = {}
    for plan in plans:
        texts: list[Passage] = [adoptions[plan.id]] if plan.id in adoptions else []
        for area in plan.all_areas():
            texts.extend([area.title, *area.objectives])
            texts.extend(m.passages[0] for m in area.mandates)
        found = find(nlp, (t.text for t in texts), reference=plan.spec.date)
        results.update((id(t), mentions) for t, mentions in zip(texts, found, strict=True))
    for plan in plans:
        for area in plan.all_areas():
            area.found = [(p, results[id(p)]) for p in (area.title, *area.objectives)]
            for mandate in area.mandates:
                mandate.found = results[id(mandate.passages[0])]
        if plan.id in adoptions:
            passage = adoptions[plan.id]
            plan.adoption = (passage, results[id(passage)])


def _adoption_passage(plan: Plan) -> Passage:
    """The paragraph of a source that names the adopting meeting (the manifest's ``adopted_at``).

    Raises:
        ManifestError: no source of the plan contains that name.
    """
    name = plan.spec.adopted_at or ""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in name.split()))
    for source in plan.sources:
        m = pattern.search(source.text)
        if m:
            return _paragraph(source, m.start(), m.end())
    raise ManifestError(
        plan.spec.id, f"adopted_at names {name!r}, which none of the plan's sources contains"
    )


def _paragraph(source: Source, start: int, end: int) -> Passage:
    """The lines around ``start..end`` up to the nearest blank lines."""
    lines = source.lines
    first = next(i for i, line in enumerate(lines) if line.start <= start <= line.end)
    last = next(i for i, line in enumerate(lines) if line.start <= end <= line.end)
    while first > 0 and not lines[first - 1].is_blank:
        first -= 1
    while last + 1 < len(lines) and not lines[last + 1].is_blank:
        last += 1
    return source.passage_of_lines(lines[first : last + 1])
