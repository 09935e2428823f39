"""A damaged store is told at start-up, in a sentence that names its folder, what is wrong and
what to do: from ``OxigraphStore``, from ``create_app``, and from ``celac-kg serve``, which exits
at once without a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from loopback import free_port

from api.main import create_app
from api.settings import Settings
from graph.errors import StoreError
from graph.oxigraph import OxigraphStore

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

ROOT = Path(__file__).resolve().parents[2]


def _ssts(store: Path) -> list[Path]:
    found = sorted(store.glob("*.sst"))
    assert found, f"no SST file in {store}"
    return found


def _manifests(store: Path) -> list[Path]:
    found = sorted(store.glob("MANIFEST-*"))
    assert found, f"no MANIFEST in {store}"
    return found


def truncate_tables(store: Path) -> None:
    for path in _ssts(store):
        os.truncate(path, path.stat().st_size // 2)


def delete_tables(store: Path) -> None:
    for path in _ssts(store):
        path.unlink()


def overwrite_tables(store: Path) -> None:
    for path in _ssts(store):
        path.write_bytes(b"\x5a" * path.stat().st_size)


def truncate_manifest(store: Path) -> None:
    for path in _manifests(store):
        os.truncate(path, 10)


def delete_manifest(store: Path) -> None:
    for path in _manifests(store):
        path.unlink()


def garbage_current(store: Path) -> None:
    (store / "CURRENT").write_bytes(b"\x00\xffnot a manifest name\n")


def only_current(store: Path) -> None:
    for path in store.iterdir():
        if path.name != "CURRENT":
            path.unlink()


# Each damage, and what the message says about it (RocksDB's own words, then ours).
DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "tables truncated": (truncate_tables, "is damaged .*Sst file size mismatch"),
    "tables deleted": (delete_tables, "is damaged .*No such file"),
    "tables overwritten": (overwrite_tables, "is damaged .*Bad table magic number"),
    "manifest truncated": (truncate_manifest, "is damaged .*MANIFEST"),
    "manifest deleted": (delete_manifest, "cannot be opened .*No such file.*MANIFEST"),
    "CURRENT garbage": (garbage_current, "is damaged .*CURRENT file corrupted"),
    "only CURRENT left": (only_current, "cannot be opened .*No such file.*MANIFEST"),
}


@pytest.fixture(params=sorted(DAMAGES))
def damaged(
    request: pytest.FixtureRequest, built: BuildSummary, tmp_path: Path
) -> tuple[Path, str]:
    """A copy of the session's store, damaged one way; and what the message must say."""
    damage, expected = DAMAGES[request.param]
    store = tmp_path / "store"
    shutil.copytree(built.publication.store, store)
    damage(store)
    return store, expected


def _told(message: str, store: Path, expected: str) -> None:
    assert f"the store in {store} " in message
    assert "celac-kg build" in message
    assert re.search(expected, message), message


def test_oxigraph_corrupt_store_raises_store_error(damaged: tuple[Path, str]) -> None:
    store, expected = damaged
    with pytest.raises(StoreError) as raised:
        OxigraphStore(store)
    _told(str(raised.value), store, expected)


def test_oxigraph_corrupt_store_stops_create_app(damaged: tuple[Path, str]) -> None:
    store, expected = damaged
    with pytest.raises(StoreError) as raised:
        create_app(Settings(data=store))
    _told(str(raised.value), store, expected)


def test_oxigraph_corrupt_the_undamaged_copy_opens(built: BuildSummary, tmp_path: Path) -> None:
    """The copies above are good stores before they are damaged."""
    store = tmp_path / "store"
    shutil.copytree(built.publication.store, store)
    assert len(OxigraphStore(store)) == len(OxigraphStore(built.publication.store)) > 0


@pytest.mark.parametrize("damage", ["tables truncated", "CURRENT garbage", "manifest deleted"])
def test_oxigraph_corrupt_serve_exits_with_the_message(
    built: BuildSummary, tmp_path: Path, damage: str
) -> None:
    store = tmp_path / "store"
    shutil.copytree(built.publication.store, store)
    harm, expected = DAMAGES[damage]
    harm(store)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELAC_KG_")}
    start = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "celac_kg.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    took = time.monotonic() - start
    assert done.returncode != 0, done.stderr
    assert took < 15, f"took {took:.1f} s"
    assert "Traceback" not in done.stderr, done.stderr
    _told(done.stderr, store, expected)
    assert done.stderr.startswith("celac-kg serve: ")
