"""Token files, journals and reports that are not regular files are refused in one line, never read.

A token "file" that is a FIFO blocked every command and the MCP server on ``open``; one
linked to ``/dev/zero`` was read until memory ran out. Each is now refused through
``filekind.open_regular`` before a byte is read.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pinterest_tools import filekind
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.tokens import FileTokenStore
from pinterest_tools.rest import Pinterest


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def special_files(directory: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, the kind it is refused as)."""
    link = directory / "zero-link"
    link.symlink_to("/dev/zero")
    return {
        "fifo": (fifo(directory / "pipe"), "a FIFO (named pipe)"),
        "device": (Path("/dev/zero"), "a character device"),
        "link to a device": (link, "a character device"),
        "directory": (directory, "a directory"),
    }


@pytest.mark.parametrize("kind", ["fifo", "device", "link to a device", "directory"])
def test_open_regular_refuses_without_blocking_or_reading(tmp_path: Path, kind: str) -> None:
    path, said = special_files(tmp_path)[kind]
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            filekind.read_regular_text(path)
        except BaseException as exc:
            result.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "opening a special file blocked"
    (error,) = result
    assert isinstance(error, filekind.NotRegularFileError) and error.strerror == f"it is {said}, not a regular file"


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text("{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "t.json")
    assert filekind.read_regular_text(tmp_path / "link.json") == "{}"
    with pytest.raises(FileNotFoundError):
        filekind.read_regular_text(tmp_path / "absent")


@pytest.mark.parametrize("kind", ["fifo", "link to a device"])
def test_a_token_file_that_is_not_a_file_is_one_line_token_error(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileTokenStore(tmp_path / "tokens")
    store.directory.mkdir()
    target = store.path("access_token")
    if kind == "fifo":
        fifo(target)
    else:
        target.symlink_to("/dev/zero")
    said = "a FIFO (named pipe)" if kind == "fifo" else "a character device"
    with pytest.raises(TokenError) as refused:
        store.load("access_token")
    assert str(refused.value) == f"cannot read the token file {target}: it is {said}, not a regular file"
    monkeypatch.delenv("ACCESS_TOKEN", raising=False)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(store.directory))
    with pytest.raises(TokenError) as refused:  # the facade and the commands find tokens the same way
        Pinterest()
    assert "\n" not in str(refused.value) and said in str(refused.value)
