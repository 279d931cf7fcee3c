"""The pieces under the organic commands: arguments, listing, retry settings, unreadable bodies."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.core import FakePinterest, make_config

from pinterest_tools.cli.shared.organic import CommandParser, list_items, numeric_id, page_size
from pinterest_tools.errors import InvalidResponseError, UsageError


def test_numeric_ids_and_page_sizes() -> None:
    assert numeric_id("pin id")(" 123 ") == "123"
    with pytest.raises(argparse.ArgumentTypeError, match="pin id must be a number"):
        numeric_id("pin id")("12a")
    assert page_size("250") == 250
    for bad in ("0", "251", "-1", "x"):
        with pytest.raises(argparse.ArgumentTypeError, match="page size"):
            page_size(bad)


def test_usage_errors_are_one_line_usage_errors() -> None:
    parser = CommandParser("get_pin", "doc")
    parser.add_argument("-p", required=True)
    with pytest.raises(UsageError) as info:
        parser.parse_args([])
    assert info.value.exit_code == 2 and "\n" not in info.value.message
    assert info.value.message.startswith("get_pin: the following arguments are required: -p")


def test_listing_numbers_and_asks_only_when_more_follow() -> None:
    out: list[str] = []
    questions: list[str] = []

    def ask(question: str) -> bool:
        questions.append(question)
        return True

    count = list_items(
        [{"id": str(n)} for n in range(4)],
        noun="pin",
        page_size=2,
        render=lambda item: ["--- Pin ---", f"Pin ID: {item['id']}"],
        out=out.append,
        ask=ask,
    )
    assert count == 4 and questions == ["Continue printing pin list?"]  # not after the last page
    assert out[0] == "[1] --- Pin ---" and out[-2] == "[4] --- Pin ---"


def test_retry_settings_come_from_the_environment(tmp_path: Path) -> None:
    config = make_config(tmp_path, PINTEREST_RETRY_ATTEMPTS="7", PINTEREST_RETRY_BACKOFF="0.001")
    assert (config.retry_attempts, config.retry_backoff) == (7, 0.001)
    defaults = make_config(tmp_path)
    assert (defaults.retry_attempts, defaults.retry_backoff) == (4, 1.0)


def test_a_success_with_an_unreadable_body_is_an_invalid_response(tmp_path: Path) -> None:
    from pinterest_tools.cli.adapter import api_for
    from pinterest_tools.connection import open_client
    from pinterest_tools.oauth.tokens import Token

    fake = FakePinterest().add("POST", "/v5/boards", httpx.Response(201, content=b'{"id": "12", "na'))
    fake.add("GET", "/v5/boards", httpx.Response(200, content=b'{"items": [{"id"'))
    config = make_config(tmp_path)
    with open_client(config, Token("t", "access-token"), transport=fake.transport) as client:
        api = api_for(client)
        with pytest.raises(InvalidResponseError, match=r"boards\.create"):  # the facade names the call
            api.create_board({"name": "x"})
        with pytest.raises(InvalidResponseError, match=r"boards\.list"):
            list(api.user_boards())


def test_a_5xx_waits_for_retry_after_only_never_for_the_rate_limit_reset() -> None:
    from support.core import Clock

    from pinterest_tools.http.retry import RetryTransport

    clock = Clock()
    reset = {"X-RateLimit-Reset": "60"}
    fake = FakePinterest().add(
        "GET",
        "/v5/boards",
        httpx.Response(502, headers=reset, text="<html>bad gateway</html>"),
        httpx.Response(503, headers=reset | {"Retry-After": "2"}, json={"code": 21}),
        httpx.Response(200, json={"items": []}),
    )
    with httpx.Client(transport=RetryTransport(fake.transport, policy=clock.policy(backoff_base=0.5))) as client:
        assert client.get("https://api.test/v5/boards").status_code == 200
    assert clock.sleeps == [0.5 * (1 - 0.25 * 0.5), 2.0]  # backoff, then what Retry-After asked


def test_board_output_comes_in_board_order() -> None:
    from pinterest_tools.cli.copying.copy_report import OrderedOutput

    written: list[str] = []
    output = OrderedOutput(written.append, 3)
    output.add(1, ["b1"])
    output.add(0, ["a1"])
    output.add(2, ["c1"])
    output.finish(2)
    output.add(1, ["b2"])
    assert written == ["a1"]
    output.finish(0)
    assert written == ["a1", "b1", "b2"]
    output.add(1, ["b3"])  # board 1 is now first: written at once
    output.finish(1)
    assert written == ["a1", "b1", "b2", "b3", "c1"]


def test_the_commands_clients_are_paced_by_the_transport_unless_pacing_is_off(tmp_path: Any) -> None:
    """copy_board's own pacing gave way to the transport's: every command client waits for its window."""
    from pinterest_tools.config import Config
    from pinterest_tools.connection import open_client
    from pinterest_tools.http.pacing import Pacer
    from pinterest_tools.oauth.token import Token

    token = Token("access_token", "a-token", source="env")
    env = {"PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path)}
    with open_client(Config.load(environ=env), token) as client:
        assert isinstance(client.pacer, Pacer)
    with open_client(Config.load(environ={**env, "PINTEREST_PACING": "0"}), token) as client:
        assert client.pacer is None


def test_progress_line_is_throttled_and_cleared() -> None:
    from pinterest_tools.cli.copying.copy_report import ProgressLine, Summary

    written: list[str] = []
    now = [0.0]
    line = ProgressLine(written.append, lambda: None, interval=1.0, clock=lambda: now[0])
    summary = Summary(boards_total=2, pins_total=10)
    summary.pins.copied = 4
    line.update(summary)
    line.update(summary)  # too soon
    now[0] = 1.5
    summary.boards.copied = 1
    line.update(summary)
    line.close()
    assert written == [
        "\rcopy_board: boards 0/2, pins 4/10 (0 skipped, 0 failed)\x1b[K",
        "\rcopy_board: boards 1/2, pins 4/10 (0 skipped, 0 failed)\x1b[K",
        "\r\x1b[K",
    ]


def test_journal_writes_are_atomic_and_resumable(tmp_path: Path) -> None:
    import json

    from pinterest_tools.cli.copying.copy_journal import Journal, JournalError

    identity = {"boards": "all", "source_user": "1", "target_user": "2"}
    path = tmp_path / "j" / "copy.json"
    journal = Journal.open(path, identity)
    assert not journal.resumed and journal.baseline is None
    journal.set_baseline({"9"})
    journal.record_board("1", "101", {"id": "101", "name": "A"})
    journal.record_section("1", "11", "111")
    journal.record_pin("1", "21", "121")
    journal.record_pin("1", "22", None)
    assert sorted(p.name for p in path.parent.iterdir()) == [".copy.json.lock", "copy.json"]  # no temporary file
    journal.close()  # its lock: one run of a copy at a time
    again = Journal.open(path, identity)
    assert again.resumed and again.baseline == {"9"} and again.target_board("1") == "101"
    assert again.pin("1", "21") == (True, "121") and again.pin("1", "22") == (True, None)
    assert again.pin("1", "23") == (False, None) and again.skipped_pins("1") == 1
    assert again.section("1", "11") == "111" and again.board_targets() == {"101"}
    again.close()
    with pytest.raises(UsageError, match="records a different copy"):
        Journal.open(path, identity | {"target_user": "3"})
    path.write_text(json.dumps({"format": 99}))
    with pytest.raises(JournalError, match="not a copy_board journal"):
        Journal.open(path, identity)
