"""What a command's ``--help`` pays at import: ``import pinterest_tools.cli`` in a fresh process.

``measure()`` reports the number of modules that import loads and the median wall time of
``python -c "import pinterest_tools.cli"`` over 7 runs (plus the same for a bare interpreter,
for scale). Nothing is asserted here: the test suite checks the module set (no httpx, no
generated package); the timing belongs to the benchmark suite.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

CODE = "import pinterest_tools.cli"


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def measure(runs: int = 7) -> dict[str, float | int]:
    """Module count and median seconds of importing ``pinterest_tools.cli`` (and of ``python -c pass``)."""
    listing = subprocess.run(
        [sys.executable, "-c", f"import json, sys; {CODE}; print(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    )
    modules = json.loads(listing.stdout)
    cli, bare = [], []
    for _ in range(runs):  # interleaved, so machine load falls on both alike
        cli.append(_wall(CODE))
        bare.append(_wall("pass"))
    return {
        "modules": len(modules),
        "median_seconds": statistics.median(cli),
        "baseline_median_seconds": statistics.median(bare),
        "runs": runs,
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
