"""Pacing: requests wait for room in their (token, rate-limit category) window instead of meeting a 429.

Against the emulator (a small global limit, its clock: no wall-clock sleeping) and against a
MockTransport that keeps one fixed window per category, as Pinterest does.
"""

from __future__ import annotations

import asyncio
import math
import threading
from typing import Any

import httpx
import pytest

from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.errors import RateLimitError
from pinterest_tools.http.pacing import Budget, Pacer, operation_category
from pinterest_tools.http.retry import RetryPolicy
from pinterest_tools.http.transport import httpx_args


def statuses(emu: Any) -> list[int]:
    return [exchange.status for exchange in emu.exchanges]


# ---------------------------------------------------------------- against the emulator (its global limit)
def test_a_loop_of_reads_meets_no_429_when_paced_and_meets_them_when_not() -> None:
    with start_emulator("inprocess", record=True, rate_limit="5/10") as emu:
        with emu.client() as client:
            started = emu.clock.now()
            names = {client.user_account.get().username for _ in range(23)}
            waited = emu.clock.now() - started
        assert names == {"dexter_demo"}
        assert 429 not in statuses(emu) and len(statuses(emu)) == 23
        assert 40 <= waited <= 41  # 23 requests at 5 per 10 s: four windows waited out, each to its end
    with start_emulator("inprocess", record=True, rate_limit="5/10") as emu:
        with emu.client().with_options(pacing=False) as client:
            for _ in range(23):
                client.user_account.get()
        assert statuses(emu).count(429) >= 4 and statuses(emu).count(200) == 23


def test_a_loop_of_writes_meets_no_429_when_paced_and_meets_them_when_not() -> None:
    with start_emulator("inprocess", record=True, rate_limit="4/10") as emu:
        with emu.client() as client:
            board = client.boards.create(name="Paced")
            made = [
                client.pins.create(
                    board_id=board.id,
                    title=f"pin {i}",
                    media_source={"source_type": "image_url", "url": "https://example.com/a.jpg"},
                ).id
                for i in range(11)
            ]
        assert len(set(made)) == 11
        assert 429 not in statuses(emu)
    with start_emulator("inprocess", record=True, rate_limit="4/10") as emu:
        with pytest.raises(RateLimitError), emu.client(max_retries=0).with_options(pacing=False) as client:
            board = client.boards.create(name="Unpaced")
            for i in range(11):
                client.pins.create(
                    board_id=board.id,
                    title=f"pin {i}",
                    media_source={"source_type": "image_url", "url": "https://example.com/a.jpg"},
                )
        assert 429 in statuses(emu)


def test_async_tasks_share_the_budget_and_meet_no_429() -> None:
    with start_emulator("inprocess", record=True, rate_limit="6/10") as emu:

        async def main() -> list[str]:
            async with emu.async_client() as client:
                got = await asyncio.gather(*(client.user_account.get() for _ in range(20)))
                return [str(account.username) for account in got]

        assert asyncio.run(main()) == ["dexter_demo"] * 20
        assert 429 not in statuses(emu)


