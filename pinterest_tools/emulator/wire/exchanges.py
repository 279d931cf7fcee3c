"""Recorded request/response pairs, for contract tests and for looking at what happened.

The recording middleware fills an ``Exchange`` per API request with exactly the bytes that
crossed the wire (a truncated body stays truncated; a dropped connection has no status).
Routes and middleware add what only they know to the request's ``Notes``: the operation id
that handled it and the fault that was injected.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

SCOPE_KEY = "pinterest_tools.emulator"


@dataclass(slots=True)
class Notes:
    """Per-request facts shared by the middleware layers and the route."""

    operation_id: str | None = None
    fault: str | None = None
    # Set by the recorder, called by a fault that closes the connection unanswered: the
    # exchange is then kept before the client can see the connection close.
    record_now: Callable[[], None] | None = None


def notes(scope: MutableMapping[str, Any]) -> Notes:
    found = scope.get(SCOPE_KEY)
    if not isinstance(found, Notes):
        found = scope[SCOPE_KEY] = Notes()
    return found


@dataclass(frozen=True, slots=True)
class Exchange:
    method: str
    path: str
    query: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int | None  # None: the connection closed without an answer
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    operation_id: str | None
    fault: str | None

    def request_header(self, name: str) -> str | None:
        return next((value for key, value in self.request_headers if key == name.lower()), None)

    def response_header(self, name: str) -> str | None:
        return next((value for key, value in self.response_headers if key == name.lower()), None)

    def json(self) -> Any:
        return json.loads(self.response_body)


class Recorder:
    """Keeps exchanges when enabled (thread-safe: the server adds, a test reads)."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []

    def add(self, exchange: Exchange) -> None:
        with self._lock:
            self._exchanges.append(exchange)

    @property
    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def clear(self) -> None:
        with self._lock:
            self._exchanges.clear()
