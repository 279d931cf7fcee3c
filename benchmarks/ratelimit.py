"""Bulk jobs at the rate limit: wall time against the ideal (requests ÷ allowed rate) and the 429s met.

The emulator runs in this process on 127.0.0.1 with its per-token limit at WINDOW (6 requests
per 1 s): the rate of Pinterest-like 60 per 10 s, in windows a tenth as long, so a window's
end is known to the nearest second as the headers give it and a job ends at most one short
window past the last full one. At 6 a second a job's length is set by its request count,
not by the window: 130 requests take about 22 s, 300 pins about 50 s.

- 130 sequential ``pins.get`` through the facade, paced (the default) and with
  ``pacing=False`` (the retry layer then waits out each 429's ``Retry-After``).
- ``copy_board`` of one board of 300 pins to another account, as a subprocess.
- A mixed ads job on one token: campaign reads, campaign updates and campaign analytics,
  one worker thread each sharing one client, against the emulator's per-category limits
  (``MIXED_LIMITS``: each category's own window, scaled down the same way). Its ideal is
  the longest category's requests ÷ that category's rate: categories never wait for each
  other, so the job takes as long as its busiest category.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Row, bench_env

WINDOW = "6/1s"
RATE = 6.0  # requests a second that WINDOW allows
GETS = 130
PINS = 300
# category -> (window, requests a second it allows, requests the mixed job sends in it):
# 20 s of work in each category at its own rate.
MIXED: dict[str, tuple[str, float, int]] = {
    "ads_read": ("6/1s", 6.0, 120),
    "ads_write": ("4/1s", 4.0, 80),
    "ads_analytics": ("2/1s", 2.0, 40),
}


def _throttled(emu: Any) -> int:
    return sum(1 for exchange in emu.exchanges if exchange.status == 429)


def sequential_gets(paced: bool) -> tuple[float, int, int]:
    """(seconds, 429s answered, requests) for GETS sequential pins.get at WINDOW."""
    from pinterest_tools import Pinterest
    from pinterest_tools.emulator import run_emulator

    with run_emulator(rate_limit=WINDOW, record=True) as emu:
        board = emu.state.boards_of("dexter_demo")[0]
        pin_id = emu.state.pins_on_board(board.id)[0].id
        with Pinterest(emu.issue_token(), base_url=emu.base_url, pacing=paced) as client:
            start = time.perf_counter()
            for _ in range(GETS):
                client.pins.get(pin_id)
            seconds = time.perf_counter() - start
        return seconds, _throttled(emu), len(emu.exchanges)


def copy_data() -> dict[str, Any]:
    pins = [
        {"title": f"Pin {p}", "link": f"https://example.com/{p}", "image": {"url": f"https://i.example.com/{p}.jpg"}}
        for p in range(PINS)
    ]
    penny = {"username": "penny_demo", "boards": [{"name": "Garden"}]}
    return {"format": 1, "users": [{"username": "dexter_demo", "boards": [{"name": "Big", "pins": pins}]}, penny]}


def copy_board(workdir: Path) -> tuple[float, int, int, int]:
    """(seconds, 429s answered, requests, requests of the busier token) for copy_board of PINS pins at WINDOW."""
    from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, run_emulator

    with run_emulator(data=copy_data(), rate_limit=WINDOW, record=True) as emu:
        source, target = emu.issue_token("dexter_demo"), emu.issue_token("penny_demo")
        env = bench_env(
            PINTEREST_API_URI=emu.base_url,
            PINTEREST_OAUTH_URI=emu.base_url,
            PINTEREST_APP_ID=DEMO_APP_ID,
            PINTEREST_APP_SECRET=DEMO_APP_SECRET,
            PINTEREST_OAUTH_TOKEN_DIR=str(workdir / f"tokens-{time.monotonic_ns()}"),
            SOURCE=source,
            TARGET=target,
        )
        env.pop("PINTEREST_API_VERSION", None)
        command = [sys.executable, "-m", "pinterest_tools.copy_board", "-s", "source", "-t", "target", "--all"]
        command += ["-l", "1"]
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        copied = [b for b in emu.state.boards_of("penny_demo") if b.name != "Garden"]
        pins = sum(len(emu.state.pins_on_board(b.id)) for b in copied)
        if done.returncode != 0 or pins != PINS:
            raise RuntimeError(f"copy_board exited {done.returncode}, {pins} pins: {done.stderr.strip()[-800:]}")
        per_token = [
            sum(1 for e in emu.exchanges if e.request_header("authorization") == f"Bearer {token}")
            for token in (source, target)
        ]
        return seconds, _throttled(emu), len(emu.exchanges), max(per_token)


def mixed_job() -> tuple[float, int, dict[str, int]]:
    """(seconds, 429s answered, requests per category) for the mixed ads job at :data:`MIXED`'s limits."""
    from pinterest_api_v5.models.campaign_update_request import CampaignUpdateRequest

    from pinterest_tools import Pinterest
    from pinterest_tools.emulator import run_emulator
    from pinterest_tools.operation_facts import category

    limits = ",".join(f"{name}={window}" for name, (window, _, _) in MIXED.items())
    with run_emulator(rate_limits=limits, record=True) as emu:
        account = next(iter(emu.state.ad_accounts.values()))
        campaign = next(c for c in emu.state.campaigns.values() if c.ad_account_id == account.id)
        today = dt.date.today()
        with Pinterest(emu.issue_token(), base_url=emu.base_url) as client:
            campaigns = client.ad_accounts.campaigns

            def read(_: int) -> object:
                return campaigns.get(account.id, campaign.id)

            def write(i: int) -> object:
                return campaigns.update(
                    account.id,
                    body=[CampaignUpdateRequest(id=campaign.id, ad_account_id=account.id, name=f"Mixed {i}")],
                )

            def analytics(_: int) -> object:
                return campaigns.analytics(
                    account.id,
                    start_date=today - dt.timedelta(days=7),
                    end_date=today - dt.timedelta(days=1),
                    campaign_ids=[campaign.id],
                    granularity="DAY",
                    columns=["SPEND_IN_DOLLAR", "IMPRESSION_1"],
                )

            work: dict[str, Callable[[int], object]] = {
                "ads_read": read,
                "ads_write": write,
                "ads_analytics": analytics,
            }
            failures: list[BaseException] = []

            def worker(name: str) -> None:
                try:
                    for i in range(MIXED[name][2]):
                        work[name](i)
                except BaseException as error:  # reported after the join, with the job's figures
                    failures.append(error)

            threads = [threading.Thread(target=worker, args=(name,)) for name in MIXED]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
        if failures:
            raise RuntimeError(f"the mixed job failed: {failures[0]!r}")
        per_category = {name: 0 for name in MIXED}
        for exchange in emu.exchanges:
            name = category(exchange.operation_id) if exchange.operation_id else None
            if name in per_category:
                per_category[name] += 1
        return seconds, _throttled(emu), per_category


