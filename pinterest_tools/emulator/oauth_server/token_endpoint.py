"""The token endpoint's rules, shared by v5 (``POST /v5/oauth/token``) and v3
(``PUT /v3/oauth/access_token/``): who the client is and what each grant yields.

Clients authenticate with ``Authorization: Basic base64(app_id:app_secret)``, the v5
description's only scheme; v3 also took ``client_id``/``client_secret`` form fields.
Failures are raised as ``ApiError``, so each endpoint answers them in its own API's envelope.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from pinterest_tools.emulator.auth import scopes
from pinterest_tools.emulator.auth.tokens import AccessToken, InvalidGrantError, RefreshToken
from pinterest_tools.emulator.core.services import Services, services_of
from pinterest_tools.emulator.data.records import App
from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import ApiError, error_response, invalid
from pinterest_tools.emulator.wire.exchanges import notes
from pinterest_tools.emulator.wire.model_responses import Model, model_response
from pinterest_tools.emulator.wire.request_bodies import read_body

GRANT_TYPES = {
    5: ("authorization_code", "refresh_token", "client_credentials"),
    3: ("authorization_code", "refresh_token"),
}


@dataclass(frozen=True, slots=True)
class Granted:
    grant_type: str
    access: AccessToken
    refresh: RefreshToken | None


def client_failed() -> ApiError:
    return ApiError(401, 2, "Authentication failed: invalid client credentials.")


def basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        app_id, _, secret = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return app_id, secret


def authenticate_client(request: Request, state: State, form: Mapping[str, str], *, version: int) -> App:
    credentials = basic_credentials(request)
    if credentials is None and version == 3:
        credentials = form.get("client_id", ""), form.get("client_secret", "")
    if credentials is None:
        raise client_failed()
    app = state.apps.get(credentials[0])
    if app is None or not credentials[1] or app.secret != credentials[1]:
        raise client_failed()
    return app


def _continuous(form: Mapping[str, str]) -> bool:
    """``continuous_refresh=true``, or the older ``refresh_on=true`` (Python clients send ``True``)."""
    return request_fields.flag(form, "continuous_refresh") or request_fields.flag(form, "refresh_on")


def grant(services: Services, app: App, form: Mapping[str, str], *, version: int) -> Granted:
    grant_type = request_fields.choice(form, "grant_type", GRANT_TYPES[version], "")
    tokens = services.tokens
    try:
        if grant_type == "authorization_code":
            code = tokens.redeem_code(
                request_fields.required_text(form, "code"),
                app_id=app.id,
                redirect_uri=request_fields.required_text(form, "redirect_uri"),
                version=version,
            )
            access = tokens.issue(app.id, code.user_id, code.scopes, version=version, grant=grant_type)
            refresh = tokens.issue_refresh(
                app.id, code.user_id, code.scopes, version=version, continuous=_continuous(form)
            )
            return Granted(grant_type, access, refresh)
        if grant_type == "refresh_token":
            requested = scopes.parse(form.get("scope")) or None
            access, refresh = tokens.refresh(
                request_fields.required_text(form, "refresh_token"),
                app_id=app.id,
                version=version,
                continuous=_continuous(form),
                scopes=requested,
            )
            return Granted(grant_type, access, refresh)
    except InvalidGrantError as error:
        raise invalid(str(error)) from None
    requested = scopes.parse(request_fields.required_text(form, "scope"))
    allowed = app.scopes if version == 5 else app.v3_scopes
    if not requested or (extra := [s for s in requested if s not in allowed]):
        raise invalid(f"scope: not granted to this app: {', '.join(extra) if requested else '(none)'}.")
    access = tokens.issue(app.id, app.owner_id, requested, version=version, grant=grant_type)
    return Granted(grant_type, access, None)


async def token_endpoint(request: Request, *, version: int, render: Callable[[Granted, float], Model]) -> Response:
    """Answer a token request of API ``version``, the token rendered by ``render(granted, now)``."""
    notes(request.scope).operation_id = "oauth_token"
    services = services_of(request)
    try:
        form_encoded = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
        if version == 5 and not form_encoded:
            raise invalid("The token request must be application/x-www-form-urlencoded.")
        body = await read_body(request) or {}
        if not isinstance(body, dict):
            raise invalid("The token request must be a set of fields.")
        form = {key: value for key, value in body.items() if isinstance(value, str)}
        with services.state.lock:
            app = authenticate_client(request, services.state, form, version=version)
            granted = grant(services, app, form, version=version)
    except ApiError as error:
        return error_response(request.url.path, error)
    return model_response(render(granted, services.clock.now()))
