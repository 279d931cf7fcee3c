"""Waiting for Pinterest to finish something (a video upload, an async report), boundedly.

Upstream waited 1, 2, 4, 8, then 10 s between polls, and never stopped (a report that
went FAILED kept it polling forever). :class:`Backoff` keeps those waits and the
"Waiting N seconds..." lines, but ends at a deadline, so every polling loop stops by
itself and says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pinterest_tools.library_log import get_logger

log = get_logger(__name__)

FIRST_WAIT = 1.0
MAX_WAIT = 10.0


def seconds(value: float) -> str:
    return "a second" if value == 1 else f"{value:g} seconds"


class Backoff:
    """Upstream's waits between polls, cut off ``timeout`` seconds after it was made."""

    def __init__(
        self,
        timeout: float,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.sleep = sleep or time.sleep
        self.clock = clock
        self.deadline = clock() + timeout
        self.next_wait = FIRST_WAIT

    def pause(self, status: str) -> bool:
        """Log ``"<status> Waiting N seconds..."`` and sleep before the next poll; False once time is up."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            return False
        wait = min(self.next_wait, remaining)
        log.info("%s Waiting %s...", status, seconds(wait))
        self.sleep(wait)
        self.next_wait = min(self.next_wait * 2, MAX_WAIT)
        return True
