"""The dump files of the build the service reads: ``<build>/dumps/celac-kg.{ttl,nq,jsonld}``
beside ``<build>/store`` (see :mod:`graph.publish`). Only those names are ever served."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from api.cache import per_store
from api.errors import NoSuchDump as NoSuchDump
from graph.publish import DUMP_NAME, DUMPS
from graph.store import Store

MEDIA_TYPES = {"ttl": "text/turtle", "nq": "application/n-quads", "jsonld": "application/ld+json"}
TITLES = {"ttl": "Turtle", "nq": "N-Quads", "jsonld": "JSON-LD"}
NAMES = {f"{DUMP_NAME}.{ext}": ext for ext in DUMPS}


@dataclass(frozen=True)
class Dump:
    name: str  # celac-kg.ttl
    path: Path
    media_type: str
    title: str
    size: int  # bytes


@per_store
def folder(store: Store) -> Path | None:
    """The dumps folder beside ``store``'s folder, resolved once (a later build that moves the
    ``current`` link does not change what this process serves), or the one a remote store names;
    None for a store with neither."""
    return store.dumps


def available(store: Store) -> list[Dump]:
    """The dump files present beside ``store``, in the order Turtle, N-Quads, JSON-LD."""
    where = folder(store)
    if where is None:
        return []
    found = []
    for name, ext in NAMES.items():
        path = where / name
        if path.is_file():
            found.append(Dump(name, path, MEDIA_TYPES[ext], TITLES[ext], path.stat().st_size))
    return found


def find(store: Store, name: str) -> Dump:
    """The dump called ``name``.

    Raises:
        NoSuchDump: ``name`` is not one of the dump files, or the build has no such file.
    """
    if name not in NAMES:
        raise NoSuchDump(
            f"{name!r} is not a dump of this dataset: the dumps are {', '.join(NAMES)}"
        )
    for dump in available(store):
        if dump.name == name:
            return dump
    raise NoSuchDump(f"the build this service reads has no dump {name!r}")
