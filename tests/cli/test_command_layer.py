"""The commands' shared layer: common arguments, the error handler and exit codes, prompts, light imports."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from support.commands import process_environment
from support.core import restore_logging  # noqa: F401 - the fixture

from pinterest_tools.cli.shared.common import (
    add_common_arguments,
    command,
    prompt_number,
    prompt_text,
    prompt_yes_no,
    run,
)
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_USER, Emulator
from pinterest_tools.errors import ApiStatusError, ConfigError, TokenError, UsageError

pytestmark = pytest.mark.usefixtures("restore_logging")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="get_pin")
    p.add_argument("-p", "--pin-id")
    add_common_arguments(p)
    return p


def test_common_arguments() -> None:
    args = parser().parse_args([])
    assert (args.access_token, args.log_level, args.api_version, args.sandbox) == (None, 2, None, False)
    args = parser().parse_args(["-a", "TEST1", "-l", "3", "-v", "v3", "--sandbox"])
    assert (args.access_token, args.log_level, args.api_version, args.sandbox) == ("TEST1", 3, 3, True)
    assert parser().parse_args(["-v5"]).api_version == 5
    assert parser().parse_args(["--api-version", "3"]).api_version == 3


@pytest.mark.parametrize("argv", [["-v", "4"], ["-l", "7"]])
def test_bad_common_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        parser().parse_args(argv)
    assert info.value.code == 2
    assert "usage: get_pin" in capsys.readouterr().err


def raising(exc: BaseException):
    def main(argv: Sequence[str]) -> int:
        raise exc

    return main


def test_pinterest_errors_become_one_line_and_an_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    error = ApiStatusError(404, 50, "GET /v5/pins/1 failed: Pin not found.", "rid-9", {}, hint="check the id")
    assert run(raising(error), ["-l", "2"]) == 1
    assert capsys.readouterr().err == (
        "error: GET /v5/pins/1 failed: Pin not found. (x-pinterest-rid: rid-9)\nhint: check the id\n"
    )
    assert run(raising(UsageError("specify exactly one of --board-id and --all-boards")), []) == 2
    assert run(raising(ConfigError("PINTEREST_APP_ID and PINTEREST_APP_SECRET must be set")), []) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_traceback_only_at_level_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(raising(TokenError("bad token file")), ["-l", "2"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert run(raising(TokenError("bad token file")), ["-l", "3"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "error: bad token file" in err
    assert run(raising(ValueError("a bug")), ["-l", "1"]) == 1
    err = capsys.readouterr().err
    assert err == "error: unexpected ValueError: a bug\nhint: run with -l 3 for the traceback\n"
    assert run(raising(ValueError("a bug")), ["-l", "3"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_interrupt_and_end_of_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(raising(KeyboardInterrupt()), []) == 130
    assert "interrupted" in capsys.readouterr().err
    assert run(raising(EOFError()), []) == 1
    assert "input ended" in capsys.readouterr().err


def test_command_decorator_and_return_values() -> None:
    main = command(lambda argv: None)
    assert main([]) == 0
    assert command(lambda argv: 3)(["x"]) == 3


def test_secrets_are_redacted_from_error_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from pinterest_tools.logs import register_secret

    register_secret("leaky-secret-value")
    assert run(raising(TokenError("got leaky-secret-value back")), []) == 1
    assert "leaky-secret-value" not in capsys.readouterr().err


def answers(*lines: str):
    queue = list(lines)

    def input_fn(prompt: str) -> str:
        if not queue:
            raise EOFError
        return queue.pop(0)

    return input_fn


def test_prompts() -> None:
    assert prompt_yes_no("Continue?", input_fn=answers("")) is True
    assert prompt_yes_no("Continue?", input_fn=answers("maybe", "NO")) is False
    assert prompt_yes_no("Delete?", default=False, input_fn=answers("y")) is True
    assert prompt_yes_no("Continue?", input_fn=answers(), on_eof=False) is False
    with pytest.raises(EOFError):
        prompt_yes_no("Delete?", input_fn=answers())
    assert prompt_text("File name:", "out.json", answers("")) == "out.json"
    assert prompt_text("File name:", None, answers(" x ")) == "x"
    assert prompt_number("Pick", 1, 3, input_fn=answers("9", "two", "2")) == 2
    assert prompt_number("Pick", 1, 1, input_fn=answers()) == 1
    assert prompt_number("Pick", 1, 5, input_fn=answers("")) == 1


def imported_modules(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    heavy_packages = ("httpx", "httpcore", "pinterest_api_v5", "pinterest_api_v3", "mcp", "mcp_types")
    return {m for m in modules if m.split(".")[0] in heavy_packages}


def test_cli_import_is_light() -> None:
    assert heavy(imported_modules("import pinterest_tools.cli.shared.common")) == set()


def test_a_sync_client_with_a_token_imports_neither_asyncio_nor_the_oauth_browser() -> None:
    """Startup (benchmarks/startup.py): asyncio comes with an event loop, the redirect server with OAuth."""
    code = (
        "from pinterest_tools.connection import open_client\n"
        "from pinterest_tools.config import Config\n"
        "from pinterest_tools.oauth.flow import obtain_token\n"
        "token = obtain_token(Config.load(environ={}), environ={'ACCESS_TOKEN': 'x'})\n"
        "open_client(Config.load(environ={}), token).close()"
    )
    loaded = imported_modules(code)
    assert "httpx" in loaded and not {"asyncio", "http.server", "webbrowser"} & loaded


def test_help_imports_neither_httpx_nor_a_generated_package() -> None:
    code = (
        "import argparse\n"
        "from pinterest_tools.cli.shared.common import add_common_arguments, run\n"
        "def main(argv):\n"
        "    p = argparse.ArgumentParser(description='x')\n"
        "    add_common_arguments(p)\n"
        "    p.parse_args(argv)\n"
        "try:\n"
        "    run(main, ['--help'])\n"
        "except SystemExit:\n"
        "    pass"
    )
    assert heavy(imported_modules(code)) == set()


@pytest.mark.parametrize("argv", [["mcp", "--help"], ["--help"]])
def test_help_of_the_mcp_command_and_of_pinterest_tools_imports_no_mcp(argv: list[str]) -> None:
    """The MCP SDK (pydantic, starlette, ...) is loaded by the server only, never for a usage text."""
    code = f"from pinterest_tools.cli.main import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    loaded = imported_modules(code)
    assert "pinterest_tools.cli.commands.mcp" in loaded or argv == ["--help"]
    assert heavy(loaded) == set()


# What a process whose token is in the environment never needs (one facade call, get_pin -p):
# the token file (platformdirs for its default directory, the lock and filelock, the atomic save), the OAuth flow,
# the refresh exchange, and the commands' pager.
DEFERRED = {
    "platformdirs",
    "pinterest_tools.oauth.flow",
    "pinterest_tools.oauth.browser",
    "pinterest_tools.oauth.scopes",
    "pinterest_tools.oauth.exchange",
    "pinterest_tools.oauth.tokens",
    "pinterest_tools.oauth.token_save",
    "pinterest_tools.locks",
    "filelock",
    "pinterest_tools.filekind",
    "pinterest_tools.http.paging",
}
ONE_CALL = "from pinterest_tools import Pinterest\nwith Pinterest() as client:\n    pin = client.pins.get({pin!r})\n"


def output_and_modules(code: str, env: dict[str, str]) -> tuple[list[str], set[str]]:
    """Run ``code`` in a fresh interpreter: the lines it printed, and the modules imported when it was done."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    *lines, modules = result.stdout.splitlines()
    return lines, set(json.loads(modules))


