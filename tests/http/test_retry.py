"""The retry layer: Retry-After forms, rate-limit resets, backoff bounds, unsafe methods, quota, limits."""

from __future__ import annotations

import email.utils
from pathlib import Path

import httpx
import pytest
from pinterest_api_v5.api.user_account import user_account_get
from support.core import Clock, FakePinterest, make_config, user_account

from pinterest_tools.cli.adapter import api_for
from pinterest_tools.connection import open_client
from pinterest_tools.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    InvalidResponseError,
    QuotaExhaustedError,
    RateLimitError,
    SpamError,
)
from pinterest_tools.http.ratelimit import server_wait
from pinterest_tools.http.retry import AsyncRetryTransport, RateLimitStatus, RetryPolicy, RetryTransport

URL = "https://api.test/v5/pins"


def send(fake: FakePinterest, clock: Clock, method: str = "GET", **policy: object) -> httpx.Response:
    transport = RetryTransport(fake.transport, policy=clock.policy(**policy))
    with httpx.Client(transport=transport) as client:
        return client.request(method, URL, json={} if method == "POST" else None)


def test_retry_after_in_seconds() -> None:
    clock = Clock()
    fake = FakePinterest().add(
        "GET", "/v5/pins", httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200)
    )
    assert send(fake, clock).status_code == 200
    assert clock.sleeps == [7.0]


def test_retry_after_as_http_date() -> None:
    clock = Clock()
    date = email.utils.formatdate(clock.now + 30, usegmt=True)
    fake = FakePinterest().add(
        "GET", "/v5/pins", httpx.Response(429, headers={"Retry-After": date}), httpx.Response(200)
    )
    assert send(fake, clock).status_code == 200
    assert clock.sleeps == [30.0]


@pytest.mark.parametrize(
    ("header", "value", "wait"), [("X-RateLimit-Reset", "12", 12.0), ("X-RateLimit-Reset", "0", 0.0)]
)
def test_rate_limit_reset_in_seconds(header: str, value: str, wait: float) -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", httpx.Response(429, headers={header: value}), httpx.Response(200))
    send(fake, clock)
    assert clock.sleeps == [wait]


def test_rate_limit_reset_as_epoch_time_and_v3_header() -> None:
    now = 1_700_000_000.0
    assert server_wait({"x-ratelimit-reset": str(int(now) + 45)}, now) == 45.0
    assert server_wait({"x-userendpoint-ratelimit-reset-seconds": "9"}, now) == 9.0
    assert server_wait({"retry-after": "garbage"}, now) is None
    assert server_wait({}, now) is None


def test_backoff_cap_and_jitter_bounds() -> None:
    exact = RetryPolicy(backoff_base=1, backoff_cap=8, jitter=0.25, random=lambda: 0.0)
    assert [exact.backoff(n) for n in range(1, 8)] == [1, 2, 4, 8, 8, 8, 8]
    most = RetryPolicy(backoff_base=1, backoff_cap=8, jitter=0.25, random=lambda: 0.999999)
    assert most.backoff(10) == pytest.approx(6.0, abs=1e-4)
    import random

    rng = random.Random(1)
    policy = RetryPolicy(backoff_base=0.5, backoff_cap=10, jitter=0.3, random=rng.random)
    for failures in range(1, 12):
        delay = min(10, 0.5 * 2 ** (failures - 1))
        for _ in range(50):
            assert 0.7 * delay <= policy.backoff(failures) <= delay <= 10


def test_server_errors_are_retried_for_get_with_backoff() -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", httpx.Response(503), httpx.Response(502), httpx.Response(200))
    assert send(fake, clock).status_code == 200
    assert clock.sleeps == [0.875, 1.75]  # base 1 and 2, minus half of the 25 % jitter
    assert len(fake.requests) == 3


def test_post_is_not_retried_after_a_read_timeout() -> None:
    clock = Clock()
    fake = FakePinterest().add("POST", "/v5/pins", httpx.ReadTimeout("slow"), httpx.Response(201))
    with pytest.raises(ApiTimeoutError) as info:
        send(fake, clock, "POST")
    assert len(fake.requests) == 1 and clock.sleeps == []
    assert "timed out" in info.value.message and "may have acted" in (info.value.hint or "")


