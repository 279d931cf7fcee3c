"""The control plane: what a test changes in a running emulator, over HTTP under ``/_emulator/``.

The same operations a test reaches in process through the handle (``Emulator.reset()``,
``seed()``, ``add_fault()``, ``set_answer()``, ``snapshot()``, ``restore()``), as moto's
``/moto-api/reset``, LocalStack's chaos rules and WireMock's ``/__admin`` offer them:

- ``POST /_emulator/reset``: the state back to the data the emulator started from (the
  seed), fault rules and set answers removed, rate-limit windows emptied. Tokens stay valid.
- ``POST /_emulator/seed`` (a data document): added to the current data
  (``serving/merge.py``); answers the seeded users and resources, ids filled in.
- ``GET``/``POST``/``DELETE /_emulator/faults``, ``DELETE /_emulator/faults/{id}``: fault
  rules (``wire/fault_plan.py``, ``FaultRule``): ``{"operation_id": "boards_list",
  "probability": 1, "count": 2, "status": 503}`` or ``{"method": "GET", "path":
  "/v5/pins/{pin_id}", "delay_ms": 1500}``.
- ``GET /_emulator/answers``, ``PUT``/``DELETE /_emulator/answers/{operation_id}``: the
  answer of an operation synthesized from the description (Pinterest's own data: trends,
  keyword metrics, targeting options, audience sizing, ...), answered with its documented status.
- ``GET /_emulator/snapshot``: the state as a data document; ``POST /_emulator/restore``
  (such a document): the state replaced by it.
- ``GET /_emulator/state``: the state, app secrets shown as ``"***"`` unless ``?secrets=1``.

Guarded (:func:`refusal`): the ``Host`` header must name loopback (``localhost``,
``127.0.0.1``, ``[::1]``), the in-process host, or a name given with ``--allow-host``
(``allowed_hosts``), which stops DNS rebinding; with ``--control-token`` (``control_token``)
every request must carry it (``Authorization: Bearer`` or ``X-Emulator-Token``), without
it the peer must be on loopback. Writes must be ``application/json`` and carry no foreign
``Origin``, so a web page cannot send one from a browser (a cross-site JSON request needs a
preflight the emulator never grants).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pinterest_tools.emulator.auth.apps import LOOPBACK_HOSTS
from pinterest_tools.emulator.core.hosts import host_allowed
from pinterest_tools.emulator.core.services import Services, services_of
from pinterest_tools.emulator.serving import data_file
from pinterest_tools.emulator.serving.merge import replace_state, seed

PREFIX = "/_emulator"
HIDDEN = "***"


def same_origin(request: Request) -> bool:
    """No ``Origin`` (not a browser's cross-site request), or the emulator's own."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")


def refusal(request: Request, *, write: bool) -> Response | None:
    """Why the control plane refuses ``request``, as the answer to send; None when it may go on."""
    services = services_of(request)
    if not host_allowed(services, request.headers.get("host", "")):
        return _error(403, "Host not allowed: use a loopback name, or start the emulator with --allow-host NAME")
    token = services.settings.control_token
    if token is not None:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        given = value.strip() if scheme.lower() == "bearer" else request.headers.get("x-emulator-token", "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return _error(401, "The control plane needs the emulator's control token (--control-token).")
    elif (request.client.host if request.client else "") not in LOOPBACK_HOSTS:
        return _error(403, "The control plane answers loopback peers only, unless started with --control-token.")
    if write and not same_origin(request):
        return _error(403, "Cross-origin requests to the control plane are refused.")
    if write and request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _error(415, "Send the control plane JSON (Content-Type: application/json).")
    return None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"code": status, "message": message}, status)


async def _json(request: Request) -> Any:
    try:
        return json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"the body is not JSON: {error}") from None


Handler = Callable[[Request, Services], Awaitable[Response]]


def guarded(handler: Handler, *, write: bool) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        refused = refusal(request, write=write)
        if refused is not None:
            return refused
        try:
            return await handler(request, services_of(request))
        except (ValueError, data_file.DataFileError) as error:
            return _error(400, str(error))

    endpoint.__name__ = handler.__name__
    return endpoint


