"""Running the commands in-process against the emulator: environment, tokens, stdin, captured output.

The `commands` fixture (import `commands_fixture` to use it; API version 5, or the test's
`version` parameter) sets PINTEREST_API_URI/PINTEREST_OAUTH_URI to the emulator, the demo app's credentials, a token
directory in tmp_path and tiny retry backoffs; `commands.login(user)` puts a token for that
user into the environment variable of the default token name (ACCESS_TOKEN, for v3
ACCESS_TOKEN_V3). `commands.run(module, *argv)` calls `module.main(argv)` and returns the
exit code with what it wrote to stdout and stderr.

v3 variants of the tests skip, saying why, while the emulator does not serve v3: the
answer comes from the emulator itself (does GET /v3/users/me/ answer?).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, DEMO_USER, Emulator

V3_SKIP_REASON = "the emulator does not serve API v3 yet (GET /v3/users/me/ is not answered)"
_V3_SUPPORT: dict[int, bool] = {}


def emulator_supports_v3(emu: Emulator) -> bool:
    """Whether `emu` answers GET /v3/users/me/ (with a v3 token) with anything but 404/405."""
    key = id(emu)
    if key not in _V3_SUPPORT:
        try:
            token = emu.issue_token(DEMO_USER, version=3)
            response = httpx.get(f"{emu.base_url}/v3/users/me/", headers={"Authorization": f"Bearer {token}"})
            _V3_SUPPORT[key] = response.status_code not in (404, 405)
        except Exception:  # no v3 tokens or routes at all
            _V3_SUPPORT[key] = False
    return _V3_SUPPORT[key]


class TtyInput(io.StringIO):
    """stdin that claims to be a terminal, with scripted lines."""

    def isatty(self) -> bool:
        return True


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def values(self, label: str) -> list[str]:
        """The values of the `Label: value` lines (what scripts scrape)."""
        prefix = f"{label}: "
        return [line[len(prefix) :] for line in self.lines if line.startswith(prefix)]


class Commands:
    def __init__(
        self, emu: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        self.emu = emu
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.token_dir = tmp_path / "tokens"
        self.version = 5
        for name, value in {
            "PINTEREST_API_URI": emu.base_url,
            "PINTEREST_OAUTH_URI": emu.base_url,
            "PINTEREST_APP_ID": DEMO_APP_ID,
            "PINTEREST_APP_SECRET": DEMO_APP_SECRET,
            "PINTEREST_OAUTH_TOKEN_DIR": str(self.token_dir),
            "PINTEREST_RETRY_BACKOFF": "0.001",
        }.items():
            monkeypatch.setenv(name, value)
        for name in ("PINTEREST_API_VERSION", "PINTEREST_SANDBOX", "ACCESS_TOKEN", "ACCESS_TOKEN_V3"):
            monkeypatch.delenv(name, raising=False)

    def use_version(self, version: int) -> None:
        if version == 3 and not emulator_supports_v3(self.emu):
            pytest.skip(V3_SKIP_REASON)
        self.version = version
        self.monkeypatch.setenv("PINTEREST_API_VERSION", str(version))

    def token(self, user: str = DEMO_USER, scopes: list[str] | None = None) -> str:
        return self.emu.issue_token(user, scopes, version=self.version)

    def login(self, user: str = DEMO_USER, scopes: list[str] | None = None, name: str | None = None) -> str:
        """A token for `user` in the environment variable of `name` (default: the version's default name)."""
        token = self.token(user, scopes)
        variable = (name or ("access_token" if self.version == 5 else "access_token_v3")).upper()
        self.monkeypatch.setenv(variable, token)
        return token

    def run(self, module: ModuleType, *argv: str, stdin: str | None = None, tty: bool = False) -> Result:
        self.capsys.readouterr()
        if stdin is not None or tty:
            self.monkeypatch.setattr(sys, "stdin", (TtyInput if tty else io.StringIO)(stdin or ""))
        code = module.main(["-l", "1", *argv] if "-l" not in argv else list(argv))
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)


@pytest.fixture(name="commands")
def commands_fixture(
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    request: Any,
) -> Commands:
    """Commands against a fresh emulator; in a test that takes a `version` parameter, that API version."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    request.addfinalizer(lambda: (root.handlers.__setitem__(slice(None), handlers), root.setLevel(level)))
    cmds = Commands(emulator, monkeypatch, capsys, tmp_path)
    version = request.node.callspec.params.get("version", 5) if hasattr(request.node, "callspec") else 5
    cmds.use_version(version)
    return cmds


VERSIONS = pytest.mark.parametrize("version", [5, 3], ids=["v5", "v3"])
