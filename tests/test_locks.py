"""Locks across processes (pinterest_tools.locks over filelock): busy, 0600, released by kill -9, removal."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from support.core import restore_logging  # noqa: F401

from pinterest_tools import locks
from pinterest_tools.logs import configure_logging

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pinterest_tools import locks

    lock = locks.hold(Path(sys.argv[1]), wait=False)
    assert lock is not None
    Path(sys.argv[2]).touch()
    time.sleep(600)  # until killed
    """
)


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A lock file held by another process (which is killed at the end)."""
    path, ready = tmp_path / ".token.lock", tmp_path / "ready"
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(ready)], env=env, text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ready.exists(), f"the holder did not take the lock (exit {child.poll()})"
        yield path, child
    finally:
        child.kill()
        child.wait(timeout=30)


def test_a_try_on_a_lock_another_process_holds_is_refused_at_once(
    held_elsewhere: tuple[Path, subprocess.Popen[str]],
) -> None:
    path, _ = held_elsewhere
    assert locks.hold(path, wait=False) is None


def test_a_holder_killed_with_sigkill_releases_its_lock(held_elsewhere: tuple[Path, subprocess.Popen[str]]) -> None:
    path, child = held_elsewhere
    assert locks.hold(path, wait=False) is None
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    lock = locks.hold(path, wait=False)
    assert lock is not None and lock.is_locked
    lock.release()


def test_a_second_lock_in_the_same_process_is_refused_until_the_first_is_released(tmp_path: Path) -> None:
    path = tmp_path / ".copy.json.lock"
    first = locks.hold(path, wait=False)
    assert first is not None
    assert locks.hold(path, wait=False) is None
    first.release()
    second = locks.hold(path, wait=False)
    assert second is not None
    second.release()


def test_the_lock_file_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        lock = locks.hold(tmp_path / ".token.lock", wait=True)
    finally:
        os.umask(previous)
    assert lock is not None
    assert (tmp_path / ".token.lock").stat().st_mode & 0o777 == 0o600
    lock.release()


def test_release_and_remove_leaves_nothing_and_a_waiter_then_holds_the_file_at_the_path(tmp_path: Path) -> None:
    path = tmp_path / ".copy.json.lock"
    first = locks.hold(path, wait=False)
    assert first is not None
    waited: list[FileLock | None] = []
    waiting = threading.Event()

    def wait_for_it() -> None:
        waiting.set()
        waited.append(locks.hold(path, wait=True))

    waiter = threading.Thread(target=wait_for_it)
    waiter.start()
    waiting.wait()
    locks.release_and_remove(first, path)
    waiter.join()
    (second,) = waited
    assert second is not None
    # the waiter's lock is on the lock file now at the path, not on the one removed: a third is refused
    assert path.exists() and locks.hold(path, wait=False) is None
    locks.release_and_remove(second, path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("restore_logging")
def test_taking_a_lock_writes_nothing_even_at_level_3(tmp_path: Path) -> None:
    stream = io.StringIO()
    configure_logging(3, stream)
    lock = locks.hold(tmp_path / ".token.lock", wait=True)
    assert lock is not None and locks.hold(tmp_path / ".token.lock", wait=False) is None
    locks.release_and_remove(lock, tmp_path / ".token.lock")
    assert stream.getvalue() == ""
