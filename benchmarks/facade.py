"""The facade as a user meets it: ``from pinterest_tools import Pinterest`` plus one call, and paging.

Two figures, each next to its floor in the same interleaved runs:

- a whole process that imports ``Pinterest``, builds the client (token from
  ``ACCESS_TOKEN``) and reads one pin from the emulator, against ``python -c 'import
  httpx'`` (target: <= 1.25x); the raw-httpx script doing the same GET is listed too,
  and, as a row of its own, that figure's floor: the same GET with raw httpx and no CA
  bundle (``workers/httpx_plain_get_pin.py``, as our client makes it on ``http://``), so
  that the run shows how much of the 1.25x one call leaves to a library at all;
- paging 10,000 pins (250 a page) through ``client.pins.list()``, client CPU per 1,000
  typed pins, against raw httpx + ``response.json()`` (target: <= 2.0x), measured as
  :mod:`benchmarks.paging` measures the lower layer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks import paging as listing
from benchmarks.common import Row, bench_env, compare, neutral_cwd, python_c
from benchmarks.emulated import emulator
from benchmarks.startup import WORKERS, describe

IMPORT_TARGET, PAGING_TARGET = 1.25, 2.0
ONE_CALL = "from pinterest_tools import Pinterest\nwith Pinterest() as client:\n    client.pins.get({pin!r})"


def run(runs: int) -> list[Row]:
    pins = listing.PINS
    with tempfile.TemporaryDirectory(prefix="bench-facade-") as tmp, emulator(pins) as emu:
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        cwd = neutral_cwd(Path(tmp))
        calls = compare(
            {
                "facade": python_c(ONE_CALL.format(pin=emu.first_pin)),
                "import httpx": python_c("import httpx"),
                "httpx get": [sys.executable, str(WORKERS / "httpx_get_pin.py"), emu.first_pin],
                "httpx plain get": [sys.executable, str(WORKERS / "httpx_plain_get_pin.py"), emu.first_pin],
            },
            runs,
            env,
            cwd=cwd,
        )
        paging = compare(
            {name: [sys.executable, str(WORKERS / f"{name}_pins.py"), str(pins)] for name in ("facade", "httpx")},
            runs,
            env,
            cwd=cwd,
            keep_stdout=True,
        )
    facade, floor, raw, plain = calls["facade"], calls["import httpx"], calls["httpx get"], calls["httpx plain get"]
    ratio = facade.median_ms / floor.median_ms
    ours, httpx = listing.per_thousand_ms(paging["facade"]), listing.per_thousand_ms(paging["httpx"])
    return [
        Row(
            "from pinterest_tools import Pinterest + client.pins.get(ID), whole process (emulator)",
            describe(facade),
            f"python -c 'import httpx' {describe(floor)} (raw httpx GET script {describe(raw)})",
            ratio,
            f"<= {IMPORT_TARGET}x",
            ratio <= IMPORT_TARGET,
        ),
        Row(
            "the floor of that figure: the same GET with raw httpx, no CA bundle (as our client on http://)",
            describe(plain),
            f"python -c 'import httpx' {describe(floor)}; ours is {facade.median_ms / plain.median_ms:.2f}x this",
            plain.median_ms / floor.median_ms,
            "",
            None,
        ),
        Row(
            f"paging {pins:,} pins through client.pins.list(): client CPU per 1,000 items",
            f"{ours:.1f} ms (typed models)",
            f"raw httpx + json {httpx:.1f} ms",
            ours / httpx,
            f"<= {PAGING_TARGET}x",
            ours / httpx <= PAGING_TARGET,
        ),
    ]
