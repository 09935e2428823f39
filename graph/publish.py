"""Publish a built dataset: a new on-disk store and its dumps, swapped in only when complete.

    out/
      current -> builds/20261121T160102Z-4242     (a symlink, replaced atomically)
      builds/20261121T160102Z-4242/store/         (pyoxigraph)
      builds/20261121T160102Z-4242/dumps/celac-kg.{ttl,nq,jsonld}

A build that fails, or is killed, leaves ``current`` pointing at the previous build.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import RdfFormat, Store, serialize
from rdflib import Dataset, Graph

from graph.errors import StoreError
from graph.namespaces import PREFIXES
from graph.oxigraph import dump_nquads, is_store, quads, write_store

CURRENT = "current"
BUILDS = "builds"
DUMP_NAME = "celac-kg"
DUMPS = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld"}


@dataclass(frozen=True)
class Publication:
    folder: Path
    store: Path
    dumps: dict[str, Path]
    quads: int


def store_path(out: Path) -> Path:
    """The store a reader should open: ``out/current/store``, or ``out`` itself if it is a store."""
    if is_store(out):
        return out
    candidate = out / CURRENT / "store"
    if is_store(candidate):
        return candidate
    raise StoreError(
        f"{out} holds no built store (looked for {candidate}): run `celac-kg build --out {out}`"
    )


def union_graph(ds: Dataset) -> Graph:
    """All the dataset's triples in one graph (the dumps' Turtle, the validator's input)."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def publish(ds: Dataset, out: Path, union: Graph | None = None) -> Publication:
    """Write ``ds`` as a store and dumps under ``out/builds/…``, then point ``out/current`` at it;
    ``union`` is ``union_graph(ds)`` when the caller has made it already."""
    builds = out / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    link = out / CURRENT
    previous = link.resolve() if link.is_symlink() else None  # kept for readers still holding it
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = builds / f"{stamp}-{os.getpid()}"
    try:
        folder.mkdir()
        store = write_store(folder / "store", quads(ds))
        count = len(store)
        dumps = _write_dumps(union_graph(ds) if union is None else union, folder / "dumps")
        dump_nquads(store, dumps["nq"])
        _dump_turtle(store, dumps["ttl"])
        del store
        _swap(out, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _prune(builds, keep={folder.resolve(), previous})
    return Publication(folder, folder / "store", dumps, count)


def _write_dumps(union: Graph, folder: Path) -> dict[str, Path]:
    """JSON-LD of the union graph, compacted with the prefixes as its context; the Turtle and
    N-Quads dumps are written from the store."""
    folder.mkdir()
    paths = {ext: folder / f"{DUMP_NAME}.{ext}" for ext in DUMPS}
    union.serialize(paths["jsonld"], format="json-ld", context=PREFIXES, encoding="utf-8")
    return paths


def _dump_turtle(store: Store, path: Path) -> None:
    """The union of the store's graphs as Turtle, subject by subject (pyoxigraph's writer, four
    times as fast as rdflib's; ``id:`` is left out, as its local names would need escapes)."""
    triples = {quad.triple for quad in store.quads_for_pattern(None, None, None)}
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    prefixes = {p: iri for p, iri in PREFIXES.items() if p != "id"}
    path.write_bytes(serialize(ordered, format=RdfFormat.TURTLE, prefixes=prefixes) or b"")


def _swap(out: Path, folder: Path) -> None:
    link = out / CURRENT
    if link.exists() and not link.is_symlink():
        raise StoreError(f"{link} exists and is not a symlink made by celac-kg build; move it away")
    tmp = out / f".{CURRENT}-{os.getpid()}"
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(folder.relative_to(out))
    os.replace(tmp, link)


def _prune(builds: Path, keep: set[Path | None]) -> None:
    """Remove every build folder but ``keep`` (the new build and the one before): older builds,
    and what a killed build left half written. A build still running (its process, named in the
    folder's name, is alive) is left to finish."""
    for folder in builds.iterdir():
        if folder.is_dir() and folder.resolve() not in keep and not _running(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _running(folder: Path) -> bool:
    """Whether another process, alive, is writing the build ``folder`` (``<stamp>-<pid>``)."""
    pid = folder.name.rpartition("-")[2]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
