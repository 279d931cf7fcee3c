"""Assembles the Starlette app: every route module plus the middleware stack.

Route areas register here: the consent page, the upload host, the report downloads,
emulator pages and each API's routes (``v5.routes()``, and ``v3.routes()`` for v3 and ads v4).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from pinterest_tools.emulator import v3, v5
from pinterest_tools.emulator.analytics import async_reports
from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.oauth_server import consent_routes
from pinterest_tools.emulator.serving import admin, control, data_file, upload_host
from pinterest_tools.emulator.serving.fault_injection import FaultInjection
from pinterest_tools.emulator.serving.limits_middleware import Limits
from pinterest_tools.emulator.serving.path_router import PathRouter, PathTree
from pinterest_tools.emulator.serving.recording_middleware import Recording
from pinterest_tools.emulator.serving.sandbox_middleware import SandboxPath, SandboxRefusal
from pinterest_tools.emulator.wire.envelopes import api_of
from pinterest_tools.emulator.wire.errors import ApiError, error_response


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown API paths and methods answer in the API's error format."""
    assert isinstance(exc, HTTPException)
    if api_of(request.url.path) is None:
        return PlainTextResponse(exc.detail, exc.status_code)
    code = 11 if exc.status_code == 404 else 5  # "API method not found" / "Method not allowed"
    return error_response(request.url.path, ApiError(exc.status_code, code, str(exc.detail)))


async def _crashed(request: Request, exc: Exception) -> Response:
    """The 500 for an exception in the emulator, saying the connection closes, as the server closes it
    after a crash: a client keeping connections alive would send its next request into a closed one."""
    return PlainTextResponse("Internal Server Error", 500, headers={"Connection": "close"})


class _Guard:
    """Keeps unexpected exceptions, so tests can fail on an emulator bug (``Services.failures``)."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as error:
            if not isinstance(error, ConnectionAbortedError):
                self.services.failures.append(error)
            raise


def build_app(services: Services) -> Starlette:
    routes = [
        *admin.ROUTES,
        *control.ROUTES,
        *consent_routes.ROUTES,
        *upload_host.ROUTES,
        *async_reports.ROUTES,
        *v5.routes(),
        *v3.routes(),
    ]
    tree = PathTree(routes)
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(_Guard, services=services),
            Middleware(SandboxPath, services=services),
            Middleware(Recording, services=services),
            Middleware(Limits, services=services, tree=tree),
            Middleware(FaultInjection, services=services, tree=tree),
            Middleware(SandboxRefusal, tree=tree),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _crashed},
    )
    app.router = PathRouter(routes, tree)  # before the first request builds the middleware stack
    app.state.services = services
    services.start_document = data_file.dump(services.state)  # what /_emulator/reset goes back to
    return app
