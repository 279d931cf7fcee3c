"""The commands as programs: one console entry point, and `python -m` and the console script alike.

Options against the seed, docstrings and the light `--help` are checked for every
command in test_command_reference.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pinterest_tools.cli.registry import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def test_one_console_entry_point_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from pinterest_tools.cli.main import main

    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    for name in COMMANDS:
        assert re.search(rf"^  {name} +{re.escape(COMMANDS[name])}$", listing, re.MULTILINE), name
    assert main(["no_such_command"]) == 2


@pytest.mark.parametrize(
    "launcher",
    [["{python}", "-m", "pinterest_tools.get_pin"], ["{bin}/pinterest-tools", "get_pin"]],
    ids=["python -m", "console script"],
)
def test_commands_run_both_ways(launcher: list[str]) -> None:
    python = Path(sys.executable)
    command = [part.format(python=python, bin=python.parent) for part in launcher]
    if not Path(command[0]).exists():
        pytest.skip(f"{command[0]} is not installed (pip install -e .)")
    result = subprocess.run([*command, "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("usage: get_pin ")
    bad = subprocess.run([*command, "-p", "abc"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


def test_no_command_prints_the_usage_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    from pinterest_tools.cli.main import main

    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: pinterest-tools <command> [options]")


@pytest.mark.parametrize("args", [["--help"], ["get_pin", "--help"]])
def test_usage_into_a_closed_pipe_ends_without_a_traceback(args: list[str]) -> None:
    """``pinterest-tools --help | head -1``: the reader is gone before the usage is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pinterest_tools", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode in (0, 1)
