"""copy_board's journal under hostile input: hand-edited or corrupt journals, special files, two runs at once."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from support.commands import Commands, make_commands_fixture, many_boards, pin_key  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import copy_board
from pinterest_tools.cli.copying.copy_journal import Journal, JournalError
from pinterest_tools.emulator.core import operation_routes

ROOT = Path(__file__).resolve().parents[2]
IDENTITY = {"api": "x", "version": 5, "source_user": "1", "target_user": "1", "boards": ["10"], "name": "Copy"}
GOOD_BOARD = {"target": "20", "board": {"id": "20"}, "sections": {"31": "32"}, "pins": {"41": "42", "43": None}}


def journal_text(**boards: Any) -> str:
    entries = {source: GOOD_BOARD | {"done": False} | entry for source, entry in boards.items()}
    return json.dumps({"format": 1, "copy": IDENTITY, "baseline": [], "boards": entries, "complete": False})


CORRUPT = {
    "pins as a string": (journal_text(**{"10": {"pins": "41,42"}}), "boards.10.pins is a string, not an object"),
    "sections as a list": (journal_text(**{"10": {"sections": ["32"]}}), "boards.10.sections is a list, not an object"),
    "a pin id as a number": (journal_text(**{"10": {"pins": {"41": 42}}}), "boards.10.pins.41 is a number"),
    "a board entry as a list": (
        journal_text().replace('"boards": {}', '"boards": {"10": []}'),
        "boards.10 is a list, not an object",
    ),
    "no target": (journal_text(**{"10": {"target": None}}), "boards.10.target is null, not a board id"),
    "done as a string": (journal_text(**{"10": {"done": "yes"}}), "boards.10.done is a string, not true or false"),
    "boards as a list": (journal_text().replace('"boards": {}', '"boards": []'), "boards is a list, not an object"),
    "baseline as a number": (journal_text().replace('"baseline": []', '"baseline": 5'), "baseline is a number"),
    "target is the source board": (
        journal_text(**{"10": {"target": "10"}}),
        "boards.10.target is 10, a board being copied: the copy would write into it",
    ),
    "target is another source board": (
        journal_text(**{"10": {"target": "11"}, "11": {"target": "21"}}),
        "boards.10.target is 11, a board being copied",
    ),
    "two sources share a target": (
        journal_text(**{"10": {"target": "20"}, "12": {"target": "20"}}),
        "boards.12.target is 20, the target of boards.10 too",
    ),
    "not UTF-8": ("\udcff".encode("utf-8", "surrogateescape"), "it is not UTF-8 text"),
    "invalid JSON": ('{"format": 1,', "it is not valid JSON"),
    "empty": ("", "it is empty"),
    "deeply nested": ("[" * 200_000 + "]" * 200_000, "it is nested too deeply"),
}


@pytest.mark.parametrize("content,what", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_journal_is_refused_naming_what_is_wrong(tmp_path: Path, content: str | bytes, what: str) -> None:
    path = tmp_path / "copy.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(JournalError) as info:
        Journal.open(path, IDENTITY, ["10", "11"])
    assert info.value.message.startswith(f"the journal {path} is corrupt: ")
    assert what in info.value.message
    assert "run the same command again" not in str(info.value.hint) and "delete it" in str(info.value.hint)
    assert Journal.open(tmp_path / "other.json", IDENTITY).close() is None  # the refused journal left no lock behind


def test_a_sound_journal_is_read(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text(journal_text(**{"10": {}}))
    journal = Journal.open(path, IDENTITY, ["10"])
    assert journal.resumed and journal.target_board("10") == "20" and journal.pin("10", "43") == (True, None)
    journal.close()


def test_a_second_open_of_the_same_journal_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    first = Journal.open(path, IDENTITY)
    with pytest.raises(JournalError, match=f"another copy_board is running with the journal {path}"):
        Journal.open(path, IDENTITY)
    first.close()
    Journal.open(path, IDENTITY).close()
    assert list(tmp_path.iterdir()) == []  # no lock file is left behind


def test_special_files_are_never_journals(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path(os.devnull), tmp_path):
        with pytest.raises(JournalError, match="not a regular file"):
            Journal.open(path, IDENTITY)
    assert fifo.is_fifo() and Path(os.devnull).is_char_device()


def test_a_journal_behind_a_symbolic_link_is_written_through_it(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    journal = Journal.open(link, IDENTITY)
    journal.set_baseline({"5"})
    assert link.is_symlink() and json.loads(real.read_text())["baseline"] == ["5"]
    journal.close()


def test_a_hand_edited_journal_targeting_the_source_board_writes_nothing(make_commands, tmp_path: Path) -> None:
    commands = make_commands(data=many_boards(1, 3))
    commands.login("dexter_demo")
    state = commands.emu.state
    board = state.boards_of("dexter_demo")[0]
    journal = tmp_path / "copy.json"
    argv = ["-b", board.id, "-n", "Copy", "--journal", str(journal)]
    assert commands.run(copy_board, *argv).code == 0
    data = json.loads(journal.read_text())
    data["boards"][board.id].update(target=board.id, pins={}, done=False)
    data["complete"] = False
    journal.write_text(json.dumps(data))
    pins = len(state.pins)
    result = commands.run(copy_board, *argv)
    assert result.code == 1 and "unexpected" not in result.err
    assert result.err.splitlines()[0] == (
        f"error: the journal {journal} is corrupt: boards.{board.id}.target is {board.id}, "
        "a board being copied: the copy would write into it"
    )
    assert "run the same command again" not in result.err
    assert len(state.pins) == pins and len(state.pins_on_board(board.id)) == 3


@pytest.mark.parametrize("edit", ["pins", "sections"])
def test_a_journal_with_wrong_types_is_corrupt_not_an_unexpected_error(
    make_commands, tmp_path: Path, edit: str
) -> None:
    commands = make_commands(data=many_boards(1, 3))
    commands.login("dexter_demo")
    board = commands.emu.state.boards_of("dexter_demo")[0]
    journal = tmp_path / "copy.json"
    argv = ["-b", board.id, "-n", "Copy", "--journal", str(journal)]
    assert commands.run(copy_board, *argv).code == 0
    data = json.loads(journal.read_text())
    data["boards"][board.id][edit] = "41" if edit == "pins" else ["32"]
    journal.write_text(json.dumps(data))
    result = commands.run(copy_board, *argv)
    assert result.code == 1 and "AttributeError" not in result.err and "unexpected" not in result.err
    assert f"is corrupt: boards.{board.id}.{edit} is a" in result.err.splitlines()[0]


def test_two_identical_copies_at_once_never_duplicate_a_pin(make_commands, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two real processes: the first is held inside its third pin create while the second starts and ends."""
    commands = make_commands(data=many_boards(1, 6))
    commands.login("dexter_demo")
    state = commands.emu.state
    source = state.boards_of("dexter_demo")[0]
    inside, release = threading.Event(), threading.Event()
    creates = Counter[str]()
    read_body = operation_routes.read_body

    async def gated_read_body(request: Any) -> Any:
        if request.method == "POST" and request.url.path == "/v5/pins":
            creates["pins"] += 1
            if creates["pins"] == 3:
                inside.set()
                await asyncio.to_thread(release.wait, 120)
        return await read_body(request)

    monkeypatch.setattr(operation_routes, "read_body", gated_read_body)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    argv = [sys.executable, "-m", "pinterest_tools.copy_board", "-b", source.id, "-n", "Copy", "-l", "1"]
    first = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert inside.wait(120), first.communicate(timeout=5)
        second = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    finally:
        release.set()
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert second.stderr.splitlines()[0].startswith("error: another copy_board is running with the journal ")
    assert "Traceback" not in second.stderr
    (copy,) = [b for b in state.boards_of("dexter_demo") if b.name == "Copy"]
    copied = [pin_key(p) for p in state.pins_on_board(copy.id)]
    assert copied == [pin_key(p) for p in state.pins_on_board(source.id)]  # each pin once, in order
    assert creates["pins"] == 6
