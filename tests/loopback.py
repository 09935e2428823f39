"""What the fixtures that start servers on loopback share."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

# The Oxigraph server from PyPI (a dev dependency), beside this interpreter.
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
ENGINE_TIMEOUT = 2  # seconds the engine gives a query (the test app's query_timeout too)


def free_port() -> int:
    """A TCP port of 127.0.0.1 free at the time of asking."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Engine:
    """A SPARQL engine the tests started: its query endpoint, and its process."""

    endpoint: str
    pid: int


@contextmanager
def running_engine(location: Path) -> Iterator[Engine]:
    """A real Oxigraph server on a free port of 127.0.0.1, its data in ``location``, stopped on
    exit (its query endpoint is ``/query``; the Graph Store Protocol is at ``/store``, SPARQL
    Update at ``/update``)."""
    port = free_port()
    log_path = location.parent / f"{location.name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
            + ["--timeout-s", str(ENGINE_TIMEOUT)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the Oxigraph server did not start: {log_path}"
                        ) from None
                    time.sleep(0.1)
            yield Engine(f"http://127.0.0.1:{port}/query", process.pid)
        finally:
            process.terminate()
            process.wait(10)


@contextmanager
def serving(app: FastAPI, port: int = 0) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 in a thread (h11, as `celac-kg serve` runs it), on
    ``port`` or a free one; yields its base URL, and stops it after."""
    import threading

    import uvicorn

    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port or free_port(),
        log_level="warning",
        http="h11",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the server on port {config.port} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
