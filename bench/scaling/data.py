"""The datasets of each scale (generated, written as N-Quads, loaded into an embedded store, each
timed and kept for later runs) and the sample of what to ask them."""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from pyoxigraph import Literal, NamedNode, RdfFormat, Store

from bench.generate import GENERATOR_VERSION, write_nquads
from bench.scaling import MANIFEST, REAL_DATA, ScalingError
from bench.scaling.trend import scale_label
from graph.namespaces import CELAC
from graph.publish import BUILDS, CURRENT, DUMP_NAME

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_WORD = re.compile(r"[^\W\d_]{6,}")


@dataclass
class Data:
    """A dataset laid out like a build (``folder/current/{store,dumps}``), with how it was made."""

    factor: int
    folder: Path
    nquads: Path
    quads: int
    generate_s: float | None  # None for the real corpus, made by `celac-kg build`
    nquads_bytes: int
    load_s: float
    store_bytes: int
    reused: bool = False

    @property
    def store(self) -> Path:
        return self.folder / CURRENT / "store"


def disk_bytes(path: Path) -> int:
    """Bytes of the files under ``path`` (or of ``path``, a file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _load(nquads: Path, store_dir: Path) -> float:
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    store = Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    return time.perf_counter() - started


def prepare(factor: int, real_quads: int, seed: int, work: Path) -> Data:
    """The dataset of ``factor`` times the real corpus in ``work`` (reused when there with the
    same generator, size and seed): generated, written as N-Quads and loaded, each timed. For
    the real corpus (factor 1) its build's N-Quads dump is loaded into a scratch store (timed),
    and the build in ``data/`` is what is served."""
    folder = work / scale_label(factor)
    manifest = folder / CURRENT / MANIFEST
    target = real_quads * factor
    wanted = {"generator": GENERATOR_VERSION, "target": target, "seed": seed}
    if manifest.is_file():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: found.get(k) for k in wanted} == wanted:
            return Data(**_paths(folder, factor), **found["data"], reused=True)
    build = folder / BUILDS / f"scaling-{scale_label(factor)}-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    nq = build / "dumps" / f"{DUMP_NAME}.nq"
    if factor == 1:
        nq.parent.mkdir(parents=True)
        shutil.copyfile(REAL_DATA / CURRENT / "dumps" / f"{DUMP_NAME}.nq", nq)
        generate_s = None
        quads = real_quads
    else:
        started = time.perf_counter()
        quads, _ = write_nquads(target, seed, nq)
        generate_s = round(time.perf_counter() - started, 2)
    load_s = round(_load(nq, build / "store"), 2)
    (folder / CURRENT).symlink_to(build.relative_to(folder))
    record: dict[str, Any] = {
        "quads": quads,
        "generate_s": generate_s,
        "nquads_bytes": disk_bytes(nq),
        "load_s": load_s,
        "store_bytes": disk_bytes(build / "store"),
    }
    manifest.write_text(json.dumps({**wanted, "data": record}, indent=2), encoding="utf-8")
    return Data(factor=factor, folder=folder, nquads=nq, **record)


def _paths(folder: Path, factor: int) -> dict[str, Any]:
    return {
        "factor": factor,
        "folder": folder,
        "nquads": folder / CURRENT / "dumps" / f"{DUMP_NAME}.nq",
    }


def count_quads(nquads: Path) -> int:
    """Quads in an N-Quads file: its non-blank lines that are not comments."""
    with nquads.open("rb") as f:
        return sum(1 for line in f if line.strip() and not line.lstrip().startswith(b"#"))


@dataclass
class Sample:
    """What the served store holds, and what to ask it."""

    mandates: int
    plans: int
    iris: list[str]  # a random sample of mandates
    word: str  # a word of a mandate's text, to search for


def sample(store_dir: Path, size: int, seed: int) -> Sample:
    """``size`` mandate IRIs drawn at random (one pass, reservoir sampling), the counts of
    mandates and plans, and a search word, read from the store in ``store_dir``."""
    store = Store.read_only(str(store_dir))
    rng = Random(seed)  # noqa: S311 (a benchmark's sample, reproducible from the seed)
    chosen: list[str] = []
    mandates = 0
    for quad in store.quads_for_pattern(None, RDF_TYPE, NamedNode(str(CELAC.Mandate)), None):
        if not isinstance(quad.subject, NamedNode):
            continue
        mandates += 1
        iri = quad.subject.value
        if len(chosen) < size:
            chosen.append(iri)
        else:
            j = rng.randrange(mandates)
            if j < size:
                chosen[j] = iri
    plans = sum(1 for _ in store.quads_for_pattern(None, RDF_TYPE, NamedNode(str(CELAC.Plan))))
    word = ""
    for iri in chosen:
        for quad in store.quads_for_pattern(NamedNode(iri), NamedNode(str(CELAC.text)), None):
            if isinstance(quad.object, Literal):
                words = _WORD.findall(quad.object.value)
                if words:
                    word = max(words, key=len).lower()
                    break
        if word:
            break
    del store
    if not chosen:
        raise ScalingError(f"the store in {store_dir} holds no celac:Mandate to ask for")
    return Sample(mandates, plans, sorted(chosen), word)


def reusable(folder: Path, target: int, seed: int) -> bool:
    """Whether ``folder`` holds the dataset of ``target`` quads and ``seed`` of this generator."""
    manifest = folder / CURRENT / MANIFEST
    if not manifest.is_file():
        return False
    found = json.loads(manifest.read_text(encoding="utf-8"))
    return bool(
        found.get("generator") == GENERATOR_VERSION
        and found.get("target") == target
        and found.get("seed") == seed
    )
