"""v5 ``POST /v5/oauth/token``: authorization code, refresh (with rotation) and client credentials."""

from __future__ import annotations

from pinterest_api_v5.models.oauth_access_token_response_client_credentials import (
    OauthAccessTokenResponseClientCredentials,
)
from pinterest_api_v5.models.oauth_access_token_response_client_credentials_response_type import (
    OauthAccessTokenResponseClientCredentialsResponseType as ClientCredentialsType,
)
from pinterest_api_v5.models.oauth_access_token_response_code import OauthAccessTokenResponseCode
from pinterest_api_v5.models.oauth_access_token_response_code_response_type import (
    OauthAccessTokenResponseCodeResponseType as CodeType,
)
from pinterest_api_v5.models.oauth_access_token_response_refresh import OauthAccessTokenResponseRefresh
from pinterest_api_v5.models.oauth_access_token_response_refresh_response_type import (
    OauthAccessTokenResponseRefreshResponseType as RefreshType,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.core.operation_routes import V5
from pinterest_tools.emulator.oauth_server import token_endpoint
from pinterest_tools.emulator.wire.model_responses import Model


def _scope(granted: token_endpoint.Granted) -> str:
    return ",".join(sorted(granted.access.scopes))


def token_model(granted: token_endpoint.Granted, now: float) -> Model:
    access = granted.access
    expires_in = round(access.expires_at - now)
    refresh = granted.refresh
    if refresh is None:
        return OauthAccessTokenResponseClientCredentials(
            access_token=access.value,
            expires_in=expires_in,
            scope=_scope(granted),
            response_type=ClientCredentialsType.CLIENT_CREDENTIALS,
        )
    refresh_in, refresh_at = round(refresh.expires_at - now), round(refresh.expires_at)
    if granted.grant_type == "authorization_code":
        return OauthAccessTokenResponseCode(
            access_token=access.value,
            expires_in=expires_in,
            scope=_scope(granted),
            response_type=CodeType.AUTHORIZATION_CODE,
            refresh_token=refresh.value,
            refresh_token_expires_in=refresh_in,
            refresh_token_expires_at=refresh_at,
        )
    return OauthAccessTokenResponseRefresh(
        access_token=access.value,
        expires_in=expires_in,
        scope=_scope(granted),
        response_type=RefreshType.REFRESH_TOKEN,
        refresh_token=refresh.value,
        refresh_token_expires_in=refresh_in,
        refresh_token_expires_at=refresh_at,
    )


async def oauth_token(request: Request) -> Response:
    return await token_endpoint.token_endpoint(request, version=5, render=token_model)


ROUTES = [Route(V5.prefix + V5.operations["oauth_token"].path, oauth_token, methods=["POST"], name="oauth_token")]