def test_post_is_not_retried_after_a_server_error() -> None:
    fake = FakePinterest().add("POST", "/v5/pins", httpx.Response(503), httpx.Response(201))
    assert send(fake, Clock(), "POST").status_code == 503
    assert len(fake.requests) == 1


def test_post_is_retried_when_the_server_cannot_have_acted() -> None:
    clock = Clock()
    fake = FakePinterest().add(
        "POST",
        "/v5/pins",
        httpx.ConnectError("refused"),
        httpx.Response(429, headers={"Retry-After": "1"}),
        httpx.Response(201),
    )
    assert send(fake, clock, "POST").status_code == 201
    assert len(fake.requests) == 3 and clock.sleeps == [0.875, 1.0]
    assert all(r.content == b"{}" for r in fake.requests)  # the body is sent again


def test_get_read_timeout_is_retried_then_gives_up() -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", httpx.ReadTimeout("slow"))
    with pytest.raises(ApiTimeoutError, match="attempt 3"):
        send(fake, clock, max_attempts=3)
    assert len(fake.requests) == 3


@pytest.mark.parametrize("failure", [httpx.ConnectTimeout("slow"), httpx.PoolTimeout("busy"), httpx.WriteTimeout("x")])
def test_every_timeout_becomes_an_api_timeout_error(failure: httpx.TimeoutException) -> None:
    fake = FakePinterest().add("GET", "/v5/pins", failure)
    with pytest.raises(ApiTimeoutError, match=f"timed out \\({type(failure).__name__}"):
        send(fake, Clock(), max_attempts=2)
    assert len(fake.requests) == 2


def test_a_refused_connection_is_no_timeout() -> None:
    fake = FakePinterest().add("GET", "/v5/pins", httpx.ConnectError("refused"))
    with pytest.raises(ApiConnectionError, match="connection failed") as info:
        send(fake, Clock(), max_attempts=2)
    assert type(info.value) is ApiConnectionError


def test_attempt_limit_then_rate_limit_error(tmp_path: Path) -> None:
    clock = Clock()
    fake = FakePinterest().add(
        "GET",
        "/v5/user_account",
        httpx.Response(429, headers={"Retry-After": "1"}, json={"code": 8, "message": "Limit"}),
    )
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=clock.policy(max_attempts=4))
    with client, pytest.raises(RateLimitError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert type(info.value) is RateLimitError and info.value.retry_after == 1.0
    assert len(fake.requests) == 4 and clock.sleeps == [1.0, 1.0, 1.0]


def test_daily_quota_raises_at_once_with_the_reset_time(tmp_path: Path) -> None:
    clock = Clock()
    reset = int(clock.now) + 6 * 3600
    reply = httpx.Response(
        429, headers={"X-RateLimit-Reset": str(reset)}, json={"code": 8, "message": "Limit exceeded"}
    )
    fake = FakePinterest().add("GET", "/v5/user_account", reply)
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=clock.policy())
    with client, pytest.raises(QuotaExhaustedError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert len(fake.requests) == 1 and clock.sleeps == []
    assert info.value.resets_at == reset and info.value.code == 8
    assert "resets at 2023-11-15 04:13:20 UTC" in (info.value.hint or "")


def test_spam_is_never_retried(tmp_path: Path) -> None:
    reply = httpx.Response(429, json={"code": 8, "message": "Blocked", "message_detail": "This looks like spam"})
    fake = FakePinterest().add("GET", "/v5/user_account", reply)
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=Clock().policy())
    with client, pytest.raises(SpamError):
        user_account_get.sync_detailed(client=client.v5)
    assert len(fake.requests) == 1


