"""Every command's options against the seed's usage lines and upstream's later ones; docs/commands.md's reference.

The seed is the Node.js quickstart README at tag v1.1 (``../shared/seed/``; its ``--help``
blocks: the usage and the option lines); "later" are the options upstream added after it
(Python HEAD, and the Node get_ads selectors), from the upstream research notes. Anything
a command has beyond both is listed, with its reason, in ``BEYOND_UPSTREAM``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pinterest_tools.cli.registry import COMMANDS, module_name
from specgen import command_reference, project_files, shims

ROOT = Path(__file__).resolve().parents[2]
SEED_README = ROOT.parent / "shared" / "seed" / "nodejs-quickstart-README.txt"
COMMON = """
-a ACCESS_TOKEN, --access-token ACCESS_TOKEN
-l LOG_LEVEL, --log-level LOG_LEVEL
-v API_VERSION, --api-version API_VERSION
"""


def seed_blocks() -> dict[str, str]:
    """Each script's ``--help`` block in the seed README (``usage: x.js ...`` up to the next one)."""
    if not SEED_README.exists():
        return {}
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in SEED_README.read_text().splitlines():
        match = re.match(r"usage: (\w+)\.js ", line)
        if match:
            current = blocks.setdefault(match.group(1), [])
        if current is not None:
            current.append(line)
    return {name: "\n".join(lines) for name, lines in blocks.items()}


SEED = seed_blocks()
# Upstream's commands (the seed's and those added after it). A command of ours beyond these
# is checked by its own tests and tests/cli/test_layout.py, not against upstream's options.
UPSTREAM = frozenset(
    {
        "get_access_token", "refresh_access_token", "refresh_example", "get_user_boards", "get_user_pins",
        "get_board", "get_pin", "copy_pin", "copy_board", "delete_board", "save_pin", "get_businesses",
        "get_ads", "get_analytics", "analytics_api_example", "get_terms",
    }
)  # fmt: skip
UPSTREAM_COMMANDS = [name for name in COMMANDS if name in UPSTREAM]
# Upstream's options after the seed, written as a usage line.
LATER = {
    "get_access_token": "[-c]",
    "refresh_access_token": "[-c]",
    "copy_pin": "-p PIN_ID [-m MEDIA] -b BOARD_ID",
    "delete_board": "[-b BOARD_ID] [--all-boards]",
    "save_pin": "-p PIN_ID -b BOARD_ID [-s SECTION]",
    "get_ads": "[--ad-account-id X] [--campaign-id X] [--ad-group-id X] [--ad-id X]",
    "get_analytics": (
        "[-o {user,pin,ad_account_user,ad_account,campaign,ad_group,ad}] [--pin-id X] [--ad-account-id X] "
        "[--campaign-id X] [--ad-group-id X] [--ad-id X]"
    ),
    "get_terms": "[-r] [-s] [-n LIMIT] terms",
}
LATER_ALIASES = {
    "get_access_token": [("-c", "--client-credentials")],
    "refresh_access_token": [("-c", "--continuous")],
    "copy_pin": [("-m", "--media")],
    "delete_board": [("-b", "--board-id")],
    "save_pin": [("-p", "--pin-id"), ("-b", "--board-id"), ("-s", "--section")],
    "get_terms": [("-r", "--related"), ("-s", "--suggested"), ("-n", "--limit")],
}
# What each upstream command has beyond the seed and upstream's later options, and why.
BEYOND_UPSTREAM = {
    "get_user_boards": {"--all", "--json"},  # no prompts; machine-readable output
    "get_user_pins": {"--all", "--json"},
    "get_board": {"--json"},
    "get_pin": {"--json"},
    "get_businesses": {"--json"},
    "get_ads": {"--json"},
    "get_terms": {"--json"},
    "copy_board": {"--concurrency", "--journal"},  # parallel copy; resumable after an interruption
    "get_analytics": {"--start-date", "--end-date", "--metrics", "--granularity", "--output", "--force"},
    "analytics_api_example": {"--ad-account-id", "--output", "--force", "--timeout"},  # scriptable, bounded polling
}
EVERY_COMMAND = {"-h", "--help", "-a", "--access-token", "-l", "--log-level", "-v", "--api-version", "--sandbox"}
OPTIONAL = re.compile(r"\[(-[\w-]+)(?: ([A-Z_]+|\{[^}]*\}))?\]")
REQUIRED = re.compile(r"(?:^|\s)(-[\w-]+) ([A-Z_]+)(?=\s|$)")
POSITIONAL = re.compile(r"(?:^|\s)([a-z_]+)$")
ALIASES = re.compile(r"^(-[\w]+)(?: \S+)?, (--[\w-]+)", re.MULTILINE)


