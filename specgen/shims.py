"""The ``python -m pinterest_tools.<command>`` modules: one per command of the registry, generated.

Upstream's scripts and users' pipes run the commands by these names, so a module of that
name stays at the top of the package, and it only calls the command in
:mod:`pinterest_tools.cli.commands`. ``nox -s generate`` (:mod:`specgen.project_files`)
writes them from the registry (and removes the one of a command that left it); its
``--check`` fails when one is missing, extra or edited.
"""

from __future__ import annotations

from pathlib import Path

from pinterest_tools.cli.registry import COMMANDS, module_name

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "pinterest_tools"
MARKER = "Generated from the command registry by"


def shim_text(name: str) -> str:
    """The module ``pinterest_tools/<name>.py``: a docstring saying why it exists, and the call."""
    return (
        f'"""``python -m pinterest_tools.{name}``: runs :mod:`{module_name(name)}`.\n'
        "\n"
        "The name upstream's scripts and users' pipes run. "
        f"{MARKER}\n"
        "specgen/shims.py (``nox -s generate``); edit the command, not this.\n"
        '"""\n'
        "\n"
        f"from {module_name(name)} import main\n"
        "\n"
        'if __name__ == "__main__":\n'
        "    raise SystemExit(main())\n"
    )


def expected(package_dir: Path = PACKAGE_DIR) -> dict[Path, str]:
    """Every shim the registry implies: path -> text."""
    return {package_dir / f"{name}.py": shim_text(name) for name in COMMANDS}


def present(package_dir: Path = PACKAGE_DIR) -> dict[Path, str]:
    """The generated shims on disk (top-level modules carrying the marker): path -> text."""
    found = {}
    for path in sorted(package_dir.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if MARKER in text:
            found[path] = text
    return found


def differences(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """What disagrees with the registry, one line each (empty when the shims are up to date)."""
    want, have = expected(package_dir), present(package_dir)
    problems = [f"{path.name}: missing" for path in want if not path.exists()]
    problems += [f"{path.name}: differs" for path in want if path.exists() and path.read_text("utf-8") != want[path]]
    problems += [f"{path.name}: no command of that name in the registry" for path in have if path not in want]
    return problems


def write(package_dir: Path = PACKAGE_DIR) -> int:
    """Write the missing and differing shims, remove the extra ones; how many files changed."""
    want, changed = expected(package_dir), 0
    for path, text in want.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed += 1
    for path in present(package_dir):
        if path not in want:
            path.unlink()
            changed += 1
    return changed