def test_server_error_surfaces_as_api_status_error_after_retries(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/user_account", httpx.Response(500, text="oops"))
    client = open_client(
        make_config(tmp_path), _token(), transport=fake.transport, retry=Clock().policy(max_attempts=2)
    )
    with client, pytest.raises(ApiStatusError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert info.value.status_code == 500 and len(fake.requests) == 2


def test_rate_limit_values_are_readable(tmp_path: Path) -> None:
    headers = {"X-RateLimit-Limit": "1000, 1000;w=86400", "X-RateLimit-Remaining": "998", "X-RateLimit-Reset": "3600"}
    fake = FakePinterest().add("GET", "/v5/user_account", httpx.Response(200, json={"username": "u"}, headers=headers))
    with open_client(make_config(tmp_path), _token(), transport=fake.transport) as client:
        user_account_get.sync_detailed(client=client.v5)
        assert (client.rate_limit.limit, client.rate_limit.remaining, client.rate_limit.reset) == (1000, 998, 3600.0)
    status = RateLimitStatus()
    status.update({"x-userendpoint-ratelimit-limit": "60", "x-userendpoint-ratelimit-remaining": "3"}, 0.0)
    assert (status.limit, status.remaining, status.reset) == (60, 3, None)


@pytest.mark.anyio
async def test_async_transport_retries_the_same_way() -> None:
    clock = Clock()
    fake = FakePinterest().add(
        "GET",
        "/v5/pins",
        httpx.ConnectError("x"),
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(200),
    )
    transport = AsyncRetryTransport(fake.transport, policy=clock.policy())
    async with httpx.AsyncClient(transport=transport) as client:
        assert (await client.get(URL)).status_code == 200
    assert clock.sleeps == [0.875, 3.0]


@pytest.mark.anyio
async def test_async_generated_call_gets_errors_and_retries(tmp_path: Path) -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/user_account", httpx.Response(503), user_account())
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=clock.policy())
    async with client:
        response = await user_account_get.asyncio_detailed(client=client.v5)
    assert response.status_code == 200 and clock.sleeps == [0.875]
    fake = FakePinterest().add(
        "GET", "/v5/user_account", httpx.Response(404, json={"code": 30, "message": "User not found."})
    )
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=clock.policy())
    async with client:
        with pytest.raises(ApiStatusError, match="User not found"):
            await user_account_get.asyncio_detailed(client=client.v5)


def _token():
    from pinterest_tools.oauth.tokens import Token

    return Token("access_token", "access-token-123")


# ---------------------------------------------------------------- answers that cannot be read
PAGE = {"items": [{"id": "1"}], "bookmark": None}
CUT_SHORT = httpx.Response(200, headers={"content-type": "application/json"}, content=b'{"items": [{"id": "1"')


