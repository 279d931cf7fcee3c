"""Commands with stdin closed (``<&-``, so ``sys.stdin`` is None): get_ads, get_analytics,
delete_board, analytics_api_example and get_access_token's paste prompt ended in "unexpected
RuntimeError: input(): lost sys.stdin". A closed stdin is now the end of input, so each command
ends exactly as it does at the end of an empty stdin."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import Any

import pytest
from support.commands import process_environment, run_process
from support.core import free_port

from pinterest_tools.cli.shared.common import prompt_text
from pinterest_tools.emulator import DEMO_USER
from pinterest_tools.terminal import read_line


def outcome(result: subprocess.CompletedProcess[bytes]) -> tuple[int, str]:
    """The exit code and the last line on stderr (where a command reports how it ended)."""
    err = result.stderr.decode()
    assert "RuntimeError" not in err and "Traceback" not in err and "lost sys.stdin" not in err, err
    lines = err.splitlines()
    return result.returncode, lines[-1] if lines else ""


def closed_and_empty(emu: Any, *argv: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """The outcome with stdin closed, checked to be the outcome at the end of an empty stdin."""
    closed = outcome(run_process(emu, *argv, env=env, stdin_closed=True))
    assert closed == outcome(run_process(emu, *argv, env=env)), argv
    return closed


ENDED = "error: input ended before an answer was given"
HINT = "hint: answer every prompt, or pipe in enough lines"


@pytest.mark.parametrize(
    "argv",
    [
        ["get_ads"],
        ["get_analytics", "-o", "ad_account_user", "--output", "{tmp}/a.json"],
        ["analytics_api_example", "--output", "{tmp}/r.csv"],
    ],
    ids=["get_ads", "get_analytics", "analytics_api_example"],
)
def test_which_ad_account_at_a_closed_stdin_ends_the_command_as_at_the_end_of_input(emulator, tmp_path, argv):
    assert len(emulator.state.ad_accounts_of(DEMO_USER)) > 1  # so each of them asks which one
    argv = [arg.format(tmp=tmp_path) for arg in argv]
    code, last = closed_and_empty(emulator, *argv)
    assert (code, last) == (1, HINT)
    result = run_process(emulator, *argv, stdin_closed=True)
    assert ENDED in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_output_file_question_at_a_closed_stdin(emulator, tmp_path):
    account = emulator.state.ad_accounts_of(DEMO_USER)[0]
    argv = ["get_analytics", "-o", "ad_account_user", "--ad-account-id", account.id]
    code, last = closed_and_empty(emulator, *argv)
    assert code == 1 and last == HINT


def test_delete_board_at_a_closed_stdin_cancels(emulator):
    board = emulator.state.boards_of(DEMO_USER)[0]
    for closed in (True, False):
        result = run_process(emulator, "delete_board", "-b", board.id, stdin_closed=closed)
        assert outcome(result)[0] == 0 and "...Canceling deletion." in result.stdout.decode().splitlines()
    assert board.id in emulator.state.boards  # not deleted


def test_get_access_tokens_paste_prompt_at_a_closed_stdin(emulator, tmp_path):
    """No browser (BROWSER=false fails), so the user is asked to paste the redirected URL."""
    env = {
        "ACCESS_TOKEN": "",
        "BROWSER": "false",
        "PINTEREST_REDIRECT_PORT": str(free_port()),
        "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path / "tokens"),
    }
    result = run_process(emulator, "get_access_token", env=env, stdin_closed=True)
    assert outcome(result)[0] == 1
    assert "error: no redirected URL was given" in result.stderr.decode()
    assert "Then paste the address your browser was sent to" in result.stderr.decode()
    assert closed_and_empty(emulator, "get_access_token", env=env)[0] == 1
    assert not (tmp_path / "tokens").exists()


class Unreadable(io.StringIO):
    """stdin opened on a directory (``< /``): every read fails."""

    def readline(self, size: int | None = -1) -> str:
        raise IsADirectoryError(21, "Is a directory")


@pytest.mark.parametrize(
    "stdin", [None, "closed", Unreadable()], ids=["closed-descriptor", "closed-file", "unreadable"]
)
def test_read_line_takes_a_stdin_that_cannot_answer_as_the_end_of_input(monkeypatch, stdin):
    if stdin == "closed":
        stdin = io.StringIO("an answer\n")
        stdin.close()
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(EOFError):
        read_line("? ")
    with pytest.raises(EOFError):
        prompt_text("Which one?", "1")


def test_read_line_without_stdout_still_reads_the_answer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\n"))
    monkeypatch.setattr(sys, "stdout", None)
    assert read_line("? ") == "2"
    with pytest.raises(EOFError):
        read_line("? ")


def test_the_mcp_server_at_a_closed_stdin_ends_as_at_the_end_of_input(emulator):
    """It crashed on ``sys.stdin.buffer`` ("unexpected AttributeError"); now no client means nothing to serve."""
    assert closed_and_empty(emulator, "mcp") == (0, "")


def test_the_mcp_server_with_stdout_closed_says_so_in_one_line(emulator):
    command = [sys.executable, "-m", "pinterest_tools.mcp"]
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *command],
        env=process_environment(emulator),
        stdin=subprocess.DEVNULL,
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "error: mcp: stdout is closed; an MCP client reads the server's answers there"
    ]
