"""Emulator-only pages that are not part of any Pinterest API.

``GET /`` says what is served where (for someone who opens the base URL in a browser);
``GET /_emulator/state`` returns the current state in the data-file format, which is handy
while debugging a demo and can be saved and passed back with ``--data``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from pinterest_tools.emulator.auth.apps import DEMO_APP_ID
from pinterest_tools.emulator.core.services import services_of
from pinterest_tools.emulator.serving import data_file


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


async def state(request: Request) -> Response:
    return JSONResponse(data_file.dump(services_of(request).state))


ROUTES = [Route("/", index, methods=["GET"]), Route("/_emulator/state", state, methods=["GET"])]
