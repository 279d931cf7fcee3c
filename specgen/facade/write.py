"""Writing the facade: the rendered modules into a directory, formatted, and the drift check of what is committed.

Kept apart from the model and the rendering because it is the only part that touches the
disk and runs tools: a test renders in memory, and ``nox -s generate`` writes into a
temporary directory that replaces ``pinterest_tools/rest/resources/`` only once every file
is written and formatted (``--check`` compares it with the committed one instead).
"""

from __future__ import annotations

import filecmp
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

from specgen.facade.model import PACKAGE, FacadeError

# No generated module above this many lines: openai-python's largest is about 5,400, and
# one file per namespace keeps each a file a reader can page through (the largest today is
# well under it; a release of the description that crosses it fails the generation).
MAX_MODULE_LINES = 2500


def import_generated(root: Path) -> None:
    """Make ``root/pinterest_api_v5`` the importable package (forgetting any other already imported)."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()


def write_package(files: dict[str, str], dest: Path, config: Path) -> None:
    """Write ``files`` (paths relative to ``dest``, a new directory) and format them with the project's ruff settings.

    Raises:
        FacadeError: ruff failed, or a formatted module is longer than :data:`MAX_MODULE_LINES`.
    """
    dest.mkdir(parents=True)
    for name, text in files.items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    # Written outside the checkout, where ruff cannot tell the project's package is first-party.
    first_party = "lint.isort.known-first-party = ['pinterest_tools']"
    for command in (
        [
            ruff,
            "check",
            "--config",
            str(config),
            "--config",
            first_party,
            "--fix-only",
            "--select=I,F401",
            "--quiet",
            ".",
        ],
        [ruff, "format", "--config", str(config), "--quiet", "."],
    ):
        result = subprocess.run(command, cwd=dest, capture_output=True, text=True)
        if result.returncode != 0:
            raise FacadeError(f"{' '.join(command[:2])} failed on the facade:\n{result.stdout}{result.stderr}")
    shutil.rmtree(dest / ".ruff_cache", ignore_errors=True)
    for name in files:
        lines = len((dest / name).read_text().splitlines())
        if lines > MAX_MODULE_LINES:
            raise FacadeError(f"{name} is {lines} lines (at most {MAX_MODULE_LINES}): split its namespace")


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side included); ``""``: two files differ."""
    if left.is_file():
        return [] if right.is_file() and filecmp.cmp(left, right, shallow=False) else [""]
    found: list[str] = []

    def visit(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            visit(sub, f"{prefix}{name}/")

    visit(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)
