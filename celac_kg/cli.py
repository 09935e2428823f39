"""``celac-kg``: build the graph, query it, serve it.

Each command is a thin wrapper over a plain function of ``celac_kg.build``, ``celac_kg.evaluate``,
``extract``, ``graph`` or ``api``; the heavy layers are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celac_kg.heldout import HELD_OUT
from graph.errors import GraphError

if TYPE_CHECKING:
    from graph.store import Store

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("data")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# What ``evaluate`` measures against, unless told otherwise: the annotated sets of the project.
DEFAULT_DEV = PROJECT_ROOT / "tests" / "data" / "entities-dev.toml"
DEFAULT_PAIRS = PROJECT_ROOT / "extract" / "trace" / "continuations.toml"
STORE_ENV = "CELAC_KG_STORE"
GRAPH_STORE_ENV = "CELAC_KG_GRAPH_STORE"


def _build(args: argparse.Namespace) -> int:
    from celac_kg.build import build
    from extract.errors import ExtractError

    try:
        summary = build(args.corpus, args.out, reviews=not args.no_reviews)
    except (ExtractError, GraphError) as e:
        print(f"celac-kg build: {e}", file=sys.stderr)
        print("The previous store and dumps, if any, are untouched.", file=sys.stderr)
        return 1
    print(summary.text())
    if args.store:
        return _load_engine(summary.publication.store, args.store, args.graph_store)
    return 0


def _load_engine(folder: Path, endpoint: str, graph_store: str) -> int:
    """Put the graphs of the store in ``folder`` into the engine at ``endpoint``."""
    import time

    from graph.remote import RemoteStore, is_remote, load

    if not is_remote(endpoint):
        print(f"celac-kg build: --store {endpoint!r} is not an http(s) URL", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        engine = RemoteStore(endpoint, graph_store=graph_store or None)
        graphs = load(folder, engine)
    except GraphError as e:
        print(
            f"celac-kg build: the build is published in {folder.parent}, but {e}", file=sys.stderr
        )
        return 1
    took = time.perf_counter() - started
    print(f"loaded {graphs} graphs into {engine.graph_store} in {took:.1f} s")
    return 0


def _open(where: str) -> Store:
    """The store ``where`` names: a build folder, a store folder, or a SPARQL endpoint's URL."""
    from graph.stores import open_store

    return open_store(Path(where), where)


def _query(args: argparse.Namespace) -> int:
    from graph.results import render

    try:
        result = _open(args.store).query(args.sparql)
        sys.stdout.write(render(result, args.format))
    except GraphError as e:
        print(f"celac-kg query: {e}", file=sys.stderr)
        return 1
    return 0


