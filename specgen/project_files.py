"""The files written from the project's own code rather than from Pinterest's description.

``nox -s generate`` runs this after generating ``generated/``, the facade and ``api.md``
(:mod:`specgen.generate`), in a fresh interpreter so that it imports the code just written:

==========================================  ==========================================
file (or block)                             writer
==========================================  ==========================================
``pinterest_tools/<command>.py``            :mod:`specgen.shims`, from the registry
``docs/commands.md``: the reference         :mod:`specgen.command_reference`
``docs/emulator.md``: the operation table   :mod:`specgen.emulator_routes`
``pinterest_tools/emulator/__init__.py``:   :mod:`specgen.emulator_routes`
the family summary
``docs/mcp.md``: the tool table             :mod:`specgen.mcp_tools`
==========================================  ==========================================

``python -m specgen.project_files`` writes them alone (it needs the project installed
with its ``emulator`` and ``mcp`` extras, as the ``generate`` session installs it, and no
description); ``--check`` changes nothing and exits 1 when any is stale. The command
reference is the ``--help`` text as Python 3.11 and 3.12 lay it out (3.13 changed argparse's
layout), so it is written and checked with one of those.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "nox -s generate"


@dataclass(frozen=True)
class Block:
    """A generated block in a hand-written file: where, and the function that renews the file's text."""

    path: Path
    what: str
    renew: Callable[[str], str]


def blocks() -> list[Block]:
    """Every generated block, its writer imported only now (each imports the part of the project it reads)."""
    from specgen import command_reference, emulator_routes, mcp_tools

    return [
        Block(command_reference.PAGE, "the command reference", command_reference.rewrite),
        Block(emulator_routes.PAGE, "the emulator's operation table", emulator_routes.rewrite),
        Block(emulator_routes.DOCSTRING, "the emulator's family summary", emulator_routes.rewrite_docstring),
        Block(mcp_tools.PAGE, "the MCP tool table", mcp_tools.rewrite),
    ]


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def sync_block(block: Block, check: bool) -> bool:
    """Renew (or with ``check`` only compare) one block; False when it was stale or its markers are missing."""
    before = block.path.read_text(encoding="utf-8")
    try:
        after = block.renew(before)
    except ValueError as exc:
        sys.stderr.write(f"{_shown(block.path)}: {exc}\n")
        return False
    if after == before:
        print(f"{_shown(block.path)}: {block.what} is up to date")
        return True
    if check:
        sys.stderr.write(f"{_shown(block.path)}: {block.what} is stale; run {COMMAND}\n")
        return False
    block.path.write_text(after, encoding="utf-8")
    print(f"{_shown(block.path)}: rewrote {block.what}")
    return True


def sync_shims(package_dir: Path, check: bool) -> bool:
    """Write (or with ``check`` only compare) the ``python -m pinterest_tools.<command>`` modules."""
    from specgen import shims

    problems = shims.differences(package_dir)
    if not problems:
        print(f"{_shown(package_dir)}: the command modules are up to date")
        return True
    if check:
        for problem in problems:
            sys.stderr.write(f"{_shown(package_dir)}/{problem}; run {COMMAND}\n")
        return False
    print(f"{_shown(package_dir)}: rewrote {shims.write(package_dir)} command modules")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m specgen.project_files", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is stale; change nothing")
    args = parser.parse_args(argv)
    if sys.version_info[:2] not in ((3, 11), (3, 12)):
        sys.stderr.write("the command reference is written with Python 3.11 or 3.12 (3.13 lays --help out anew)\n")
        return 1
    from specgen import shims

    results = [sync_shims(shims.PACKAGE_DIR, args.check)]
    results += [sync_block(block, args.check) for block in blocks()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
