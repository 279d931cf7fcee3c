"""``nox -s bench``: run the benchmarks, print a table, write benchmarks/RESULTS.md.

Usage: ``python -m benchmarks [--runs N] [--only NAME ...] [--no-write]``. Each
figure is a median over ``--runs`` interleaved runs and is reported as a ratio
to a baseline measured in the same run; targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from benchmarks.common import ROOT, Row

# name -> module with ``run(runs) -> list[Row]``; a new suite adds itself here.
SUITES = {
    "imports": "benchmarks.imports",
    "help_import": "benchmarks.help_import",
    "copy_board": "benchmarks.copy_board",
    "startup": "benchmarks.startup",
    "paging": "benchmarks.paging",
    "paging_canned": "benchmarks.paging_canned",
    "memory": "benchmarks.memory",
    "facade": "benchmarks.facade",
    "attrs_share": "benchmarks.attrs_share",
    "uncached": "benchmarks.uncached",
    "mcp_server": "benchmarks.mcp_server",
    "ratelimit": "benchmarks.ratelimit",
    "async_pins": "benchmarks.async_pins",
    "emulator_speed": "benchmarks.emulator_speed",
}
# Fewer runs for suites whose one run takes long (copy_board about 90 s, memory about 15 s,
# ratelimit about 100 s: its jobs last as long as the rate limit makes them),
# so that `nox -s bench` stays under 10 minutes on 2 cores.
MAX_RUNS = {"copy_board": 2, "memory": 5, "ratelimit": 1}


def versions() -> str:
    names = [
        "httpx",
        "httpcore",
        "starlette",
        "uvicorn",
        "mcp",
        "pinterest-api-sdk",
        "pinterest-generated-client",
        "urllib3",
    ]
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join([f"Python {platform.python_version()}", *found])


def machine() -> str:
    """CPU model (Linux: /proc/cpuinfo), cores and platform."""
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = [
            line.split(":", 1)[1].strip() for line in info.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return f"{cpu}, {os.cpu_count()} cores, {platform.platform()}"


def commit() -> str:
    """The checkout's commit (with ``+`` when it has changes), or ``unknown`` outside a git checkout."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "")


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | ours | baseline (same run) | ratio | target | met |", "|---|---|---|---|---|---|"]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[row.met]
        lines.append(f"| {row.name} | {row.figure} | {row.baseline} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (median; default 9)")
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these suites")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    args = parser.parse_args()
    rows: list[Row] = []
    load_before = os.getloadavg()  # the machine is shared: the load says how far to trust a figure
    start = time.monotonic()
    capped = []
    for name in args.only or SUITES:
        run: Callable[[int], list[Row]] = importlib.import_module(SUITES[name]).run
        runs = min(args.runs, MAX_RUNS.get(name, args.runs))
        if runs < args.runs:
            capped.append(f"{name} {runs}")
        print(f"running {name} ({runs} runs) ...", file=sys.stderr, flush=True)
        rows.extend(run(runs))
    minutes = (time.monotonic() - start) / 60
    load_after = os.getloadavg()
    before, after = (" ".join(f"{x:.2f}" for x in loads) for loads in (load_before, load_after))
    load = f"load average (1, 5, 15 min) {before} before, {after} after"
    result = table(rows)
    print(result)
    if not args.no_write:
        fewer = f" ({', '.join(capped)}: a run of each takes long)" if capped else ""
        header = (
            "# Benchmark results\n\n"
            f"Written by `nox -s bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {commit()} "
            f"(the benchmarks took {minutes:.1f} minutes); "
            f"machine: {machine()}; {load}; {versions()}. "
            f"Medians of {args.runs} interleaved runs{fewer}; byte-code caches warm, as in an installed package.\n\n"
        )
        (ROOT / "benchmarks" / "RESULTS.md").write_text(header + result + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
