"""What a listing worker reports: items, CPU and wall seconds of the listing alone (one JSON line).

Peak RSS is taken from outside, by the harness (``benchmarks.common.measure_once``).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any


def listing(items: Callable[[int], Iterable[Any]], touch: Callable[[Any], object]) -> None:
    """Take ``limit`` (argv[1]) items from ``items(limit)``, touching each; print the measurements.

    ``items`` is a generator that builds its client when first asked, so CPU time, taken
    with ``time.process_time()`` around the listing, covers the client's construction and
    the listing but not the interpreter's start and the imports (the startup benchmark's
    business); the emulator's CPU is not counted either.
    """
    limit = int(sys.argv[1])
    cpu, wall = time.process_time(), time.perf_counter()
    count = 0
    for item in items(limit):
        touch(item)
        count += 1
        if count == limit:
            break
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"items": count, "cpu": cpu, "wall": wall}))
