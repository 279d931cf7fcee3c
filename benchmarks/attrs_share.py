"""The share of attrs in the three figures the generated models weigh on: its import and its class builds.

The generated models and clients are attrs classes, as openapi-python-client writes them.
``workers/attrs_share.py`` times ``import attrs`` and wraps ``attrs.define`` to time each
class it builds, in the same three pieces of work as the other suites: importing one
endpoint (:mod:`benchmarks.imports`), ``get_pin -p ID`` end to end
(:mod:`benchmarks.startup`) and paging through ``client.pins.list()``
(:mod:`benchmarks.facade`). Reported, never a target: the rows say how much of each figure
attrs is, and so how much dropping it could ever save.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import Row, Sample, bench_env, compare, last_json, neutral_cwd
from benchmarks.emulated import emulator
from benchmarks.startup import WORKERS

PINS = 2_000  # the listing's classes are built on its first page; a longer listing only dilutes the share
GET_PIN = "pinterest_tools.get_pin"


def reports(sample: Sample) -> list[dict[str, Any]]:
    """Each run's JSON line from the worker, with ``process`` (the run's wall seconds)."""
    return [
        {**last_json(stdout), "process": seconds} for seconds, stdout in zip(sample.seconds, sample.stdout, strict=True)
    ]


def median_ms(found: list[dict[str, Any]], key: str) -> float:
    return statistics.median(report[key] for report in found) * 1000


def row(what: str, found: list[dict[str, Any]], *, with_import: bool) -> Row:
    """attrs' milliseconds, as a share of the worker's whole process and of the work after ``import httpx``."""
    attrs_ms = median_ms(found, "attrs_import") if with_import else 0.0
    build_ms, work_ms, process_ms = median_ms(found, "build"), median_ms(found, "work"), median_ms(found, "process")
    classes = statistics.median(report["classes"] for report in found)
    spent = attrs_ms + build_ms
    work = (attrs_ms + work_ms) if with_import else work_ms
    imported = f"import attrs {attrs_ms:.1f} ms + " if with_import else ""
    return Row(
        what,
        f"{imported}{classes:.0f} classes built in {build_ms:.1f} ms = {spent:.1f} ms",
        f"whole process {process_ms:.0f} ms; after import httpx {work:.0f} ms, {100 * spent / work:.0f}% of it attrs",
        spent / process_ms,
        "reported (attrs' share of the process)",
        None,
    )


def run(runs: int) -> list[Row]:
    worker = [sys.executable, str(WORKERS / "attrs_share.py")]
    with tempfile.TemporaryDirectory(prefix="bench-attrs-") as tmp, emulator(PINS) as emu:
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        commands = {
            "endpoint": [*worker, "import", "pinterest_api_v5.api.pins.pins_get"],
            "get_pin": [*worker, "command", GET_PIN, "-p", emu.first_pin],
            "pages": [*worker, "pages", str(PINS)],
        }
        samples = compare(commands, runs, env, cwd=neutral_cwd(Path(tmp)), keep_stdout=True)
    endpoint, get_pin, pages = (reports(samples[name]) for name in commands)
    return [
        row("attrs in the cold import of pinterest_api_v5.api.pins.pins_get", endpoint, with_import=True),
        row("attrs in get_pin -p ID end to end (emulator)", get_pin, with_import=True),
        row(f"attrs in paging {PINS:,} pins through client.pins.list() (after the imports)", pages, with_import=False),
    ]
