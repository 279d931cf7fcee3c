"""Records each API exchange as it crossed the wire (see ``wire.exchanges``)."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.wire.envelopes import api_of
from pinterest_tools.emulator.wire.exchanges import Exchange, notes


class Recording:
    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        recorder = self.services.recorder
        if scope["type"] != "http" or not recorder.enabled or api_of(scope["path"]) is None:
            await self.app(scope, receive, send)
            return
        # Read the whole request first, so it is recorded even when a fault means the
        # route never reads it, then hand it on unchanged.
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        response: dict[str, Any] = {"status": None, "headers": (), "body": bytearray()}
        recorded = False

        def record() -> None:
            nonlocal recorded
            if recorded:
                return
            recorded = True
            info = notes(scope)
            recorder.add(
                Exchange(
                    method=scope["method"],
                    path=scope["path"],
                    query=scope["query_string"].decode("latin-1"),
                    request_headers=tuple(
                        (key.decode("latin-1").lower(), value.decode("latin-1")) for key, value in scope["headers"]
                    ),
                    request_body=bytes(body),
                    status=response["status"],
                    response_headers=response["headers"],
                    response_body=bytes(response["body"]),
                    operation_id=info.operation_id,
                    fault=info.fault,
                )
            )

        notes(scope).record_now = record

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                response["status"] = message["status"]
                response["headers"] = tuple(
                    (key.decode("latin-1").lower(), value.decode("latin-1")) for key, value in message["headers"]
                )
                if has_no_body(scope["method"], message["status"], response["headers"]):
                    # The server writes the head now, and for an empty body the head is the
                    # whole answer: a client may have it before the body message comes.
                    record()
            elif message["type"] == "http.response.body":
                response["body"].extend(message.get("body", b""))
                if not message.get("more_body", False):
                    # Recorded before the last byte leaves: a client that has its answer
                    # finds the exchange in ``emu.exchanges`` already.
                    record()
            await send(message)

        try:
            await self.app(scope, replay, capture)
        except Exception:
            if response["status"] is None:
                response.update(status=500, body=bytearray(b"Internal Server Error"))
            raise
        finally:
            record()


def has_no_body(method: str, status: int, headers: tuple[tuple[str, str], ...]) -> bool:
    """Whether the response head alone is the whole answer (RFC 9112, section 6.3).

    HEAD, 1xx, 204 and 304 answers never have a body; otherwise ``Content-Length: 0`` says so.
    """
    if method == "HEAD" or status < 200 or status in (204, 304):
        return True
    return any(key == "content-length" and value.strip() == "0" for key, value in headers)
