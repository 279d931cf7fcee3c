"""The emulator's sense of time, which tests can move forward.

Token expiry, rate-limit windows, the daily quota and media processing all read this
clock, so a test checks "the token expired" by advancing it instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import threading
import time


class Clock:
    """Wall-clock time (epoch seconds) plus an offset that only ever grows."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def utcnow(self) -> dt.datetime:
        """Now, in whole seconds (as Pinterest's timestamps are)."""
        return dt.datetime.fromtimestamp(int(self.now()), tz=dt.UTC)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the emulator's clock only moves forward")
        with self._lock:
            self._offset += seconds
