"""``celac-kg serve``: the command starts the service over a built store, and the web process never
loads spaCy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from loopback import free_port

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

pytestmark = pytest.mark.slow
CLI = Path(sys.executable).parent / "celac-kg"


def get(url: str, accept: str) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read().decode()


def test_serve_answers_over_http_with_settings_from_the_environment(built: BuildSummary) -> None:
    port = free_port()
    env = {
        **os.environ,
        "CELAC_KG_PORT": str(port),
        "CELAC_KG_DATA": str(built.publication.store),
    }
    server = subprocess.Popen([str(CLI), "serve"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = get(base + "/", "text/html")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200
        status, kind, body = get(
            base + "/sparql?query=ASK%7B%3Fs%20a%20celac%3AMandate%7D",
            "application/sparql-results+json",
        )
        assert (status, kind.split(";")[0]) == (200, "application/sparql-results+json")
        assert '"boolean":true' in body.replace(" ", "")
        maps = Path(f"/proc/{server.pid}/maps").read_text()
        assert "spacy" not in maps and "thinc" not in maps
    finally:
        server.terminate()
        server.wait(20)
        if server.stderr:
            server.stderr.close()


def test_serve_refuses_a_bad_setting_by_name() -> None:
    env = {**os.environ, "CELAC_KG_PORT": "eighty"}
    done = subprocess.run([str(CLI), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "CELAC_KG_PORT='eighty'" in done.stderr


def test_the_app_imports_no_spacy() -> None:
    code = "import sys, api.main, api.routes.pages, api.routes.sparql, api.routes.linked_data; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'extract')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "[]"