# ---------------------------------------------------------------- per category, against a double
class CategoryWindows:
    """A server double: one fixed window of ``limit`` requests per ``window`` s per category, on a fake clock."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.now = 0.0
        self.lock = threading.Lock()
        self.windows: dict[str, tuple[float, int]] = {}
        self.log: list[tuple[float, str, int]] = []

    def sleep(self, seconds: float) -> None:
        """Waits that overlap (threads, tasks) end together, as on a real clock."""
        with self.lock:
            self.now = max(self.now, self.now + seconds)

    def clock(self) -> float:
        return self.now

    def __call__(self, request: httpx.Request) -> httpx.Response:
        category = operation_category(5, request.method, request.url.path.removeprefix("/v5"))
        with self.lock:
            start, used = self.windows.get(category, (self.now, 0))
            if self.now >= start + self.window:
                start, used = self.now, 0
            allowed = used < self.limit
            used += allowed
            self.windows[category] = (start, used)
            reset = max(1, math.ceil(start + self.window - self.now))
            self.log.append((self.now, category, 200 if allowed else 429))
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.limit - used),
            "X-RateLimit-Reset": str(reset),
        }
        if not allowed:
            return httpx.Response(429, headers={**headers, "Retry-After": str(reset)}, json={"code": 429})
        body = {"items": [], "bookmark": None} if request.method == "GET" else {"id": "1"}
        return httpx.Response(200, headers=headers, json=body)


def paced_client(server: CategoryWindows, *, pacing: bool = True, documented: bool = False) -> httpx.Client:
    """An httpx client with this library's layers (hooks, retries, pacing) over ``server``, on its clock;
    its budgets start from the double's limits, or with ``documented`` from Pinterest's per-minute ones."""
    base = "http://127.0.0.1:9/v5"
    policy = RetryPolicy(clock=server.clock, sleep=server.sleep, max_attempts=1)
    pacer = Pacer(5, base, seeds=None if documented else {}) if pacing else None
    args = httpx_args(5, base, transport=httpx.MockTransport(server), retry=policy, pacer=pacer)
    return httpx.Client(base_url=base, headers={"Authorization": "Bearer token"}, **args)


def test_categories_do_not_wait_for_each_other() -> None:
    server = CategoryWindows(limit=5, window=10)
    with paced_client(server) as client:
        for _ in range(5):
            client.get("/ad_accounts/1/campaigns")  # ads_read: the window is spent
        client.post("/ad_accounts/1/campaigns", json=[])  # ads_write: its own window, no wait
        client.get("/boards")  # org_read: its own window
        assert server.now == 0
        client.get("/ad_accounts/1/campaigns")  # ads_read again: waits for its window's end
        assert server.now == 10
    assert [status for *_, status in server.log] == [200] * 8
    assert [category for _, category, _ in server.log] == ["ads_read"] * 5 + ["ads_write", "org_read", "ads_read"]


def test_without_pacing_the_same_job_meets_a_429() -> None:
    server = CategoryWindows(limit=5, window=10)
    with paced_client(server, pacing=False) as client, pytest.raises(RateLimitError):
        for _ in range(6):
            client.get("/ad_accounts/1/campaigns")
    assert [status for *_, status in server.log] == [200] * 5 + [429]


def test_threads_share_the_budgets_and_meet_no_429() -> None:
    server = CategoryWindows(limit=6, window=10)
    with paced_client(server) as client:

        def work() -> None:
            for _ in range(5):
                client.get("/ad_accounts/1/campaigns")

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [status for *_, status in server.log] == [200] * 20
    assert server.now >= 30  # 20 requests at 6 per 10 s: the fourth window at the earliest


@pytest.mark.parametrize("path", ["/ad_accounts/1/campaigns", "/ad_accounts/1/analytics?x=1"])
def test_a_window_shorter_than_the_documented_minute_is_learnt_from_the_first_answer(path: str) -> None:
    # ads_read and ads_analytics start from Pinterest's per-minute numbers; a server keeping
    # 2-second windows (the universal limit is per second; tests scale limits down) must be
    # paced by its own windows, not taken to answer late for a minute-long one.
    server = CategoryWindows(limit=3, window=2)
    with paced_client(server, documented=True) as client:
        for _ in range(20):
            client.get(path)
    assert [status for *_, status in server.log] == [200] * 20
    assert 12 <= server.now <= 14  # 20 requests at 3 per 2 s: the seventh window


def headers(remaining: int, reset: int) -> dict[str, str]:
    return {"x-ratelimit-limit": "10", "x-ratelimit-remaining": str(remaining), "x-ratelimit-reset": str(reset)}


def test_a_budget_keeps_back_what_is_in_flight_and_rolls_at_the_windows_end() -> None:
    budget = Budget(seed=None)
    assert budget.wait(0.0) == 0.0 and budget.wait(0.0) > 0  # no limit known yet: one goes first
    budget.settle(headers(9, 5), 1.0)
    assert (budget.remaining, budget.ends, budget.in_flight) == (9, 6.0, 0)
    assert [budget.wait(2.0) for _ in range(3)] == [0.0] * 3
    budget.settle(headers(6, 4), 2.0)  # the server counted all three; two are still in flight
    assert (budget.remaining, budget.ends, budget.in_flight) == (4, 6.0, 2)  # the two kept back
    assert [budget.wait(3.0) for _ in range(5)] == [0.0] * 4 + [3.0]  # then wait for the window's end
    assert budget.wait(6.0) == 0.0  # a new window: full, less the 6 in flight, less this one
    assert (budget.remaining, budget.in_flight) == (3, 7)


def test_a_budget_starts_from_pinterests_documented_limit() -> None:
    pacer = Pacer(5, "https://api.pinterest.com/v5")
    request = httpx.Request("GET", "https://api.pinterest.com/v5/ad_accounts/1/analytics")
    key = pacer.key(request)
    assert key[1] == "ads_analytics"
    assert [pacer.acquire(key, 0.0) for _ in range(300)] == [0.0] * 300
    assert pacer.acquire(key, 0.0) > 0  # 300 a minute before any answer said otherwise


def test_answers_without_rate_limit_headers_are_not_paced() -> None:
    pacer = Pacer(5, "")
    key = (0, "ads_read")
    for _ in range(1000):
        assert pacer.acquire(key, 0.0) == 0.0
    pacer.settle(key, {}, 0.0)
    assert all(pacer.acquire(key, 0.0) == 0.0 for _ in range(2000))


def test_the_async_transport_is_paced_too() -> None:
    server = CategoryWindows(limit=3, window=10)

    async def advance(seconds: float) -> None:
        server.sleep(seconds)

    async def main() -> None:
        base = "http://127.0.0.1:9/v5"
        policy = RetryPolicy(clock=server.clock, sleep=server.sleep, async_sleep=advance, max_attempts=1)
        args = httpx_args(5, base, transport=httpx.MockTransport(server), retry=policy, pacer=Pacer(5, base, seeds={}))
        async with httpx.AsyncClient(base_url=base, **args) as client:
            await asyncio.gather(*(client.get("/ad_accounts/1/campaigns") for _ in range(7)))

    asyncio.run(main())
    assert [status for *_, status in server.log] == [200] * 7
    assert server.now == 20


def test_a_window_that_ends_past_the_policys_longest_wait_is_not_waited_for() -> None:
    """A reset hours away (a spent daily quota) is the server's to report: the request goes, the 429 is raised."""
    server = CategoryWindows(limit=2, window=3600)
    with paced_client(server) as client, pytest.raises(RateLimitError):
        for _ in range(3):
            client.get("/ad_accounts/1/campaigns")
    assert server.now == 0
    assert [status for *_, status in server.log] == [200, 200, 429]


