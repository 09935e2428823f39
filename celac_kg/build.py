"""The build: corpus → records → RDF → validated → published store and dumps.

The wiring of the stages: ``extract`` reads the plans into records, finds their entities and traces
their lineage; ``graph`` turns the records into RDF, validates and publishes it. Neither knows the
other; this module hands one's records to the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from extract.entities import pipeline
from extract.entities.annotate import annotate
from extract.entities.places import read_places
from extract.entities.register import read_register
from extract.plans import read_plans
from extract.progress import Steps
from extract.records import Plan
from extract.reviews import FILE as REVIEWS
from extract.reviews import read_reviews, resolve
from extract.trace import tracer
from extract.trace.model import read_model
from extract.trace.themes import read_themes, tag_plans
from extract.trace.tracer import Tracer
from graph.errors import InvalidGraph
from graph.iris import mandate_iris
from graph.ontology import load_ontology
from graph.publish import Publication, publish, union_graph
from graph.rdf import BuildInfo, dataset
from graph.validate import validate


@dataclass
class BuildSummary:
    plans: list[Plan]
    publication: Publication
    steps: dict[str, float] = field(default_factory=dict)

    def text(self) -> str:
        lines = [f"{'plan':<24}{'areas':>7}{'mandates':>10}  sources"]
        for plan in self.plans:
            lines.append(
                f"{plan.id:<24}{len(plan.all_areas()):>7}{len(plan.all_mandates()):>10}  "
                + ", ".join(f"{name} ({layout})" for name, layout in plan.layouts.items())
            )
        lines.append("page furniture left out (page numbers, running headers, hyphenations):")
        for plan in self.plans:
            for source in plan.sources:
                lines.append(f"  {source.name}: {source.furniture.describe()}")
        total = sum(self.steps.values())
        lines.append(
            f"{len(self.plans)} plans, {sum(len(p.all_areas()) for p in self.plans)} areas, "
            f"{sum(len(p.all_mandates()) for p in self.plans)} mandates, "
            f"{self.publication.quads} triples in {total:.1f} s "
            f"({', '.join(f'{k} {v:.1f} s' for k, v in self.steps.items())})"
        )
        lines.append(f"store: {self.publication.store}")
        lines.append("dumps: " + ", ".join(str(p) for p in self.publication.dumps.values()))
        return "\n".join(lines)


def build(
    corpus: Path, out: Path, steps: Steps | None = None, reviews: bool = True
) -> BuildSummary:
    """Read every plan of ``corpus``, validate the graph and publish it under ``out``. With
    ``reviews`` (the default), the verdicts of ``corpus/reviews.toml`` are applied.

    Raises:
        ExtractError: a manifest, source, layout, model or reviews problem, naming the file.
        InvalidGraph: the graph does not conform to the shapes; nothing is published.
    """
    steps = steps or Steps()
    started = datetime.now(UTC)
    with steps.step("reading the plans"):
        model = read_model()
        verdicts = read_reviews(corpus / REVIEWS) if reviews else []
        plans = read_plans(corpus)
        iris = mandate_iris(plans)
        by_iri = {
            str(iris[id(m)]): (rank, m) for rank, p in enumerate(plans) for m in p.all_mandates()
        }
        reviewed = resolve(verdicts, by_iri, corpus / REVIEWS)
    with steps.step("loading the model"):
        nlp = pipeline.load()
    with steps.step("finding entities"):
        annotate(plans, nlp)
        actors = read_register()
        places = read_places()
    with steps.step("tracing"):
        themes = read_themes()
        subjects = tag_plans(plans, nlp)
        links = Tracer(plans, subjects, model=model).trace(reviews=reviewed)  # type: ignore[arg-type]
    with steps.step("making RDF"):
        ontology = load_ontology()
        info = BuildInfo(started, datetime.now(UTC), version("celac-kg"))
        ds = dataset(
            plans,
            info,
            ontology,
            actors,
            places,
            themes=themes,
            subjects=subjects,
            links=links,
            method=(tracer.METHOD, tracer.VERSION),
            quality=model.report.get("tiers"),
        )
    with steps.step("validating"):
        union = union_graph(ds)
        report = validate(union, ontology=ontology)
        if not report.conforms:
            raise InvalidGraph(
                f"the graph built from {corpus} does not conform to the shapes; nothing was "
                f"published:\n{report.text()}"
            )
    with steps.step("storing"):
        publication = publish(ds, out, union)
    return BuildSummary(plans, publication, dict(steps.times))
