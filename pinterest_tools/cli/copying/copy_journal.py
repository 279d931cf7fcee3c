"""The journal of a board copy: which source board, section and pin became which target one.

``copy_board`` records every board, section and pin it creates (and every pin it skips)
here before it starts the next request that depends on it. Rerun with the same journal,
an interrupted copy therefore continues where it stopped instead of creating anything a
second time; what the interrupted run created but could not record (at most the one
object in flight per board) is found in the target and adopted (``board_copy``).

The file is one JSON object::

    {"format": 1,
     "copy": {"api": ..., "version": 5, "source_user": ..., "target_user": ..., "boards": "all" | [...],
              "name": null},
     "baseline": ["<target board id>", ...],      # the target's boards before the copy began
     "boards": {"<source board id>": {"target": "<target board id>", "board": {<summary fields>},
                                      "sections": {"<source section id>": "<target section id>"},
                                      "pins": {"<source pin id>": "<target pin id>" | null},  # null: skipped
                                      "done": false}},
     "complete": false}

Writes are atomic: the new content goes to a temporary file in the same directory, which
is then renamed over the journal, so a reader (or a rerun after ``kill -9``) sees the
previous state or the new one, never a torn file. The rename is not fsynced: the journal
survives the process being killed at any point, not necessarily a power failure. A
journal must be a regular file (a symbolic link is followed): a FIFO or a device such as
``/dev/null`` is refused, never replaced (:mod:`pinterest_tools.filekind`).

One copy at a time: :meth:`Journal.open` takes an exclusive lock on ``.<journal>.lock``
beside it (:mod:`pinterest_tools.locks`) and holds it until :meth:`Journal.close`
removes it, so a second run of the same copy started meanwhile stops with a message
instead of creating every pin a second time. A journal read back is checked field by field
before the copy trusts it (:mod:`pinterest_tools.cli.copying.journal_check`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pinterest_tools import filekind, locks
from pinterest_tools.cli.copying.journal_check import CorruptJournal, check
from pinterest_tools.errors import PinterestError, UsageError

if TYPE_CHECKING:
    from filelock import FileLock

FORMAT = 1
Json = dict[str, Any]


class JournalError(PinterestError):
    """The journal file cannot be read or written."""


class Journal:
    """A copy's journal in memory, saved to ``path`` after every change (never, for ``path=None``)."""

    def __init__(self, path: Path | None, identity: Json, data: Json | None = None) -> None:
        self.path = path
        self.identity = identity
        self.data: Json = data or {
            "format": FORMAT,
            "copy": identity,
            "baseline": None,
            "boards": {},
            "complete": False,
        }
        self.resumed = bool(data and data.get("boards"))
        self._lock = threading.RLock()
        self._file_lock: FileLock | None = None

    @classmethod
    def open(cls, path: Path, identity: Json, sources: Iterable[str] = ()) -> Journal:
        """Lock ``path`` and load it if it exists (it must record the same copy), else start a new journal there.

        ``sources``: the ids of the boards being copied (a journal may not name one as a target).
        JournalError when another run holds the lock, or the file is not a regular file, or it
        cannot be read or trusted; UsageError when it records another copy.
        """
        kind = filekind.special_kind(path)
        if kind is not None:
            raise JournalError(f"the journal {path} is {kind}, not a regular file", hint="choose another --journal")
        journal = cls(path, identity)
        journal._file_lock = _lock(path)
        try:
            data = _read(path, identity, sources)
        except BaseException:
            journal.close()
            raise
        if data is not None:
            journal.data, journal.resumed = data, bool(data["boards"])
        return journal

    def close(self) -> None:
        """Release the lock and remove its file (the next run of the same copy may start)."""
        if self._file_lock is not None and self.path is not None:
            locks.release_and_remove(self._file_lock, _lock_path(self.path))
            self._file_lock = None

    # ------------------------------------------------------------------ reading
    @property
    def baseline(self) -> set[str] | None:
        ids = self.data.get("baseline")
        return set(ids) if isinstance(ids, list) else None

    @property
    def complete(self) -> bool:
        return bool(self.data.get("complete"))

    def _board(self, source_id: str) -> Json | None:
        entry = self.data["boards"].get(source_id)
        return entry if isinstance(entry, dict) else None

    def target_board(self, source_id: str) -> str | None:
        entry = self._board(source_id)
        return str(entry["target"]) if entry and entry.get("target") else None

    def board_summary(self, source_id: str) -> Json:
        entry = self._board(source_id) or {}
        summary = entry.get("board")
        return dict(summary) if isinstance(summary, dict) else {"id": self.target_board(source_id)}

    def board_targets(self) -> set[str]:
        with self._lock:
            return {str(entry["target"]) for entry in self.data["boards"].values() if entry.get("target")}

    def is_done(self, source_id: str) -> bool:
        entry = self._board(source_id)
        return bool(entry and entry.get("done"))

    def section(self, board_id: str, section_id: str) -> str | None:
        entry = self._board(board_id) or {}
        target = (entry.get("sections") or {}).get(section_id)
        return str(target) if target else None

    def section_targets(self, board_id: str) -> set[str]:
        with self._lock:
            entry = self._board(board_id) or {}
            return {str(target) for target in (entry.get("sections") or {}).values()}

    def pin(self, board_id: str, pin_id: str) -> tuple[bool, str | None]:
        """(recorded?, target pin id or None when the pin was skipped)."""
        pins = (self._board(board_id) or {}).get("pins") or {}
        if pin_id not in pins:
            return False, None
        target = pins[pin_id]
        return True, str(target) if target else None

    def skipped_pins(self, board_id: str) -> int:
        with self._lock:
            pins = (self._board(board_id) or {}).get("pins") or {}
            return sum(1 for target in pins.values() if not target)

    def pin_targets(self, board_id: str) -> set[str]:
        with self._lock:
            pins = (self._board(board_id) or {}).get("pins") or {}
            return {str(target) for target in pins.values() if target}

    # ------------------------------------------------------------------ recording (each saved at once)
    def set_baseline(self, board_ids: set[str]) -> None:
        with self._lock:
            self.data["baseline"] = sorted(board_ids)
            self.save()

    def record_board(self, source_id: str, target_id: str, summary: Json) -> None:
        with self._lock:
            entry = {"target": target_id, "board": summary, "sections": {}, "pins": {}, "done": False}
            self.data["boards"][source_id] = entry
            self.save()

    def record_section(self, board_id: str, section_id: str, target_id: str) -> None:
        with self._lock:
            self.data["boards"][board_id]["sections"][section_id] = target_id
            self.save()

    def record_pin(self, board_id: str, pin_id: str, target_id: str | None) -> None:
        """``target_id`` None records a pin that was skipped (and is skipped again on a rerun)."""
        with self._lock:
            self.data["boards"][board_id]["pins"][pin_id] = target_id
            self.save()

    def mark_done(self, source_id: str) -> None:
        with self._lock:
            self.data["boards"][source_id]["done"] = True
            self.save()

    def mark_complete(self) -> None:
        with self._lock:
            self.data["complete"] = True
            self.save()

    def save(self) -> None:
        """Atomically replace the file with the current state (temporary file + rename)."""
        if self.path is None:
            return
        with self._lock:
            text = json.dumps(self.data, separators=(",", ":"))
            target = filekind.rename_target(self.path)
            directory = target.parent
            try:
                directory.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{self.path.name}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as handle:
                        handle.write(text)
                    Path(tmp_name).replace(target)
                except BaseException:
                    with contextlib.suppress(OSError):
                        Path(tmp_name).unlink()
                    raise
            except OSError as exc:
                raise JournalError(f"cannot write the journal {self.path}: {exc.strerror}") from None

    def delete(self) -> None:
        """Remove the journal (and its lock file, still holding the lock): the copy is finished."""
        if self.path is None:
            return
        with contextlib.suppress(FileNotFoundError):
            filekind.rename_target(self.path).unlink()
        self.close()


