"""The command lines the harness starts the endpoints with, and what it records of their stack."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench import servers
from bench.machine import http_stack
from bench.servers import cpu_seconds


def test_bench_servers_reads_the_serve_options() -> None:
    options = servers.serve_options()  # from the real `celac-kg serve --help`
    assert {"--store", "--port", "--workers"} <= options


def test_bench_servers_our_access_log_is_off_when_serve_can_say_so() -> None:
    line, path = servers.command(servers.OURS, Path("/data"), Path("x.nq"), 8123, 2)
    assert path == "/sparql"
    assert line[1:9] == [
        "serve", "--store", "/data", "--host", "127.0.0.1", "--port", "8123", "--workers",
    ]  # fmt: skip
    assert (servers.NO_ACCESS_LOG in line) == (servers.NO_ACCESS_LOG in servers.serve_options())


def test_bench_servers_http_stack_names_both_packages() -> None:
    uvloop, httptools = http_stack().split(", ")
    for found in (uvloop, httptools):
        assert found == "none" or found[0].isdigit()


def test_bench_servers_cpu_seconds_of_a_process_grow_with_its_work() -> None:
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) - before >= 0.1  # clock ticks are 10 ms


def test_bench_servers_cpu_seconds_count_reaped_children() -> None:
    child = subprocess.run(
        [sys.executable, "-c", "import time\nt = time.process_time() + 0.3\n"
         "while time.process_time() < t: pass"],
        check=True,
    )  # fmt: skip
    assert child.returncode == 0
    own = cpu_seconds(os.getpid())
    assert cpu_seconds(os.getpid(), reaped=True) - own >= 0.25


def test_bench_servers_cpu_seconds_of_no_process() -> None:
    assert cpu_seconds(2**22 + 1) == 0.0  # above Linux's largest pid
