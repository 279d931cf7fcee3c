"""Request ids on every response; rate-limit headers and 429s on API requests.

The caller is the bearer token (or, at the token endpoint, the app in the Basic header,
or else the client address); a v5 request counts against its operation's rate-limit
category (found through the path tree, ``serving/path_router.py``) for the app's tier,
and the universal limit (``wire/rate_limits.py``). A 429 for a short window carries code
429 and a ``Retry-After`` of seconds; a spent day carries Pinterest's code 8 and a reset
hours away, so a client can tell waiting from giving up.
"""

from __future__ import annotations

import random

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pinterest_tools.emulator.core.operation_routes import caller_token
from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.oauth_server.token_endpoint import basic_credentials
from pinterest_tools.emulator.serving.path_router import PathTree, match
from pinterest_tools.emulator.wire.envelopes import api_of, error_body
from pinterest_tools.emulator.wire.rate_limits import Outcome
from pinterest_tools.operation_facts import category

REQUEST_ID = "x-pinterest-rid"
_REQUEST_ID = REQUEST_ID.encode()
# Request ids only tell answers apart in logs: a pseudo-random 64-bit number is enough, and a
# draw from the OS's entropy pool (``secrets``) cost a system call on every request.
_request_ids = random.Random()


def request_id() -> bytes:
    return b"%016x" % _request_ids.getrandbits(64)


class Limits:
    def __init__(self, app: ASGIApp, services: Services, tree: PathTree) -> None:
        self.app = app
        self.services = services
        self.tree = tree

    def _caller(self, scope: Scope) -> tuple[str, str | None, str | None]:
        """The caller's key, its app id and its user id (None where unknown)."""
        request = Request(scope)
        token, found = caller_token(request, self.services)
        if token:
            return f"token:{token}", found.app_id if found else None, found.user_id if found else None
        basic = basic_credentials(request)
        if basic:
            return f"app:{basic[0]}", basic[0] if basic[0] in self.services.state.apps else None, None
        client = scope.get("client") or ("?", 0)
        return f"client:{client[0]}", None, None

    def _category(self, scope: Scope) -> str | None:
        if not scope["path"].startswith("/v5/"):
            return None
        found = match(scope, self.tree)
        return category(found[0].name) if found is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [(_REQUEST_ID, request_id())]
        api = api_of(scope["path"])
        if api is not None:
            caller, app_id, user_id = self._caller(scope)
            app = self.services.state.apps.get(app_id) if app_id is not None else None
            verdict = self.services.limits.check(
                caller,
                app_id,
                user_id=user_id,
                category=self._category(scope),
                trial=app is not None and app.trial,
            )
            headers += verdict.raw_headers()
            if verdict.outcome is not Outcome.OK:
                if verdict.outcome is Outcome.QUOTA:
                    body = error_body(api, 8, "You have exceeded your daily request quota. Try again tomorrow.")
                else:
                    wait = verdict.window.reset
                    body = error_body(api, 429, f"Too many requests. Retry after {wait} seconds.")
                response = JSONResponse(body, 429)
                response.raw_headers.extend(headers)
                await response(scope, receive, send)
                return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent = message["headers"]
                present = {key.lower() for key, _ in sent}
                message["headers"] = [*sent, *((key, value) for key, value in headers if key not in present)]
            await send(message)

        await self.app(scope, receive, add_headers)
