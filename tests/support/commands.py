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
import os
import subprocess
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, DEMO_USER, Emulator

V3_SKIP_REASON = "the emulator does not serve API v3 yet (GET /v3/users/me/ is not answered)"
# Keyed by the emulator itself, not id(emu): a later test's emulator often gets the id of an
# earlier one that was freed, and would inherit its answer without being asked (no probe exchange).
_V3_SUPPORT: weakref.WeakKeyDictionary[Emulator, bool] = weakref.WeakKeyDictionary()


def emulator_supports_v3(emu: Emulator) -> bool:
    """Whether `emu` answers GET /v3/users/me/ (with a v3 token) with anything but 404/405."""
    if emu not in _V3_SUPPORT:
        try:
            token = emu.issue_token(DEMO_USER, version=3)
            response = httpx.get(f"{emu.base_url}/v3/users/me/", headers={"Authorization": f"Bearer {token}"})
            _V3_SUPPORT[emu] = response.status_code not in (404, 405)
        except Exception:  # no v3 tokens or routes at all
            _V3_SUPPORT[emu] = False
    return _V3_SUPPORT[emu]


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


def _restore_logging_after(request: Any) -> None:
    """The commands configure the root logger; put it back after the test."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level

    def restore() -> None:
        root.handlers[:] = handlers
        root.setLevel(level)

    request.addfinalizer(restore)


@pytest.fixture(name="commands")
def commands_fixture(
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    request: Any,
) -> Commands:
    """Commands against a fresh emulator; in a test that takes a `version` parameter, that API version."""
    _restore_logging_after(request)
    cmds = Commands(emulator, monkeypatch, capsys, tmp_path)
    version = request.node.callspec.params.get("version", 5) if hasattr(request.node, "callspec") else 5
    cmds.use_version(version)
    return cmds


@pytest.fixture(name="make_commands")
def make_commands_fixture(
    make_emulator: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    request: Any,
) -> Any:
    """`make_commands(**emulator_settings)`: commands against an emulator started with those settings."""
    _restore_logging_after(request)

    def make(**settings: Any) -> Commands:
        return Commands(make_emulator(**settings), monkeypatch, capsys, tmp_path)

    return make


VERSIONS = pytest.mark.parametrize("version", [5, 3], ids=["v5", "v3"])


# ---------------------------------------------------------------------------- commands as processes
ROOT = Path(__file__).resolve().parents[2]


def run_process(
    emu: Emulator, *argv: str, env: dict[str, str] | None = None, stdin_closed: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """``python -m pinterest_tools.<argv[0]> argv[1:]`` against `emu` with a token of the demo user.

    Output stays bytes (the test decides their encoding). ``stdin_closed`` runs it as
    ``sh -c 'exec python ... <&-'``: file descriptor 0 closed, so ``sys.stdin`` is None.
    """
    command = [sys.executable, "-m", f"pinterest_tools.{argv[0]}", *argv[1:]]
    if stdin_closed:
        command = ["sh", "-c", 'exec "$@" <&-', "sh", *command]
    return subprocess.run(
        command,
        env=process_environment(emu, env),
        stdin=None if stdin_closed else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
    )


def process_environment(emu: Emulator, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a process against `emu`: the demo app, a token of the demo user in ACCESS_TOKEN, no
    token directory of the machine's (``PINTEREST_OAUTH_TOKEN_DIR`` names none that exists), then `env`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "ACCESS_TOKEN", "PINTEREST_"))}
    environ.pop("DISPLAY", None)
    path = os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "generated"), environ.get("PYTHONPATH", "")]))
    return (
        environ
        | {
            "PYTHONPATH": path,
            "PINTEREST_API_URI": emu.base_url,
            "PINTEREST_OAUTH_URI": emu.base_url,
            "PINTEREST_APP_ID": DEMO_APP_ID,
            "PINTEREST_APP_SECRET": DEMO_APP_SECRET,
            "PINTEREST_OAUTH_TOKEN_DIR": "/nonexistent/tokens",
            "PINTEREST_RETRY_BACKOFF": "0.001",
            "ACCESS_TOKEN": emu.issue_token(DEMO_USER),
        }
        | (env or {})
    )


# ---------------------------------------------------------------------------- copy_board helpers
def many_boards(boards: int, pins: int, *, section_pins: int = 0, spam_links: int = 0) -> dict[str, Any]:
    """An emulator data document: `boards` boards of `pins` pins for dexter_demo (every other board puts its
    last `section_pins` pins in a section), and penny_demo with one board of her own."""
    made = []
    for b in range(boards):
        items = [
            {
                "title": f"Pin {b}.{p}",
                "description": f"Board {b}, pin {p}",
                "link": f"https://{'spam' if p < spam_links else 'ok'}.example/{b}/{p}",
                "alt_text": f"Alt {b}.{p}",
                "image": {"url": f"https://images.example.com/{b}/{p}.jpg", "width": 800, "height": 1200},
            }
            for p in range(pins)
        ]
        board: dict[str, Any] = {"name": f"Board {b:02d}", "description": f"Board number {b}"}
        in_section = section_pins if b % 2 == 0 else 0
        board["pins"] = items[: pins - in_section]
        if in_section:
            board["sections"] = [{"name": f"Section {b}", "pins": items[pins - in_section :]}]
        made.append(board)
    penny = {"username": "penny_demo", "boards": [{"name": "Garden", "pins": []}]}
    return {"format": 1, "users": [{"username": DEMO_USER, "boards": made}, penny]}


def pin_key(pin: Any) -> tuple[Any, ...]:
    media = pin.media
    url = getattr(media, "url", None) or getattr(media, "cover_image_url", None)
    return (pin.title, pin.description, pin.link, pin.alt_text, url)


def board_tree(state: Any, board: Any, name: str | None = None) -> tuple[Any, ...]:
    """A board as a copy should reproduce it: texts, pins outside sections, sections with their pins, in order."""
    loose = [pin_key(p) for p in state.pins_on_board(board.id) if p.section_id is None]
    sections = [(s.name, [pin_key(p) for p in state.pins_in_section(s.id)]) for s in state.sections_of(board.id)]
    return (name or board.name, board.description, board.privacy, loose, sections)


def account_tree(state: Any, user: str, exclude: set[str] | frozenset[str] = frozenset()) -> list[tuple[Any, ...]]:
    return [board_tree(state, b) for b in state.boards_of(user) if b.id not in exclude]
