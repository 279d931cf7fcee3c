"""``copy_board --all`` of 20 boards x 50 pins: ``--concurrency 1`` against ``--concurrency 8``.

The emulator runs in this process (on 127.0.0.1, a fresh one per run, recording every
exchange) with 50 ms of latency on every API answer and its per-token rate limit on; the
command runs as a subprocess, copying dexter's boards to penny's account. Each run checks
that the copy is complete (every board and pin in the target) and counts the 429 answers
the emulator gave and the requests that failed for rate limiting (a 429 the command gave
up on, which would leave a pin or board missing).

Row 1, target ``--concurrency 8`` at least 5x faster than ``--concurrency 1`` and no request
failed for rate limiting, at RATE_LIMIT (120 requests a second per token, less than eight
unpaced workers would send). Row 2: ``--concurrency 8`` at BINDING_LIMIT (60 a second),
where only pacing by the rate-limit headers avoids 429s; its baseline is the floor the
limit sets (requests / rate).

The per-token limit is the one under test: the emulator's per-category windows (Pinterest's
Standard numbers, e.g. 1,000 writes a minute, which the job's 1,020 writes would meet before
the per-token limit does) are raised out of the way, as in every client benchmark here.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, Row, bench_env
from benchmarks.emulated import UNLIMITED

BOARDS, PINS = 20, 50
LATENCY_MS = 50
RATE_LIMIT = "600/5s"  # per token: 120 requests a second, below what 8 workers would send unpaced
BINDING_LIMIT = "300/5s"  # 60 a second: half of what 8 workers would send
CONCURRENCY = (1, 8)


def data() -> dict[str, Any]:
    """dexter_demo with BOARDS boards of PINS pins; penny_demo with one board of her own."""
    boards = [
        {
            "name": f"Board {b:02d}",
            "description": f"Board number {b}",
            "pins": [
                {
                    "title": f"Pin {b}.{p}",
                    "description": f"Board {b}, pin {p}",
                    "link": f"https://example.com/{b}/{p}",
                    "image": {"url": f"https://images.example.com/{b}/{p}.jpg", "width": 800, "height": 1200},
                }
                for p in range(PINS)
            ],
        }
        for b in range(BOARDS)
    ]
    penny = {"username": "penny_demo", "boards": [{"name": "Garden"}]}
    return {"format": 1, "users": [{"username": "dexter_demo", "boards": boards}, penny]}


def copy_once(concurrency: int, workdir: Path, rate_limit: str = RATE_LIMIT) -> tuple[float, int, int, int]:
    """One copy against a fresh emulator: (seconds, 429 answers, requests failed for rate limiting, requests)."""
    from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, run_emulator

    limits = {"data": data(), "latency_ms": LATENCY_MS, "rate_limit": rate_limit, "rate_limits": UNLIMITED}
    with run_emulator(**limits, record=True) as emu:
        env = bench_env(
            PINTEREST_API_URI=emu.base_url,
            PINTEREST_OAUTH_URI=emu.base_url,
            PINTEREST_APP_ID=DEMO_APP_ID,
            PINTEREST_APP_SECRET=DEMO_APP_SECRET,
            PINTEREST_OAUTH_TOKEN_DIR=str(workdir / f"tokens-{concurrency}-{time.monotonic_ns()}"),
            SOURCE=emu.issue_token("dexter_demo"),
            TARGET=emu.issue_token("penny_demo"),
        )
        env.pop("PINTEREST_API_VERSION", None)
        command = [sys.executable, "-m", "pinterest_tools.copy_board", "-s", "source", "-t", "target", "--all"]
        command += ["--concurrency", str(concurrency), "-l", "1"]
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            code = subprocess.call(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
            seconds = time.perf_counter() - start
            errors.seek(0)
            stderr = errors.read().decode(errors="replace")
        copied = [b for b in emu.state.boards_of("penny_demo") if b.name != "Garden"]
        pins = sum(len(emu.state.pins_on_board(b.id)) for b in copied)
        if code != 0 or len(copied) != BOARDS or pins != BOARDS * PINS:
            raise RuntimeError(f"copy_board --concurrency {concurrency} exited {code}: {stderr.strip()[-800:]}")
        throttled = sum(1 for e in emu.exchanges if e.status == 429)
        gave_up = stderr.count("(HTTP 429")  # an error line: a 429 the command did not get past
        return seconds, throttled, gave_up, len(emu.exchanges)


def run(runs: int) -> list[Row]:
    times: dict[int, list[float]] = {c: [] for c in CONCURRENCY}
    throttled = {c: 0 for c in CONCURRENCY}
    failed = 0
    paced: list[float] = []
    paced_429 = paced_failed = requests = 0
    with tempfile.TemporaryDirectory(prefix="bench-copy-board-") as tmp:
        for _ in range(max(1, runs)):
            for concurrency in CONCURRENCY:  # interleaved, as every benchmark here
                seconds, answered_429, gave_up, _ = copy_once(concurrency, Path(tmp))
                times[concurrency].append(seconds)
                throttled[concurrency] += answered_429
                failed += gave_up
            seconds, answered_429, gave_up, requests = copy_once(8, Path(tmp), BINDING_LIMIT)
            paced.append(seconds)
            paced_429 += answered_429
            paced_failed += gave_up
    one, eight = statistics.median(times[1]), statistics.median(times[8])
    count, window = BINDING_LIMIT.removesuffix("s").split("/")
    floor = requests / (int(count) / float(window))  # all requests at the limit's rate (both tokens together: less)
    slowest = statistics.median(paced)
    return [
        Row(
            f"copy_board --all {BOARDS}x{PINS} pins, {LATENCY_MS} ms latency, rate limit {RATE_LIMIT} per token",
            f"{eight:.1f} s at --concurrency 8 ({throttled[8]} 429s answered, {failed} requests failed)",
            f"{one:.1f} s at --concurrency 1 ({throttled[1]} 429s answered)",
            one / eight,
            ">= 5x faster, no request failed for rate limiting",
            one / eight >= 5 and failed == 0,
        ),
        Row(
            f"copy_board --all {BOARDS}x{PINS} pins, --concurrency 8, binding rate limit {BINDING_LIMIT} per token",
            f"{slowest:.1f} s ({paced_429} 429s answered, {paced_failed} requests failed)",
            f"{floor:.1f} s: {requests} requests at the limit's rate",
            floor / slowest,
            "no request failed for rate limiting",
            paced_failed == 0,
        ),
    ]


if __name__ == "__main__":  # python -m benchmarks.copy_board [runs]
    for row in run(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
        print(row)
