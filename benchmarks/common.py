"""Measuring whole processes: wall time and peak RSS of each run, medians over runs.

Each figure is compared with a baseline measured in the same run, interleaved
with it (A, B, A, B, ...), so that load from the rest of a shared machine falls
on both sides alike. Timings are never asserted in tests; only here.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def peak_rss_mib(self) -> float:
        return max(self.rss_kib) / 1024

    @property
    def median_rss_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024


@dataclass
class Row:
    """One line of the results table."""

    name: str
    figure: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None


def bench_env(**extra: str) -> dict[str, str]:
    """The environment for measured processes: byte-code caches allowed, as in an installed package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_once(cmd: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, int]:
    """Run ``cmd`` once; return wall seconds and the child's peak RSS in KiB (from wait4)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block on it
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {stderr.strip()[-500:]}")
    return elapsed, usage.ru_maxrss


def compare(commands: dict[str, Sequence[str]], runs: int, env: dict[str, str] | None = None) -> dict[str, Sample]:
    """Run every command ``runs`` times, interleaved, after one warm-up run each."""
    env = env or bench_env()
    samples = {name: Sample() for name in commands}
    for cmd in commands.values():
        run_once(cmd, env)  # warm-up: byte-code caches, page cache
    for _ in range(runs):
        for name, cmd in commands.items():
            seconds, rss = run_once(cmd, env)
            samples[name].seconds.append(seconds)
            samples[name].rss_kib.append(rss)
    return samples


def python_c(code: str) -> list[str]:
    return [sys.executable, "-c", code]
