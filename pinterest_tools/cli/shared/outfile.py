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
import os
import sys
from pathlib import Path

from pinterest_tools import filekind
from pinterest_tools.atomic import refuse_special
from pinterest_tools.cli.shared.common import prompt_text, prompt_yes_no
from pinterest_tools.cli.shared.organic import interactive
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
