"""Named steps with their times; on a terminal, a step that runs over a second says so."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Steps:
    """Times each step; shows on ``stream`` (if a terminal) the steps that take over ``after`` s."""

    def __init__(self, stream: TextIO | None = None, after: float = 1.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.after = after
        self.times: dict[str, float] = {}
        self.show = self.stream.isatty()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        shown = threading.Event()

        def announce() -> None:
            shown.set()
            self.stream.write(f"  {name} …")
            self.stream.flush()

        timer = threading.Timer(self.after, announce) if self.show else None
        if timer:
            timer.daemon = True
            timer.start()
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.times[name] = self.times.get(name, 0.0) + elapsed
            if timer:
                timer.cancel()
            if shown.is_set():
                self.stream.write(f" {elapsed:.1f} s\n")
                self.stream.flush()
