"""Paging 50,000 pins from a canned local server: the client's own cost, next to raw httpx + json.

Against the emulator (:mod:`benchmarks.paging`) the server's work per page hides part of
the client's; here every page is the same fixed bytes (``workers/canned_server.py`` in its
paged mode: 200 pages of 250 pins, only the bookmark differs), taken once from the emulator
at the start (a page of :mod:`benchmarks.emulated`'s pins, media with its four image sizes
included, as Pinterest answers ``GET /v5/pins``). Three clients, each its own process,
interleaved run by run: the facade (``Pinterest().pins.list()``, ``workers/facade_pins.py``),
the generated layer (``iter_items(pins_list)``, ``workers/ours_pins.py``) and raw httpx with
``response.json()`` (``workers/httpx_pins.py``: dicts, no layer; the floor). The figures:
client CPU per 1,000 pins (``time.process_time()`` around the listing, as in
:mod:`benchmarks.paging`) and the process's peak RSS (wait4).

Targets: client CPU <= 1.8x raw httpx + json; peak RSS <= 1.2x raw's.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import Row, bench_env, compare, neutral_cwd, served
from benchmarks.emulated import emulator
from benchmarks.paging import per_thousand_ms
from benchmarks.startup import WORKERS

PAGE_SIZE, PAGES = 250, 200
CPU_TARGET, RSS_TARGET = 1.8, 1.2


def page_bytes() -> bytes:
    """One page of 250 pins as the emulator answers it (its bookmark is replaced by the canned server)."""
    with emulator(PAGE_SIZE) as emu:
        request = urllib.request.Request(
            f"{emu.base_url}/v5/pins?page_size={PAGE_SIZE}", headers={"Authorization": f"Bearer {emu.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return bytes(response.read())


@contextlib.contextmanager
def canned_pages(body: bytes, pages: int) -> Iterator[str]:
    """The base URL of a canned server serving ``body`` as ``pages`` pages while the block runs."""
    with tempfile.TemporaryDirectory(prefix="bench-canned-pages-") as tmp:
        page = Path(tmp) / "page.json"
        page.write_bytes(body)
        with served([sys.executable, str(WORKERS / "canned_server.py"), str(page), str(pages)]) as base_url:
            yield base_url


def run(runs: int) -> list[Row]:
    body, pins = page_bytes(), PAGE_SIZE * PAGES
    with tempfile.TemporaryDirectory(prefix="bench-paging-canned-") as tmp, canned_pages(body, PAGES) as base_url:
        env = bench_env(PINTEREST_API_URI=base_url, ACCESS_TOKEN="canned-token")
        workers = {"facade": "facade_pins.py", "generated": "ours_pins.py", "httpx": "httpx_pins.py"}
        commands = {name: [sys.executable, str(WORKERS / script), str(pins)] for name, script in workers.items()}
        samples = compare(commands, runs, env, cwd=neutral_cwd(Path(tmp)), keep_stdout=True)
    raw = per_thousand_ms(samples["httpx"], pins)
    raw_rss = samples["httpx"].median_rss_mib
    what = f"paging {pins:,} pins (canned server, {PAGES} pages of {PAGE_SIZE})"
    rows = []
    for name, how in (("facade", "client.pins.list()"), ("generated", "iter_items(pins_list)")):
        ours = per_thousand_ms(samples[name], pins)
        rows.append(
            Row(
                f"{what} through {how}: client CPU per 1,000 pins",
                f"{ours:.1f} ms (typed models)",
                f"raw httpx + json {raw:.1f} ms",
                ours / raw,
                f"<= {CPU_TARGET}x",
                ours / raw <= CPU_TARGET,
            )
        )
    rss = samples["facade"].median_rss_mib
    rows.append(
        Row(
            f"{what} through client.pins.list(): peak RSS",
            f"{rss:.1f} MiB",
            f"raw httpx + json {raw_rss:.1f} MiB",
            rss / raw_rss,
            f"<= {RSS_TARGET}x",
            rss / raw_rss <= RSS_TARGET,
        )
    )
    return rows


if __name__ == "__main__":  # python -m benchmarks.paging_canned [runs]
    for result in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(result)
