"""Paging: every pin of an account of 10,000 pins, 250 a page, from the emulator.

Three clients, each its own process, interleaved run by run: ours (``iter_items`` over
``pins_list`` through ``open_client``: typed models, retries, auth and error hooks;
``workers/ours_pins.py``), raw httpx with ``response.json()`` (the floor: dicts, no layer;
``workers/httpx_pins.py``) and the official SDK (``Pin.get_all`` bookmark by bookmark;
``workers/sdk_pins.py``). The figure is the client's CPU time (``time.process_time()``
around the listing, so neither interpreter start nor imports) per 1,000 items; the
emulator runs in a process of its own and its CPU is not counted.

Targets: ours <= 2x raw httpx's client CPU, and below the SDK's.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Row, Sample, bench_env, compare, last_json, neutral_cwd
from benchmarks.emulated import emulator
from benchmarks.startup import WORKERS, sdk_installed

PINS = 10_000
HTTPX_TARGET = 2.0


def per_thousand_ms(sample: Sample, pins: int | None = None) -> float:
    """Median CPU milliseconds per 1,000 items over the runs (each run reports its own JSON line of ``pins`` items,
    :data:`PINS` unless given)."""
    pins = PINS if pins is None else pins
    figures = []
    for stdout in sample.stdout:
        report = last_json(stdout)
        if report["items"] != pins:
            raise RuntimeError(f"a worker listed {report['items']} pins, not {pins}")
        figures.append(report["cpu"] * 1000 / (report["items"] / 1000))
    return statistics.median(figures)


def run(runs: int) -> list[Row]:
    with_sdk = sdk_installed()
    with tempfile.TemporaryDirectory(prefix="bench-paging-") as tmp, emulator(PINS) as emu:
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        commands = {name: [sys.executable, str(WORKERS / f"{name}_pins.py"), str(PINS)] for name in ("ours", "httpx")}
        if with_sdk:
            commands["sdk"] = [sys.executable, str(WORKERS / "sdk_pins.py"), str(PINS)]
        sdk_env = bench_env(PINTEREST_API_URI=f"{emu.base_url}/v5", PINTEREST_ACCESS_TOKEN=emu.token)
        samples = compare(commands, runs, env, envs={"sdk": sdk_env}, cwd=neutral_cwd(Path(tmp)), keep_stdout=True)
    ours, httpx = per_thousand_ms(samples["ours"]), per_thousand_ms(samples["httpx"])
    what = f"paging {PINS:,} pins (page_size 250): client CPU per 1,000 items"
    figure = f"{ours:.1f} ms (typed models)"
    rows = [
        Row(what, figure, f"raw httpx + json {httpx:.1f} ms", ours / httpx, f"<= {HTTPX_TARGET}x", ours / httpx <= 2)
    ]
    if with_sdk:
        sdk = per_thousand_ms(samples["sdk"])
        rows.append(Row(what, figure, f"SDK Pin.get_all {sdk:.1f} ms", ours / sdk, "< 1x (below the SDK)", ours < sdk))
    else:
        rows.append(Row(what, figure, "official SDK: not installed", None, "< 1x (below the SDK)", None))
    return rows
