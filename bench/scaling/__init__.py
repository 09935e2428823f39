"""What grows with the corpus: the real graph and the synthetic one at 10x, 100x and 1000x it.

For each scale: the time to generate the N-Quads and their size, the time to load them into an
embedded store and its size on disk; ``celac-kg serve`` over that store (its start-up, which
builds the pages' catalog and search index; resident memory after start and after the first home
page, search and VoID description; the query workers' memory), single-client latency of a point
lookup, a lineage query and a count per plan (``bench/queries``) and of a mandate page; then the
same data loaded into an Oxigraph server and served by ``celac-kg serve --store http://…/query``,
to show what the remote path costs, and the engine asked directly, with every graph named as the
remote store names them and with its union default graph. Writes ``docs/scaling.json`` after
every scale (``--merge`` keeps the scales of an earlier run) and prints a table. A scale that
would not fit in the time budget, judged from the previous one, is not measured; a figure not
measured at a scale is extrapolated along the trend of the two scales below it, and marked so.

    .venv/bin/python -m bench.scaling [--scales real,10x,100x,1000x] [--budget 1500]
    .venv/bin/python -m bench.scaling --report
"""

from __future__ import annotations

from graph.paths import PROJECT_ROOT

REAL_DATA = PROJECT_ROOT / "data"
OXIGRAPH = PROJECT_ROOT / ".venv" / "bin" / "oxigraph"
WORK = PROJECT_ROOT / "bench" / "work" / "scaling"
OUT = PROJECT_ROOT / "docs" / "scaling.json"
QUERIES = ("point", "lineage", "count_per_plan")
MANIFEST = "scaling.json"


class ScalingError(RuntimeError):
    """Raised when a server does not start, or a scale cannot be measured; says which and why."""
