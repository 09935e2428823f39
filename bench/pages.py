"""Entity pages of the real graph: which IRIs to ask for, by kind, and their local paths."""

from __future__ import annotations

from random import Random

from pyoxigraph import NamedNode, QuerySolutions, Store

from graph.namespaces import BASE, PREFIXES

KINDS = {
    "plan": "?x a celac:Plan",
    "area": "?x a celac:Area",
    "mandate": "?x a celac:Mandate",
    "meeting": "?x a celac:Meeting",
    "actor": "?x a celac:Actor",
    "theme": "?x skos:inScheme id:theme",
}


def sample(store: Store, per_kind: int, seed: int) -> dict[str, list[str]]:
    """Up to ``per_kind`` IRIs of each kind of resource that has a page, drawn with ``seed``."""
    rng = Random(seed)  # noqa: S311 (a sample of pages, reproducible from the seed)
    found: dict[str, list[str]] = {}
    for kind, pattern in KINDS.items():
        result = store.query(
            f"SELECT DISTINCT ?x WHERE {{ {pattern} }} ORDER BY ?x",
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
        )
        if not isinstance(result, QuerySolutions):
            raise TypeError(f"SELECT for {kind} pages gave {type(result).__name__}")
        iris = [s["x"].value for s in result if isinstance(s["x"], NamedNode)]
        found[kind] = sorted(rng.sample(iris, min(per_kind, len(iris))))
    return found


def local_path(iri: str) -> str:
    """``https://w3id.org/celac-kg/id/plan/x`` → ``/id/plan/x``.

    Raises:
        ValueError: the IRI is not under the project's base.
    """
    if not iri.startswith(BASE):
        raise ValueError(f"{iri} is not under {BASE}: it has no page on this service")
    return "/" + iri[len(BASE) :]
