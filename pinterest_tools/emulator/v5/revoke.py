"""v5 ``POST /v5/oauth/token/revoke``: an app revokes one of its access or refresh tokens.

Authenticated like the token endpoint (HTTP Basic with the app's id and secret, 401 code 2
otherwise). As RFC 7009 has it, an unknown token, or another app's, is answered 200 too,
so a caller cannot probe for tokens; a missing ``token`` field is a 400.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.core.operation_routes import V5
from pinterest_tools.emulator.core.services import services_of
from pinterest_tools.emulator.oauth_server import token_endpoint
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import ApiError, error_response
from pinterest_tools.emulator.wire.exchanges import notes
from pinterest_tools.emulator.wire.request_bodies import read_body


async def token_revoke(request: Request) -> Response:
    notes(request.scope).operation_id = "token_revoke"
    services = services_of(request)
    try:
        body = await read_body(request) or {}
        form = {key: value for key, value in body.items() if isinstance(value, str)} if isinstance(body, dict) else {}
        with services.state.lock:
            app = token_endpoint.authenticate_client(request, services.state, form, version=5)
            request_fields.choice(form, "token_type_hint", ("access_token", "refresh_token"), "access_token")
            services.tokens.revoke(request_fields.required_text(form, "token", min_length=1), app.id)
    except ApiError as error:
        return error_response(request.url.path, error)
    return Response(status_code=200)


ROUTES = [Route(V5.prefix + V5.operations["token_revoke"].path, token_revoke, methods=["POST"], name="token_revoke")]