def test_pacing_is_a_constructor_and_with_options_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    from pinterest_tools.errors import UsageError
    from pinterest_tools.rest import Pinterest

    def pacer_of(client: Pinterest) -> Pacer | None:
        return client._http._transport.sync.retrier.pacer  # type: ignore[no-any-return]

    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    with Pinterest("token", base_url="http://127.0.0.1:9", transport=transport) as client:
        assert isinstance(pacer_of(client), Pacer)
        off = client.with_options(pacing=False)
        assert pacer_of(off) is None
        assert pacer_of(off.with_options(pacing=True)) is pacer_of(client)  # the family's one set of budgets
    with pytest.raises(UsageError, match="pacing must be True or False"):
        Pinterest("token", base_url="http://127.0.0.1:9", transport=transport, pacing="no")  # type: ignore[arg-type]
    monkeypatch.setenv("PINTEREST_PACING", "0")
    with Pinterest("token", base_url="http://127.0.0.1:9", transport=transport) as client:
        assert pacer_of(client) is None


def test_every_operation_is_found_in_its_category() -> None:
    """Each operation's path, with ids in it, is looked up to the category the description gives it."""
    import re

    from pinterest_api_v5.operations import OPERATIONS

    found = {
        op_id: operation_category(5, op.method, re.sub(r"\{[^}]+\}", "123", op.path))
        for op_id, op in OPERATIONS.items()
    }
    assert len(found) == 266 and found == {op_id: op.category for op_id, op in OPERATIONS.items()}
    assert operation_category(5, "GET", "/pins/123") == "org_read"
    assert operation_category(5, "GET", "/no/such/path") == ""
    assert operation_category(3, "GET", "/v3/pins/123/") == ""