class BreaksOff(httpx.SyncByteStream):
    """A body that announces more bytes than arrive (the connection drops mid-answer)."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield b'{"items": ['
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


def test_a_read_whose_json_is_cut_short_is_retried_with_backoff() -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", CUT_SHORT, CUT_SHORT, httpx.Response(200, json=PAGE))
    response = send(fake, clock)
    assert response.json() == PAGE and len(fake.requests) == 3
    assert clock.sleeps == [0.875, 1.75]  # the same backoff as a 5xx


def test_a_read_that_stays_cut_short_is_handed_up_after_the_last_attempt(tmp_path: Path) -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", CUT_SHORT)
    response = send(fake, clock, max_attempts=3)
    assert response.content == CUT_SHORT.content and len(fake.requests) == 3 and len(clock.sleeps) == 2
    fake = FakePinterest().add("GET", "/v5/user_account", CUT_SHORT)
    client = open_client(make_config(tmp_path), _token(), transport=fake.transport, retry=clock.policy(max_attempts=2))
    with client, pytest.raises(InvalidResponseError, match="could not be read"):
        api_for(client).user()
    assert len(fake.requests) == 2


def test_a_read_whose_body_breaks_off_is_retried() -> None:
    clock = Clock()

    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=BreaksOff())

    fake = FakePinterest().add("GET", "/v5/pins", broken, httpx.Response(200, json=PAGE))
    assert send(fake, clock).json() == PAGE and len(fake.requests) == 2 and clock.sleeps == [0.875]
    fake = FakePinterest().add("GET", "/v5/pins", broken)
    with pytest.raises(ApiConnectionError, match=r"RemoteProtocolError.*attempt 2") as info:
        send(fake, Clock(), max_attempts=2)
    assert type(info.value) is ApiConnectionError


@pytest.mark.parametrize(
    ("method", "reply"),
    [
        ("POST", CUT_SHORT),  # the server acted: repeating would create twice
        ("DELETE", CUT_SHORT),  # repeating a delete that happened answers 404
        ("GET", httpx.Response(200, headers={"content-type": "text/csv"}, content=b'"a,b')),  # not JSON to check
        ("GET", httpx.Response(200, headers={"content-type": "application/json"}, content=b'{"a": 1}')),
    ],
    ids=["post", "delete", "csv", "whole"],
)
def test_only_reads_with_a_broken_json_answer_are_repeated(method: str, reply: httpx.Response) -> None:
    fake = FakePinterest().add(method, "/v5/pins", reply, httpx.Response(200, json=PAGE))
    assert send(fake, Clock(), method).content == reply.content and len(fake.requests) == 1


def test_a_large_answer_is_left_to_stream_unread() -> None:
    size = 9 * 1024 * 1024
    headers = {"content-type": "application/json", "content-length": str(size)}
    fake = FakePinterest().add(
        "GET", "/v5/pins", lambda request: httpx.Response(200, headers=headers, stream=httpx.ByteStream(b"[" * size))
    )
    transport = RetryTransport(fake.transport, policy=Clock().policy())
    with httpx.Client(transport=transport) as client, client.stream("GET", URL) as response:
        assert not hasattr(response, "_content")  # not read by the retry layer
        assert len(response.read()) == size
    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_async_reads_cut_short_are_retried_the_same_way() -> None:
    clock = Clock()
    fake = FakePinterest().add("GET", "/v5/pins", CUT_SHORT, httpx.Response(200, json=PAGE))
    transport = AsyncRetryTransport(fake.transport, policy=clock.policy())
    async with httpx.AsyncClient(transport=transport) as client:
        assert (await client.get(URL)).json() == PAGE
    assert clock.sleeps == [0.875] and len(fake.requests) == 2


def test_a_checked_json_answer_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The retry layer parses a read's JSON to see it is whole; the caller's response.json() reuses that parse."""
    import json as json_module

    from pinterest_tools.http import retry

    calls: list[bytes] = []
    real_loads = json_module.loads

    def counting_loads(text: str | bytes, **kwargs: object) -> object:
        calls.append(text if isinstance(text, bytes) else text.encode())
        return real_loads(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retry.json, "loads", counting_loads)
    body = {"items": [{"id": "1"}], "bookmark": None}
    inner = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with httpx.Client(transport=RetryTransport(inner), base_url="http://127.0.0.1:9") as client:
        response = client.get("/v5/pins")
        first = response.json()
        assert first == body and len(calls) == 1  # the retry layer's parse, handed over
        again = response.json()
        assert again == body and again is not first  # handed over once, then not kept alive by the response


def test_an_error_body_that_breaks_off_in_the_hook_is_an_api_connection_error_for_any_client() -> None:
    """The generated clients (the commands) get the same typed error as the facade, not httpx.ReadError."""
    from collections.abc import Iterator

    from pinterest_tools.errors import ApiConnectionError
    from pinterest_tools.http.transport import httpx_args

    class Breaks(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b'{"code": '
            raise httpx.ReadError("the connection broke")

    answer = httpx.MockTransport(lambda request: httpx.Response(500, stream=Breaks()))
    policy = RetryPolicy(max_attempts=1)
    args = httpx_args(5, "https://api.example.test/v5", transport=answer, retry=policy)
    with httpx.Client(**args) as client, pytest.raises(ApiConnectionError) as failed:
        client.post("https://api.example.test/v5/pins", json={})
    assert str(failed.value) == "POST /v5/pins failed: connection failed (ReadError: the connection broke)"
    assert failed.value.hint == "the server may have acted on it, so check before repeating the command"
