"""The baseline of ``benchmarks.emulator_speed``: a bare Starlette app answering the same bodies.

Usage: ``python bare_starlette.py ANSWERS.json``, where the file holds ``{"v5": {"body": ...,
"headers": {...}}, "v3": ...}``, the emulator's own answers: their bodies and the headers the
emulator adds (request id, rate-limit window), so both servers send the same bytes. Two routes,
``GET /v5/pins/{pin_id}`` and ``GET /v3/pins/{pin_id}/``, served by the emulator's uvicorn
configuration on 127.0.0.1; prints the base URL and serves until terminated.
"""

import json
import sys
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pinterest_tools.emulator.serving.server import base_url, bind, make_server

answers = json.loads(Path(sys.argv[1]).read_text())


async def v5_pin(request: Request) -> JSONResponse:
    return JSONResponse(answers["v5"]["body"], headers=answers["v5"]["headers"])


async def v3_pin(request: Request) -> JSONResponse:
    return JSONResponse(answers["v3"]["body"], headers=answers["v3"]["headers"])


app = Starlette(routes=[Route("/v5/pins/{pin_id}", v5_pin), Route("/v3/pins/{pin_id}/", v3_pin)])
sock = bind("127.0.0.1", 0)
print(base_url(sock), flush=True)
make_server(app).run(sockets=[sock])
