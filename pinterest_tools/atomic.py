"""Writing a file so that it is never left half-written, and never replaced when it is not a regular file.

:func:`atomic_file` writes to a temporary file beside the target, synced and renamed over it
only once complete, so a crash or a full disk leaves the old content. A FIFO, a character
device (``/dev/null``, a terminal) or ``/dev/stdout`` is written into instead, since
renaming over it would replace the device with a file; a symbolic link keeps
pointing where it did and its target gets the new content; a directory, a block device or
a socket is refused (:mod:`pinterest_tools.filekind` tells them apart). Used by the
commands' ``--output`` files and by the report download of user code alike.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pinterest_tools import filekind
from pinterest_tools.errors import PinterestError, UsageError


def refuse_special(path: Path) -> None:
    """UsageError for what no output may be: a directory, a block device, a socket."""
    kind = filekind.special_kind(path)
    if kind is not None and kind not in filekind.STREAMS:
        raise UsageError(f"{path} is {kind}: the output must be a file, a FIFO or a character device")


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` when the block ends without an exception (and vanishes otherwise).

    A FIFO, a character device or ``/dev/stdout`` is written into instead (what was written
    stays there if the block fails); a symbolic link's target is replaced, not the link.
    """
    refuse_special(path)
    try:
        if filekind.writes_in_place(path):
            with _in_place(path) as stream:
                yield stream
        else:
            with _replacing(path) as handle:
                yield handle
    except OSError as exc:  # a full disk, a reader that went away, no permission: one line, not a traceback
        raise PinterestError(f"cannot write {path}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside ``path`` (or the file its link points to), renamed over it once complete."""
    target = filekind.rename_target(path)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o666 & ~_umask())
        changed = filekind.special_kind(target)
        if changed is not None:  # it became one while we wrote: never rename over it
            raise UsageError(f"{path} became {changed} while it was being written; it was left alone")
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _in_place(path: Path) -> Iterator[IO[bytes]]:
    """``path`` opened for writing without creating or replacing anything (a FIFO waits for its reader).

    ``/dev/stdout`` and the like are this process's own descriptors, written through a
    duplicate: after what the command printed, wherever stdout goes (a file, a pipe).
    """
    sys.stdout.flush()
    sys.stderr.flush()
    own = filekind.own_descriptor(path)
    fd = os.dup(own) if own is not None else os.open(path, os.O_WRONLY)
    with os.fdopen(fd, "wb") as handle:
        yield handle


def write_json(path: Path, value: Any) -> None:
    """``value`` as indented JSON (upstream's ``json.dump(indent=2)``), written atomically."""
    with atomic_file(path) as handle:
        handle.write((json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
