"""Measuring whole processes: wall time and peak RSS of each run, medians over runs.

Each figure is compared with a baseline measured in the same run, interleaved
with it (A, B, A, B, ...), so that load from the rest of a shared machine falls
on both sides alike. Timings are never asserted in tests; only here.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)  # user + system of the process (wait4)
    stdout: list[str] = field(default_factory=list)  # kept only when compare(keep_stdout=True)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def peak_rss_mib(self) -> float:
        return max(self.rss_kib) / 1024

    @property
    def median_rss_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024

    @property
    def median_cpu_ms(self) -> float:
        return statistics.median(self.cpu_seconds) * 1000


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
    seconds, rss_kib, _, _ = measure_once(cmd, env, cwd)
    return seconds, rss_kib


# Runs the measured command as its child and reports "exit-code maxrss-KiB cpu-seconds wall-seconds"
# on the file descriptor argv[1]. Linux carries a parent's peak RSS over into a child it
# forks (and through exec): measured directly from this process, which may hold an emulator
# or a large data file, every child would seem at least as big as this process. The
# launcher (python -S, a few MiB) is the one that forks, so the child's figure is its own.
LAUNCHER = """import os, sys, time
report = int(sys.argv[1])
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(report)
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        os.write(2, f"cannot run {sys.argv[2]}: {error}".encode())
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
os.write(report, f"{code} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime} {elapsed}".encode())
"""


def measure_once(
    cmd: Sequence[str], env: dict[str, str], cwd: Path = ROOT, *, keep_stdout: bool = False
) -> tuple[float, int, float, str]:
    """Run ``cmd`` once: wall seconds, peak RSS in KiB and CPU seconds (user + system, from wait4), stdout.

    The figures are taken by :data:`LAUNCHER` around the child alone (not this process's
    start of the launcher).
    """
    read, write = os.pipe()
    # files, not pipes: a chatty child cannot block on them
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        try:
            launcher = [sys.executable, "-S", "-c", LAUNCHER, str(write), *cmd]
            stdout = output if keep_stdout else subprocess.DEVNULL
            subprocess.run(launcher, env=env, cwd=cwd, stdout=stdout, stderr=errors, pass_fds=(write,), check=True)
        finally:
            os.close(write)
            with os.fdopen(read) as report:
                figures = report.read().split()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
        output.seek(0)
        printed = output.read().decode(errors="replace")
    returncode, rss_kib, cpu, elapsed = int(figures[0]), int(figures[1]), float(figures[2]), float(figures[3])
    if returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {returncode}: {stderr.strip()[-500:]}")
    return elapsed, rss_kib, cpu, printed


def compare(
    commands: dict[str, Sequence[str]],
    runs: int,
    env: dict[str, str] | None = None,
    *,
    envs: dict[str, dict[str, str]] | None = None,
    cwd: Path = ROOT,
    keep_stdout: bool = False,
    warm_up: bool = True,
) -> dict[str, Sample]:
    """Run every command ``runs`` times, interleaved, after one warm-up run each (unless ``warm_up`` is false).

    ``envs`` gives some commands an environment of their own (default: ``env``, else
    :func:`bench_env`); ``keep_stdout`` keeps what each run printed in ``Sample.stdout``.
    """
    env = env or bench_env()
    envs = envs or {}
    samples = {name: Sample() for name in commands}
    for name, cmd in commands.items() if warm_up else ():
        measure_once(cmd, envs.get(name, env), cwd)  # warm-up: byte-code caches, page cache
    for _ in range(runs):
        for name, cmd in commands.items():
            seconds, rss, cpu, stdout = measure_once(cmd, envs.get(name, env), cwd, keep_stdout=keep_stdout)
            samples[name].seconds.append(seconds)
            samples[name].rss_kib.append(rss)
            samples[name].cpu_seconds.append(cpu)
            if keep_stdout:
                samples[name].stdout.append(stdout)
    return samples


def last_json(stdout: str) -> Any:
    """The JSON line a worker prints last (its report), from what a run printed."""
    return json.loads(stdout.strip().splitlines()[-1])


def neutral_cwd(tmp: Path) -> Path:
    """An empty working directory in an otherwise empty parent, for measured client processes.

    The official SDK walks the *parent* of the working directory at import, looking for a
    ``config.json`` (peers-and-user-asks.md 2.3): from inside a checkout with its ``.nox``
    venvs that walk alone costs it hundreds of milliseconds, which no user pays as such.
    """
    run = tmp / "cwd" / "run"
    run.mkdir(parents=True, exist_ok=True)
    return run


def python_c(code: str) -> list[str]:
    return [sys.executable, "-c", code]


@contextlib.contextmanager
def served(command: Sequence[str]) -> Iterator[str]:
    """Run a server process that prints its base URL on its first line; that URL while the block runs."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
