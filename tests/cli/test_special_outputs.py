"""--output that is not a regular file: written into (FIFO, character device, /dev/stdout), followed (links),
or refused (block device, socket), never renamed over. get_analytics and analytics_api_example (the report
download) both write through pinterest_tools.atomic.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from support.commands import Commands, Result, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import analytics_api_example, get_analytics
from pinterest_tools.workflows import polling

ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")
COMMANDS = ["get_analytics", "analytics_api_example"]
NULL = os.makedev(1, 3)  # Linux's /dev/null


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)
    monkeypatch.setattr(polling, "MAX_WAIT", 0.002)


@pytest.fixture(autouse=True)
def no_rename_over_special_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard the machine: a rename over a non-regular file (as root, /dev/null) fails the test instead of happening."""
    replace = os.replace

    def guarded(src: str | os.PathLike[str], dst: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        try:
            mode = Path(dst).stat().st_mode
        except OSError:
            mode = stat.S_IFREG
        assert stat.S_ISREG(mode), f"renamed over the special file {dst}"
        replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", guarded)


def run(commands: Commands, command: str, output: Path | str, *extra: str) -> Result:
    commands.login()
    if command == "get_analytics":
        return commands.run(get_analytics, "-o", "user", "--output", str(output), *extra, stdin="")
    account = commands.emu.state.ad_accounts_of("dexter_demo")[0].id
    return commands.run(analytics_api_example, "--ad-account-id", account, "--output", str(output), *extra, stdin="")


def check_content(command: str, content: bytes) -> None:
    if command == "get_analytics":
        assert json.loads(content), content
    else:
        assert content.startswith(b"PIN_PROMOTION_ID,DATE"), content[:80]


def api_requests(commands: Commands) -> list[str]:
    return [
        e.path for e in commands.emu.exchanges if "/analytics" in e.path or "report" in e.path or "metrics" in e.path
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_written_into_and_stays_a_fifo(commands: Commands, command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(commands, command, fifo, "--force")
    reader.join(60)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and [p.name for p in tmp_path.iterdir()] == ["out.pipe"]
    check_content(command, received[0])


@AS_ROOT
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("force", [["--force"], []], ids=["force", "no-force"])
def test_a_character_device_is_written_into_and_stays_one(
    commands: Commands, command: str, force: list[str], tmp_path: Path
) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, NULL)  # a copy of /dev/null
    result = run(commands, command, device, *force)
    assert result.code == 0, result.err  # nothing is replaced, so no --force is needed
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == NULL
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@AS_ROOT
@pytest.mark.parametrize("command", COMMANDS)
def test_dev_null_itself_stays_a_device(commands: Commands, command: str) -> None:
    result = run(commands, command, os.devnull, "--force")
    assert result.code == 0, result.err
    after = os.lstat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == NULL
    assert not any(p.name.startswith(".null.") for p in Path("/dev").iterdir())  # no temporary file was left


@AS_ROOT
@pytest.mark.parametrize("command", COMMANDS)
def test_a_block_device_is_refused_before_any_request(commands: Commands, command: str, tmp_path: Path) -> None:
    device = tmp_path / "disk"
    os.mknod(device, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    result = run(commands, command, device, "--force")
    assert result.code == 2 and result.err.splitlines()[0] == f"error: {device} is a block device: " + (
        "the output must be a file, a FIFO or a character device"
    )
    assert stat.S_ISBLK(device.lstat().st_mode) and api_requests(commands) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_socket_is_refused(commands: Commands, command: str, tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = run(commands, command, path, "--force")
    assert result.code == 2 and f"{path} is a socket" in result.err and "Traceback" not in result.err
    assert stat.S_ISSOCK(path.lstat().st_mode) and api_requests(commands) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symbolic_link_keeps_pointing_at_its_file(commands: Commands, command: str, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "data.out"
    real.write_text("old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    result = run(commands, command, link, "--force")
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real
    check_content(command, real.read_bytes())
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["data.out"]


def test_dev_stdout_redirected_to_a_file_gets_the_output_after_the_lines(commands: Commands, tmp_path: Path) -> None:
    commands.login()
    out = tmp_path / "all.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    argv = [sys.executable, "-m", "pinterest_tools.get_analytics", "-o", "user", "--output", "/dev/stdout", "--force"]
    with out.open("wb") as handle:
        done = subprocess.run(
            argv, env=env, stdout=handle, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=120
        )
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert text.startswith("--- User Summary ---\n") and text.endswith("}\nwrote analytics to /dev/stdout\n")
    start = text.index("\n{\n") + 1
    assert json.loads(text[start : text.rindex("}\n") + 1])  # the lines, then the whole JSON, then the last line
