"""The state file is written atomically: a dump that cannot be written leaves the previous file whole."""

from __future__ import annotations

import errno
import json
import os

import pytest

from pinterest_tools.emulator.serving import data_file
from pinterest_tools.emulator.serving.handle import load_state
from pinterest_tools.errors import PinterestError


def test_a_dump_replaces_the_file_whole(tmp_path):
    target = tmp_path / "state.json"
    target.write_text('{"old": true}\n')
    state = load_state(None)
    data_file.write_path(state, target)
    assert json.loads(target.read_text()) == data_file.dump(state)
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]  # no temporary file left


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_leaves_the_previous_file_valid_and_says_why_in_one_line(tmp_path, monkeypatch, failing):
    target = tmp_path / "state.json"
    previous = json.dumps(data_file.dump(load_state(None)))
    target.write_text(previous)
    state = load_state(None)
    state.next_id += 1000  # the new dump differs from the file

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    else:
        monkeypatch.setattr(data_file, "dump", lambda state: {"big": "x" * 10})
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object):  # a file whose writes hit a full disk
            handle = real_fdopen(fd, *args, **kwargs)
            handle.write = full  # type: ignore[method-assign]
            return handle

        monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(PinterestError) as raised:
        data_file.write_path(state, target)
    assert str(raised.value) == f"cannot write {target}: No space left on device"
    assert "\n" not in str(raised.value)
    assert target.read_text() == previous and json.loads(target.read_text())["format"] == 1
    assert [path.name for path in tmp_path.iterdir()] == ["state.json"]
