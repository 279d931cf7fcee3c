"""v3 ``PUT /v3/oauth/access_token/``: authorization code and refresh, in both of v3's layouts.

The documented reply has the token under ``data``; the quickstart read ``access_token`` and
``scope`` at the top level and the refresh token under ``data``. Both are sent (as the
hand-modeled description says). Clients may authenticate with Basic credentials or with
``client_id``/``client_secret`` fields; the fields may come as a form or as JSON.
"""

from __future__ import annotations

from pinterest_api_v3.models.oauth_token import OauthToken
from pinterest_api_v3.models.oauth_token_response import OauthTokenResponse
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.core.operation_routes import V3
from pinterest_tools.emulator.oauth_server import token_endpoint


def token_model(granted: token_endpoint.Granted, _now: float) -> OauthTokenResponse:
    access = granted.access
    scope = ",".join(sorted(access.scopes))
    data = OauthToken(
        access_token=access.value,
        expires_at=round(access.expires_at),
        consumer_id=access.app_id,
        token_type="bearer",
        authorized=True,
        scope=scope,
    )
    if granted.refresh is not None:
        data.refresh_token = granted.refresh.value
    return OauthTokenResponse(status="success", code=0, message="ok", access_token=access.value, scope=scope, data=data)


async def access_token(request: Request) -> Response:
    return await token_endpoint.token_endpoint(request, version=3, render=token_model)


ROUTES = [Route(V3.operations["oauth_token"].path, access_token, methods=["PUT"], name="v3_oauth_token")]
