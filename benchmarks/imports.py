"""Cold import of one generated endpoint against cold ``import httpx`` (the floor).

Target: ratio <= 1.35 (the models are attrs classes: its import and class builds, see
:mod:`benchmarks.attrs_share`) and peak RSS <= 32 MiB. Both from an empty working directory,
so that the installed packages are measured, not the checkout's sources.
Without the lazy ``models/__init__.py`` the same import takes about ten times
as long and 57 MiB, because it loads all 1134 models.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Row, compare, neutral_cwd, python_c

TARGET = 1.35


def run(runs: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as tmp:
        samples = compare(
            {
                "endpoint": python_c("import pinterest_api_v5.api.pins.pins_get"),
                "httpx": python_c("import httpx"),
            },
            runs,
            cwd=neutral_cwd(Path(tmp)),
        )
    endpoint, floor = samples["endpoint"], samples["httpx"]
    ratio = endpoint.median_ms / floor.median_ms
    return [
        Row(
            "cold import pinterest_api_v5.api.pins.pins_get",
            f"{endpoint.median_ms:.0f} ms",
            f"import httpx {floor.median_ms:.0f} ms",
            ratio,
            f"<= {TARGET}x",
            ratio <= TARGET,
        ),
        Row(
            "peak RSS of that import",
            f"{endpoint.peak_rss_mib:.1f} MiB",
            f"import httpx {floor.peak_rss_mib:.1f} MiB",
            endpoint.peak_rss_mib / floor.peak_rss_mib,
            "<= 32 MiB",
            endpoint.peak_rss_mib <= 32,
        ),
    ]
