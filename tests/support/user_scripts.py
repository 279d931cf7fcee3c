"""Running the user-style scripts of tests/rest/ (scripts/, everyday/): import one, type-check some.

Both suites load a script as a module to call its ``main`` with a client bound to the
emulator, and run ``mypy --strict`` on the scripts as a user would (the generated packages
found through ``MYPYPATH``, as an installed wheel would provide them).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load_script(path: Path, module_name: str) -> ModuleType:
    """The script at ``path`` imported as a fresh module named ``module_name``."""
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mypy_strict(files: list[Path], *options: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict <options> <files>`` run from the repository root; its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *options, *map(str, files)],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(ROOT / "generated")},
        capture_output=True,
        text=True,
    )
