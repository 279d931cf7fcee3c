"""The same two figures as a checkout without byte-code caches sees them, next to an installed package's.

Measured from outside, in a plain venv with ``pip install -e '.[emulator]'`` and
``PYTHONDONTWRITEBYTECODE=1`` in the environment, ``get_pin -p ID`` and the import of one
endpoint cost much more next to raw httpx than this harness reports. The difference is
byte code: pip compiles what it installs into site-packages (httpx, attrs, ...), but an
editable install leaves our modules in the checkout, and with that variable set no
process ever writes their ``__pycache__``, so every process compiles ``pinterest_tools``
and the generated modules it imports from source while httpx loads compiled.
:mod:`benchmarks.imports` and :mod:`benchmarks.startup` measure a non-editable install with
compiled byte code (``nox -s bench``), as a user's ``pip install`` leaves it. This suite
measures both ways in the same interleaved runs: ours from a copy of the sources that has
no ``__pycache__`` and never gets one, and ours installed, each against the same baseline.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT, Row, bench_env, compare, neutral_cwd, python_c
from benchmarks.emulated import emulator
from benchmarks.startup import WORKERS, describe

ENDPOINT = "pinterest_api_v5.api.pins.pins_get"
GET_PIN = "pinterest_tools.get_pin"


def uncached_sources(tmp: Path) -> dict[str, str]:
    """Copy our packages without byte code; the environment that imports them from there and never writes any."""
    source = tmp / "uncached"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "pinterest_tools", source / "pinterest_tools", ignore=skip)
    shutil.copytree(ROOT / "generated" / "pinterest_api_v5", source / "pinterest_api_v5", ignore=skip)
    return {"PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1"}


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-uncached-") as tmp, emulator(10) as emu:
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        uncached = {**env, **uncached_sources(Path(tmp))}
        get_pin = [sys.executable, "-m", GET_PIN, "-p", emu.first_pin]
        commands = {
            "endpoint": python_c(f"import {ENDPOINT}"),
            "endpoint uncached": python_c(f"import {ENDPOINT}"),
            "import httpx": python_c("import httpx"),
            "get_pin": get_pin,
            "get_pin uncached": get_pin,
            "httpx get": [sys.executable, str(WORKERS / "httpx_get_pin.py"), emu.first_pin],
        }
        envs = {"endpoint uncached": uncached, "get_pin uncached": uncached}
        samples = compare(commands, runs, env, envs=envs, cwd=neutral_cwd(Path(tmp)))
    rows = []
    for what, ours, baseline, name in (
        (f"cold import {ENDPOINT}", "endpoint", "import httpx", "import httpx"),
        ("get_pin -p ID end to end (emulator)", "get_pin", "httpx get", "raw httpx script"),
    ):
        floor = samples[baseline]
        for how, key in (("installed, byte code compiled", ours), ("checkout, no byte-code cache", f"{ours} uncached")):
            rows.append(
                Row(
                    f"{what}: {how}",
                    describe(samples[key]),
                    f"{name} {describe(floor)}",
                    samples[key].median_ms / floor.median_ms,
                    "reported (how the two methods differ)",
                    None,
                )
            )
    return rows
