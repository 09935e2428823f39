"""Session fixtures: the corpus, its sources, and one real build of it shared by the slow tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from corpora import SMALL, corpus_of
from loopback import Engine, running_engine
from shared_build import shared_build

from extract.text import Source

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary
    from graph.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"

# Fixtures that cost seconds the first time a session asks for them: a build of the real corpus
# (and all that serves it: the store, the app, its client and live server), an Oxigraph server,
# the browser. A test that asks for one is slow, whatever its own body costs.
SLOW_FIXTURES = frozenset({"built", "engine", "browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that needs a fixture of ``SLOW_FIXTURES``; the tests slow in
    themselves (over ~2 s) carry the marker in their module."""
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    # The modules at the top of tests/ run the whole pipeline, most of them building a corpus of
    # their own: first, so that the workers of `make test` do not end on them one alone; and of
    # them first those that do not need the shared build, so that the first worker builds its own
    # corpora while the second (which starts half-way down the list) makes the shared build.
    items.sort(
        key=lambda item: (item.path.parent != TESTS, "built" in getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def sources() -> dict[str, Source]:
    return {p.name: Source.load(p) for p in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuildSummary:
    """The real corpus, built once for every process of the run (shared_build.py), in pytest's
    cache folder; without the cache plugin (``-p no:cacheprovider``), once for this process."""
    cache = request.config.cache
    folder = cache.mkdir("corpus-build") if cache is not None else tmp_path_factory.mktemp("build")
    return shared_build(CORPUS, folder)


@pytest.fixture(scope="session")
def store(built: BuildSummary) -> OxigraphStore:
    from graph.oxigraph import OxigraphStore

    return OxigraphStore(built.publication.store)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the corpus folder."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A writable corpus of two of the real plans (``SMALL``), for the tests of how a build is
    run, published or killed, where which plans are built does not matter."""
    return corpus_of(SMALL, tmp_path / "small-corpus")


@pytest.fixture(scope="session")
def built_twice(
    store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory
) -> tuple[OxigraphStore, OxigraphStore]:
    """The session's store and a second, independent build of the same corpus."""
    from celac_kg.build import build
    from graph.oxigraph import OxigraphStore

    again = build(CORPUS, tmp_path_factory.mktemp("rebuild") / "data")
    return store, OxigraphStore(again.publication.store)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A real Oxigraph server on loopback, empty."""
    with running_engine(tmp_path_factory.mktemp("engine")) as started:
        yield started


@pytest.fixture(scope="session")
def loaded_engine(built: BuildSummary, engine: Engine) -> Engine:
    """The Oxigraph server holding the session's build, put there graph by graph."""
    from pyoxigraph import Store

    from graph.remote import RemoteStore, graphs_of

    RemoteStore(engine.endpoint).replace(graphs_of(Store.read_only(str(built.publication.store))))
    return engine
