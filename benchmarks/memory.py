"""Memory while paging: peak RSS of a process iterating 100,000 pins next to one iterating 1,000.

Both run ``workers/ours_pins.py`` (typed models through ``iter_items``, 250 a page)
against one emulator serving an account of 100,000 pins, interleaved; the figure is each
process's peak RSS from wait4 (``benchmarks.common.measure_once``). Items are dropped as
they are consumed, so only a page at a time should be alive whatever the total.

Target: peak RSS grows by < 10 MiB from 1,000 to 100,000 pins. A run of 100,000
pins takes about 12 s (the emulator renders 400 pages): ``python -m benchmarks`` gives this
suite fewer runs than the others (``MAX_RUNS`` there); RSS varies little from run to run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Row, bench_env, compare, measure_once, neutral_cwd
from benchmarks.emulated import emulator
from benchmarks.startup import WORKERS

FEW, MANY = 1_000, 100_000
TARGET_MIB = 10


def run(runs: int) -> list[Row]:
    runs = max(1, runs)
    worker = [sys.executable, str(WORKERS / "ours_pins.py")]
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp, emulator(MANY) as emu:
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        cwd = neutral_cwd(Path(tmp))
        measure_once([*worker, str(FEW)], env, cwd)  # warm-up (byte code, page cache); the long run needs none
        commands = {"few": [*worker, str(FEW)], "many": [*worker, str(MANY)]}
        samples = compare(commands, runs, env, cwd=cwd, warm_up=False)
    few, many = samples["few"].median_rss_mib, samples["many"].median_rss_mib
    growth = many - few
    seconds = statistics.median(samples["many"].seconds)
    return [
        Row(
            f"peak RSS iterating {MANY:,} pins vs {FEW:,} (typed models; median of {runs}, {seconds:.0f} s a run)",
            f"{many:.1f} MiB (+{growth:.1f} MiB)",
            f"{FEW:,} pins {few:.1f} MiB",
            many / few,
            f"grows < {TARGET_MIB} MiB",
            growth < TARGET_MIB,
        )
    ]
