"""The harness's pure parts: sizes, query files, the build's summary line, the targets, and the
load script's refusal of anything but loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench import queries
from bench.buildtime import BuildTimeError, parse_summary
from bench.generate import parse_size, size_label
from bench.load import LoadError, LoadReport, check_loopback
from bench.report import markdown, targets


@pytest.mark.parametrize(
    ("text", "count"), [("10k", 10_000), ("100K", 100_000), ("1M", 1_000_000), ("2500", 2_500)]
)
def test_bench_report_sizes(text: str, count: int) -> None:
    assert parse_size(text) == count


@pytest.mark.parametrize("text", ["", "ten", "1G", "-5k", "100"])
def test_bench_report_bad_size_named(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text).replace("[", r"\[")):
        parse_size(text)


def test_bench_report_size_labels() -> None:
    assert [size_label(n) for n in (10_000, 1_000_000, 12_345)] == ["10k", "1M", "12345"]


def test_bench_report_query_files_have_headers() -> None:
    found = queries.read_all()
    assert {q.group for q in found} >= {"point", "lineage", "aggregate", "text", "describe"}
    point = next(q for q in found if q.name == "point")
    assert point.placeholders == ["mandate"]
    assert "<https://x/m>" in point.fill({"mandate": "https://x/m"})


def test_bench_report_query_file_errors_named(tmp_path: Path) -> None:
    (tmp_path / "bad.rq").write_text("# title: t\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(queries.QueryFileError, match="bad.rq has no '# group:'"):
        queries.read_all(tmp_path)
    (tmp_path / "bad.rq").write_text(
        "# title: t\n# group: point\nSELECT * WHERE { <{{actor}}> ?p ?o }\n", encoding="utf-8"
    )
    with pytest.raises(queries.QueryFileError, match=r"\{\{actor\}\}"):
        queries.read_all(tmp_path)
    with pytest.raises(queries.QueryFileError, match="no query 'nope'"):
        queries.read_all(only=["nope"])


def test_bench_report_build_summary_line() -> None:
    output = (
        "plan  areas  mandates  sources\n"
        "4 plans, 72 areas, 331 mandates, 27656 triples in 35.8 s (reading the plans 0.2 s, "
        "loading the model 0.4 s, validating 20.3 s, storing 5.6 s)\nstore: x\n"
    )
    triples, total, steps = parse_summary(output)
    assert (triples, total) == (27656, 35.8)
    assert steps == {
        "reading the plans": 0.2,
        "loading the model": 0.4,
        "validating": 20.3,
        "storing": 5.6,
    }
    with pytest.raises(BuildTimeError, match="no build summary line"):
        parse_summary("Traceback …")


def _size(ours: float, rdflib: float, oxigraph: float, rss: float) -> dict[str, Any]:
    def endpoint(throughput: float, p50: float) -> dict[str, object]:
        timed = {"latency": {"p50_ms": p50}, "throughput": {"throughput": throughput}}
        return {"error": None, "queries": {"point": timed}, "rss_total_mb": rss}

    return {
        "label": "1M",
        "triples": 1_000_000,
        "quads": 1_000_100,
        "plans": 41,
        "mandates": 16_000,
        "endpoints": {
            "celac-kg": endpoint(ours, 1.0),
            "rdflib-endpoint": endpoint(rdflib, 5.0),
            "oxigraph": endpoint(oxigraph, 0.5),
        },
    }


def test_bench_report_targets_from_ratios() -> None:
    results = {
        "queries": {"point": {"title": "point lookup", "group": "point"}},
        "sizes": [_size(ours=6_000, rdflib=300, oxigraph=23_000, rss=250)],
        "build": {"wall_seconds": 31.0},
        "pages": {"all": {"latency": {"p50_ms": 4.0}}},
    }
    met = {t.name.split(",")[0].split(" (")[0]: t.met for t in targets(results)}
    assert met == {
        "point-lookup throughput": True,  # the last of the two: 6000 / 23000 = 0.26 ≥ 0.25
        "point latency p50": False,  # 1.0 / 0.5 = 2 > 1.5
        "resident memory of our web process with its workers": True,
        "entity page p50": True,
        "celac-kg build of the real corpus": False,
    }
    throughput = [t for t in targets(results) if t.name.startswith("point-lookup")]
    assert [t.measured for t in throughput] == ["20.00×", "0.26×"]
    assert "| point-lookup throughput, ours / rdflib-endpoint (1M) | ≥ 15× | 20.00× | yes |" in (
        markdown(results)
    )


def test_bench_report_cpu_per_request_and_its_ratios() -> None:
    size = _size(ours=6_000, rdflib=300, oxigraph=27_000, rss=250)
    for name, cpu in (("celac-kg", 400), ("rdflib-endpoint", 4_000), ("oxigraph", 100)):
        size["endpoints"][name]["queries"]["point"]["throughput"]["cpu_us_per_request"] = cpu
    text = markdown(
        {"queries": {"point": {"title": "point lookup", "group": "point"}}, "sizes": [size]}
    )
    assert "| point lookup | celac-kg | 1.00 | — | — | — | 6,000 | 400 | 0 | — |" in text
    assert "| point lookup | 20.00× | 0.22× | 0.20× | 2.00× | 0.10× | 4.00× |" in text


def test_bench_report_notes_are_shown() -> None:
    results = {"queries": {}, "sizes": [], "notes": ["warning: something slow"]}
    assert "**Note**: warning: something slow." in markdown(results)


def test_bench_report_failed_endpoint_is_not_measured() -> None:
    size = _size(ours=6_000, rdflib=300, oxigraph=27_000, rss=250)
    size["endpoints"]["celac-kg"] = {"error": "exited with 1"}
    results = {"queries": {"point": {"title": "p", "group": "point"}}, "sizes": [size]}
    first = targets(results)[0]
    assert (first.measured, first.met) == ("—", None)
    assert "exited with 1" in markdown(results)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost:1/", "http://[::1]:8000", "http://127.9.0.1"]
)
def test_bench_report_load_accepts_loopback(url: str) -> None:
    assert check_loopback(url) == url.rstrip("/")


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "https://example.org", "http://0.0.0.0"])
def test_bench_report_load_refuses_other_hosts(url: str) -> None:
    with pytest.raises(LoadError, match="only targets loopback"):
        check_loopback(url)


def test_bench_report_load_percentiles() -> None:
    report = LoadReport(clients=1, seconds=1.0, latencies_ms=[float(n) for n in range(1, 101)])
    assert (report.percentile(50), report.percentile(95), report.percentile(99)) == (50, 95, 99)
    assert LoadReport(clients=1, seconds=1.0).percentile(95) == 0.0


def test_bench_report_says_how_loaded_the_machine_was() -> None:
    results = {
        "queries": {"point": {"title": "point lookup", "group": "point"}},
        "sizes": [_size(ours=6_000, rdflib=300, oxigraph=23_000, rss=250)],
        "machine": {"cores": "2"},
        "load_start": [7.5, 6.0, 5.0],
        "load_end": [9.25, 7.0, 6.0],
    }
    text = markdown(results)
    assert "load average was 7.5 at the run's start, 9.25 at its end, on 2 cores" in text
    assert "Machine load" not in markdown({**results, "load_start": None})
