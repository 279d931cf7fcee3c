"""A command's ``--help`` imports only what printing it needs.

Asked of a fresh interpreter per command (``python -m pinterest_tools.<command> --help``):
no httpx, no generated package, and none of ``logging``, ``dataclasses`` and ``pathlib``,
which the configuration, the log setup and the paging layer bring and which cost a
``--help`` about a third of its time (imported once a command has something to run).
Not timed: ``nox -s bench`` measures the time (``get_pin --help`` against ``import argparse``).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pinterest_tools.cli.registry import COMMANDS

HEAVY = ("httpx", "pinterest_api_v5", "pinterest_api_v3", "logging", "dataclasses", "pathlib")

# Commands whose own modules still import some of HEAVY at the top, with what they import;
# the test asserts they still do, so the list cannot go stale.
NOT_YET: dict[str, set[str]] = {
    "copy_board": {"logging", "dataclasses", "pathlib"},  # the copying package: plans and a log
    "get_ads": {"dataclasses"},  # the ads tree's rows
    "get_analytics": {"dataclasses", "pathlib"},  # report options and the download's target
    "analytics_api_example": {"dataclasses"},  # the ads tree's rows
    "mcp": {"logging", "dataclasses", "pathlib"},  # the server's options and its log
}

PROBE = """
import contextlib, io, runpy, sys
sys.argv = [{name!r}, "--help"]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        runpy.run_module("pinterest_tools.{name}", run_name="__main__")
    except SystemExit as end:
        assert end.code in (0, None), end.code
assert "usage:" in out.getvalue()
print(" ".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def heavy_imports(name: str) -> set[str]:
    probe = PROBE.format(name=name, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_not_yet_list_names_commands() -> None:
    assert set(NOT_YET) <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_imports_nothing_heavy(name: str) -> None:
    assert heavy_imports(name) == NOT_YET.get(name, set())
