"""Routes for API operations, declared by operation id.

``operation(V5, "boards_get", handler)`` takes the method, the path and the required scopes
from the generated ``operations`` module, i.e. from the API description, so a route cannot
drift from the path it claims to serve or under-enforce its scopes. Before the handler
runs, the wrapper authenticates the bearer token (401, code 2), checks the scopes (401,
code 3) and the Trial-access rules (:func:`trial_refusal`) and parses the body; the handler
then runs under the state lock and returns a response or raises ``ApiError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pinterest_api_v3.operations import OPERATIONS as V3_OPERATIONS
from pinterest_api_v5.operations import OPERATIONS as V5_OPERATIONS
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.auth import scopes
from pinterest_tools.emulator.auth.tokens import AccessToken
from pinterest_tools.emulator.core.services import Services, services_of
from pinterest_tools.emulator.data.clock import Clock
from pinterest_tools.emulator.data.records import App, User
from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.wire.errors import (
    ApiError,
    error_response,
    insufficient_scope,
    invalid,
    not_permitted,
    unauthenticated,
)
from pinterest_tools.emulator.wire.exchanges import notes
from pinterest_tools.emulator.wire.request_bodies import read_body
from pinterest_tools.emulator.wire.request_fields import first_header


class OperationSpec(Protocol):
    """An entry of a generated ``operations.OPERATIONS`` (v5 and v3 each define the type)."""

    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def scopes(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class ApiVersion:
    """An API the emulator serves: where its paths live and where its operations come from."""

    version: int
    prefix: str  # v5 paths in the description lack "/v5"; v3 paths carry their own prefix
    operations: Mapping[str, OperationSpec]


V5 = ApiVersion(5, "/v5", V5_OPERATIONS)
V3 = ApiVersion(3, "", V3_OPERATIONS)


@dataclass(frozen=True, slots=True)
class Call:
    """What a handler gets: the request, the caller and the emulator's parts."""

    request: Request
    services: Services
    token: AccessToken
    user: User
    app: App
    body: Any  # parsed JSON (or form fields); None without a body

    @property
    def state(self) -> State:
        return self.services.state

    @property
    def clock(self) -> Clock:
        return self.services.clock

    @property
    def query(self) -> Mapping[str, str]:
        return self.request.query_params

    def query_list(self, name: str) -> list[str]:
        """A list parameter, sent repeated (``a=1&a=2``) or comma-separated (``a=1,2``), or both."""
        return [value for raw in self.request.query_params.getlist(name) for value in raw.split(",") if value]

    def path(self, name: str) -> str:
        value = self.request.path_params[name]
        assert isinstance(value, str)
        return value

    def object_body(self) -> dict[str, Any]:
        """The body, which must be a JSON object."""
        if not isinstance(self.body, dict):
            raise invalid("The request body must be a JSON object.")
        return self.body


Handler = Callable[[Call], Response]

# Set in the scope (by ``serving/sandbox_middleware.py``) when a request is served as Pinterest's
# API sandbox would serve it: ``--sandbox``, or a path under the sandbox base path.
SANDBOX_KEY = "pinterest_tools.emulator.sandbox"

TRIAL_PIN_CREATE = (
    "Apps with Trial access may not create Pins in production https://api.pinterest.com"
    " - use API Sandbox https://api-sandbox.pinterest.com instead."
)


def in_sandbox(request: Request) -> bool:
    return bool(request.scope.get(SANDBOX_KEY))


def trial_refusal(api: ApiVersion, operation_id: str, method: str, sandbox: bool) -> ApiError | None:
    """What the live API answers an app with Trial access, per operation (None: served as for Standard).

    As users measured it on the live v5 API in 2026: boards (and everything else measured)
    are writable; creating a Pin is refused with 403 code 29 and the message above (the
    sandbox accepts it); editing a Pin is 401 code 3 "restricted feature: pin_edit"; the
    partner Pin search is 401 code 3 "restricted feature: pin_search". v3 has no access
    tiers: a trial app there keeps the emulator's earlier rule, every write refused with 403
    code 29.
    """
    if api.version != 5:
        return not_permitted() if method != "GET" else None
    if operation_id == "pins_create" and not sandbox:
        return ApiError(403, 29, TRIAL_PIN_CREATE)
    if operation_id == "pins_update":
        return ApiError(401, 3, "restricted feature: pin_edit")
    if operation_id == "search_partner_pins":
        return ApiError(401, 3, "restricted feature: pin_search")
    return None


def bearer(request: Request) -> str | None:
    """The bearer token of the request's (first) ``Authorization`` header (None without one)."""
    scheme, _, value = (first_header(request.scope, b"authorization") or "").partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


# The request's bearer token and what the token store holds for it, looked up once per
# request: the rate limits need the caller before the route runs, the route needs it again.
_CALLER_KEY = "pinterest_tools.emulator.caller"


def caller_token(request: Request, services: Services) -> tuple[str | None, AccessToken | None]:
    """The request's bearer token and the stored token it names (None: no token, or unknown)."""
    found: tuple[str | None, AccessToken | None] | None = request.scope.get(_CALLER_KEY)
    if found is None:
        value = bearer(request)
        found = request.scope[_CALLER_KEY] = (value, services.tokens.find(value) if value else None)
    return found


def authenticate(request: Request, services: Services, version: int) -> AccessToken:
    """The caller's token if it is live and of ``version``; 401 (code 2) otherwise."""
    token = caller_token(request, services)[1]
    if token is None or token.expired(services.clock.now()) or token.version != version:
        raise unauthenticated()
    return token


def operation(api: ApiVersion, operation_id: str, handler: Handler, *, delete_body: bool = False) -> Route:
    """A Starlette route serving one operation of ``api`` with ``handler``.

    POST, PUT and PATCH bodies are parsed; a DELETE's only with ``delete_body`` (the
    operations whose description documents one), so other DELETEs ignore a body as before.
    """
    spec = api.operations[operation_id]

    async def endpoint(request: Request) -> Response:
        notes(request.scope).operation_id = operation_id
        services = services_of(request)
        try:
            token = authenticate(request, services, api.version)
            if scopes.missing(token.scopes, spec.scopes, api.version):
                raise insufficient_scope()
            state = services.state
            app = state.apps.get(token.app_id)
            user = state.users.get(token.user_id)
            if app is None or user is None:
                raise unauthenticated()
            if app.trial:
                refusal = trial_refusal(api, operation_id, spec.method, in_sandbox(request))
                if refusal is not None:
                    raise refusal
            with_body = spec.method in ("POST", "PUT", "PATCH") or (delete_body and spec.method == "DELETE")
            body = await read_body(request) if with_body else None
            with state.lock:
                return handler(Call(request, services, token, user, app, body))
        except ApiError as error:
            return error_response(request.url.path, error)

    endpoint.__name__ = operation_id
    return Route(api.prefix + spec.path, endpoint, methods=[spec.method], name=operation_id)
