"""The remote engine end to end, by the command line: ``celac-kg build --store URL`` builds a
corpus (two of the plans: which ones does not matter here) and loads it into a real Oxigraph server, ``celac-kg query`` and ``celac-kg serve`` read
from it, and a server over an engine that holds nothing refuses to start, in a sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from loopback import free_port, running_engine

pytestmark = pytest.mark.slow
CLI = Path(sys.executable).parent / "celac-kg"


def wait_for(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def test_build_loads_the_engine_and_serve_reads_from_it(small_corpus: Path, tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine") as engine:
        empty = subprocess.run(
            [str(CLI), "serve", "--store", engine.endpoint, "--port", str(free_port())],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert empty.returncode == 1
        assert f"the engine at {engine.endpoint} holds no named graph" in empty.stderr
        assert "Traceback" not in empty.stderr

        out = tmp_path / "data"
        built = subprocess.run(
            [str(CLI), "build", "--corpus", str(small_corpus), "--out", str(out)]
            + ["--store", engine.endpoint],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert built.returncode == 0, built.stderr
        assert "loaded 5 graphs into" in built.stdout  # a graph for each plan, and three more

        counted = subprocess.run(
            [str(CLI), "query", "--store", engine.endpoint, "--format", "json"]
            + ["SELECT (COUNT(*) AS ?n) { ?m a celac:Mandate }"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert counted.returncode == 0, counted.stderr
        mandates = json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"]
        assert int(mandates) == 61 + 39  # CALC-2008 and PPT-2020

        port = free_port()
        env = {**os.environ, "CELAC_KG_STORE": engine.endpoint, "CELAC_KG_DATA": str(out)}
        server = subprocess.Popen(
            [str(CLI), "serve", "--port", str(port), "--no-access-log"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/", server)
            request = urllib.request.Request(
                base
                + "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fm%20a%20celac%3AMandate%7D",
                headers={"Accept": "text/csv"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.read().decode().split() == ["n", mandates]
            with urllib.request.urlopen(base + "/dumps/celac-kg.nq", timeout=10) as response:
                assert response.status == 200  # the build folder's dumps, with CELAC_KG_DATA
        finally:
            server.terminate()
            _, log = server.communicate(timeout=20)
        assert "GET /sparql" not in log  # --no-access-log
