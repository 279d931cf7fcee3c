"""Rate-limit headers on every response, the per-token burst limit and the daily quota."""

from __future__ import annotations

import httpx
import pytest
from support.emulator import http

from pinterest_tools.emulator.data.clock import Clock
from pinterest_tools.emulator.wire.rate_limits import (
    DEFAULT_RATE_LIMIT,
    Limits,
    Outcome,
    RateLimit,
    Verdict,
    Window,
    parse_rate_limit,
)

HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-pinterest-rid")


@pytest.mark.parametrize(
    ("text", "limit"),
    [("100/60", RateLimit(100, 60)), ("10/s", RateLimit(10, 1)), ("1000/min", RateLimit(1000, 60)),
     ("5000/h", RateLimit(5000, 3600)), ("2/5s", RateLimit(2, 5)), ("3 / 1.5", RateLimit(3, 1.5))],
)  # fmt: skip
def test_parse_rate_limit(text, limit):
    assert parse_rate_limit(text) == limit


@pytest.mark.parametrize("text", ["", "10", "0/60", "ten/s", "10/fortnight", "10/0"])
def test_parse_rate_limit_refuses_nonsense(text):
    with pytest.raises(ValueError):
        parse_rate_limit(text)


def test_every_api_response_carries_the_headers(emulator):
    with http(emulator) as api:
        responses = [api.get("/user_account"), api.get("/boards/1"), api.get("/nowhere")]
    responses.append(httpx.get(emulator.base_url + "/v5/user_account"))
    for response in responses:
        assert all(header in response.headers for header in HEADERS), response.request.url
    assert responses[0].headers["x-ratelimit-limit"] == str(DEFAULT_RATE_LIMIT.requests)
    assert int(responses[1].headers["x-ratelimit-remaining"]) == int(responses[0].headers["x-ratelimit-remaining"]) - 1
    assert "x-pinterest-rid" in httpx.get(emulator.base_url + "/oauth/?client_id=1").headers


def test_the_burst_limit_is_per_token_and_answers_429_with_retry_after(make_emulator):
    emu = make_emulator(rate_limit="3/10")
    with http(emu) as api, http(emu, user="penny_demo") as other:
        remaining = [api.get("/user_account").headers["x-ratelimit-remaining"] for _ in range(3)]
        assert remaining == ["2", "1", "0"]
        limited = api.get("/user_account")
        assert limited.status_code == 429 and limited.json()["code"] == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 10
        assert limited.headers["x-ratelimit-remaining"] == "0"
        assert other.get("/user_account").status_code == 200  # another token, another window
        emu.clock.advance(10)
        assert api.get("/user_account").status_code == 200


def test_the_daily_quota_is_per_app_with_code_8_and_a_reset_hours_away(make_emulator):
    emu = make_emulator(daily_quota=4)
    with http(emu) as api, http(emu, user="penny_demo") as other:
        assert [api.get("/user_account").status_code for _ in range(2)] == [200, 200]
        assert [other.get("/user_account").status_code for _ in range(2)] == [200, 200]
        spent = api.get("/user_account")
        assert spent.status_code == 429 and spent.json()["code"] == 8
        assert int(spent.headers["retry-after"]) > 3 * 3600
        assert int(spent.headers["x-ratelimit-reset"]) > 3 * 3600 and spent.headers["x-ratelimit-limit"] == "4"
        emu.clock.advance(24 * 3600)
        assert api.get("/user_account").status_code == 200


def test_limits_logic_without_a_server():
    clock = Clock()
    limits = Limits(clock, RateLimit(2, 60), daily_quota=3)
    outcomes = [limits.check("token:a", "app").outcome for _ in range(3)]
    assert outcomes == [Outcome.OK, Outcome.OK, Outcome.BURST]
    assert limits.check("token:b", "app").outcome is Outcome.OK
    verdict = limits.check("token:c", "app")
    assert verdict.outcome is Outcome.QUOTA and verdict.headers()["Retry-After"] == str(verdict.window.reset)
    assert limits.check("token:d", None).outcome is Outcome.OK  # unknown apps have no quota


@pytest.mark.parametrize("outcome", list(Outcome))
def test_raw_headers_are_the_headers_as_asgi_sends_them(outcome: Outcome) -> None:
    verdict = Verdict(outcome, Window(outcome is Outcome.OK, 60, 7, 42))
    assert verdict.raw_headers() == [(k.lower().encode(), v.encode()) for k, v in verdict.headers().items()]
