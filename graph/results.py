"""Query results as text: SPARQL 1.1 JSON, CSV, TSV, or an aligned table for a terminal."""

from __future__ import annotations

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
)

from graph.namespaces import PREFIXES
from graph.store import Result

FORMATS = {
    "json": QueryResultsFormat.JSON,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
MAX_CELL = 80


def render(result: Result, fmt: str) -> str:
    """``result`` as ``fmt`` ("json", "csv", "tsv" or "table"); graph results are Turtle or N-Triples."""
    if isinstance(result, QueryTriples):
        rdf = RdfFormat.N_TRIPLES if fmt in ("csv", "tsv") else RdfFormat.TURTLE
        out = result.serialize(format=rdf)
        return out.decode("utf-8") if out else ""
    if fmt == "table":
        return _table(result)
    data = result.serialize(format=FORMATS[fmt])
    text = data.decode("utf-8") if data else ""
    return text if text.endswith("\n") else text + "\n"


def _short(term: object) -> str:
    if isinstance(term, NamedNode):
        iri = term.value
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and "/" not in iri[len(ns) :].strip("/"):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return "" if term is None else str(term)


def _table(result: QuerySolutions | QueryBoolean) -> str:
    if isinstance(result, QueryBoolean):
        return f"{'yes' if bool(result) else 'no'}\n"
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = []
        for name in names:
            cell = _short(solution[name]).replace("\n", " ")
            row.append(cell if len(cell) <= MAX_CELL else cell[: MAX_CELL - 1] + "…")
        rows.append(row)
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
