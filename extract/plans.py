"""The corpus folder → plan records: manifest, sources, layouts, reconciliation."""

from __future__ import annotations

from pathlib import Path

from extract.errors import LayoutError
from extract.layouts import detect
from extract.manifest import read_manifest
from extract.passages import plan_passages
from extract.plan_dates import date_plan
from extract.reconcile import reconcile
from extract.records import Area, Plan, PlanSpec
from extract.text import Source


def read_plan(corpus: Path, spec: PlanSpec) -> Plan:
    """One plan: each source read in its layout, several sources reconciled into one set of areas.

    Raises:
        SourceError, LayoutError: naming the source file and the reason.
    """
    sources = [Source.load(corpus / name, name) for name in spec.sources]
    parsed: list[tuple[Source, list[Area]]] = []
    layouts: dict[str, str] = {}
    for source in sources:
        named = spec.layouts.get(source.name)
        layout = detect.get(named, source.name) if named else detect.detect(source)
        areas = layout.parse(source)
        if not any(a.mandates for area in areas for a in area.walk()):
            raise LayoutError(source.name, f"read as {layout.name}, but no mandate was found in it")
        parsed.append((source, areas))
        layouts[source.name] = layout.name
    areas = parsed[0][1] if len(parsed) == 1 else reconcile(parsed)
    plan = Plan(spec, sources, areas, layouts)
    plan.passages = plan_passages(plan)
    return plan


def read_plans(corpus: Path) -> list[Plan]:
    """Every plan of ``corpus/plans.toml``, in date order (manifest order where dates are equal).
    A plan the manifest does not date is dated from its text, before any is read further.

    Raises:
        ManifestError: a plan has a date neither in the manifest nor in its text.
    """
    specs = [
        date_plan(spec, [Source.load(corpus / name, name) for name in spec.sources])
        if not spec.date
        else spec
        for spec in read_manifest(corpus)
    ]
    plans = [read_plan(corpus, spec) for spec in specs]
    order = {id(p): i for i, p in enumerate(plans)}
    return sorted(plans, key=lambda p: (p.spec.date or "9999", order[id(p)]))