def run(runs: int) -> list[Row]:
    rows: list[Row] = []
    floor = GETS / RATE
    paced, paced_429, _ = sequential_gets(True)
    unpaced, unpaced_429, unpaced_requests = sequential_gets(False)
    rows.append(
        Row(
            f"{GETS} sequential pins.get at {WINDOW} (Pinterest's 60/10 s rate, windows scaled down)",
            f"{paced:.1f} s paced, {paced_429} 429s answered",
            f"floor {floor:.1f} s ({GETS} requests ÷ {RATE:g}/s); pacing=False: {unpaced:.1f} s, "
            f"{unpaced_429} 429s in {unpaced_requests} requests",
            paced / floor,
            "<= 1.05x the floor, 0 429s",
            paced <= 1.05 * floor and paced_429 == 0,
        )
    )
    with tempfile.TemporaryDirectory(prefix="bench-ratelimit-") as tmp:
        seconds, throttled, requests, busiest = copy_board(Path(tmp))
    ideal = requests / RATE
    rows.append(
        Row(
            f"copy_board of {PINS} pins at {WINDOW} per token (two tokens: source reads, target writes)",
            f"{seconds:.1f} s, {throttled} 429s answered",
            f"ideal {ideal:.1f} s ({requests} requests ÷ {RATE:g}/s;"
            f" the busier token's {busiest}: {busiest / RATE:.1f} s)",
            seconds / ideal,
            "<= 1.05x the ideal, 0 429s",
            seconds <= 1.05 * ideal and throttled == 0,
        )
    )
    seconds, throttled, per_category = mixed_job()
    times = {name: per_category[name] / MIXED[name][1] for name in MIXED}
    ideal = max(times.values())
    rows.append(
        Row(
            "mixed ads job on one token, a thread per category: campaign reads, updates, analytics"
            f" at {', '.join(f'{name} {MIXED[name][0]}' for name in MIXED)}",
            f"{seconds:.1f} s, {throttled} 429s answered",
            f"ideal {ideal:.1f} s (the busiest category; "
            + ", ".join(f"{name} {per_category[name]} requests: {times[name]:.1f} s" for name in MIXED)
            + ")",
            seconds / ideal,
            "<= 1.05x the ideal, 0 429s",
            seconds <= 1.05 * ideal and throttled == 0,
        )
    )
    return rows


if __name__ == "__main__":  # python -m benchmarks.ratelimit
    for row in run(1):
        print(row)
