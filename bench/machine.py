"""The machine and the software versions a benchmark ran with, for the record."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench import refenv, wrk


def machine() -> dict[str, str]:
    """CPU model, cores, memory and kernel, read from ``/proc`` and ``os``."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
    }


def versions() -> dict[str, str]:
    """Python, the project's engine and web stack, the reference endpoints and wrk."""
    found = {
        "python": platform.python_version(),
        "celac-kg": version("celac-kg"),
        "pyoxigraph": version("pyoxigraph"),
        "fastapi": version("fastapi"),
        "uvicorn": version("uvicorn"),
        "uvloop, httptools (ours)": http_stack(),
    }
    found.update(refenv.versions())
    try:
        done = subprocess.run(  # noqa: S603
            [wrk.executable(), "--version"], capture_output=True, text=True, check=False
        )
        found["wrk"] = (done.stdout or done.stderr).split()[1]
    except (wrk.WrkError, IndexError):
        found["wrk"] = "missing"
    return found


def http_stack() -> str:
    """The versions of uvloop and httptools in the project's environment, or "none": uvicorn uses
    them when they are installed (its ``auto`` loop and HTTP parser), else asyncio and h11."""
    return ", ".join(_installed(p) for p in ("uvloop", "httptools"))


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "none"
