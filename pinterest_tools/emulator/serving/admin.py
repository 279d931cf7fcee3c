"""Emulator-only pages that are not part of any Pinterest API.

``GET /`` says what is served where (for someone who opens the base URL in a browser).
The state page and the control plane under ``/_emulator/`` are ``serving/control.py``'s.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from pinterest_tools.emulator.auth.apps import DEMO_APP_ID


async def index(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return PlainTextResponse(
        "Pinterest API emulator\n\n"
        f"  v5        {base}/v5/\n"
        f"  v3        {base}/v3/\n"
        f"  ads v4    {base}/ads/v4/\n"
        f"  consent   {base}/oauth/\n"
        f"  state     {base}/_emulator/state\n\n"
        f"Demo app id: {DEMO_APP_ID}\n"
    )


ROUTES = [Route("/", index, methods=["GET"])]
