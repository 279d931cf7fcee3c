"""Each error class a caller catches, raised by the emulator's answer that stands for it.

The classes are imported from ``pinterest_tools`` itself, as a user's script does. Retries
are off (``max_retries=0``) so that each test sees the first answer; the emulator's
injected faults (``X-Emulator-Fault``) stand for what is not Pinterest's own answer: a
failing server, a dropped connection, a late answer.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from support.emulator import check_emulator

from pinterest_tools import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InsufficientScopeError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    Pinterest,
    QuotaExhaustedError,
    RateLimitError,
    UnprocessableEntityError,
)
from pinterest_tools.emulator.testing import start_emulator

FAULT = "X-Emulator-Fault"


def test_400_is_a_bad_request_error(facade_emulator: Any) -> None:
    with pytest.raises(BadRequestError) as info:
        facade_emulator.client(max_retries=0).boards.create(name="x" * 181)
    assert (info.value.status_code, info.value.code) == (400, 1)
    assert info.value.api_message == "name: must be at most 180 characters."


def test_401_is_an_authentication_error(facade_emulator: Any) -> None:
    with pytest.raises(AuthenticationError) as info:
        facade_emulator.client(token="pina_unknown", max_retries=0).user_account.get()
    assert type(info.value) is AuthenticationError
    assert (info.value.status_code, info.value.code, info.value.api_message) == (401, 2, "Authentication failed.")


def test_403_is_a_permission_denied_error_that_old_handlers_still_catch(facade_emulator: Any) -> None:
    client = facade_emulator.client(max_retries=0)
    me = client.user_account.get().id
    theirs = next(pin for pin in facade_emulator.state.pins.values() if pin.owner_id != me)
    with pytest.raises(AuthenticationError) as info:  # what a 0.1.0 handler of a 403 catches
        client.pins.delete(theirs.id)
    assert type(info.value) is PermissionDeniedError
    assert (info.value.status_code, info.value.api_message) == (403, "Not authorized to delete this pin.")


def test_a_missing_scope_is_caught_as_permission_denied_and_as_authentication(facade_emulator: Any) -> None:
    client = facade_emulator.client(scopes=["pins:read"], max_retries=0)
    with pytest.raises(PermissionDeniedError) as info:
        client.boards.list().first_page()
    assert type(info.value) is InsufficientScopeError and isinstance(info.value, AuthenticationError)
    assert (info.value.status_code, info.value.code, info.value.missing_scopes) == (401, 3, ("boards:read",))


def test_404_is_a_not_found_error(facade_emulator: Any) -> None:
    with pytest.raises(NotFoundError) as info:
        facade_emulator.client(max_retries=0).pins.get("999999999")
    assert (info.value.status_code, info.value.code, info.value.api_message) == (404, 50, "Pin not found.")


def test_409_is_a_conflict_error(facade_emulator: Any) -> None:
    client = facade_emulator.client(max_retries=0)
    client.boards.create(name="Twice")
    with pytest.raises(ConflictError) as info:
        client.boards.create(name="Twice")
    assert info.value.status_code == 409
    assert info.value.api_message == "You already have a board named 'Twice'."


def test_429_is_a_rate_limit_error_and_a_spent_quota_its_subclass() -> None:
    with start_emulator("inprocess", record=True, rate_limit="2/60") as emu:
        client = emu.client(max_retries=0).with_options(pacing=False)  # paced, it would wait for the window
        client.user_account.get()
        client.user_account.get()
        with pytest.raises(RateLimitError) as info:
            client.user_account.get()
        check_emulator(emu)
    assert type(info.value) is RateLimitError
    assert (info.value.status_code, info.value.code, info.value.retry_after) == (429, 429, 60.0)
    with start_emulator("inprocess", record=True, daily_quota=1) as emu:
        client = emu.client(max_retries=0)
        client.user_account.get()
        with pytest.raises(RateLimitError) as quota:
            client.user_account.get()
        check_emulator(emu)
    assert type(quota.value) is QuotaExhaustedError and (quota.value.status_code, quota.value.code) == (429, 8)


@pytest.mark.parametrize(("fault", "code"), [("500", 12), ("502", None), ("503", 21)])
def test_5xx_is_an_internal_server_error(facade_emulator: Any, fault: str, code: int | None) -> None:
    with pytest.raises(InternalServerError) as info:
        facade_emulator.client(max_retries=0).user_account.get(extra_headers={FAULT: fault})
    assert (info.value.status_code, info.value.code) == (int(fault), code)


def test_a_late_answer_is_an_api_timeout_error(facade_emulator: Any) -> None:
    client = facade_emulator.client(max_retries=0, timeout=30)
    with pytest.raises(ApiConnectionError) as info:  # what a 0.1.0 handler of a timeout catches
        client.user_account.get(timeout=0.2, extra_headers={FAULT: "slow:2000"})
    assert type(info.value) is ApiTimeoutError
    assert "timed out (ReadTimeout" in info.value.message
    assert client.user_account.get().username  # the client goes on working


def test_a_dropped_connection_is_an_api_connection_error(facade_emulator: Any) -> None:
    with pytest.raises(ApiConnectionError) as info:
        facade_emulator.client(max_retries=0).user_account.get(extra_headers={FAULT: "drop-before"})
    assert type(info.value) is ApiConnectionError
    assert "connection failed (RemoteProtocolError" in info.value.message


def test_the_async_client_raises_the_same_classes(facade_emulator: Any) -> None:
    async def run() -> tuple[BaseException, BaseException]:
        async with facade_emulator.async_client(max_retries=0) as client:
            with pytest.raises(NotFoundError) as missing:
                await client.pins.get("999999999")
            with pytest.raises(ApiTimeoutError) as late:
                await client.user_account.get(timeout=0.2, extra_headers={FAULT: "slow:2000"})
        return missing.value, late.value

    missing, late = asyncio.run(run())
    assert isinstance(missing, ApiStatusError) and missing.status_code == 404
    assert "timed out" in str(late)


def test_422_is_an_unprocessable_entity_error() -> None:
    """The emulator answers no 422 (Pinterest's description has one for a catalog feed name already used)."""
    body = {"code": 4170, "message": "The feed name already exists."}
    transport = httpx.MockTransport(lambda request: httpx.Response(422, json=body))
    with (
        Pinterest("TOKEN", base_url="https://api.example.test", transport=transport, max_retries=0) as client,
        pytest.raises(UnprocessableEntityError) as info,
    ):
        client.user_account.get()
    assert (info.value.status_code, info.value.code, info.value.api_message) == (422, 4170, body["message"])
