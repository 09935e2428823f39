"""``celac-kg``: build the graph, query it, serve it.

Each command is a thin wrapper over a plain function of ``extract``, ``graph`` or ``api``; the
heavy layers are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.errors import GraphError

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("data")


def _build(args: argparse.Namespace) -> int:
    from extract.build import build
    from extract.errors import ExtractError

    try:
        summary = build(args.corpus, args.out)
    except (ExtractError, GraphError) as e:
        print(f"celac-kg build: {e}", file=sys.stderr)
        print("The previous store and dumps, if any, are untouched.", file=sys.stderr)
        return 1
    print(summary.text())
    return 0


def _query(args: argparse.Namespace) -> int:
    from graph.oxigraph import OxigraphStore
    from graph.publish import store_path
    from graph.results import render

    try:
        store = OxigraphStore(store_path(args.store))
        result = store.query(args.sparql)
        sys.stdout.write(render(result, args.format))
    except GraphError as e:
        print(f"celac-kg query: {e}", file=sys.stderr)
        return 1
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from extract.evaluate import evaluate_entities, evaluate_trace, misses_text
    from graph.oxigraph import OxigraphStore
    from graph.publish import store_path

    try:
        store = OxigraphStore(store_path(args.store))
    except GraphError as e:
        print(f"celac-kg evaluate: {e}", file=sys.stderr)
        return 1
    report = evaluate_entities(store, args.dev)
    print(report.text())
    if args.verbose:
        for line in misses_text(report):
            print(line)
    if args.pairs.is_file():
        trace = evaluate_trace(store, args.pairs)
        print()
        print(trace.text())
        if args.verbose:
            print(f"missed links ({len(trace.misses)}): " + "; ".join(trace.misses))
            print(f"asserted, not annotated ({len(trace.extras)}): " + "; ".join(trace.extras))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import os
    import subprocess

    import uvicorn

    from api.settings import ENV_PREFIX, Settings
    from graph.oxigraph import is_store
    from graph.publish import CURRENT

    try:
        settings = Settings.from_env(data=args.store, host=args.host, port=args.port)
    except ValueError as e:
        print(f"celac-kg serve: {e}", file=sys.stderr)
        return 2
    if not (is_store(settings.data) or is_store(settings.data / CURRENT / "store")):
        print(f"celac-kg serve: no store in {settings.data}; building it first", file=sys.stderr)
        # In a child process, so that the web process never loads spaCy.
        built = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "celac_kg.cli", "build", "--out", str(settings.data)],
            check=False,
        )
        if built.returncode != 0:
            return built.returncode
    # The app factory reads its settings from the environment, in this process and in any worker.
    os.environ[f"{ENV_PREFIX}DATA"] = str(settings.data)
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=args.workers,
        log_level="info",
    )
    return 0


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        type=Path,
        default=DEFAULT_OUT,
        help="the build folder or a store (default: data)",
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
    b.set_defaults(run=_build)

    q = sub.add_parser("query", help="answer a SPARQL query from the built store")
    _store_option(q)
    q.add_argument("--format", choices=["json", "csv", "tsv", "table"], default="table")
    q.add_argument(
        "sparql", help="the query; the project's prefixes (celac:, dcterms:, …) are predeclared"
    )
    q.set_defaults(run=_query)

    from extract.evaluate import DEV_SET, TRACE_SET

    e = sub.add_parser(
        "evaluate", help="measure the built graph against the annotated development set"
    )
    _store_option(e)
    e.add_argument(
        "--dev",
        type=Path,
        default=DEV_SET,
        help="the annotated set (default: tests/data/entities-dev.toml)",
    )
    e.add_argument(
        "--pairs",
        type=Path,
        default=TRACE_SET,
        help="the annotated carry-over pairs (default: tests/data/continuations-dev.toml)",
    )
    e.add_argument("-v", "--verbose", action="store_true", help="list what was missed")
    e.set_defaults(run=_evaluate)

    s = sub.add_parser(
        "serve",
        help="serve the built store: SPARQL endpoint, linked data, pages (builds it first if missing)",
    )
    s.add_argument(
        "--store",
        type=Path,
        default=None,
        help="the build folder or a store (default: data, or CELAC_KG_DATA)",
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
    s.set_defaults(run=_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
