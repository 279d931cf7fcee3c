"""Fault injection: an API answer on time or late, whole or cut short, or not at all.

Carries out a fault rule added at run time (``fault_plan.FaultRules``, ``/_emulator/faults``:
its status, or its delay, bounded by ``fault_plan.MAX_DELAY_MS``), else the fault
``fault_plan.FaultPlan`` picked for the request (header ``X-Emulator-Fault`` or a seeded
random draw), and the configured latency:

- ``500`` / ``503``: Pinterest-style JSON error, the route never runs (503 adds ``Retry-After``);
- ``502``: an HTML page, as a gateway in front of the API would send;
- ``drop-before``: the connection closes with no answer and nothing done;
- ``drop-after``: the route runs (its changes stay), then the connection closes unanswered;
- ``slow``: the answer comes ``slow_ms`` (or ``slow:N``) milliseconds late;
- ``truncate``: the route runs, the body is cut in half (valid HTTP, invalid JSON);
- ``expire-token``: the caller's token expires first, so the route answers 401;
- ``200-for-201``: the route runs and a 201 goes out as 200 (what the live API did for
  pins/save and board_sections/create); other statuses pass unchanged.

Dropping needs the connection's transport, which the server puts into the scope
(``TRANSPORT_KEY``, see ``server``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pinterest_tools.emulator.core.operation_routes import bearer
from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.serving.path_router import PathTree, match
from pinterest_tools.emulator.wire.envelopes import api_of, error_body
from pinterest_tools.emulator.wire.exchanges import notes
from pinterest_tools.emulator.wire.fault_plan import FAULT_HEADER, RULE_STATUSES, Fault
from pinterest_tools.emulator.wire.request_fields import first_header

TRANSPORT_KEY = "pinterest_tools.emulator.transport"

_BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


async def drop_connection(scope: Scope, send: Send) -> None:
    """Close the client's connection without an answer."""
    record_now = notes(scope).record_now
    if record_now is not None:  # before the close, which the client may see at once, and before
        record_now()  # the head that breaks the answer off below: no answer came, so no status
    transport: Callable[[], asyncio.Transport] | None = scope.get(TRANSPORT_KEY)
    if transport is None:  # not served by the emulator's server: break the response instead
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1")]})
        raise ConnectionAbortedError("dropped by fault injection")
    transport().close()
    for _ in range(3):  # let the server notice the closed connection before this returns
        await asyncio.sleep(0)


_FAULT_HEADER = FAULT_HEADER.encode()


class FaultInjection:
    """ASGI middleware: applies each API request's fault and the configured latency (see above)."""

    def __init__(self, app: ASGIApp, services: Services, tree: PathTree) -> None:
        self.app = app
        self.services = services
        self.tree = tree

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        api = api_of(scope["path"]) if scope["type"] == "http" else None
        if api is None:
            await self.app(scope, receive, send)
            return
        found = match(scope, self.tree)
        route = found[0] if found is not None else None
        rule = self.services.fault_rules.fire(
            route.name if route is not None else None,
            scope["method"],
            route.path if route is not None else None,
            scope["path"],
        )
        if rule is not None:
            notes(scope).fault = f"rule:{rule.id}"
            if rule.delay_ms:
                await asyncio.sleep(rule.delay_ms / 1000)
            if rule.status is not None:
                body = error_body(api, RULE_STATUSES[rule.status], f"Fault rule {rule.id}: {rule.status}.")
                headers = {"Retry-After": "1"} if rule.status in (429, 503) else None
                await JSONResponse(body, rule.status, headers=headers)(scope, receive, send)
                return
        try:
            planned = self.services.faults.choose(first_header(scope, _FAULT_HEADER))
        except ValueError as error:
            await JSONResponse(error_body(api, 1, str(error)), 400)(scope, receive, send)
            return
        settings = self.services.settings
        if settings.latency_ms:
            await asyncio.sleep(settings.latency_ms / 1000)
        if planned is None:
            await self.app(scope, receive, send)
            return
        fault = planned.fault
        notes(scope).fault = fault.value
        if fault is Fault.ERROR_500:
            await JSONResponse(error_body(api, 12, "Internal server error."), 500)(scope, receive, send)
        elif fault is Fault.ERROR_503:
            body = error_body(api, 21, "Service unavailable. Please try again later.")
            await JSONResponse(body, 503, headers={"Retry-After": "1"})(scope, receive, send)
        elif fault is Fault.ERROR_502:
            await HTMLResponse(_BAD_GATEWAY, 502)(scope, receive, send)
        elif fault is Fault.DROP_BEFORE:
            await drop_connection(scope, send)
        elif fault is Fault.DROP_AFTER:
            await self.app(scope, receive, _discard)
            await drop_connection(scope, send)
        elif fault is Fault.SLOW:
            await asyncio.sleep((planned.delay_ms if planned.delay_ms is not None else settings.slow_ms) / 1000)
            await self.app(scope, receive, send)
        elif fault is Fault.TRUNCATE:
            await self._truncated(scope, receive, send)
        elif fault is Fault.OK_FOR_CREATED:
            await self.app(scope, receive, _created_as_ok(send))
        else:  # Fault.EXPIRE_TOKEN
            token = bearer(Request(scope))
            if token:
                self.services.tokens.expire(token)
            await self.app(scope, receive, send)

    async def _truncated(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: dict[str, Any] = {}
        body = bytearray()

        async def collect(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, collect)
        cut = bytes(body[: len(body) // 2])
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(cut)).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send({"type": "http.response.body", "body": cut, "more_body": False})


def _created_as_ok(send: Send) -> Send:
    """``send`` with a 201 status turned into 200 (``200-for-201``)."""

    async def relay(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] == 201:
            message = {**message, "status": 200}
        await send(message)

    return relay


async def _discard(message: Message) -> None:
    """The answer the client never gets (``drop-after``)."""
