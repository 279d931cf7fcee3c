"""The error tree and the defensive reading of error bodies, alone and through a generated call."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pinterest_api_v5.api.pins import pins_get
from support.core import Clock, FakePinterest, make_config

from pinterest_tools.connection import open_client
from pinterest_tools.errors import (
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
    PinterestError,
    QuotaExhaustedError,
    RateLimitError,
    SpamError,
    UnprocessableEntityError,
    UsageError,
    api_error,
)
from pinterest_tools.oauth.tokens import Token

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


def error(status: int, content: bytes, **kwargs: object) -> ApiStatusError:
    headers = {"x-pinterest-rid": "rid-42"}
    return api_error(status, content, headers, method="GET", path="/v5/pins/1", **kwargs)  # type: ignore[arg-type]


def test_tree() -> None:
    assert issubclass(QuotaExhaustedError, RateLimitError) and issubclass(SpamError, RateLimitError)
    assert issubclass(InsufficientScopeError, AuthenticationError)
    assert all(issubclass(c, ApiStatusError) for c in (AuthenticationError, NotFoundError, RateLimitError))
    assert issubclass(ApiStatusError, PinterestError)
    assert UsageError("x").exit_code == 2 and PinterestError("x").exit_code == 1


def test_the_classes_0_1_0_raised_still_catch_what_they_caught() -> None:
    # 0.1.0 raised AuthenticationError for 401 and 403 and ApiConnectionError for timeouts.
    assert PermissionDeniedError.__mro__[1] is AuthenticationError
    assert InsufficientScopeError.__mro__[1:3] == (PermissionDeniedError, AuthenticationError)
    assert ApiTimeoutError.__mro__[1] is ApiConnectionError
    direct = (BadRequestError, AuthenticationError, NotFoundError, ConflictError, UnprocessableEntityError)
    assert all(c.__mro__[1] is ApiStatusError for c in (*direct, RateLimitError, InternalServerError))


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, ApiStatusError),
        (409, ConflictError),
        (413, ApiStatusError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (501, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (599, InternalServerError),
    ],
)
def test_each_status_gets_its_class(status: int, kind: type[ApiStatusError]) -> None:
    exc = error(status, b'{"code": 1, "message": "No."}')
    assert type(exc) is kind
    assert (exc.status_code, exc.code, exc.api_message) == (status, 1, "No.")


@pytest.mark.parametrize("status", [400, 401, 403])
def test_pinterest_s_codes_decide_before_the_status(status: int) -> None:
    trial = error(status, b'{"code": 29, "message": "You are not permitted to access that resource."}')
    assert type(trial) is PermissionDeniedError and trial.status_code == status
    scope = error(status, b'{"code": 3, "message": "Authorization failed."}')
    assert type(scope) is InsufficientScopeError and scope.status_code == status


@pytest.mark.parametrize("content", [HTML_502, b"{}", b'{"code": 1, "mess', b"", b"[1, 2]", b"\xff\xfe"])
def test_any_body_gives_an_api_status_error(content: bytes) -> None:
    exc = error(502, content)
    assert type(exc) is InternalServerError
    assert exc.status_code == 502 and exc.request_id == "rid-42" and exc.code is None
    assert "GET /v5/pins/1 failed: HTTP 502" in exc.message


def test_pinterest_body_gives_code_and_message() -> None:
    exc = error(404, b'{"code": 50, "message": "Pin not found."}')
    assert isinstance(exc, NotFoundError)
    assert (exc.code, exc.body) == (50, {"code": 50, "message": "Pin not found."})
    assert exc.message == "GET /v5/pins/1 failed: Pin not found. (HTTP 404, code 50)"
    assert exc.api_message == "Pin not found."  # Pinterest's words alone, for printing beside status and code


def test_the_scope_error_keeps_pinterest_s_words() -> None:
    from pinterest_tools.errors import InsufficientScopeError, api_error

    exc = api_error(
        401,
        b'{"code": 3, "message": "Authorization failed."}',
        {},
        method="GET",
        path="/v5/boards",
        scopes=["boards:read"],
    )
    assert isinstance(exc, InsufficientScopeError)
    # the grant is unknown here: the call's scopes are named as needed, none as missing
    assert exc.api_message == "Authorization failed." and exc.scopes == ("boards:read",) and exc.missing_scopes == ()


def test_a_restricted_feature_is_its_own_error_naming_the_feature_and_standard_access() -> None:
    from pinterest_tools.errors import AuthenticationError, InsufficientScopeError, RestrictedFeatureError, api_error

    body = b'{"code": 3, "message": "restricted feature: pin_edit"}'
    exc = api_error(401, body, {}, method="PATCH", path="/v5/pins/1", scopes=["pins:write"])
    assert type(exc) is RestrictedFeatureError and isinstance(exc, AuthenticationError)
    assert not isinstance(exc, InsufficientScopeError)  # no scope fixes it: caught apart from scope errors
    assert (exc.status_code, exc.code, exc.feature) == (401, 3, "pin_edit")
    assert str(exc) == (
        "PATCH /v5/pins/1 failed: restricted feature: pin_edit (HTTP 401, code 3): pin_edit is a restricted feature"
        " that this app's access tier (Trial) does not allow; Standard access lifts it (apply in Pinterest's"
        " developer portal): no scope will help"
    )


def test_every_error_round_trips_through_pickle() -> None:
    import pickle

    from pinterest_tools.errors import (
        ApiConnectionError,
        ApiTimeoutError,
        InsufficientScopeError,
        QuotaExhaustedError,
        RateLimitError,
        RestrictedFeatureError,
        UsageError,
        api_error,
    )

    errors = [
        api_error(404, b'{"code": 50, "message": "No pin."}', {"x-pinterest-rid": "r1"}, method="GET", path="/p"),
        api_error(401, b'{"code": 3, "message": "restricted feature: pin_edit"}', {}, method="PATCH", path="/p"),
        api_error(401, b'{"code": 3, "message": "Nope."}', {}, method="GET", path="/b", scopes=["b:r"]),
        api_error(429, b"{}", {}, method="GET", path="/p", retry_after=2.5),
        api_error(429, b"{}", {}, method="GET", path="/p", retry_after=99999.0, resets_at=1_900_000_000.0),
        ApiTimeoutError("GET /p failed: timed out", hint="h"),
        ApiConnectionError("GET /p failed"),
        UsageError("bad"),
    ]
    kinds = [type(e) for e in errors]
    assert kinds[1:5] == [RestrictedFeatureError, InsufficientScopeError, RateLimitError, QuotaExhaustedError]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error) and copy.args == error.args
        assert vars(copy) == vars(error)
    assert pickle.loads(pickle.dumps(errors[0])).request_id == "r1"
    assert pickle.loads(pickle.dumps(errors[4])).resets_at == 1_900_000_000.0
    assert issubclass(ApiTimeoutError, ApiConnectionError)


@pytest.mark.parametrize(
    ("status", "content", "kind", "message"),
    [
        # Pinterest sends some error bodies without `code`: they keep their text.
        (500, b'{"message": "internal error"}', InternalServerError, "GET /v5/pins/1 failed: internal error"),
        (429, b'{"message_detail": "Spam"}', SpamError, "GET /v5/pins/1 failed: Spam"),
        (
            400,
            b'{"status": "failure", "message": "Invalid parameters.", "message_detail": "board_id is required"}',
            BadRequestError,
            "GET /v5/pins/1 failed: Invalid parameters. (board_id is required)",
        ),
        (503, b'{"status": 503, "detail": "try later"}', InternalServerError, "GET /v5/pins/1 failed: try later"),
        (
            502,
            b'{"status": "failure", "message": "   "}',
            InternalServerError,
            "GET /v5/pins/1 failed: HTTP 502 with no message",
        ),
    ],
)
def test_error_bodies_without_code_keep_their_best_message(
    status: int, content: bytes, kind: type[ApiStatusError], message: str
) -> None:
    exc = error(status, content)
    assert type(exc) is kind
    assert (exc.status_code, exc.code, exc.message) == (status, None, message)


def test_insufficient_scope_hint_names_the_scopes() -> None:
    body = b'{"code": 3, "message": "Your token does not have sufficient permissions"}'
    exc = error(401, body, scopes=("pins:read", "boards:read"))
    assert isinstance(exc, InsufficientScopeError)
    assert exc.scopes == ("pins:read", "boards:read")
    assert exc.hint is not None and "pins:read,boards:read" in exc.hint and "get_access_token" in exc.hint


def test_known_code_hints() -> None:
    trial = error(403, b'{"code": 29, "message": "You are not permitted to access that resource."}')
    assert isinstance(trial, AuthenticationError) and "--sandbox" in (trial.hint or "")
    assert type(trial) is PermissionDeniedError
    spam = error(429, b'{"code": 8, "message": "Request blocked", "message_detail": "Looks like spam"}')
    assert isinstance(spam, SpamError) and "spam" in (spam.hint or "")
    quota = error(429, b'{"code": 8, "message": "Limit exceeded"}', resets_at=1_700_000_000.0, retry_after=3600.0)
    assert isinstance(quota, QuotaExhaustedError)
    assert quota.resets_at == 1_700_000_000.0 and "2023-11-14 22:13:20 UTC" in (quota.hint or "")
    limited = error(429, b"", retry_after=2.0)
    assert type(limited) is RateLimitError and limited.retry_after == 2.0
    expired = error(401, b'{"code": 2, "message": "Authentication failed."}')
    assert type(expired) is AuthenticationError and "get_access_token" in (expired.hint or "")


@pytest.mark.parametrize(
    ("status", "content", "kind"),
    [(502, HTML_502, InternalServerError), (400, b"{}", BadRequestError), (404, b'{"code": 50, "mess', NotFoundError)],
)
def test_generated_call_raises_api_status_error_not_key_error(
    tmp_path: Path, status: int, content: bytes, kind: type[ApiStatusError]
) -> None:
    fake = FakePinterest().add("GET", "/v5/pins/1", httpx.Response(status, content=content))
    token = Token("access_token", "token-abcdef")
    client = open_client(make_config(tmp_path), token, transport=fake.transport, retry=Clock().policy())
    with client, pytest.raises(ApiStatusError) as info:
        pins_get.sync_detailed("1", client=client.v5)
    assert type(info.value) is kind and info.value.status_code == status
    assert "GET /v5/pins/1 failed" in info.value.message
