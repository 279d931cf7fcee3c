"""An httpx transport that serves requests with the emulator's ASGI app: no socket, no server.

``InProcessTransport(app)`` is both an ``httpx.BaseTransport`` and an
``httpx.AsyncBaseTransport``, so one object serves ``httpx.Client``, ``httpx.AsyncClient``
and the generated clients (which build both from the same ``httpx_args``)::

    transport = InProcessTransport(build_app(services))
    with httpx.Client(transport=transport, base_url=IN_PROCESS_URL + "/v5") as http:
        http.get("/user_account", headers={"Authorization": f"Bearer {token}"})
    transport.close()

The async side is httpx's own ``httpx.ASGITransport``. The sync side runs that same
transport on an event loop in a helper thread through an anyio blocking portal -- the
mechanism Starlette's ``TestClient`` uses. ``TestClient``'s transport class itself is
private and its constructor changed within the Starlette versions the ``emulator`` extra
accepts, so it is not reused. The portal thread starts at the first sync request and
stops at ``close()`` (a later sync request starts a new one); close the transport when
done, or interpreter exit waits for the thread.

The transport plays the server's part as the socket mode's uvicorn does:

- ``drop-before``/``drop-after`` faults (``X-Emulator-Fault``) close "the connection":
  the request raises ``httpx.RemoteProtocolError``, as it does over a socket;
- the client's read timeout bounds the whole answer (``httpx.ReadTimeout``), so a
  ``slow`` fault times out as on a socket; after :meth:`InProcessTransport.shutdown`
  (the emulator stopped) requests fail with ``httpx.ConnectError``, as on a closed port;
- an exception inside the emulator (an emulator bug) answers ``500 Internal Server
  Error`` in plain text, as Starlette and uvicorn do (an answer already complete stands;
  one broken off is a dropped connection); the app keeps the exception in
  ``Services.failures`` for the test fixture to report.

Requests may name any host: the app does not look at it. The fixtures use
:data:`IN_PROCESS_URL`, a name that cannot resolve, so that a client which is not given
the transport fails at once instead of reaching some other server.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import MutableMapping
from typing import Any

import anyio
import anyio.from_thread
import httpx

from pinterest_tools.emulator.core.hosts import IN_PROCESS_HOST
from pinterest_tools.emulator.serving.fault_injection import TRANSPORT_KEY

IN_PROCESS_URL = f"http://{IN_PROCESS_HOST}"
ASGIApp = Any  # an ASGI 3 callable: (scope, receive, send) -> awaitable
_CLIENT_ADDRESS = ("127.0.0.1", 50000)  # the peer the app sees; loopback, as in socket mode


class _ConnectionDroppedError(Exception):
    """The emulator closed the connection without an answer (a drop fault)."""


class _Connection:
    """Stands for the connection's asyncio transport in the scope (``TRANSPORT_KEY``)."""

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def _served(app: ASGIApp) -> ASGIApp:
    """``app`` behind what a server adds: a closable connection and a 500 for a crash."""

    async def serve(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        connection = _Connection()
        scope[TRANSPORT_KEY] = lambda: connection
        started = completed = False

        async def tracking_send(message: MutableMapping[str, Any]) -> None:
            nonlocal started, completed
            started = started or message["type"] == "http.response.start"
            completed = completed or (message["type"] == "http.response.body" and not message.get("more_body"))
            await send(message)

        try:
            await app(scope, receive, tracking_send)
        except Exception as error:
            if completed:  # Starlette answered 500 itself, then re-raised for the server to log
                return
            if started or isinstance(error, ConnectionAbortedError):
                raise _ConnectionDroppedError from error  # uvicorn closes a connection whose answer broke off
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"21")]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": b"Internal Server Error"})
            return
        if connection.closed:
            raise _ConnectionDroppedError

    return serve


class InProcessTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends sync and async httpx requests straight into an ASGI app (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self._asgi = httpx.ASGITransport(app=_served(app), client=_CLIENT_ADDRESS)
        self._lock = threading.Lock()
        self._portal: anyio.from_thread.BlockingPortal | None = None
        self._portal_context: contextlib.AbstractContextManager[anyio.from_thread.BlockingPortal] | None = None
        self._stopped = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._stopped:
            raise httpx.ConnectError("the emulator has stopped", request=request)
        read_timeout = request.extensions.get("timeout", {}).get("read")
        try:
            with anyio.fail_after(read_timeout):
                return await self._asgi.handle_async_request(request)
        except _ConnectionDroppedError:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
        except TimeoutError:
            raise httpx.ReadTimeout(f"no answer within {read_timeout} s (in process)", request=request) from None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._stopped:
            raise httpx.ConnectError("the emulator has stopped", request=request)
        request.read()  # a sync body (a generator, a file) becomes bytes the async side can send
        status, headers, body = self._blocking_portal().call(self._exchange, request)
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body), request=request)

    async def _exchange(self, request: httpx.Request) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        response = await self.handle_async_request(request)
        body = b"".join([part async for part in response.aiter_raw()])
        return response.status_code, response.headers.raw, body

    def _blocking_portal(self) -> anyio.from_thread.BlockingPortal:
        with self._lock:
            if self._portal is None:
                context = anyio.from_thread.start_blocking_portal()
                self._portal = context.__enter__()
                self._portal_context = context
            return self._portal

    def close(self) -> None:
        """Stop the portal thread, if a sync request started one."""
        with self._lock:
            context, self._portal, self._portal_context = self._portal_context, None, None
        if context is not None:
            context.__exit__(None, None, None)

    def shutdown(self) -> None:
        """The emulator stops: close, and refuse later requests (``httpx.ConnectError``) as a closed port does."""
        self._stopped = True
        self.close()

    async def aclose(self) -> None:
        """Nothing to release for async requests (they run on the caller's loop)."""
