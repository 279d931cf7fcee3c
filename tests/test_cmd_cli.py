"""The organic commands as programs: options against the seed's usage lines, --help, the console entry point."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pinterest_tools.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "nodejs-quickstart-README.txt"
ORGANIC = [
    "get_access_token",
    "refresh_access_token",
    "refresh_example",
    "get_pin",
    "get_board",
    "get_user_pins",
    "get_user_boards",
    "copy_pin",
    "copy_board",
    "delete_board",
    "save_pin",
]
# What each command has beyond the seed's usage line, and why.
EXTRAS = {
    "get_access_token": {"-c"},  # upstream HEAD: client credentials
    "refresh_access_token": {"-c"},  # upstream HEAD: continuous refresh
    "refresh_example": set(),
    "get_pin": {"--json"},
    "get_board": {"--json"},
    "get_user_pins": {"--all", "--json"},
    "get_user_boards": {"--all", "--json"},
    "copy_pin": {"-m"},  # upstream HEAD: video pins
    "copy_board": {"--concurrency", "--journal"},
    "delete_board": set(),
    "save_pin": set(),
}
COMMON = {"--sandbox"}  # every command's, beside the seed's -a, -l, -v
# The seed's README has no usage lines for these two; upstream's scripts (upstream-quickstart.md 1.10, 1.11) have:
UPSTREAM_ONLY = {
    "delete_board": {"-h", "-b", "--all-boards", "-a", "-l", "-v"},
    "save_pin": {"-h", "-p", "-b", "-s", "-a", "-l", "-v"},
}
OPTION = re.compile(r"(?<![\w-])(-{1,2}[a-z][a-z-]*)")


def seed_usage() -> dict[str, set[str]]:
    """The options in each script's usage lines of the seed README (`usage: x.js [-h] ...` and continuations)."""
    usage: dict[str, set[str]] = {}
    lines = SEED.read_text().splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"usage: (\w+)\.js (.*)", line)
        if not match:
            continue
        text = [match.group(2)]
        for following in lines[i + 1 :]:
            if not following.lstrip().startswith(("[", "-")):
                break
            text.append(following)
        usage[match.group(1)] = set(OPTION.findall(" ".join(text)))
    return usage


def our_usage(name: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    module = importlib.import_module(f"pinterest_tools.{name}")
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        module.main(["--help"])
    assert info.value.code == 0
    block = capsys.readouterr().out.split("\n\n")[0]
    assert block.startswith(f"usage: {name} ")
    return set(OPTION.findall(block.removeprefix(f"usage: {name}")))


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed README is not at {SEED} (../shared/seed/ of the project)")
@pytest.mark.parametrize("name", ORGANIC)
def test_options_match_the_seeds_usage_lines(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    seed = seed_usage()
    expected = seed.get(name) or UPSTREAM_ONLY[name]
    ours = our_usage(name, capsys)
    assert expected <= ours, f"missing the seed's {sorted(expected - ours)}"
    assert ours - expected <= EXTRAS[name] | COMMON, f"unexplained options {sorted(ours - expected - COMMON)}"


def test_the_seed_is_read_as_expected() -> None:
    if not SEED.exists():
        pytest.skip(f"the seed README is not at {SEED}")
    seed = seed_usage()
    assert seed["copy_board"] == {"-h", "-b", "-n", "-s", "-t", "--all", "--dry-run", "-a", "-l", "-v"}
    assert seed["get_user_boards"] >= {"--include-empty", "--no-include-empty", "--no-include-archived", "-ps"}


@pytest.mark.parametrize("name", ORGANIC)
def test_the_docstring_is_the_help_and_starts_with_the_listed_purpose(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(f"pinterest_tools.{name}")
    doc = module.__doc__ or ""
    assert doc.splitlines()[0] == COMMANDS[name]
    our_usage(name, capsys)  # (clears the capture)
    with pytest.raises(SystemExit):
        module.main(["-h"])
    assert doc.split("\n\n")[1].splitlines()[0] in capsys.readouterr().out  # where the ids come from, etc.


def test_help_imports_neither_httpx_nor_a_generated_package() -> None:
    script = (
        "import importlib, json, sys\n"
        "heavy = lambda: sorted(m for m in sys.modules if m.split('.')[0] in "
        "('httpx', 'httpcore', 'pinterest_api_v5', 'pinterest_api_v3'))\n"
        "found = {}\n"
        f"for name in {ORGANIC!r}:\n"
        "    try:\n"
        "        importlib.import_module('pinterest_tools.' + name).main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    found[name] = heavy()\n"
        "print(json.dumps(found))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {name: [] for name in ORGANIC}


def test_one_console_entry_point_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from pinterest_tools.__main__ import main

    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    for name in ORGANIC:
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
