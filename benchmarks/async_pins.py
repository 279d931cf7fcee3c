"""Async at 20 in flight: 1,000 ``AsyncPinterest.pins.get`` against raw ``httpx.AsyncClient`` + ``json``.

Two servers: a canned one (``workers/canned_server.py``: the same fixed bytes for every
request, so the client's own cost shows) and the emulator (``benchmarks.emulated``). Each
run is a fresh process of ``workers/async_pins.py``, ours and raw interleaved; the figure is
the median wall time, the ratio ours ÷ raw (lower is better; 1.0 is the floor).
"""

from __future__ import annotations

import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import ROOT, Row, bench_env, served
from benchmarks.emulated import FIRST_PIN_ID, emulator, pin

WORKER = ROOT / "benchmarks" / "workers" / "async_pins.py"
CANNED = ROOT / "benchmarks" / "workers" / "canned_server.py"


@contextlib.contextmanager
def canned() -> Iterator[str]:
    """The canned server's base URL while the block runs (its body: one pin)."""
    with tempfile.TemporaryDirectory(prefix="bench-canned-") as tmp:
        body = Path(tmp) / "pin.json"
        body.write_text(json.dumps(pin(0)))
        with served([sys.executable, str(CANNED), str(body)]) as base_url:
            yield base_url


def once(kind: str, base_url: str, token: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one worker run."""
    env = bench_env(PINTEREST_API_URI=base_url, ACCESS_TOKEN=token, PIN_ID=str(FIRST_PIN_ID))
    done = subprocess.run([sys.executable, str(WORKER), kind], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"async worker {kind} failed: {done.stderr.strip()[-800:]}")
    cpu, wall = map(float, done.stdout.split())
    return cpu, wall


def measure(base_url: str, token: str, runs: int) -> tuple[float, float, float, float]:
    """Median (wall ours, wall raw, cpu ours, cpu raw)."""
    got: dict[str, list[tuple[float, float]]] = {"ours": [], "raw": []}
    for _ in range(max(1, runs)):
        for kind in ("ours", "raw"):
            got[kind].append(once(kind, base_url, token))
    wall = {kind: statistics.median(w for _, w in rows) for kind, rows in got.items()}
    cpu = {kind: statistics.median(c for c, _ in rows) for kind, rows in got.items()}
    return wall["ours"], wall["raw"], cpu["ours"], cpu["raw"]


def row(where: str, ours: float, raw: float, cpu_ours: float, cpu_raw: float) -> Row:
    return Row(
        f"async 1,000 pins.get at 20 in flight, {where}",
        f"{1000 / ours:.0f} pins/s ({ours:.2f} s; client CPU {cpu_ours:.2f} s)",
        f"raw httpx.AsyncClient + json: {1000 / raw:.0f} pins/s ({raw:.2f} s; CPU {cpu_raw:.2f} s)",
        ours / raw,
        "<= 1.0x raw httpx",
        ours <= raw,
    )


def run(runs: int) -> list[Row]:
    runs = min(runs, 5)
    with canned() as base_url:
        first = row("canned local server", *measure(base_url, "canned-token", runs))
    with emulator(1) as emu:
        second = row("emulator", *measure(emu.base_url, emu.token, runs))
    return [first, second]


if __name__ == "__main__":  # python -m benchmarks.async_pins [runs]
    for result in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(result)
