"""The shared build's key: it changes with any input of the build, and only with those."""

from __future__ import annotations

from pathlib import Path

from shared_build import INPUTS, inputs_key


def tree(root: Path) -> Path:
    for name in INPUTS:
        if "." in name:
            (root / name).write_text(name, encoding="utf-8")
        else:
            (root / name / "sub").mkdir(parents=True)
            (root / name / "sub" / "a.py").write_text(name, encoding="utf-8")
    (root / "api").mkdir()
    (root / "api" / "main.py").write_text("app", encoding="utf-8")
    return root


def test_shared_build_key_changes_with_each_input(tmp_path: Path) -> None:
    root = tree(tmp_path)
    keys = {inputs_key(root)}
    for name in INPUTS:
        changed = root / name if "." in name else root / name / "sub" / "a.py"
        changed.write_text(changed.read_text(encoding="utf-8") + " changed", encoding="utf-8")
        keys.add(inputs_key(root))
    assert len(keys) == len(INPUTS) + 1


def test_shared_build_key_ignores_what_the_build_does_not_read(tmp_path: Path) -> None:
    root = tree(tmp_path)
    before = inputs_key(root)
    (root / "api" / "main.py").write_text("another app", encoding="utf-8")
    (root / "extract" / "sub" / "__pycache__").mkdir()
    (root / "extract" / "sub" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert inputs_key(root) == before
