"""A build killed halfway (SIGKILL: no clean-up runs) leaves the previous build serving: ``current``
still points at it, its store opens and answers, a server over it answers; and the next build
publishes over the killed one's leftovers without being confused by them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from corpora import SMALL, corpus_of
from fastapi.testclient import TestClient
from query_results import solutions
from shared_build import copy_build

from api.main import create_app
from api.settings import Settings
from graph.oxigraph import OxigraphStore
from graph.publish import BUILDS, CURRENT, store_path

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

ROOT = Path(__file__).resolve().parent.parent
PLANS = "SELECT ?plan WHERE { ?p a celac:Plan ; dcterms:identifier ?plan } ORDER BY ?plan"
EXPECTED = ["CALC-2008", "CELAC-2014", "CHINA-CELAC-2022-2024", "PPT-2020"]
BUILD_TIME = 300  # seconds a build may take on a busy machine before the test gives up


@pytest.fixture
def previous(built: BuildSummary, tmp_path: Path) -> Path:
    return copy_build(built, tmp_path / "data")


def start_build(out: Path, corpus: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "celac_kg.cli", "build", "--corpus", str(corpus)]
            + ["--out", str(out)],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )


def new_folders(out: Path, before: set[str]) -> list[Path]:
    return sorted(p for p in (out / BUILDS).iterdir() if p.name not in before)


def kill_when(
    process: subprocess.Popen[bytes], out: Path, before: set[str], part: str | None, log: Path
) -> None:
    """SIGKILL ``process`` once ``part`` ("store", "dumps") of a new build appears, or at once
    when ``part`` is None (the build is then still loading its model)."""
    deadline = time.monotonic() + BUILD_TIME
    while part is not None and not any((f / part).exists() for f in new_folders(out, before)):
        assert process.poll() is None, f"the build ended first:\n{log.read_text()}"
        assert time.monotonic() < deadline, f"no {part} after {BUILD_TIME} s:\n{log.read_text()}"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    assert process.wait(30) == -signal.SIGKILL


def answers(out: Path, expected: list[str] = EXPECTED) -> None:
    """The build in ``out`` serves the plans ``expected``: its store answers, and so does a server
    over it."""
    result = solutions(OxigraphStore(store_path(out)).query(PLANS))
    assert [str(s["plan"].value) for s in result] == expected
    with TestClient(create_app(Settings(data=out, query_timeout=10.0))) as client:
        response = client.get("/sparql", params={"query": PLANS, "format": "csv"})
        assert response.status_code == 200, response.text
        assert response.text.split()[1:] == expected


@pytest.mark.parametrize("part", [None, "dumps"])
def test_abuse_build_killed_halfway_leaves_the_previous_serving(
    previous: Path, small_corpus: Path, tmp_path: Path, part: str | None
) -> None:
    target = os.readlink(previous / CURRENT)
    before = {p.name for p in (previous / BUILDS).iterdir()}
    log = tmp_path / "build.log"
    process = start_build(previous, small_corpus, log)
    if part is None:
        time.sleep(1.0)
    kill_when(process, previous, before, part, log)
    assert os.readlink(previous / CURRENT) == target
    if part is not None:
        assert new_folders(previous, before), "the killed build left nothing: killed too late?"
    answers(previous)


@dataclass(frozen=True)
class Killed:
    out: Path
    corpus: Path  # what the killed build read
    target: str  # where ``current`` pointed before
    complete: Path  # the previous build's folder
    killed: Path  # the killed build's


@pytest.fixture(scope="module")
def killed_in_store(built: BuildSummary, tmp_path_factory: pytest.TempPathFactory) -> Killed:
    """A build folder with a complete build and one killed while writing its store (a build of
    two plans: which plans does not matter here)."""
    folder = tmp_path_factory.mktemp("killed")
    out = copy_build(built, folder / "data")
    corpus = corpus_of(SMALL, folder / "corpus")
    before = {p.name for p in (out / BUILDS).iterdir()}
    [complete] = [out / BUILDS / name for name in before]
    target = os.readlink(out / CURRENT)
    log = folder / "build.log"
    kill_when(start_build(out, corpus, log), out, before, "store", log)
    [killed] = new_folders(out, before)
    return Killed(out, corpus, target, complete, killed)


def test_abuse_build_killed_in_its_store_leaves_the_previous_serving(
    killed_in_store: Killed,
) -> None:
    out = killed_in_store.out
    assert (killed_in_store.killed / "store").is_dir()
    assert os.readlink(out / CURRENT) == killed_in_store.target
    answers(out)


@pytest.fixture(scope="module")
def rebuilt(killed_in_store: Killed) -> Path:
    """After the killed build, a complete one: its folder."""
    from celac_kg.build import build

    summary = build(killed_in_store.corpus, killed_in_store.out)
    return summary.publication.folder


def test_abuse_build_next_build_publishes_over_the_leftovers(
    killed_in_store: Killed, rebuilt: Path
) -> None:
    out = killed_in_store.out
    assert rebuilt not in (killed_in_store.complete, killed_in_store.killed)
    assert (out / CURRENT).resolve() == rebuilt.resolve()
    answers(out, sorted(SMALL))


def test_abuse_build_next_build_removes_the_leftovers_keeps_the_previous(
    killed_in_store: Killed, rebuilt: Path
) -> None:
    assert rebuilt.is_dir()
    assert not killed_in_store.killed.exists()
    assert OxigraphStore(killed_in_store.complete / "store").query(PLANS)  # for its readers