def default_token_dir_environment(emu: Emulator, config_home: Path) -> dict[str, str]:
    """No PINTEREST_OAUTH_TOKEN_DIR: the token directory would be platformdirs' (under ``config_home``)."""
    env = process_environment(emu, {"XDG_CONFIG_HOME": str(config_home)})
    del env["PINTEREST_OAUTH_TOKEN_DIR"]
    return env


def test_one_facade_call_with_the_token_in_the_environment_loads_no_token_file_oauth_or_pager(
    emulator: Emulator, tmp_path: Path
) -> None:
    pin = emulator.state.pins_of(DEMO_USER)[0].id
    code = ONE_CALL.format(pin=pin) + "print(pin.id)"
    lines, loaded = output_and_modules(code, default_token_dir_environment(emulator, tmp_path))
    assert lines == [pin] and "pinterest_tools.rest.resources.pins" in loaded
    assert DEFERRED & loaded == set()
    assert list(tmp_path.iterdir()) == []


def test_get_pin_with_the_token_in_the_environment_loads_no_token_file_oauth_or_pager(
    emulator: Emulator, tmp_path: Path
) -> None:
    pin = emulator.state.pins_of(DEMO_USER)[0].id
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['get_pin', '-p', {pin!r}]\n"
        "try:\n"
        "    runpy.run_module('pinterest_tools.get_pin', run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code"
    )
    lines, loaded = output_and_modules(code, default_token_dir_environment(emulator, tmp_path))
    assert f"Pin ID: {pin}" in lines and "pinterest_tools.cli.adapter.v5" in loaded
    assert DEFERRED & loaded == set()


