"""v5 user account: who the token belongs to."""

from __future__ import annotations

from starlette.responses import Response

from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.wire import render_v5
from pinterest_tools.emulator.wire.model_responses import model_response


def user_account_get(call: Call) -> Response:
    return model_response(render_v5.account(call.state, call.user))


ROUTES = [operation(V5, "user_account_get", user_account_get)]
