"""What the run is doing, with the time, on standard output."""

from __future__ import annotations

import sys
from datetime import UTC, datetime


def progress(text: str) -> None:
    sys.stdout.write(f"[{datetime.now(UTC):%H:%M:%S}] {text}\n")
    sys.stdout.flush()
