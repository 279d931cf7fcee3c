"""get_pin, get_board, get_user_pins, get_user_boards end to end against the emulator, v5 and v3."""

from __future__ import annotations

import json

import pytest
from support.commands import VERSIONS, Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_board, get_pin, get_user_boards, get_user_pins

USER = "dexter_demo"


@VERSIONS
def test_get_pin_prints_upstreams_summary(commands: Commands, version: int) -> None:
    commands.login()
    pin = commands.emu.state.pins_of(USER)[1]  # "Tasting flight" has no link
    result = commands.run(get_pin, "-p", pin.id)
    assert result.code == 0, result.err
    assert result.lines[0] == "--- Pin Summary ---" and result.lines[-1] == "--------------------"
    assert result.values("Pin ID") == [pin.id]
    if version == 5:
        assert result.values("Title") == ["Tasting flight"]
        assert result.values("Link") == [""]  # absent: empty, never a KeyError
        assert result.values("Section ID") == [""]


@VERSIONS
def test_get_pin_json(commands: Commands, version: int) -> None:
    commands.login()
    pin = commands.emu.state.pins_of(USER)[0]
    result = commands.run(get_pin, "-p", pin.id, "--json")
    assert result.code == 0
    document = json.loads(result.out)
    assert document["id"] == pin.id and document["title"] == pin.title


@VERSIONS
def test_get_pin_bad_input_is_one_line(commands: Commands, version: int) -> None:
    commands.login()
    unknown = commands.run(get_pin, "-p", "999999")
    assert unknown.code == 1 and unknown.out == ""
    assert unknown.err.count("\n") == 1 and "not found" in unknown.err.lower()
    for argv in (["-p", "12ab"], []):
        bad = commands.run(get_pin, *argv)
        assert bad.code == 2 and bad.out == "" and bad.err.count("\n") == 1 and "Traceback" not in bad.err


def test_insufficient_scope_is_one_line_with_a_hint(commands: Commands) -> None:
    commands.login(scopes=["user_accounts:read"])
    pin = commands.emu.state.pins_of(USER)[0]
    result = commands.run(get_pin, "-p", pin.id)
    assert result.code == 1 and result.out == ""
    first, hint = result.err.splitlines()
    assert first.startswith("error: GET /v5/pins/") and "code 3" in first
    assert hint.startswith("hint: this call needs the scope(s)") and "pins:read" in hint


@VERSIONS
def test_get_board_with_pins_and_sections(commands: Commands, version: int) -> None:
    commands.login()
    state = commands.emu.state
    board = state.boards_of(USER)[0]
    sections = state.sections_of(board.id)
    result = commands.run(get_board, "-b", board.id, "--pins")
    assert result.code == 0, result.err
    assert result.values("Board ID") == [board.id]
    headers = [i for i, line in enumerate(result.lines) if line == "--- Board Section ---"]
    assert [result.lines[i + 1] for i in headers] == [f"Section ID: {s.id}" for s in sections]
    assert result.values("Pin ID") == [p.id for p in state.pins_on_board(board.id)]
    without_pins = commands.run(get_board, "-b", board.id)
    assert without_pins.values("Pin ID") == [] and without_pins.lines.count("--- Board Section ---") == len(sections)


@VERSIONS
def test_get_board_json_is_one_document(commands: Commands, version: int) -> None:
    commands.login()
    state = commands.emu.state
    board = state.boards_of(USER)[0]
    document = json.loads(commands.run(get_board, "-b", board.id, "--pins", "--json").out)
    assert document["board"]["id"] == board.id
    assert [p["id"] for p in document["pins"]] == [p.id for p in state.pins_on_board(board.id) if not p.section_id]
    assert [s["section"]["id"] for s in document["sections"]] == [s.id for s in state.sections_of(board.id)]
    for entry in document["sections"]:
        assert [p["id"] for p in entry["pins"]] == [p.id for p in state.pins_in_section(entry["section"]["id"])]


def test_get_board_unknown_and_bad_ids(commands: Commands) -> None:
    commands.login()
    assert commands.run(get_board, "-b", "424242").code == 1
    result = commands.run(get_board, "-b", "board-1")
    assert result.code == 2 and "board id must be a number" in result.err


@VERSIONS
def test_get_user_pins_lists_everything_without_a_terminal(commands: Commands, version: int) -> None:
    commands.login()
    pins = commands.emu.state.pins_of(USER)
    result = commands.run(get_user_pins, "-ps", "7", stdin="")
    assert result.code == 0, result.err
    assert result.values("Pin ID") == [p.id for p in pins]
    numbered = [line for line in result.lines if line.startswith("[")]
    assert numbered[0] == "[1] --- Pin Summary ---" and numbered[-1] == f"[{len(pins)}] --- Pin Summary ---"
    assert "Continue" not in result.out


@VERSIONS
def test_get_user_pins_json_lines(commands: Commands, version: int) -> None:
    commands.login()
    result = commands.run(get_user_pins, "--json", "-ps", "250")
    ids = [json.loads(line)["id"] for line in result.lines]
    assert ids == [p.id for p in commands.emu.state.pins_of(USER)]


@pytest.mark.parametrize("answers", ["no\n", "", "yes\nn\n"], ids=["no", "eof", "yes-then-no"])
def test_listing_asks_to_continue_in_a_terminal(commands: Commands, answers: str) -> None:
    commands.login()
    result = commands.run(get_user_pins, "-ps", "5", stdin=answers, tty=True)
    assert result.code == 0 and "Traceback" not in result.err
    pages = answers.count("yes") + 1
    assert len(result.values("Pin ID")) == 5 * pages
    assert result.out.count("Continue printing pin list? [yes] ") == pages


def test_all_never_asks(commands: Commands) -> None:
    commands.login()
    result = commands.run(get_user_boards, "-ps", "1", "--all", stdin="", tty=True)
    assert result.code == 0 and "Continue" not in result.out
    assert len(result.values("Board ID")) == len(commands.emu.state.boards_of(USER))


def test_ctrl_c_at_the_question_stops_cleanly(commands: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    commands.login()

    def interrupt(prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupt)
    result = commands.run(get_user_boards, "-ps", "2", tty=True)
    assert result.code == 0 and len(result.values("Board ID")) == 2


@VERSIONS
def test_get_user_boards(commands: Commands, version: int) -> None:
    commands.login()
    boards = commands.emu.state.boards_of(USER)
    result = commands.run(get_user_boards, "--include-empty", "--no-include-archived")
    assert result.code == 0, result.err
    assert result.values("Board ID") == [b.id for b in boards]
    assert result.values("Name") == [b.name for b in boards]
    lines = commands.run(get_user_boards, "--json").lines
    assert [json.loads(line)["name"] for line in lines] == [b.name for b in boards]


@pytest.mark.parametrize("size", ["0", "251", "x"])
def test_page_size_out_of_range_is_a_usage_error(commands: Commands, size: str) -> None:
    commands.login()
    for module in (get_user_pins, get_user_boards):
        result = commands.run(module, "-ps", size)
        assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
        assert "page size" in result.err