def test_a_token_file_in_the_default_directory_still_loads_refreshes_and_saves(
    emulator: Emulator, tmp_path: Path
) -> None:
    """What the one-call path defers loads when needed: platformdirs, the file, the refresh, the locked save."""
    user = emulator.state.user(DEMO_USER)
    scopes = list(emulator.state.apps[DEMO_APP_ID].scopes)
    refresh = emulator.tokens.issue_refresh(DEMO_APP_ID, user.id, scopes, continuous=True).value
    path = tmp_path / "pinterest-tools" / "access_token.json"
    path.parent.mkdir()
    expired = {"access_token": emulator.issue_token(DEMO_USER), "refresh_token": refresh, "expires_at": 1}
    path.write_text(json.dumps(expired))
    env = default_token_dir_environment(emulator, tmp_path)
    del env["ACCESS_TOKEN"]
    pin = emulator.state.pins_of(DEMO_USER)[0].id
    code = ONE_CALL.format(pin=pin) + "    print(pin.id, client.token.source)"
    lines, loaded = output_and_modules(code, env)
    assert lines == [f"{pin} file"]
    saved = json.loads(path.read_text())
    assert saved["refresh_token"] != refresh and saved["access_token"] != expired["access_token"]
    assert saved["expires_at"] > time.time() and path.stat().st_mode & 0o777 == 0o600
    needed = {
        "platformdirs",
        "pinterest_tools.oauth.flow",
        "pinterest_tools.oauth.tokens",
        "pinterest_tools.oauth.exchange",
    }
    assert needed <= loaded and "pinterest_tools.locks" in loaded


def test_help_import_benchmark_smoke() -> None:
    """One run of the benchmark, to keep it working (figures are never asserted)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    try:
        from benchmarks import help_import
    finally:
        sys.path.pop(0)
    (row,) = help_import.run(1)
    assert "modules" in row.name and row.ratio is not None


def test_client_from_args(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import httpx
    from pinterest_api_v3.api.users import users_get
    from support.core import APP_ID, APP_SECRET, FakePinterest

    from pinterest_tools.cli.shared.common import client_from_args
    from pinterest_tools.http.transport import use_transport

    for name, value in {
        "PINTEREST_APP_ID": APP_ID,
        "PINTEREST_APP_SECRET": APP_SECRET,
        "PINTEREST_API_URI": "https://api.test",
        "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path),
        "MINE": "env-token-for-mine",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PINTEREST_API_VERSION", raising=False)
    user = {"status": "success", "code": 0, "message": "ok", "data": {"id": "1", "username": "pindexter"}}
    fake = FakePinterest().add("GET", "/v3/users/me/", httpx.Response(200, json=user))
    args = parser().parse_args(["-a", "mine", "-v", "v3"])
    with use_transport(fake.transport), client_from_args(args, ["read_users"]) as client:
        assert client.config.version == 3 and client.token.source == "env"
        assert users_get.sync("me", client=client.v3) is not None
        with pytest.raises(UsageError, match="needs API v5"):
            _ = client.v5
    assert fake.requests[0].headers["authorization"] == "Bearer env-token-for-mine"
