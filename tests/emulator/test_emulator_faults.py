"""Fault injection: each fault kind by header, random faults deterministic under a seed."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from support.emulator import http

from pinterest_tools.emulator.wire.fault_plan import RANDOM_FAULTS, Fault, FaultPlan, parse_fault, parse_kinds

HEADER = "X-Emulator-Fault"


def boards(emu, user="dexter_demo"):
    return [board.name for board in emu.state.boards_of(user)]


@pytest.mark.parametrize(("fault", "code"), [("500", 12), ("503", 21)])
def test_server_errors_answer_json_and_do_nothing(emulator, fault, code):
    with http(emulator) as api:
        response = api.post("/boards", json={"name": "Never"}, headers={HEADER: fault})
    assert response.status_code == int(fault) and response.json()["code"] == code
    assert "x-ratelimit-limit" in response.headers and "Never" not in boards(emulator)
    if fault == "503":
        assert response.headers["retry-after"] == "1"


def test_bad_gateway_is_an_html_page(emulator):
    with http(emulator) as api:
        response = api.get("/user_account", headers={HEADER: "502"})
    assert response.status_code == 502 and response.headers["content-type"].startswith("text/html")
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_drop_before_closes_the_connection_before_acting(emulator):
    with http(emulator) as api:
        with pytest.raises(httpx.RemoteProtocolError):
            api.post("/boards", json={"name": "Dropped"}, headers={HEADER: "drop-before"})
        assert api.get("/user_account").status_code == 200  # the client recovers on a new connection
    assert "Dropped" not in boards(emulator)
    assert [e.status for e in emulator.exchanges if e.fault] == [None]


def test_drop_after_acts_then_closes_the_connection(emulator):
    with http(emulator) as api, pytest.raises(httpx.RemoteProtocolError):
        api.post("/boards", json={"name": "Done anyway"}, headers={HEADER: "drop-after"})
    assert "Done anyway" in boards(emulator)


def test_slow_answers_late(emulator):
    with http(emulator) as api:
        started = time.monotonic()
        response = api.get("/user_account", headers={HEADER: "slow:300"})
        assert response.status_code == 200 and time.monotonic() - started >= 0.3
        with pytest.raises(httpx.ReadTimeout):
            api.get("/user_account", headers={HEADER: "slow:1000"}, timeout=0.2)


def test_truncate_acts_and_cuts_the_body_short(emulator):
    with http(emulator) as api:
        response = api.post("/boards", json={"name": "Half"}, headers={HEADER: "truncate"})
    assert response.status_code == 201 and "Half" in boards(emulator)
    with pytest.raises(json.JSONDecodeError):
        response.json()
    with http(emulator) as api:
        whole = api.get("/boards", params={"privacy": "PUBLIC", "page_size": 250}).json()["items"][-1]
    assert whole["name"] == "Half"
    assert len(response.content) == len(json.dumps(whole, separators=(",", ":"))) // 2


def test_expire_token_ends_the_token_for_good(emulator):
    with http(emulator) as api:
        assert api.get("/user_account", headers={HEADER: "expire-token"}).json()["code"] == 2
        assert api.get("/user_account").status_code == 401


def test_an_unknown_fault_is_a_400(emulator):
    with http(emulator) as api:
        response = api.get("/user_account", headers={HEADER: "gremlins"})
    assert response.status_code == 400 and "unknown fault" in response.json()["message"]


def test_latency_delays_every_api_response(make_emulator):
    emu = make_emulator(latency_ms=150)
    with http(emu) as api:
        started = time.monotonic()
        api.get("/user_account")
    assert time.monotonic() - started >= 0.15


def run_with_faults(emu, count=40):
    outcomes = []
    with http(emu) as api:
        for _ in range(count):
            try:
                response = api.get("/user_account", timeout=5)
                whole = response.status_code != 200 or response.content.endswith(b"}")
                outcomes.append(str(response.status_code) if whole else "cut")
            except httpx.HTTPError as error:
                outcomes.append(type(error).__name__)
    return outcomes


def test_random_faults_are_deterministic_under_a_seed(make_emulator):
    kinds = [Fault.ERROR_500, Fault.ERROR_503, Fault.DROP_BEFORE, Fault.TRUNCATE]
    first = run_with_faults(make_emulator(fault_rate=0.5, fault_seed=7, fault_kinds=kinds))
    second = run_with_faults(make_emulator(fault_rate=0.5, fault_seed=7, fault_kinds=kinds))
    other = run_with_faults(make_emulator(fault_rate=0.5, fault_seed=8, fault_kinds=kinds))
    assert first == second != other
    assert {"200", "500", "503", "RemoteProtocolError", "cut"} <= set(first)


def test_fault_plan_and_parsing():
    assert parse_fault("slow:250").delay_ms == 250 and parse_fault(" Drop-After ").fault is Fault.DROP_AFTER
    for bad in ("slow:x", "500:1", "nope"):
        with pytest.raises(ValueError):
            parse_fault(bad)
    assert parse_kinds("503, truncate") == (Fault.ERROR_503, Fault.TRUNCATE)
    assert Fault.EXPIRE_TOKEN not in RANDOM_FAULTS
    assert FaultPlan().choose(None) is None and FaultPlan(1.0, kinds=(Fault.SLOW,)).choose(None).fault is Fault.SLOW
    assert FaultPlan().choose("503").fault is Fault.ERROR_503
    with pytest.raises(ValueError):
        FaultPlan(1.5)


@pytest.mark.parametrize("fault", ["drop-before", "drop-after"])
def test_a_dropped_exchange_is_recorded_by_the_time_the_client_sees_the_close(emulator, fault):
    with http(emulator) as api:
        for count in range(1, 21):
            with pytest.raises(httpx.RemoteProtocolError):
                api.get("/user_account", headers={HEADER: fault})
            assert [e.status for e in emulator.exchanges] == [None] * count


@pytest.mark.parametrize("fault", ["drop-before", "drop-after"])
def test_a_drop_under_another_asgi_server_is_recorded_without_a_status(pinterest_emulator_inprocess, fault):
    """Served by a server that hands the app no transport (httpx's ASGITransport here), a drop breaks
    the answer off after a head; the exchange still says no answer came, not that head's 200."""
    import asyncio

    from pinterest_tools.emulator.serving.app import build_app

    emu = pinterest_emulator_inprocess

    async def call() -> None:
        transport = httpx.ASGITransport(app=build_app(emu.services))
        async with httpx.AsyncClient(transport=transport, base_url="http://emulator.invalid/v5") as client:
            with pytest.raises(ConnectionAbortedError):
                await client.get("/user_account", headers={"Authorization": f"Bearer {emu.token}", HEADER: fault})

    asyncio.run(call())
    assert [(e.status, e.fault) for e in emu.exchanges] == [(None, fault)]
    assert emu.services.failures == []
