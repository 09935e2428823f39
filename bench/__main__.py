"""``python -m bench``: generate a synthetic dataset, run the benchmark, load-test a service.

python -m bench run [--sizes 10k,100k,1M] [--duration 10] [--clients 8]
python -m bench generate --size 100k [--seed 42] --out bench/work/data-100k
python -m bench load http://127.0.0.1:8000 [--clients 50] [--duration 60]
python -m bench report [docs/benchmarks/results.json]
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from types import FrameType

from bench import load, queries, refenv, report, run, servers, wrk
from bench.generate import generate, parse_size


def _sizes(text: str) -> list[int]:
    try:
        return [parse_size(part) for part in text.split(",") if part.strip()]
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _run(args: argparse.Namespace) -> int:
    unknown = [e for e in args.endpoints if e not in servers.ENDPOINTS]
    if unknown:
        sys.stderr.write(
            f"bench run: no endpoint {unknown[0]!r}; there are {', '.join(servers.ENDPOINTS)}\n"
        )
        return 2
    options = run.Options(
        sizes=args.sizes,
        seed=args.seed,
        duration=args.duration,
        clients=args.clients,
        endpoints=args.endpoints,
        queries=args.queries,
        workers=args.workers,
        build=not args.no_build,
        pages=not args.no_pages,
        page_seconds=args.page_seconds,
        work=args.work,
        docs=args.docs,
    )
    try:
        run.run(options)
    except (refenv.RefEnvError, wrk.WrkError, queries.QueryFileError) as e:
        sys.stderr.write(f"bench run: {e}\n")
        return 1
    return 0


def _generate(args: argparse.Namespace) -> int:
    ds = generate(args.size, args.seed, args.out, force=args.force)
    sys.stdout.write(
        f"{ds.quads} quads in {ds.plans} plans: {ds.nquads} and the store {ds.store} "
        f"(serve it with `celac-kg serve --store {ds.folder}`)\n"
    )
    return 0


def _load(args: argparse.Namespace) -> int:
    try:
        result = load.run_load(
            args.url, args.clients, args.duration, args.sparql_path, args.seed, args.timeout
        )
    except load.LoadError as e:
        sys.stderr.write(f"bench load: {e}\n")
        return 2
    sys.stdout.write(result.text() + "\n")
    return 1 if result.errors else 0


def _report(args: argparse.Namespace) -> int:
    results = json.loads(args.results.read_text(encoding="utf-8"))
    (args.results.parent / "results.md").write_text(report.markdown(results), encoding="utf-8")
    for line in report.ratio_lines(results):
        sys.stdout.write(line + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="the whole benchmark; writes docs/benchmarks/")
    r.add_argument("--sizes", type=_sizes, default=_sizes("10k,100k,1M"), help="e.g. 10k,100k,1M")
    r.add_argument("--seed", type=int, default=42)
    r.add_argument("--duration", type=float, default=10.0, help="seconds per query and mode")
    r.add_argument("--clients", type=int, default=8, help="concurrent clients for throughput")
    r.add_argument(
        "--endpoints", type=_names, default=list(servers.ENDPOINTS), help="comma-separated"
    )
    r.add_argument("--queries", type=_names, default=[], help="names of bench/queries/*.rq")
    r.add_argument("--workers", type=int, default=1, help="celac-kg serve --workers")
    r.add_argument("--page-seconds", type=float, default=3.0, help="seconds per kind of page")
    r.add_argument("--no-build", action="store_true", help="skip the cold build of the corpus")
    r.add_argument("--no-pages", action="store_true", help="skip the entity pages")
    r.add_argument("--work", type=Path, default=run.BENCH / "work", help="datasets and logs")
    r.add_argument("--docs", type=Path, default=run.Options.docs, help="where results go")
    r.set_defaults(func=_run)

    g = sub.add_parser("generate", help="write a synthetic dataset and its store")
    g.add_argument("--size", type=_size, required=True, help="10k, 100k, 1M or a count")
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--out", type=Path, required=True, help="folder: <out>/current/{store,dumps}")
    g.add_argument("--force", action="store_true", help="regenerate even if present")
    g.set_defaults(func=_generate)

    lo = sub.add_parser("load", help="N clients of mixed queries and pages for T seconds")
    lo.add_argument("url", help="base URL of the service, on loopback")
    lo.add_argument("--clients", type=int, default=50)
    lo.add_argument("--duration", type=float, default=60.0)
    lo.add_argument("--sparql-path", default="/sparql")
    lo.add_argument("--seed", type=int, default=42)
    lo.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    lo.set_defaults(func=_load)

    rp = sub.add_parser("report", help="rewrite results.md from results.json")
    rp.add_argument("results", type=Path, nargs="?", default=run.Options.docs / "results.json")
    rp.set_defaults(func=_report)
    return p


def _terminate(signum: int, _frame: FrameType | None) -> None:
    # Unwind, so that every endpoint started is stopped by its context manager.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