def _lock_path(path: Path) -> Path:
    target = filekind.rename_target(path)
    return target.with_name(f".{target.name}.lock")


def _lock(path: Path) -> FileLock:
    """Hold the journal's lock; JournalError when another run of the same copy holds it."""
    try:
        _lock_path(path).parent.mkdir(parents=True, exist_ok=True)
        lock = locks.hold(_lock_path(path), wait=False)
    except OSError as exc:
        raise JournalError(f"cannot lock the journal {path}: {exc.strerror}") from None
    if lock is None:
        raise JournalError(
            f"another copy_board is running with the journal {path}",
            hint="wait for it to finish (the same copy twice at once would create every pin twice)",
        )
    return lock


def _read(path: Path, identity: Json, sources: Iterable[str]) -> Json | None:
    """The journal's content, checked; None when there is no journal yet."""
    try:
        with filekind.open_regular(path, "rb") as handle:  # a FIFO swapped in after the check would block
            raw = handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _corrupt(path, "it is not UTF-8 text") from None
    except RecursionError:
        raise _corrupt(path, "it is nested too deeply") from None
    except ValueError:
        raise _corrupt(path, "it is empty" if not raw.strip() else "it is not valid JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JournalError(f"{path} is not a copy_board journal (format {FORMAT})", hint=HINT_CORRUPT)
    if data.get("copy") != identity:
        raise UsageError(
            f"the journal {path} records a different copy ({_describe(data.get('copy'))}, "
            f"not {_describe(identity)}): use another --journal, or delete it"
        )
    try:
        check(data, sources)
    except CorruptJournal as exc:
        raise _corrupt(path, str(exc)) from None
    return data


HINT_CORRUPT = "fix it, or delete it to start the copy afresh (what it recorded would then be copied again)"


def _corrupt(path: Path, what: str) -> JournalError:
    return JournalError(f"the journal {path} is corrupt: {what}", hint=HINT_CORRUPT)


def _describe(identity: object) -> str:
    if not isinstance(identity, dict):
        return "unknown"
    boards = identity.get("boards")
    listed = ", ".join(map(str, boards)) if isinstance(boards, list) else str(boards)
    what = "all boards" if boards == "all" else f"board {listed}"
    return f"{what} of user {identity.get('source_user')} to user {identity.get('target_user')}"