def usage_options(usage: str) -> dict[str, tuple[bool, bool, list[str] | None]]:
    """option -> (takes a value, required, choices) from a usage line."""
    found: dict[str, tuple[bool, bool, list[str] | None]] = {}
    for option, value in OPTIONAL.findall(usage):
        choices = value[1:-1].split(",") if value.startswith("{") else None
        found[option] = (bool(value), False, choices)
    for option, _ in REQUIRED.findall(OPTIONAL.sub("", usage)):
        found[option] = (True, True, None)
    return found


def seed_usage(block: str) -> str:
    """The usage line of a block (its first line and the ``[...]`` lines continuing it), without ``usage: x.js``."""
    first, *rest = block.strip().splitlines()
    continued = [first]
    for line in rest:
        if not line.startswith("["):
            break
        continued.append(line)
    return " ".join(continued).split(" ", 2)[2]


def action_for(parser: argparse.ArgumentParser, option: str) -> argparse.Action:
    for action in parser._actions:
        if option in action.option_strings:
            return action
    raise AssertionError(f"{parser.prog} has no option {option}")


def check(parser: argparse.ArgumentParser, usage: str, aliases: list[tuple[str, str]]) -> None:
    for option, (takes_value, required, choices) in usage_options(usage).items():
        action = action_for(parser, option)
        assert (action.nargs != 0) == takes_value, f"{parser.prog} {option}: takes a value? {takes_value}"
        assert action.required == required, f"{parser.prog} {option}: required? {required}"
        if choices:
            assert action.choices is not None and set(choices) <= set(action.choices), f"{parser.prog} {option}"
    for short, long in aliases:
        assert long in action_for(parser, short).option_strings, f"{parser.prog}: {short} is not {long}"


def test_every_upstream_command_is_registered() -> None:
    assert set(COMMANDS) >= UPSTREAM
    assert set(LATER) | set(LATER_ALIASES) | set(BEYOND_UPSTREAM) | set(SEED) <= UPSTREAM


@pytest.mark.skipif(not SEED, reason=f"the seed README is not at {SEED_README} (../shared/seed/ of the project)")
@pytest.mark.parametrize("name", UPSTREAM_COMMANDS)
def test_options_include_the_seeds_and_upstreams_later_ones(name: str) -> None:
    parser = command_reference.command_parser(name)
    if name in SEED:
        block = SEED[name] + COMMON
        check(parser, seed_usage(block), ALIASES.findall(block))
    if name in LATER:
        check(parser, LATER[name], LATER_ALIASES.get(name, []))
        positional = POSITIONAL.findall(LATER[name])
        for dest in positional:
            assert any(a.dest == dest and not a.option_strings and a.required for a in parser._actions), dest
    check(parser, "[-a NAME] [-l N] [-v N] [--sandbox]", ALIASES.findall(COMMON))
    assert set(action_for(parser, "-v").choices or [3, 5]) >= {3, 5}
    assert name in SEED or name in LATER, f"{name} is in neither the seed nor upstream's later commands"


@pytest.mark.skipif(not SEED, reason=f"the seed README is not at {SEED_README} (../shared/seed/ of the project)")
@pytest.mark.parametrize("name", UPSTREAM_COMMANDS)
def test_no_option_beyond_upstreams_is_unexplained(name: str) -> None:
    known = set(EVERY_COMMAND)
    sources = [(LATER.get(name, ""), LATER_ALIASES.get(name, []))]
    if name in SEED:
        sources.append((seed_usage(SEED[name]), ALIASES.findall(SEED[name])))
    for usage, aliases in sources:
        known |= set(usage_options(usage)) | {long for _, long in aliases}
    ours = {option for action in command_reference.command_parser(name)._actions for option in action.option_strings}
    assert ours - known == BEYOND_UPSTREAM.get(name, set())


