"""copy_board end to end: across accounts and within one, dry runs, argument rules, skips, faults, kill -9."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.commands import (
    VERSIONS,
    Commands,
    Result,
    TtyInput,
    account_tree,
    board_tree,
    commands_fixture,  # noqa: F401 - the fixture
    make_commands_fixture,  # noqa: F401 - the fixture
    many_boards,
)

from pinterest_tools.cli.commands import copy_board
from pinterest_tools.emulator.wire.fault_plan import Fault
from pinterest_tools.http.transport import use_transport

SOURCE, TARGET = "dexter_demo", "penny_demo"
ROOT = Path(__file__).resolve().parents[2]


def cross_account(commands: Commands) -> None:
    commands.login(SOURCE, name="src")
    commands.login(TARGET, name="dst")


def copy_all_across(commands: Commands) -> Result:
    """``copy_board --all`` from SOURCE's account to TARGET's; every board it copies is a new one."""
    cross_account(commands)
    state = commands.emu.state
    before = {b.id for b in state.boards_of(TARGET)}
    result = commands.run(copy_board, "-s", "src", "-t", "dst", "--all")
    assert result.code == 0, result.err
    assert account_tree(state, TARGET, exclude=before) == account_tree(state, SOURCE)
    return result


def journals(commands: Commands) -> list[Path]:
    return sorted((commands.token_dir / "journals").glob("*")) if (commands.token_dir / "journals").exists() else []


@VERSIONS
def test_copy_all_boards_to_another_account(commands: Commands, version: int) -> None:
    state = commands.emu.state
    before = {b.id for b in state.boards_of(TARGET)}
    result = copy_all_across(commands)
    sources = state.boards_of(SOURCE)
    created = [b for b in state.boards_of(TARGET) if b.id not in before]
    assert result.values("Board ID") == [i for s, t in zip(sources, created, strict=True) for i in (s.id, t.id)]
    assert result.lines.count("source board:") == len(sources) == result.lines.count("target board:")
    sections = [s for b in sources for s in state.sections_of(b.id)]
    assert result.out.count("source section #") == len(sections) == result.out.count("target section #")
    pins = sum(len(state.pins_on_board(b.id)) for b in sources)
    assert result.lines[-4:] == [
        f"Boards: {len(sources)} copied, 0 copied before (journal), 0 failed",
        f"Sections: {len(sections)} copied, 0 copied before (journal), 0 failed",
        f"Pins: {pins} copied, 0 copied before (journal), 0 skipped, 0 failed",
        "--------------------",
    ]
    assert journals(commands) == []  # the default journal goes once the copy is complete


@VERSIONS
def test_copy_one_board_within_the_account(commands: Commands, version: int) -> None:
    commands.login(SOURCE)
    state = commands.emu.state
    board = state.boards_of(SOURCE)[0]
    result = commands.run(copy_board, "-b", board.id, "-n", "Tequila again", "--concurrency", "1")
    assert result.code == 0, result.err
    assert 'setting target board name to "Tequila again"' in result.lines
    copy = state.boards_of(SOURCE)[-1]
    assert copy.name == "Tequila again" and copy.id != board.id
    assert board_tree(state, copy) == board_tree(state, board, name="Tequila again")


@VERSIONS
def test_dry_run_changes_nothing(commands: Commands, version: int) -> None:
    cross_account(commands)
    before = commands.emu.dump()
    result = commands.run(copy_board, "-s", "src", "-t", "dst", "--all", "--dry-run")
    assert result.code == 0, result.err
    assert commands.emu.dump() == before
    assert all(e.method == "GET" for e in commands.emu.exchanges)
    state = commands.emu.state
    boards = state.boards_of(SOURCE)
    assert result.lines.count("dry-run: skipping attempt to create board:") == len(boards)
    loose = sum(1 for b in boards for p in state.pins_on_board(b.id) if not p.section_id)
    assert result.lines.count("dry-run: skipping attempt to create board pin:") == loose
    assert "--- Copy Summary (dry run) ---" in result.lines and journals(commands) == []


def test_every_broken_argument_rule_is_reported(commands: Commands) -> None:
    commands.login(SOURCE)
    result = commands.run(copy_board, "-t", "dst", "-a", "x", "--all", "-n", "New", "-b", "12")
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    for expected in (
        "generic access token (-a) may not be specified when using a target access token (-t)",
        "source access token (-s) must be specified when using a target access token (-t)",
        "--all and -n/--name may not be specified together",
        "--all and -b/--board-id may not be specified together",
    ):
        assert expected in result.err
    within = commands.run(copy_board, "--all", "-s", "src", "-a", "x")
    assert within.code == 2
    assert "requires a target access token (-t)" in within.err and "generic access token (-a)" in within.err
    assert "-n) must be specified" in commands.run(copy_board, "-b", "12").err
    assert "-b/--board-id must be specified" in commands.run(copy_board, "-s", "a", "-t", "b").err
    assert commands.run(copy_board, "-b", "x1", "-n", "y").code == 2
    assert commands.run(copy_board, "-b", "1", "-n", "y", "--concurrency", "0").code == 2
    assert commands.emu.exchanges == []  # nothing was asked of Pinterest


def test_an_unknown_board_is_one_line(commands: Commands) -> None:
    commands.login(SOURCE)
    result = commands.run(copy_board, "-b", "4242", "-n", "x")
    assert result.code == 1 and result.err.count("\n") == 1 and "Board not found" in result.err
    assert commands.emu.state.boards_of(SOURCE)[-1].name == "Someday"


class Wrapper(httpx.BaseTransport):
    """A transport in front of the network (closed by the test's `with`)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def close(self) -> None:
        self.inner.close()

    def __exit__(self, *exc: object) -> None:
        self.close()


class SpamFilter(Wrapper):
    """Pinterest refusing pins whose link is on a spam domain (HTTP 429 with a spam message)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v5/pins" and b"spam.example" in request.content:
            body = {"code": 9, "message": "Your request was blocked.", "message_detail": "Spam domain"}
            return httpx.Response(429, json=body)
        return self.inner.handle_request(request)


@pytest.fixture
def small(make_commands) -> Commands:
    """Three boards of four pins (the first of each a spam link), across two accounts."""
    commands = make_commands(data=many_boards(3, 4, section_pins=2, spam_links=1))
    cross_account(commands)
    return commands


def test_spam_rejected_pins_are_skipped_with_a_note(small: Commands) -> None:
    commands = small
    with SpamFilter() as spam, use_transport(spam):
        result = commands.run(copy_board, "-s", "src", "-t", "dst", "--all")
    assert result.code == 0, result.err
    assert result.out.count("because of spam exception") == 3
    assert "Pins: 9 copied, 0 copied before (journal), 3 skipped, 0 failed" in result.lines
    titles = [p.title for p in commands.emu.state.pins_of(TARGET)]
    assert len(titles) == 9 and not any(t.endswith(".0") for t in titles)


def test_progress_line_on_a_terminal(small: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = small
    terminal = TtyInput()
    monkeypatch.setattr(sys, "stderr", terminal)
    with SpamFilter() as spam, use_transport(spam):
        result = commands.run(copy_board, "-s", "src", "-t", "dst", "--all")
    assert result.code == 0
    shown = terminal.getvalue()
    assert "\rcopy_board: boards " in shown and shown.endswith("\r\x1b[K")
    assert "\r" not in result.out


def test_explicit_journal_is_kept_and_a_rerun_creates_nothing(small: Commands, tmp_path: Path) -> None:
    commands = small
    journal = tmp_path / "copy.json"
    with SpamFilter() as spam, use_transport(spam):
        first = commands.run(copy_board, "-s", "src", "-t", "dst", "--all", "--journal", str(journal))
        assert first.code == 0, first.err
        pins = len(commands.emu.state.pins)
        again = commands.run(copy_board, "-s", "src", "-t", "dst", "--all", "--journal", str(journal))
    assert again.code == 0, again.err
    assert len(commands.emu.state.pins) == pins
    assert "Pins: 0 copied, 9 copied before (journal), 3 skipped, 0 failed" in again.lines
    recorded = json.loads(journal.read_text())
    assert recorded["complete"] is True and len(recorded["boards"]) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name != "tokens"] == ["copy.json"]  # no temporary files left


def test_a_journal_of_another_copy_is_refused(commands: Commands, tmp_path: Path) -> None:
    commands.login(SOURCE)
    journal = tmp_path / "copy.json"
    board = commands.emu.state.boards_of(SOURCE)[0]
    assert commands.run(copy_board, "-b", board.id, "-n", "One", "--journal", str(journal)).code == 0
    other = commands.run(copy_board, "-b", board.id, "-n", "Two", "--journal", str(journal))
    assert other.code == 2 and "records a different copy" in other.err
    journal.write_text("{not json")
    corrupt = commands.run(copy_board, "-b", board.id, "-n", "One", "--journal", str(journal))
    assert corrupt.code == 1 and "is not valid JSON" in corrupt.err
    assert [b.name for b in commands.emu.state.boards_of(SOURCE)][-1] == "One"


class Throttled(Wrapper):
    """Answers a share of API requests with 429 (Retry-After: 0) before they reach the emulator."""

    def __init__(self, rate: float, seed: int = 7) -> None:
        super().__init__()
        self.rate = rate
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.injected = 0
        self.passed = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            hit = self.random.random() < self.rate
            self.injected += hit
            self.passed += not hit
        if hit:
            return httpx.Response(
                429, headers={"Retry-After": "0"}, json={"code": 429, "message": "Too many requests."}
            )
        return self.inner.handle_request(request)


FAULTS = (Fault.ERROR_500, Fault.ERROR_502, Fault.ERROR_503, Fault.DROP_BEFORE, Fault.DROP_AFTER, Fault.TRUNCATE)


def test_copy_all_survives_429s_5xx_and_dropped_connections(make_commands) -> None:
    commands = make_commands(
        data=many_boards(10, 20, section_pins=6), fault_rate=0.12, fault_seed=3, fault_kinds=FAULTS
    )
    emu = commands.emu
    cross_account(commands)
    before = {b.id for b in emu.state.boards_of(TARGET)}
    with Throttled(0.05) as throttle, use_transport(throttle):
        result = commands.run(copy_board, "-s", "src", "-t", "dst", "--all", "--concurrency", "4")
    assert result.code == 0, result.err
    assert account_tree(emu.state, TARGET, exclude=before) == account_tree(emu.state, SOURCE)
    faults = sum(1 for e in emu.exchanges if e.fault)
    assert {e.fault for e in emu.exchanges if e.fault} >= {"500", "502", "drop-before", "drop-after", "truncate"}
    share = (faults + throttle.injected) / (len(emu.exchanges) + throttle.injected)
    assert share >= 0.10, share
    assert "Pins: 200 copied, 0 copied before (journal), 0 skipped, 0 failed" in result.lines


def _subprocess_env(commands: Commands) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _kill_midway(
    commands: Commands, argv: list[str], target_pins: int, at: int, log: Path, sig: int = signal.SIGKILL
) -> None:
    """Start copy_board in a process and send it ``sig`` once the target holds ``at`` new pins."""
    with log.open("ab") as errors:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pinterest_tools.copy_board", *argv],
            env=_subprocess_env(commands),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if len(commands.emu.state.pins_of(TARGET)) - target_pins >= at:
                os.kill(proc.pid, sig)
                break
            time.sleep(0.002)
        proc.wait(timeout=60)
    expected = -signal.SIGKILL if sig == signal.SIGKILL else 130  # Ctrl-C: "interrupted", exit 130
    assert proc.returncode == expected, f"the copy ended with {proc.returncode}: {log.read_text()}"


def test_a_copy_interrupted_and_killed_midway_finishes_from_its_journal(make_commands, tmp_path: Path) -> None:
    commands = make_commands(data=many_boards(10, 20, section_pins=6), latency_ms=15)
    emu = commands.emu
    cross_account(commands)
    before = {b.id for b in emu.state.boards_of(TARGET)}
    target_pins = len(emu.state.pins_of(TARGET))
    journal = tmp_path / "copy.json"
    argv = ["-s", "src", "-t", "dst", "--all", "--journal", str(journal), "--concurrency", "3", "-l", "1"]
    _kill_midway(commands, argv, target_pins, 40, tmp_path / "first.log", signal.SIGINT)
    assert "interrupted" in (tmp_path / "first.log").read_text()
    _kill_midway(commands, argv, target_pins, 90, tmp_path / "second.log")
    json.loads(journal.read_text())  # whole, though killed
    _kill_midway(commands, argv, target_pins, 150, tmp_path / "third.log")
    assert "resuming the copy recorded in" in (tmp_path / "third.log").read_text()
    result = commands.run(copy_board, *argv)
    assert result.code == 0, result.err
    assert account_tree(emu.state, TARGET, exclude=before) == account_tree(emu.state, SOURCE)
    assert len(emu.state.pins_of(TARGET)) - target_pins == 200
    assert json.loads(journal.read_text())["complete"] is True


def test_an_insufficient_scope_stops_the_copy_and_its_journal_finishes_it(small: Commands, tmp_path: Path) -> None:
    commands = small
    commands.login(TARGET, scopes=["user_accounts:read", "boards:read", "boards:write"], name="dst")  # no pins:write
    journal = tmp_path / "copy.json"
    argv = ["-s", "src", "-t", "dst", "--all", "--journal", str(journal)]
    stopped = commands.run(copy_board, *argv)
    assert stopped.code == 1 and "Traceback" not in stopped.err
    assert (
        "code 3" in stopped.err and "hint: this call needs the scope(s)" in stopped.err and "pins:write" in stopped.err
    )
    assert "--- Copy Summary ---" in stopped.lines and "the journal is" in stopped.err
    assert commands.emu.state.pins_of(TARGET) == [] and json.loads(journal.read_text())["complete"] is False
    commands.login(TARGET, name="dst")
    finished = commands.run(copy_board, *argv)
    assert finished.code == 0, finished.err
    assert account_tree(commands.emu.state, TARGET)[1:] == account_tree(commands.emu.state, SOURCE)


def test_copy_when_pinterest_answers_200_to_creates(make_commands: Any) -> None:
    """The live API answered 200 to board_sections/create (documented 201); the copy still completes."""
    commands = make_commands(fault_rate=1.0, fault_kinds=[Fault.OK_FOR_CREATED])
    copy_all_across(commands)
    statuses = {(e.operation_id, e.status) for e in commands.emu.exchanges if e.method == "POST"}
    assert ("board_sections_create", 200) in statuses and ("boards_create", 200) in statuses
    assert not {status for _, status in statuses} - {200}
