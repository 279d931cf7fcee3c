"""What ``copy_board`` shows while and after it copies: counts, board output in order, a progress line.

The copy runs several boards at once; people read its output board by board, in the
source's order, so :class:`OrderedOutput` holds back a later board's lines until the
earlier ones are done. :class:`ProgressLine` is for a terminal only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


# ---------------------------------------------------------------------------- counting
@dataclass
class Tally:
    copied: int = 0
    earlier: int = 0  # copied by an earlier run (from the journal)
    skipped: int = 0
    failed: int = 0


@dataclass
class Summary:
    """What a copy did, for the closing summary and the progress line."""

    boards_total: int = 0
    pins_total: int = 0
    boards: Tally = field(default_factory=Tally)
    sections: Tally = field(default_factory=Tally)
    pins: Tally = field(default_factory=Tally)

    @property
    def failed(self) -> int:
        return self.boards.failed + self.sections.failed + self.pins.failed

    def lines(self, dry_run: bool = False) -> list[str]:
        def row(label: str, tally: Tally, skips: bool) -> str:
            if dry_run:
                return f"{label}: {tally.copied} to copy"
            text = f"{label}: {tally.copied} copied, {tally.earlier} copied before (journal)"
            return text + (f", {tally.skipped} skipped" if skips else "") + f", {tally.failed} failed"

        title = "--- Copy Summary (dry run) ---" if dry_run else "--- Copy Summary ---"
        rows = [row("Boards", self.boards, False), row("Sections", self.sections, False), row("Pins", self.pins, True)]
        return [title, *rows, "--------------------"]


# ---------------------------------------------------------------------------- output in board order
class OrderedOutput:
    """Each board's lines in source order: the earliest unfinished board writes live, later ones buffer."""

    def __init__(self, write: Callable[[str], None], count: int) -> None:
        self._write = write
        self._buffers: list[list[str]] = [[] for _ in range(count)]
        self._finished = [False] * count
        self._head = 0
        self._lock = threading.Lock()

    def add(self, index: int, lines: list[str]) -> None:
        with self._lock:
            if index == self._head:
                for line in lines:
                    self._write(line)
            else:
                self._buffers[index].extend(lines)

    def finish(self, index: int) -> None:
        with self._lock:
            self._finished[index] = True
            while self._head < len(self._finished) and self._finished[self._head]:
                self._head += 1
                if self._head < len(self._buffers):
                    for line in self._buffers[self._head]:
                        self._write(line)
                    self._buffers[self._head] = []


# ---------------------------------------------------------------------------- progress
class ProgressLine:
    """One status line, rewritten in place at most every ``interval`` seconds (meant for a terminal)."""

    def __init__(
        self,
        write: Callable[[str], object],
        flush: Callable[[], object],
        *,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._write, self._flush = write, flush
        self.interval = interval
        self.clock = clock
        self._last = -interval
        self._lock = threading.Lock()

    def update(self, summary: Summary, *, force: bool = False) -> None:
        with self._lock:
            now = self.clock()
            if not force and now - self._last < self.interval:
                return
            self._last = now
            pins = summary.pins
            done = pins.copied + pins.earlier + pins.skipped + pins.failed
            boards = summary.boards.copied + summary.boards.earlier + summary.boards.failed
            self._write(
                f"\rcopy_board: boards {boards}/{summary.boards_total}, pins {done}/{summary.pins_total}"
                f" ({pins.skipped} skipped, {summary.failed} failed)\x1b[K"
            )
            self._flush()

    def close(self) -> None:
        with self._lock:
            self._write("\r\x1b[K")
            self._flush()