@pytest.mark.skipif(not SEED, reason=f"the seed README is not at {SEED_README} (../shared/seed/ of the project)")
def test_the_seed_table_parses_as_expected() -> None:
    assert {"get_access_token", "copy_board", "get_analytics", "get_businesses", "analytics_api_example"} <= set(SEED)
    options = usage_options(seed_usage(SEED["copy_pin"]))
    assert options["-p"] == (True, True, None) and options["-s"] == (True, False, None)
    assert options["-h"] == (False, False, None)
    assert usage_options(seed_usage(SEED["get_analytics"]))["-o"][2] == [
        "user", "ad_account_user", "ad_account", "campaign", "ad_group", "ad"
    ]  # fmt: skip


@pytest.mark.parametrize("name", list(COMMANDS))
def test_purpose_is_the_first_line_of_the_docstring(name: str) -> None:
    module = importlib.import_module(module_name(name))
    assert (module.__doc__ or "").strip().splitlines()[0] == COMMANDS[name]
    assert command_reference.command_parser(name).description == module.__doc__


@pytest.mark.skipif(
    sys.version_info[:2] not in ((3, 11), (3, 12)),
    reason="argparse formats --help differently from Python 3.13 on; the reference is generated with 3.11",
)
def test_the_command_reference_is_up_to_date() -> None:
    """The check ``nox -s generate -- --check`` makes, for docs/commands.md alone."""
    block = project_files.Block(command_reference.PAGE, "the command reference", command_reference.rewrite)
    assert project_files.sync_block(block, check=True), "docs/commands.md is stale: run nox -s generate"
    text = command_reference.PAGE.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"\n## {name}\n" in text and f"usage: {name} " in text


def test_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "commands.md"
    page.write_text(f"# x\n\n{command_reference.START}\nstale text\n{command_reference.END}\n\nafter\n")
    block = project_files.Block(page, "the command reference", command_reference.rewrite)
    package = tmp_path / "package"
    package.mkdir()
    library = package / "library.py"
    library.write_text('"""A library module: never touched."""\n')
    retired = package / "retired_command.py"
    retired.write_text(f'"""A command that left the registry. {shims.MARKER} the docs."""\n')
    (package / "get_pin.py").write_text(shims.shim_text("get_pin") + "# edited by hand\n")
    assert not project_files.sync_block(block, check=True)
    assert not project_files.sync_shims(package, check=True)
    err = capsys.readouterr().err
    assert "stale" in err and "stale text" in page.read_text()
    assert "get_pin.py: differs" in err and "get_terms.py: missing" in err and "retired_command.py: no command" in err
    assert project_files.sync_block(block, check=False) and project_files.sync_shims(package, check=False)
    text = page.read_text()
    assert text.startswith(f"# x\n\n{command_reference.START}\n") and text.endswith(
        f"{command_reference.END}\n\nafter\n"
    )
    assert "usage: get_terms " in text and "stale text" not in text
    assert "generated by specgen/command_reference.py" in text  # the banner names its writer
    assert shims.present(package) == shims.expected(package) and len(shims.expected(package)) == len(COMMANDS)
    assert library.exists() and not retired.exists()
    assert project_files.sync_block(block, check=True) and project_files.sync_shims(package, check=True)
    page.write_text("no markers\n")
    assert not project_files.sync_block(block, check=False)
    assert "no <!-- commands:start -->" in capsys.readouterr().err


def test_help_of_every_command_is_light() -> None:
    script = (
        "import contextlib, importlib, io, json, sys\n"
        f"for name in {list(COMMANDS)!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        importlib.import_module('pinterest_tools.' + name).main(['--help'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    heavy = {"httpx", "httpcore", "pinterest_api_v5", "pinterest_api_v3"}
    assert {m for m in json.loads(out.splitlines()[-1]) if m.split(".")[0] in heavy} == set()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_console_entry_point_runs_the_command(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    from pinterest_tools.cli.main import main

    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0 and capsys.readouterr().out.startswith(f"usage: {name} ")
