"""The reference endpoints' own environment, ``bench/.venv-ref``: rdflib-endpoint, the Oxigraph
server (the ``oxigraph`` package's CLI) and matplotlib for the charts, at the versions locked in
``bench/requirements-ref.lock`` — none of them a dependency of the project.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".venv-ref"
LOCK = BENCH / "requirements-ref.lock"
PYTHON = VENV / "bin" / "python"


class RefEnvError(RuntimeError):
    """Raised when the reference environment cannot be made; the message has the installer's."""


def bin_path(name: str) -> Path:
    return VENV / "bin" / name


def ensure() -> Path:
    """Create or refresh ``bench/.venv-ref`` from the lock file; return its Python.

    Raises:
        RefEnvError: the virtualenv or the install failed.
    """
    stamp = VENV / f".installed-{hashlib.sha256(LOCK.read_bytes()).hexdigest()[:16]}"
    if stamp.is_file() and PYTHON.is_file():
        return PYTHON
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    if Path(uv).is_file():
        steps = [
            [uv, "venv", "--quiet", "--allow-existing", "--python", sys.executable, str(VENV)],
            [uv, "pip", "sync", "--quiet", "--python", str(PYTHON), "--require-hashes", str(LOCK)],
        ]
    else:
        steps = [
            [sys.executable, "-m", "venv", str(VENV)],
            [str(PYTHON), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", str(LOCK)],
        ]
    for command in steps:
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise RefEnvError(
                f"making {VENV} failed at `{' '.join(command)}`: {done.stderr.strip()[-800:]}"
            )
    for old in VENV.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return PYTHON


def versions() -> dict[str, str]:
    """The versions of the reference packages, as installed."""
    packages = ("rdflib-endpoint", "rdflib", "oxigraph", "matplotlib", "uvloop", "httptools")
    code = (
        "import importlib.metadata as m\n"
        "def v(p):\n"
        "    try:\n"
        "        return m.version(p)\n"
        "    except m.PackageNotFoundError:\n"
        "        return 'none'\n"
        f"print(*(v(p) for p in {packages!r}))"
    )
    done = subprocess.run(  # noqa: S603
        [str(PYTHON), "-c", code], capture_output=True, text=True, check=True
    )
    found = done.stdout.split()
    names = ["rdflib-endpoint", "rdflib (under rdflib-endpoint)", "oxigraph server", "matplotlib"]
    versions = dict(zip(names, found[:4], strict=True))
    # rdflib-endpoint[cli] pulls uvicorn[standard]: its uvicorn runs on uvloop and httptools.
    versions["uvloop, httptools (under rdflib-endpoint)"] = ", ".join(found[4:])
    return versions
