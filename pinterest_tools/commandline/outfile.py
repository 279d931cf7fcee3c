"""Files the commands write (analytics JSON, report downloads): where, whether to overwrite, atomically.

``--output FILE`` names the file; without it the command asks for a name (upstream's
question and default), reading the answer from stdin whether or not it is a terminal. An
existing file is replaced only with ``--force`` or after "yes" to ``Overwrite this file?``,
which is asked only on a terminal; elsewhere the command stops with a hint to use
``--force``. Upstream truncated the file while checking it could be written; here the
content goes to a temporary file next to the target, which is renamed over it only once
complete, so the target never holds a partial file.

Only a regular file is replaced that way (:mod:`pinterest_tools.filekind`): a FIFO, a
character device (``/dev/null``, a terminal) or ``/dev/stdout`` is written into, with no
``--force`` needed since nothing is replaced; a symbolic link keeps pointing where it did
and its target gets the new content; a block device or a socket is refused before any
request.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pinterest_tools import filekind
from pinterest_tools.commandline.cli import prompt_text, prompt_yes_no
from pinterest_tools.commandline.organic import interactive
from pinterest_tools.config import expand_path
from pinterest_tools.errors import PinterestError, UsageError


def file_path(text: str) -> Path:
    """The file a typed name means; UsageError when it can only mean a directory.

    ``Path("out/")`` is ``Path("out")``: without this check ``--output out/`` (meant as a
    directory that does not exist) would write a *file* named ``out``. A name that ends in a
    separator, or whose last part is empty, ``.`` or ``..``, is refused; so is an empty name.
    """
    if not text.strip():
        raise UsageError("the file name is empty")
    last = text
    for separator in filter(None, (os.sep, os.altsep)):
        last = last.rsplit(separator, 1)[-1]
    if last in ("", ".", ".."):  # "out/", "out/.", ".."; pathlib would read "out/." as "out"
        example = text.rstrip("/") + "/out.json"
        raise UsageError(f"{text} names a directory, not a file", hint=f"name a file in it, e.g. {example}")
    try:
        return expand_path(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def file_argument(text: str) -> Path:
    """:func:`file_path` as an argparse type (``--journal FILE``): a usage error when parsing."""
    try:
        return file_path(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


file_argument.__name__ = "file name"


def check_target(path: Path, force: bool, *, asked: bool = False) -> bool:
    """Whether ``path`` may be written: PinterestError/UsageError for what cannot work.

    False when a person declined to overwrite (for a name they typed, ask for another).
    """
    if path.is_dir():
        raise UsageError(f"{path} is a directory, not a file name")
    refuse_special(path)
    if filekind.writes_in_place(path):
        return True  # written into, not replaced: nothing to overwrite
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the directory {path.parent} does not exist")
    if not path.exists() or force:
        return True
    if interactive():
        if prompt_yes_no(f"{path} exists. Overwrite this file?", default=False):
            return True
        if asked:
            return False
        raise PinterestError(f"not overwriting {path}", hint="choose another --output, or add --force")
    raise PinterestError(f"{path} exists", hint="add --force to overwrite it, or choose another --output")


def choose_target(output: str | None, force: bool, prompt: str, default: str) -> Path:
    """``--output`` (checked), else the name typed at ``prompt`` (asked again after a declined overwrite)."""
    if output is not None:
        path = file_path(output)
        check_target(path, force)
        return path
    while True:
        path = file_path(prompt_text(prompt, default))
        if not interactive():
            sys.stdout.write("\n")  # the answer was not echoed: end the question's line
        if check_target(path, force, asked=True):
            return path


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
