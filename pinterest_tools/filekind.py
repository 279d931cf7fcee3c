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

import os
import re
import stat
from pathlib import Path

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
