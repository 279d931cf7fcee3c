"""Disk faults for token files, simulated at pinterest_tools.oauth.token_save's writes (no root, no tiny file system).

``fail_writes(monkeypatch, when)`` makes every write for which ``when(path, data)`` holds raise
OSError(ENOSPC); ``RESERVING`` (the blanks written before Pinterest is asked), ``SAVING`` (the
token written over them afterwards) and ``ANY_TOKEN`` (the token, anywhere: rescue copies too)
are the cases the tests need. ``isolate_rescue`` points the home and temporary directories,
where a rescue copy may go, into the test's tmp_path.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pinterest_tools.oauth import token_save

When = Callable[[str, bytes], bool]


def RESERVING(path: str, data: bytes) -> bool:  # noqa: N802 - reads as a constant
    return data[:1] == b" "


def SAVING(path: str, data: bytes) -> bool:  # noqa: N802
    return path.endswith(".tmp") and data[:1] == b"{"


def ANY_TOKEN(path: str, data: bytes) -> bool:  # noqa: N802
    return data[:1] == b"{"


def fail_writes(monkeypatch: pytest.MonkeyPatch, when: When, code: int = errno.ENOSPC) -> None:
    real = token_save._write

    def write(fd: int, data: bytes) -> None:
        if when(str(Path(f"/proc/self/fd/{fd}").readlink()), bytes(data[:1])):
            raise OSError(code, os.strerror(code))
        real(fd, data)

    monkeypatch.setattr(token_save, "_write", write)


def isolate_rescue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, Path]:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return home, temp
