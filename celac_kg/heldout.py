"""The built graph against the held-out reading of what is named outside the mandates.

``annotations/entities-passages.toml`` records every organisation and meeting two blind readers
found in the passages that are not commitments — preambles, titles and headings, objectives,
footnotes, the columns of a table — as spans of the source files. Nobody who wrote or tuned the
extraction rules saw it, so what this module measures is a held-out figure.

A mention of the graph counts when it lies outside every mandate's span; it matches an annotated one
when both are of one type (meeting, or organisation: any ``celac:Actor``), in one file, and their
spans overlap. Precision is over the graph's mentions, recall over the annotated ones.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.store import Store

HELD_OUT = Path(__file__).resolve().parent.parent / "annotations" / "entities-passages.toml"
TYPES = {"meeting": "celac:Meeting", "organisation": "celac:Actor"}

_MENTIONS = """
PREFIX celac: <https://w3id.org/celac-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?file ?start ?end ?exact WHERE {
  ?thing a ?class ; celac:mention ?m .
  ?m oa:hasSource/dcterms:identifier ?file ;
     oa:hasSelector ?sel .
  ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?m oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] }
}
"""

_MANDATE_SPANS = """
PREFIX celac: <https://w3id.org/celac-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?file ?start ?end WHERE {
  ?mandate a celac:Mandate ; prov:wasDerivedFrom ?r .
  ?r oa:hasSource/dcterms:identifier ?file ;
     oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] .
}
"""


@dataclass(frozen=True)
class Span:
    file: str
    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.file == other.file and self.start < other.end and other.start < self.end


@dataclass
class TypeScore:
    found: int = 0
    annotated: int = 0
    found_right: int = 0
    annotated_found: int = 0
    misses: list[Span] = field(default_factory=list)
    extras: list[Span] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found_right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.annotated_found / self.annotated if self.annotated else 1.0


@dataclass
class HeldOutReport:
    scores: dict[str, TypeScore]
    # The same figures on each fold's files alone (fold name → plans, scores by type).
    folds: dict[str, tuple[list[str], dict[str, TypeScore]]] = field(default_factory=dict)

    def text(self, verbose: bool = False) -> str:
        lines = [
            "named outside the mandates (held-out reading)",
            f"{'entities':<22}{'precision':>10}{'recall':>8}{'found':>7}{'annotated':>11}",
        ]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<22}{s.precision:>10.2f}{s.recall:>8.2f}{s.found:>7}{s.annotated:>11}"
            )
        for fold, (_, scores) in self.folds.items():
            for name, s in scores.items():
                lines.append(
                    f"{'fold ' + fold + ' ' + name:<22}{s.precision:>10.2f}{s.recall:>8.2f}"
                    f"{s.found:>7}{s.annotated:>11}"
                )
        lines.extend(f"fold {fold}: {', '.join(plans)}" for fold, (plans, _) in self.folds.items())
        if verbose:
            for name, s in self.scores.items():
                lines += [
                    f"  {name} missed: {m.file} {m.start}-{m.end} {m.text!r}" for m in s.misses
                ]
                lines += [
                    f"  {name} extra: {m.file} {m.start}-{m.end} {m.text!r}" for m in s.extras
                ]
        return "\n".join(lines)


def fold_files(dev: Path, corpus: Path) -> dict[str, tuple[list[str], set[str]]]:
    """The development set's folds (its ``[folds]`` table: name → plans) with each fold's source
    files (from the corpus's ``plans.toml``); no table, no folds. An unreadable file is an error
    naming it."""
    try:
        table = dict(tomllib.loads(dev.read_text(encoding="utf-8")).get("folds", {}))
        plans = tomllib.loads((corpus / "plans.toml").read_text(encoding="utf-8")).get("plan", [])
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"cannot read the folds of {dev} over {corpus} ({e})") from e
    table.pop("design", None)
    sources = {str(p["id"]): [str(s) for s in p.get("sources", [])] for p in plans}
    return {
        name: (list(ids), {s for i in ids for s in sources.get(i, [])})
        for name, ids in table.items()
    }


def read_held_out(path: Path, corpus: Path | None = None) -> dict[str, list[Span]]:
    """The annotated spans by type; an unreadable file is an error naming it.

    The readers left a following "(SIGLA)" out of a name and gave the acronym apart; with
    ``corpus`` (the folder of the source files) such a span is widened over it, since the name and
    its acronym in brackets are one mention."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"{path}: cannot read the held-out reading ({e})") from e
    texts: dict[str, str] = {}

    def end(e: dict[str, object]) -> int:
        stop = int(str(e["end"]))
        acronym = e.get("acronym")
        if corpus is None or not acronym:
            return stop
        name = str(e["file"])
        if name not in texts:
            texts[name] = (corpus / name).read_text(encoding="utf-8")
        bracket = re.match(rf"\s*\(\s*{re.escape(str(acronym))}\s*\)", texts[name][stop:])
        return stop + bracket.end() if bracket else stop

    spans: dict[str, list[Span]] = {}
    for kind in TYPES:
        spans[kind] = [
            Span(str(e["file"]), int(e["start"]), end(e), str(e["text"]))
            for e in data.get(kind, [])
        ]
    return spans


def _inside(span: Span, mandates: Iterable[Span]) -> bool:
    return any(
        span.file == m.file and m.start <= span.start and span.end <= m.end for m in mandates
    )


def graph_mentions(store: Store, kind: str) -> list[Span]:
    """The graph's mentions of things of one type, outside every mandate's span."""
    mandates = [
        Span(r["file"].value, int(r["start"].value), int(r["end"].value), "")
        for r in store.query(_MANDATE_SPANS)  # type: ignore[union-attr]
    ]
    query = _MENTIONS.replace("?thing a ?class", f"?thing a {TYPES[kind]}")
    found = {
        Span(
            r["file"].value,
            int(r["start"].value),
            int(r["end"].value),
            r["exact"].value if r["exact"] is not None else "",
        )
        for r in store.query(query)  # type: ignore[union-attr]
    }
    return sorted((s for s in found if not _inside(s, mandates)), key=lambda s: (s.file, s.start))


def evaluate_held_out(
    store: Store,
    path: Path = HELD_OUT,
    corpus: Path | None = None,
    folds: dict[str, tuple[list[str], set[str]]] | None = None,
) -> HeldOutReport:
    """The graph's mentions outside the mandates against the reading, over all its files and, with
    ``folds`` (see :func:`fold_files`), over each fold's files alone."""
    annotated = read_held_out(path, corpus)
    files = {s.file for spans in annotated.values() for s in spans}
    found = {
        kind: [s for s in graph_mentions(store, kind) if s.file in files] for kind in annotated
    }
    report = HeldOutReport(_scores(annotated, found, files))
    for name, (plans, of_fold) in (folds or {}).items():
        report.folds[name] = (plans, _scores(annotated, found, of_fold))
    return report


def _scores(
    annotated: dict[str, list[Span]], mentions: dict[str, list[Span]], files: set[str]
) -> dict[str, TypeScore]:
    scores: dict[str, TypeScore] = {}
    for kind, every in annotated.items():
        gold = [g for g in every if g.file in files]
        found = [s for s in mentions[kind] if s.file in files]
        score = TypeScore(found=len(found), annotated=len(gold))
        for s in found:
            if any(s.overlaps(g) for g in gold):
                score.found_right += 1
            else:
                score.extras.append(s)
        for g in gold:
            if any(g.overlaps(s) for s in found):
                score.annotated_found += 1
            else:
                score.misses.append(g)
        scores[kind] = score
    return scores
