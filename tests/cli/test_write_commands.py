"""save_pin and delete_board end to end: output, and what the emulator holds afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from support.commands import VERSIONS, Commands, commands_fixture, make_commands_fixture  # noqa: F401 - fixtures

from pinterest_tools.cli.commands import delete_board, save_pin
from pinterest_tools.emulator.wire.fault_plan import Fault

OWNER, OTHER = "dexter_demo", "penny_demo"


@VERSIONS
def test_save_pin_to_a_board_and_a_section(commands: Commands, version: int) -> None:
    commands.login(OTHER)
    state = commands.emu.state
    source = state.pins_of(OWNER)[0]
    board = state.boards_of(OTHER)[0]
    section = state.sections_of(board.id)[0]
    before = {p.id for p in state.pins_on_board(board.id)}
    result = commands.run(save_pin, "-p", source.id, "-b", board.id, "-s", section.id)
    assert result.code == 0, result.err
    (new_id,) = result.values("Pin ID")
    assert new_id not in before and new_id != source.id
    saved = state.pins[new_id]
    assert (saved.board_id, saved.section_id, saved.title) == (board.id, section.id, source.title)
    assert commands.run(save_pin, "-p", source.id, "-b", board.id).code == 0
    assert len(state.pins_on_board(board.id)) == len(before) + 2


def test_save_pin_bad_input(commands: Commands) -> None:
    commands.login(OTHER)
    board = commands.emu.state.boards_of(OTHER)[0]
    pin = commands.emu.state.pins_of(OWNER)[0]
    assert commands.run(save_pin, "-p", "nope", "-b", board.id).code == 2
    assert commands.run(save_pin, "-p", pin.id).code == 2  # -b is required
    missing = commands.run(save_pin, "-p", "987654321", "-b", board.id)
    assert missing.code == 1 and missing.err.count("\n") == 1
    foreign = commands.run(save_pin, "-p", pin.id, "-b", commands.emu.state.boards_of(OWNER)[0].id)
    assert foreign.code == 1 and "Traceback" not in foreign.err


@VERSIONS
def test_delete_one_board_after_typed_confirmation(commands: Commands, version: int) -> None:
    commands.login(OTHER)
    state = commands.emu.state
    board = state.boards_of(OTHER)[0]
    text_id = "/penny_demo/garden/" if version == 5 else None
    answer = f"Delete this board: {text_id}\n" if text_id else None
    if answer is None:  # v3 names the board by its URL
        preview = commands.run(delete_board, "-b", board.id, stdin="")
        answer = preview.lines[2].strip() + "\n"
    result = commands.run(delete_board, "-b", board.id, stdin=answer)
    assert result.code == 0, result.err
    assert result.lines[0] == "WARNING: This script permanently deletes pins and boards from Pinterest!"
    assert result.values("Board ID") == [board.id]
    assert board.id not in state.boards and state.boards_of(OTHER) == []
    assert state.pins_of(OTHER) == []  # its pins went with it


@pytest.mark.parametrize("stdin", ["Delete this board: /penny_demo/wrong/\n", ""], ids=["mismatch", "eof"])
def test_delete_board_not_confirmed_deletes_nothing(commands: Commands, stdin: str) -> None:
    commands.login(OTHER)
    board = commands.emu.state.boards_of(OTHER)[0]
    result = commands.run(delete_board, "-b", board.id, stdin=stdin)
    assert result.code == 0
    assert ("Deletion not confirmed. Exiting." if stdin else "...Canceling deletion.") in result.lines
    assert board.id in commands.emu.state.boards


def test_ctrl_c_at_the_confirmation_cancels(commands: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    commands.login(OTHER)

    def interrupt(prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupt)
    result = commands.run(delete_board, "--all-boards", tty=True)
    assert result.code == 0 and "...Canceling deletion." in result.lines
    assert len(commands.emu.state.boards_of(OTHER)) == 1


def test_delete_all_boards(commands: Commands) -> None:
    commands.login(OWNER)
    state = commands.emu.state
    count = len(state.boards_of(OWNER))
    result = commands.run(delete_board, "--all-boards", stdin="Delete all boards for dexter_demo\n")
    assert result.code == 0, result.err
    assert len(result.values("Board ID")) == count and state.boards_of(OWNER) == []
    assert len(state.boards_of(OTHER)) == 1


def test_delete_all_boards_asks_per_board_in_a_terminal(commands: Commands) -> None:
    commands.login(OWNER)
    state = commands.emu.state
    boards = state.boards_of(OWNER)
    answers = "Delete all boards for dexter_demo\nno\nyes\n"  # then end of input: stop, delete no more
    result = commands.run(delete_board, "--all-boards", stdin=answers, tty=True)
    assert result.code == 0 and "...Canceling deletion." in result.out
    assert [b.id for b in state.boards_of(OWNER)] == [boards[0].id, *[b.id for b in boards[2:]]]


def test_delete_board_argument_rules(commands: Commands) -> None:
    commands.login(OWNER)
    board = commands.emu.state.boards_of(OWNER)[0]
    for argv in ([], ["-b", board.id, "--all-boards"]):
        result = commands.run(delete_board, *argv, stdin="")
        assert result.code == 2 and "exactly one of --board-id and --all-boards" in result.err
    assert commands.run(delete_board, "-b", "424242", stdin="").code == 1
    assert len(commands.emu.state.boards_of(OWNER)) == 5


def test_save_pin_when_pinterest_answers_200_instead_of_201(make_commands: Any) -> None:
    """The live API answered 200 to pins/save (documented 201); the pin still reads as a pin."""
    commands = make_commands(fault_rate=1.0, fault_kinds=[Fault.OK_FOR_CREATED])
    commands.login(OTHER)
    state = commands.emu.state
    source = state.pins_of(OWNER)[0]
    board = state.boards_of(OTHER)[0]
    section = state.sections_of(board.id)[0]
    result = commands.run(save_pin, "-p", source.id, "-b", board.id, "-s", section.id)
    assert result.code == 0, result.err
    (new_id,) = result.values("Pin ID")
    assert (state.pins[new_id].board_id, state.pins[new_id].section_id) == (board.id, section.id)
    saves = [e for e in commands.emu.exchanges if e.operation_id == "pins_save"]
    assert [e.status for e in saves] == [200]
