"""Listings ride out a flaky network: under the emulator's seeded 30 % fault rate, its
truncated answers included, ``get_user_pins --all`` aborted half of its runs on a page whose JSON
was cut short. Reads are now retried like any transient fault, so every run prints every pin once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.commands import Commands, commands_fixture, make_commands_fixture, many_boards  # noqa: F401

from pinterest_tools.cli.commands import get_user_boards, get_user_pins
from pinterest_tools.emulator import DEMO_USER
from pinterest_tools.emulator.wire.fault_plan import Fault

SEEDS = [1, 2, 3, 4, 5, 6]


def faulty(make_commands: Any, seed: int, rate: float = 0.3) -> Commands:
    commands = make_commands(data=many_boards(3, 30), fault_rate=rate, fault_seed=seed, slow_ms=5)
    commands.login()
    return commands


@pytest.mark.parametrize("seed", SEEDS)
def test_every_pin_exactly_once_under_a_30_percent_fault_rate(make_commands: Any, seed: int) -> None:
    commands = faulty(make_commands, seed)
    commands.monkeypatch.setenv("PINTEREST_RETRY_ATTEMPTS", "8")  # 0.3**8: a page fails 8 times in 15,000
    result = commands.run(get_user_pins, "--all", "--json", "--page-size", "10")
    assert result.code == 0, result.err
    printed = [json.loads(line)["id"] for line in result.lines]
    assert sorted(printed) == sorted(pin.id for pin in commands.emu.state.pins_of(DEMO_USER))
    assert len(printed) == len(set(printed)) == 90
    faults = [exchange.fault for exchange in commands.emu.exchanges if exchange.fault]
    assert "truncate" in faults or "drop-after" in faults or len(faults) >= 3  # the run met the faults


def test_the_summaries_and_another_listing_too(make_commands: Any) -> None:
    commands = faulty(make_commands, 11)
    commands.monkeypatch.setenv("PINTEREST_RETRY_ATTEMPTS", "8")
    pins = commands.run(get_user_pins, "--all", "--page-size", "5")
    assert pins.code == 0, pins.err
    assert sorted(pins.values("Pin ID")) == sorted(pin.id for pin in commands.emu.state.pins_of(DEMO_USER))
    boards = commands.run(get_user_boards, "--all", "--json", "--page-size", "1")
    assert boards.code == 0, boards.err
    assert sorted(json.loads(line)["id"] for line in boards.lines) == sorted(
        board.id for board in commands.emu.state.boards_of(DEMO_USER)
    )


def test_a_page_cut_short_at_every_attempt_is_one_clear_line(make_commands: Any) -> None:
    """The attempts are bounded: with every answer truncated the command stops, saying what it could not read."""
    commands = make_commands(data=many_boards(1, 5), fault_rate=1.0, fault_kinds=(Fault.TRUNCATE,))
    commands.login()
    commands.monkeypatch.setenv("PINTEREST_RETRY_ATTEMPTS", "3")
    result = commands.run(get_user_pins, "--all", "--json")
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines()[-1].startswith("error: ") and "could not be read" in result.err
    assert len(commands.emu.exchanges) == 3  # the first read, tried three times
