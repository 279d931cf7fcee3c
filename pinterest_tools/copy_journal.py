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
survives the process being killed at any point, not necessarily a power failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from pinterest_tools.errors import PinterestError, UsageError

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

    @classmethod
    def open(cls, path: Path, identity: Json) -> Journal:
        """Load ``path`` if it exists (it must record the same copy), else start a new journal there."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path, identity)
        except OSError as exc:
            raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise JournalError(
                f"the journal {path} is not valid JSON", hint="delete it to start the copy afresh"
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("boards"), dict):
            raise JournalError(f"{path} is not a copy_board journal (format {FORMAT})")
        if data.get("copy") != identity:
            raise UsageError(
                f"the journal {path} records a different copy ({_describe(data.get('copy'))}, "
                f"not {_describe(identity)}): use another --journal, or delete it"
            )
        return cls(path, identity, data)

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
            directory = self.path.parent
            try:
                directory.mkdir(parents=True, exist_ok=True)
                fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{self.path.name}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as handle:
                        handle.write(text)
                    Path(tmp_name).replace(self.path)
                except BaseException:
                    with contextlib.suppress(OSError):
                        Path(tmp_name).unlink()
                    raise
            except OSError as exc:
                raise JournalError(f"cannot write the journal {self.path}: {exc.strerror}") from None

    def delete(self) -> None:
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def _describe(identity: object) -> str:
    if not isinstance(identity, dict):
        return "unknown"
    boards = identity.get("boards")
    what = "all boards" if boards == "all" else f"board {', '.join(map(str, boards or []))}"
    return f"{what} of user {identity.get('source_user')} to user {identity.get('target_user')}"
