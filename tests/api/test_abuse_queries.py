"""Queries built to break the engine, over real HTTP: deep nesting, long property paths, a LIMIT
beyond 64 bits. Each gets a clear answer (a 400 naming the problem, or the normal answer), the
server carries on, and a worker that crashes is replaced with the client told why."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from dataclasses import asdict
from typing import TYPE_CHECKING

import httpx
import pytest

from api.sparql.execute import MAX_NESTING, MAX_SLASHES
from api.sparql.pool import QueryPool, _Worker
from api.sparql.worker import Config, Job
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from fastapi import FastAPI

    from api.settings import Settings
    from celac_kg.build import BuildSummary

PLANS = "?p a celac:Plan ; dcterms:identifier ?plan"
SIMPLE = f"SELECT ?plan WHERE {{ {PLANS} }} ORDER BY ?plan"
RUNAWAY = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a a celac:Mandate . ?b a celac:Mandate . ?c a celac:Mandate
  FILTER(STR(?a) < STR(?b) || STR(?b) < STR(?c))
}"""


# Each makes a query whose brackets nest exactly ``n`` deep, and that gives the four plans.
def groups(n: int) -> str:
    return "SELECT ?plan WHERE " + "{ " * n + PLANS + " }" * n


def subselects(n: int) -> str:
    k = n - 1
    return "SELECT ?plan WHERE " + "{ SELECT ?plan WHERE " * k + f"{{ {PLANS} }}" + " }" * k


def optionals(n: int) -> str:
    k = n - 1
    return f"SELECT ?plan WHERE {{ {PLANS} " + "OPTIONAL { ?p rdfs:seeAlso ?o " * k + "}" * k + " }"


def parentheses(n: int) -> str:
    k = n - 2
    return f"SELECT ?plan WHERE {{ {PLANS} FILTER(" + "(" * k + "true" + ")" * k + ") }"


def path(n: int) -> str:
    """A sequence path of ``n`` steps from each plan (none of them goes anywhere past the 2nd)."""
    steps = "/".join(["dcterms:identifier"] * n)
    return f"SELECT ?plan WHERE {{ {PLANS} OPTIONAL {{ ?p {steps} ?x }} }}"


def ask(base: str, query: str) -> httpx.Response:
    return httpx.post(
        f"{base}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )


def plans(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(b["plan"]["value"] for b in response.json()["results"]["bindings"])


SHAPES = {"groups": groups, "subselects": subselects, "optionals": optionals}
SHAPES |= {"parentheses": parentheses}


@pytest.mark.parametrize("shape", SHAPES)
def test_abuse_queries_nesting_up_to_the_limit_is_answered(live_server: str, shape: str) -> None:
    expected = plans(ask(live_server, SIMPLE))
    assert len(expected) == 4
    assert plans(ask(live_server, SHAPES[shape](MAX_NESTING))) == expected


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 1000])
@pytest.mark.parametrize("shape", SHAPES)
def test_abuse_queries_deep_nesting_gets_400(live_server: str, shape: str, depth: int) -> None:
    start = time.monotonic()
    response = ask(live_server, SHAPES[shape](depth))
    assert time.monotonic() - start < 5
    assert response.status_code == 400
    assert f"levels deep, over the limit of {MAX_NESTING}" in response.text
    assert f"{depth} levels deep" in response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert len(plans(ask(live_server, SIMPLE))) == 4  # and the server carries on


def test_abuse_queries_a_path_under_the_limit_is_answered(live_server: str) -> None:
    assert len(plans(ask(live_server, path(100)))) == 4


@pytest.mark.parametrize("steps", [MAX_SLASHES + 2, 2000])
def test_abuse_queries_a_long_path_gets_400(live_server: str, steps: int) -> None:
    response = ask(live_server, path(steps))
    assert response.status_code == 400
    assert (
        f"has {steps - 1} `/` (property-path steps or divisions), over the limit" in response.text
    )
    assert len(plans(ask(live_server, SIMPLE))) == 4


def test_abuse_queries_slashes_in_strings_and_iris_do_not_count(live_server: str) -> None:
    padding = "/" * (2 * MAX_SLASHES)
    query = (
        f'SELECT ?plan WHERE {{ {PLANS} FILTER(?plan != "{padding}" '
        f"&& ?p != <http://example.org/{padding}>) }} # {padding}"
    )
    assert len(plans(ask(live_server, query))) == 4


@pytest.mark.parametrize("clause", ["LIMIT", "OFFSET"])
def test_abuse_queries_a_number_past_64_bits_gets_400(live_server: str, clause: str) -> None:
    response = ask(live_server, f"SELECT ?s WHERE {{ ?s ?p ?o }} {clause} 99999999999999999999")
    assert response.status_code == 400
    assert "The query is malformed" in response.text
    assert f"The query {clause.lower()} should be a non negative integer" in response.text
    assert len(plans(ask(live_server, SIMPLE))) == 4


def test_abuse_queries_the_largest_limit_is_capped(live_server: str, settings: Settings) -> None:
    response = ask(live_server, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {2**64 - 1}")
    assert response.status_code == 200
    assert response.headers["x-result-capped"] == "true"
    assert len(response.json()["results"]["bindings"]) == settings.max_results


def test_abuse_queries_a_worker_survives_nesting_that_overflows_a_main_thread(
    built: BuildSummary,
) -> None:
    """Past the limit (which the worker does not check), 3,000 nested sub-SELECTs: on a main
    thread's 8 MiB stack pyoxigraph overflows it and the process dies with SIGSEGV; the worker
    evaluates on a larger stack and answers."""
    worker = _Worker(Config(str(built.publication.store.resolve()), PREFIXES, PREFIXES))
    try:
        job = Job(subselects(3000), None, None, True, "json", "turtle", 10, 30.0, "")
        worker.jobs.send_bytes(json.dumps(asdict(job)).encode())
        assert worker.replies.poll(30), "no answer in 30 s"
        head, _, body = worker.replies.recv_bytes().partition(b"\n")
    finally:
        worker.stop()
    assert json.loads(head)["status"] == "ok"
    assert len(json.loads(body)["results"]["bindings"]) == 4


def test_abuse_queries_a_crashed_worker_gets_400_and_is_replaced(
    live_server: str, app: FastAPI
) -> None:
    pool = getattr(app.state, "sparql_pool", None)
    if not isinstance(pool, QueryPool):
        pytest.skip("the store is remote: there are no query workers to crash")
    assert len(plans(ask(live_server, SIMPLE))) == 4
    answers: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: answers.append(ask(live_server, RUNAWAY)))
    thread.start()
    deadline = time.monotonic() + 5
    while not (busy := set(pool.pids) - set(pool.idle_pids)) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(busy) == 1, f"one worker should be on the runaway query, not {busy}"
    victim = busy.pop()
    time.sleep(0.2)
    os.kill(victim, signal.SIGSEGV)
    thread.join(30)
    response = answers[0]
    assert response.status_code == 400
    assert "crashed the engine (its worker process ended with SIGSEGV)" in response.text
    assert victim not in pool.pids
    assert len(plans(ask(live_server, SIMPLE))) == 4
