"""Pinterest's API sandbox: ``--sandbox`` (every request), or the sandbox base path ``/sandbox``.

Pinterest serves its sandbox on its own host (``https://api-sandbox.pinterest.com/v5``);
the emulator serves it on the same port under ``/sandbox`` (``PINTEREST_API_URI=<base
URL>/sandbox``), or everywhere with ``--sandbox`` (``run_emulator(sandbox=True)``). A
sandbox request is marked in the scope (``core.operation_routes.SANDBOX_KEY``: an app with
Trial access may create Pins there) and, for an operation the description marks
``x-sandbox: disabled`` (analytics, search, async reports, ...), answered at once with
404 code 11, "not available in the API sandbox": the live sandbox's exact answer was not
measured; this is the API's answer for a method a host does not serve (code 11, "API method
not found"), which clients already tell apart.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from pinterest_tools.emulator.core.operation_routes import SANDBOX_KEY
from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.serving.path_router import PathTree, match
from pinterest_tools.emulator.wire.envelopes import Api, error_body
from pinterest_tools.operation_facts import sandbox_enabled

SANDBOX_PREFIX = "/sandbox"


def sandbox_refusal(operation_id: str) -> str:
    return f"{operation_id} is not available in the API sandbox (x-sandbox: disabled)."


class SandboxPath:
    """Outermost: takes the sandbox base path off (so every layer sees ``/v5/...``) and marks the request."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sandbox = self.services.settings.sandbox
        path: str = scope["path"]
        if path.startswith(SANDBOX_PREFIX + "/"):
            scope = dict(scope)
            scope["path"] = path[len(SANDBOX_PREFIX) :]
            raw = scope.get("raw_path")
            if raw:
                scope["raw_path"] = bytes(raw)[len(SANDBOX_PREFIX) :]
            sandbox = True
        if sandbox:
            scope[SANDBOX_KEY] = True
        await self.app(scope, receive, send)


class SandboxRefusal:
    """Innermost (after the limits, so the answer has the usual headers): refuses what the sandbox does not serve."""

    def __init__(self, app: ASGIApp, tree: PathTree) -> None:
        self.app = app
        self.tree = tree

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get(SANDBOX_KEY) and scope["path"].startswith("/v5/"):
            found = match(scope, self.tree)
            if found is not None and found[0].name and not sandbox_enabled(found[0].name):
                body = error_body(Api.V5, 11, sandbox_refusal(found[0].name))
                await JSONResponse(body, 404)(scope, receive, send)
                return
        await self.app(scope, receive, send)
