"""Recording: an exchange is in `emu.exchanges` by the time its client has the answer."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from support.emulator import http

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET


def test_an_answered_request_is_already_recorded(emulator: Any) -> None:
    with http(emulator) as client:
        for count in range(1, 31):
            assert client.get("/user_account").status_code == 200
            assert len(emulator.exchanges) == count


def test_an_empty_answer_is_recorded_before_its_head_leaves() -> None:
    """The server writes a response's head at once; with no body, that head is the whole answer.

    So an exchange with an empty body must be recorded before the head is sent, not when the
    (empty) body message follows: a client could already be reading ``emu.exchanges``. CI once
    found ``oauth/token/revoke`` (a 200 with no body) missing that way.
    """
    from pinterest_tools.emulator.serving.recording_middleware import Recording
    from pinterest_tools.emulator.wire.exchanges import Recorder

    def respond(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> Any:
        async def app(scope: Any, receive: Any, send: Any) -> None:
            await receive()
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        return app

    async def run(method: str, app: Any) -> list[tuple[str, int]]:
        recorder = Recorder(enabled=True)
        seen: list[tuple[str, int]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            seen.append((message["type"], len(recorder.exchanges)))

        scope = {"type": "http", "method": method, "path": "/v5/oauth/token/revoke", "query_string": b"", "headers": []}
        await Recording(app, SimpleNamespace(recorder=recorder))(scope, receive, send)  # type: ignore[arg-type]
        assert len(recorder.exchanges) == 1
        return seen

    empty = [(b"content-length", b"0")]
    start_recorded = [("http.response.start", 1), ("http.response.body", 1)]
    assert asyncio.run(run("POST", respond(200, empty, b""))) == start_recorded
    assert asyncio.run(run("DELETE", respond(204, [], b""))) == start_recorded
    assert asyncio.run(run("HEAD", respond(200, [(b"content-length", b"12")], b""))) == start_recorded
    # With a body, the head alone is not the answer: recorded before the last body message.
    with_body = asyncio.run(run("GET", respond(200, [(b"content-length", b"2")], b"{}")))
    assert with_body == [("http.response.start", 0), ("http.response.body", 1)]


def test_empty_answers_are_recorded_by_the_time_the_client_has_them(emulator: Any) -> None:
    app = (DEMO_APP_ID, DEMO_APP_SECRET)
    with http(emulator) as client:
        for count in range(1, 31):
            answer = client.post("/oauth/token/revoke", data={"token": "pina_unknown"}, auth=app)
            assert answer.status_code == 200 and answer.content == b""
            assert len(emulator.exchanges) == count


def test_a_crashed_route_is_recorded_and_says_the_connection_closes() -> None:
    """An emulator bug (a route raising) answers 500 and is in ``exchanges`` and ``failures`` by then.

    The server closes the connection after a crash; the 500 says so (``Connection: close``), or a
    client that keeps connections alive sends its next request into the closing one and gets a
    connection error for a request the emulator never saw.
    """
    import httpx
    from starlette.routing import Route

    from pinterest_tools.emulator.core.services import Services
    from pinterest_tools.emulator.core.settings import make_settings
    from pinterest_tools.emulator.serving.app import build_app
    from pinterest_tools.emulator.serving.handle import load_state
    from pinterest_tools.emulator.serving.server import ServerThread

    async def crash(request: Any) -> Any:
        raise RuntimeError("an emulator bug")

    services = Services(make_settings(record=True), load_state(None))
    app = build_app(services)
    app.router.routes.insert(0, Route("/v5/crash", crash))
    server = ServerThread(app)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url + "/v5") as client:
            for count in range(1, 11):
                answer = client.get("/crash")
                assert answer.status_code == 500 and answer.headers.get("connection") == "close"
                assert [e.status for e in services.recorder.exchanges] == [500] * count
                assert len(services.failures) == count
    finally:
        server.stop()
