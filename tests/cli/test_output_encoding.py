"""Commands on an output that is not UTF-8: ``PYTHONIOENCODING=ascii`` or ``cp1252`` (a
redirected stdout on Windows) made ``get_user_pins --all --json`` stop at the first pin titled
"Details below ▶ 🎉". Every command now writes all its output, escaped where the encoding lacks a
character, and ``--json`` stays valid JSON that reads back to the very same text."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from support.commands import run_process

from pinterest_tools.emulator import DEMO_USER

TITLE = "Details below ▶ 🎉"
DESCRIPTION = "Café, naïve ✓ — done"  # é and ï and — are in cp1252, ✓ is not
BOARD = "Ideas ▶ 2026 🎉"
PINS = 6


def data() -> dict[str, Any]:
    pins = [
        {
            "title": f"{TITLE} {n}",
            "description": DESCRIPTION,
            "image": {"url": f"https://images.example.com/{n}.jpg", "width": 800, "height": 1200},
        }
        for n in range(PINS)
    ]
    board = {"name": BOARD, "description": DESCRIPTION, "pins": pins}
    return {"format": 1, "users": [{"username": DEMO_USER, "boards": [board]}, {"username": "penny_demo"}]}


@pytest.fixture
def emu(make_emulator: Any) -> Any:
    return make_emulator(data=data())


def run(emu: Any, encoding: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    return run_process(emu, *argv, env={"PYTHONIOENCODING": encoding})


def ok(result: subprocess.CompletedProcess[bytes], encoding: str) -> str:
    """The output, which must be whole and entirely in ``encoding``."""
    err = result.stderr.decode(encoding)
    assert result.returncode == 0 and "Traceback" not in err and "UnicodeEncodeError" not in err, err
    return result.stdout.decode(encoding)


ENCODINGS = ["ascii", "cp1252"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_json_listings_are_whole_and_valid(emu: Any, encoding: str) -> None:
    pin_ids = {pin.id for pin in emu.state.pins_of(DEMO_USER)}
    pins = [
        json.loads(line) for line in ok(run(emu, encoding, "get_user_pins", "--all", "--json"), encoding).splitlines()
    ]
    assert sorted(pin["id"] for pin in pins) == sorted(pin_ids) and len(pin_ids) == PINS
    assert sorted(pin["title"] for pin in pins) == [f"{TITLE} {n}" for n in range(PINS)]
    assert {pin["description"] for pin in pins} == {DESCRIPTION}
    boards = [
        json.loads(line) for line in ok(run(emu, encoding, "get_user_boards", "--all", "--json"), encoding).splitlines()
    ]
    assert [board["name"] for board in boards] == [BOARD]
    pin_id = sorted(pin_ids)[0]
    pin = json.loads(ok(run(emu, encoding, "get_pin", "-p", pin_id, "--json"), encoding))
    assert pin["id"] == pin_id and pin["title"].startswith(TITLE)
    board = json.loads(ok(run(emu, encoding, "get_board", "-b", boards[0]["id"], "--json"), encoding))
    assert BOARD in json.dumps(board, ensure_ascii=False)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_summaries_are_whole_with_escapes(emu: Any, encoding: str) -> None:
    escaped = TITLE.encode(encoding, "backslashreplace").decode(encoding)  # Details below \u25b6 \U0001f389
    pins = ok(run(emu, encoding, "get_user_pins", "--all"), encoding)
    assert sorted(line for line in pins.splitlines() if escaped in line) == sorted(
        line for line in pins.splitlines() if line.startswith("Title: ")
    )
    assert len([line for line in pins.splitlines() if line.startswith("Title: ")]) == PINS
    description = DESCRIPTION.encode(encoding, "backslashreplace").decode(encoding)
    assert description in pins and ("Café" in pins) == (encoding == "cp1252")
    boards = ok(run(emu, encoding, "get_user_boards", "--all"), encoding)
    assert BOARD.encode(encoding, "backslashreplace").decode(encoding) in boards
    pin_id = sorted(pin.id for pin in emu.state.pins_of(DEMO_USER))[0]
    assert escaped in ok(run(emu, encoding, "get_pin", "-p", pin_id), encoding)
    board_id = emu.state.boards_of(DEMO_USER)[0].id
    board = ok(run(emu, encoding, "get_board", "-b", board_id), encoding)
    assert BOARD.encode(encoding, "backslashreplace").decode(encoding) in board and description in board


def test_a_usage_error_quoting_a_character_the_encoding_lacks_is_written(emu: Any) -> None:
    result = run(emu, "ascii", "get_user_pins", "-ps", "▶")
    err = result.stderr.decode("ascii")
    assert result.returncode == 2 and "'\\u25b6'" in err.splitlines()[-1] and "Traceback" not in err