# The operations, each usable in process (the handle) and over HTTP (the routes below).


def reset(services: Services, start: dict[str, Any]) -> None:
    """Back to ``start`` (the data it started from): state, fault rules, set answers, rate-limit windows."""
    replace_state(services.state, data_file.load(start))
    services.fault_rules.clear()
    services.answers.clear()
    services.limits.reset()


def set_answer(services: Services, operation_id: str, body: Any) -> None:
    """Answer ``body`` for a v5 operation synthesized from the description; ValueError for any other."""
    from pinterest_tools.emulator.serving.route_table import SYNTHESIZED, rows

    synthesized = {row.operation_id for row in rows() if row.api == "v5" and row.answer == SYNTHESIZED}
    if operation_id not in synthesized:
        raise ValueError(
            f"{operation_id!r} is not an operation answered from the description alone"
            " (trends, keyword metrics, targeting, audience sizing, ...): its answers come from the state"
        )
    services.answers[operation_id] = body


def shown_state(services: Services, with_secrets: bool) -> dict[str, Any]:
    document = data_file.dump(services.state)
    if not with_secrets:
        for app in document.get("apps", []):
            app["secret"] = HIDDEN
    return document


async def _reset(request: Request, services: Services) -> Response:
    reset(services, services.start_document)
    return JSONResponse({"reset": True})


async def _seed(request: Request, services: Services) -> Response:
    document = await _json(request)
    if not isinstance(document, dict):
        raise ValueError("seed: a data document (an object with users, apps, resources, ...)")
    return JSONResponse(seed(services.state, document))


async def _faults(request: Request, services: Services) -> Response:
    return JSONResponse(services.fault_rules.listed())


async def _add_fault(request: Request, services: Services) -> Response:
    return JSONResponse(services.fault_rules.add(await _json(request)).as_json(), 201)


async def _clear_faults(request: Request, services: Services) -> Response:
    services.fault_rules.clear()
    return Response(status_code=204)


async def _remove_fault(request: Request, services: Services) -> Response:
    if not services.fault_rules.remove(request.path_params["rule_id"]):
        return _error(404, f"no fault rule {request.path_params['rule_id']}")
    return Response(status_code=204)


async def _answers(request: Request, services: Services) -> Response:
    return JSONResponse(dict(services.answers))


async def _set_answer(request: Request, services: Services) -> Response:
    set_answer(services, request.path_params["operation_id"], await _json(request))
    return JSONResponse({"operation_id": request.path_params["operation_id"]})


async def _clear_answer(request: Request, services: Services) -> Response:
    services.answers.pop(request.path_params["operation_id"], None)
    return Response(status_code=204)


async def _snapshot(request: Request, services: Services) -> Response:
    return JSONResponse(data_file.dump(services.state))


async def _restore(request: Request, services: Services) -> Response:
    replace_state(services.state, data_file.load(await _json(request)))
    return JSONResponse({"restored": True})


async def _state(request: Request, services: Services) -> Response:
    return JSONResponse(shown_state(services, request.query_params.get("secrets") in ("1", "true")))


def _route(path: str, handler: Handler, method: str) -> Route:
    return Route(PREFIX + path, guarded(handler, write=method != "GET"), methods=[method])


ROUTES = [
    _route("/state", _state, "GET"),
    _route("/reset", _reset, "POST"),
    _route("/seed", _seed, "POST"),
    _route("/faults", _faults, "GET"),
    _route("/faults", _add_fault, "POST"),
    _route("/faults", _clear_faults, "DELETE"),
    _route("/faults/{rule_id}", _remove_fault, "DELETE"),
    _route("/answers", _answers, "GET"),
    _route("/answers/{operation_id}", _set_answer, "PUT"),
    _route("/answers/{operation_id}", _clear_answer, "DELETE"),
    _route("/snapshot", _snapshot, "GET"),
    _route("/restore", _restore, "POST"),
]
