"""``docs/commands.md``'s reference: every command of the registry with its purpose and ``--help``.

What stands between ``<!-- commands:start -->`` and ``<!-- commands:end -->`` in
``docs/commands.md`` is, for every command of :data:`pinterest_tools.cli.registry.COMMANDS`
in that order, its purpose and its ``--help`` text, rendered 100 columns wide whatever the
terminal. ``nox -s generate`` (:mod:`specgen.project_files`) writes it; ``--check`` fails
when it is stale. After adding a command or changing a command's options or docstring,
run it again.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from pinterest_tools.cli.registry import COMMANDS, module_name
from specgen.marked_block import banner, replace_block

START = "<!-- commands:start -->"
END = "<!-- commands:end -->"
WIDTH = 100
PAGE = Path(__file__).resolve().parents[1] / "docs" / "commands.md"
WRITER = "specgen/command_reference.py"


class _Captured(BaseException):  # passes through run()'s handler
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        super().__init__(parser.prog)
        self.parser = parser


def command_parser(name: str) -> argparse.ArgumentParser:
    """The argument parser the command ``name`` builds (caught at its ``parse_args``; nothing runs)."""
    module = importlib.import_module(module_name(name))
    original = argparse.ArgumentParser.parse_args

    def capture(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> NoReturn:
        raise _Captured(self)

    argparse.ArgumentParser.parse_args = capture  # type: ignore[method-assign]
    try:
        main = getattr(module, "_main", None) or module.main
        main([])
    except _Captured as captured:
        return captured.parser
    finally:
        argparse.ArgumentParser.parse_args = original  # type: ignore[method-assign]
    raise RuntimeError(f"{module_name(name)} returned without parsing its arguments")


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def help_text(name: str) -> str:
    """``<name> --help`` as the command prints it, ``WIDTH`` columns wide."""
    parser = command_parser(name)
    with _columns(WIDTH):
        return parser.format_help().rstrip() + "\n"


def reference() -> str:
    """The block between the markers: a table of the commands, then each one's purpose and ``--help`` text."""
    parts = [
        "",
        banner(WRITER, "the command registry and the commands' parsers"),
        "",
        "| command | purpose |",
        "| --- | --- |",
        *(f"| [`{name}`](#{name}) | {purpose} |" for name, purpose in COMMANDS.items()),
        "",
    ]
    for name, purpose in COMMANDS.items():
        parts += [f"## {name}", "", purpose, "", "```", help_text(name).rstrip(), "```", ""]
    return "\n".join(parts) + "\n"


def rewrite(text: str) -> str:
    """``text`` with the block between the markers replaced (ValueError when the markers are missing)."""
    return replace_block(text, START, END, reference)
