"""What kind of file a path names, so that a write never renames a new file over a special one.

The commands write their files atomically: a temporary file beside the target, renamed
over it once complete. That is right for a regular file only. Renamed over a FIFO, a
character device (``/dev/null``, a terminal) or ``/dev/stdout``, the special file would be
replaced by a regular one (for ``/dev/null``, as root, breaking the whole system); renamed
over a symbolic link, the link would be replaced instead of the file it points to.

So: a FIFO, a character device, or a path that names an open descriptor (``/dev/stdout``,
``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``) is written *into*, as ``cp`` or a shell
redirection would; a symbolic link is followed, and its final target is the file replaced;
a directory, a block device or a socket is refused (no write makes sense there, and a
block device could be a disk). Callers that need a regular file (token files, journals,
which are read back) refuse every special kind.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import IO, Any

FIFO = "a FIFO (named pipe)"
CHARACTER_DEVICE = "a character device"
BLOCK_DEVICE = "a block device"
SOCKET = "a socket"
DIRECTORY = "a directory"
OTHER = "not a regular file"

_KINDS = (
    (stat.S_ISFIFO, FIFO),
    (stat.S_ISCHR, CHARACTER_DEVICE),
    (stat.S_ISBLK, BLOCK_DEVICE),
    (stat.S_ISSOCK, SOCKET),
    (stat.S_ISDIR, DIRECTORY),
)
STREAMS = (FIFO, CHARACTER_DEVICE)  # written into, never replaced
_DESCRIPTOR_LINK = re.compile(r"/dev/(?:(?P<std>stdout|stderr)|fd/(?P<fd>\d+))|/proc/(?P<pid>self|\d+)/fd/(?P<n>\d+)")


def special_kind(path: Path) -> str | None:
    """What ``path`` names if it is not a regular file (links followed); None for a regular file or nothing.

    A path that cannot be examined (no permission, a dangling link) counts as nothing: the
    write that follows then fails with the system's own reason.
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), OTHER)


def writes_in_place(path: Path) -> bool:
    """True for a FIFO, a character device and a descriptor path (``/dev/stdout``): write into, never rename."""
    return special_kind(path) in STREAMS or bool(_DESCRIPTOR_LINK.fullmatch(str(path.absolute())))


def own_descriptor(path: Path) -> int | None:
    """The descriptor of this process that ``path`` names (``/dev/stdout`` is 1), else None.

    Writing through a duplicate of it, rather than opening the path again, shares its file
    offset: output sent there follows what the command printed instead of overwriting it.
    """
    match = _DESCRIPTOR_LINK.fullmatch(str(path.absolute()))
    if match is None or match["pid"] not in (None, "self", str(os.getpid())):
        return None
    if match["std"]:
        return 1 if match["std"] == "stdout" else 2
    return int(match["fd"] or match["n"])


def rename_target(path: Path) -> Path:
    """The file a rename must replace to update ``path``: the final target of a symbolic link, else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


class NotRegularFileError(OSError):
    """A file to be read back (a token file, a journal, a state file) that is not a regular file.

    ``reason`` is one line ("it is a FIFO (named pipe), not a regular file") for the caller's
    own error: the commands, the library and the MCP server all read those files through
    :func:`open_regular`, so each refuses the same kinds the same way.
    """

    def __init__(self, path: Path, kind: str) -> None:
        self.reason = f"it is {kind}, not a regular file"
        super().__init__(errno.EINVAL, self.reason, str(path))  # ``strerror`` is the reason, as callers print it
        self.path, self.kind = path, kind


def open_regular(path: Path, mode: str = "r", encoding: str | None = "utf-8") -> IO[Any]:
    """Open ``path`` for reading only if it is a regular file (links followed), else NotRegularFileError.

    The check is made on the opened descriptor (``fstat``), so a file swapped after a check
    by name cannot slip through; the open itself is non-blocking, because opening a FIFO
    for reading blocks until a writer appears (a token "file" that is a FIFO hung every
    command). A character device (``/dev/zero``, read until memory runs out), a block
    device, a socket and a directory are refused the same way. OSError (FileNotFoundError,
    PermissionError) as ``open`` raises it otherwise.
    """
    if mode not in ("r", "rb"):
        raise ValueError(f"open_regular reads only, not mode {mode!r}")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        file_mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(file_mode):
            raise NotRegularFileError(Path(path), next((kind for test, kind in _KINDS if test(file_mode)), OTHER))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    if mode == "rb":
        return os.fdopen(fd, "rb")
    return os.fdopen(fd, "r", encoding=encoding)


def read_regular_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of ``path``, a regular file (see :func:`open_regular`)."""
    with open_regular(path, "r", encoding) as handle:
        return str(handle.read())
