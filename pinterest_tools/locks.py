"""Exclusive locks across processes, on a lock file beside the file they guard (the ``filelock`` library).

Token files and copy journals are replaced by renaming a new file over them, so the lock
cannot be on the file itself (a rename would drop it): it is on a small lock file beside
it, created 0600. The lock is the operating system's on an open descriptor (``flock`` on
POSIX, ``msvcrt.locking`` on Windows), so a process that ends, even by ``kill -9``,
releases it. (On a file system without such locks filelock warns and falls back to a lock
file whose existence is the lock.)

filelock is imported when a lock is first taken, not with this module: its versions
before 4.2 import asyncio with it, which a process that only calls the API with a token
from the environment never needs (its startup is measured, ``benchmarks/startup.py``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_FILE_MODE = 0o600  # like the token files: the lock file's name tells which token or copy is in use


def hold(path: Path, *, wait: bool) -> FileLock | None:
    """The exclusive lock on ``path`` (created 0600), held; None if another holds it and not ``wait``.

    OSError when the lock file cannot be created (a read-only file system, no permission).
    Another lock on the same path is refused or waits for it in this process too. The lock
    is not tied to the thread that took it (``thread_local=False``): a copy's journal may be
    closed by another thread than the one that opened it.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(path, mode=LOCK_FILE_MODE, thread_local=False)
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        return None
    return lock


def release_and_remove(lock: FileLock, path: Path) -> None:
    """Remove the lock file while still holding it, then release: nothing is left behind.

    Removing it under the lock means no one can take the lock on it afterwards. A process
    that opened the old file just before and locks it just after the release would hold a
    lock on a file that no longer has a name, while a third creates a new one and locks
    that: filelock (from 3.21, the lower bound in pyproject.toml) drops a lock won on a file
    with no name left and tries again on the file now at ``path``. Where an open file
    cannot be removed (Windows), filelock removes it once released.
    """
    with contextlib.suppress(OSError):
        path.unlink()
    lock.release()
