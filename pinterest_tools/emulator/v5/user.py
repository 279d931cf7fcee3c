"""v5 user account: who the token belongs to."""

from __future__ import annotations

from starlette.responses import Response

from ..serving.operation_routes import V5, Call, operation
from ..wire.model_responses import model_response
from . import render


def user_account_get(call: Call) -> Response:
    return model_response(render.account(call.state, call.user))


ROUTES = [operation(V5, "user_account_get", user_account_get)]