def _train(args: argparse.Namespace) -> int:
    from extract.errors import ExtractError
    from extract.trace.model import MODEL, report_text
    from extract.trace.train import train_corpus

    try:
        model = train_corpus(args.corpus)
    except ExtractError as e:
        print(f"celac-kg train: {e}", file=sys.stderr)
        return 1
    path = args.model or MODEL
    model.write(path)
    print(report_text(model.report))
    print(
        f"thresholds: asserted {model.thresholds['asserted']:.2f}, "
        f"probable {model.thresholds['probable']:.2f}; written to {path}"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from celac_kg.evaluate import (
        evaluate_entities,
        evaluate_folds,
        evaluate_trace,
        folds_text,
        misses_text,
    )

    try:
        store = _open(args.store)
    except GraphError as e:
        print(f"celac-kg evaluate: {e}", file=sys.stderr)
        return 1
    report = evaluate_entities(store, args.dev)
    print(report.text())
    try:
        folds = evaluate_folds(store, args.dev)
    except ValueError as e:
        print(f"celac-kg evaluate: {e}", file=sys.stderr)
        return 1
    print()
    print(folds_text(folds))
    if args.verbose:
        for line in misses_text(report):
            print(line)
    print()
    from extract.trace.model import MODEL, report_text

    # The method alone, cross-validated when it was fitted: reviews never change these figures.
    print(report_text(json.loads(MODEL.read_text(encoding="utf-8")).get("report", {})))
    if args.pairs.is_file():
        trace = evaluate_trace(store, args.pairs)
        print()
        print(trace.text())
        if args.verbose:
            print(f"missed links ({len(trace.misses)}): " + "; ".join(trace.misses))
            print(f"asserted, not annotated ({len(trace.extras)}): " + "; ".join(trace.extras))
    if args.held_out.is_file():
        from celac_kg.heldout import evaluate_held_out, fold_files

        by_fold = fold_files(args.dev, args.corpus)
        print()
        print(evaluate_held_out(store, args.held_out, args.corpus, by_fold).text(args.verbose))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import subprocess

    import uvicorn

    from api.settings import ENV_PREFIX, Settings, SettingsError
    from graph.oxigraph import is_store
    from graph.publish import CURRENT
    from graph.remote import is_remote
    from graph.stores import open_store

    where: dict[str, Any] = {}
    if args.store is not None:
        where = {"store": args.store} if is_remote(args.store) else {"data": Path(args.store)}
    try:
        settings = Settings.from_env(
            host=args.host,
            port=args.port,
            access_log=False if args.no_access_log else None,
            **where,
        )
    except SettingsError as e:
        print(f"celac-kg serve: {e}", file=sys.stderr)
        return 2
    remote = is_remote(settings.store)
    if not remote and not (is_store(settings.data) or is_store(settings.data / CURRENT / "store")):
        print(f"celac-kg serve: no store in {settings.data}; building it first", file=sys.stderr)
        # In a child process, so that the web process never loads spaCy.
        built = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "celac_kg.cli", "build", "--out", str(settings.data)],
            check=False,
        )
        if built.returncode != 0:
            return built.returncode
    try:  # a missing, corrupt or unreachable store is told here, in a sentence, not a traceback
        open_store(
            settings.data,
            settings.store,
            graph_store=settings.graph_store,
            timeout=settings.query_timeout,
        )
    except GraphError as e:
        print(f"celac-kg serve: {e}", file=sys.stderr)
        return 1
    # The app factory reads its settings from the environment, in this process and in any worker.
    os.environ[f"{ENV_PREFIX}DATA"] = str(settings.data)
    os.environ[f"{ENV_PREFIX}STORE"] = settings.store
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=args.workers,
        log_level="info",
        access_log=settings.access_log,
        # h11, not httptools: httptools refuses a request line over ~64 KiB with a bare 400
        # before the app can say, with a 413, that the query is over its limit.
        http="h11",
    )
    return 0


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        default=os.environ.get(STORE_ENV) or str(DEFAULT_OUT),
        help="the build folder, a store folder, or the URL of a SPARQL endpoint holding the "
        f"graph (default: {STORE_ENV}, else data)",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="celac-kg", description=__doc__.splitlines()[0] if __doc__ else None
    )
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser(
        "build", help="parse the corpus, validate the graph, write the store and dumps"
    )
    b.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder with plans.toml (default: corpus)",
    )
    b.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where the store and dumps go (default: data)"
    )
    b.add_argument(
        "--store",
        default=os.environ.get(STORE_ENV, ""),
        help="also load the graph into the SPARQL engine whose query endpoint is this URL, by the "
        f"Graph Store Protocol (default: {STORE_ENV}, if set)",
    )
    b.add_argument(
        "--graph-store",
        default=os.environ.get(GRAPH_STORE_ENV, ""),
        help="the engine's Graph Store Protocol URL (default: "
        f"{GRAPH_STORE_ENV}, else …/store beside …/query, Oxigraph's layout)",
    )
    b.add_argument(
        "--no-reviews",
        action="store_true",
        help="ignore corpus/reviews.toml: the tracer's own decisions only",
    )
    b.set_defaults(run=_build)

    t = sub.add_parser(
        "train",
        help="fit the tracer's decision model on the annotated pairs, cross-validate it and "
        "write extract/trace/model.json",
    )
    t.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder")
    t.add_argument("--model", type=Path, default=None, help="where to write the model")
    t.set_defaults(run=_train)

    q = sub.add_parser("query", help="answer a SPARQL query from the built store")
    _store_option(q)
    q.add_argument("--format", choices=["json", "csv", "tsv", "table"], default="table")
    q.add_argument(
        "sparql", help="the query; the project's prefixes (celac:, dcterms:, …) are predeclared"
    )
    q.set_defaults(run=_query)

    e = sub.add_parser(
        "evaluate", help="measure the built graph against the annotated development set"
    )
    _store_option(e)
    e.add_argument(
        "--dev",
        type=Path,
        default=DEFAULT_DEV,
        help="the annotated set (default: tests/data/entities-dev.toml)",
    )
    e.add_argument(
        "--pairs",
        type=Path,
        default=DEFAULT_PAIRS,
        help="the annotated carry-over pairs (default: extract/trace/continuations.toml)",
    )
    e.add_argument(
        "--held-out",
        type=Path,
        default=HELD_OUT,
        help="the held-out reading of names outside the mandates "
        "(default: annotations/entities-passages.toml)",
    )
    e.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="the corpus folder the readings name"
    )
    e.add_argument("-v", "--verbose", action="store_true", help="list what was missed")
    e.set_defaults(run=_evaluate)

    s = sub.add_parser(
        "serve",
        help="serve the built store: SPARQL endpoint, linked data, pages (builds it first if missing)",
    )
    s.add_argument(
        "--store",
        default=None,
        help="the build folder or a store, or the URL of a SPARQL endpoint holding the graph "
        "(default: CELAC_KG_STORE, else CELAC_KG_DATA, else data)",
    )
    s.add_argument(
        "--host", default=None, help="interface to listen on (default: 127.0.0.1, or CELAC_KG_HOST)"
    )
    s.add_argument("--port", type=int, default=None, help="port (default: 8000, or CELAC_KG_PORT)")
    s.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes over the same read-only store (default: 1)",
    )
    s.add_argument(
        "--no-access-log",
        action="store_true",
        help="no line per request on the console (or CELAC_KG_ACCESS_LOG=0)",
    )
    s.set_defaults(run=_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
