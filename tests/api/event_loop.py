"""Running a coroutine in a test whatever runs in the test's own thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run ``coroutine`` on a loop of its own, in a thread of its own: the session's Playwright
    may be running a loop in the test's thread."""
    failures: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as e:
            failures.append(e)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
