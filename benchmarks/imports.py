"""Cold import of one generated endpoint against cold ``import httpx`` (the floor).

Target (issue: generated v5 client): ratio <= 1.25 and peak RSS <= 32 MiB.
Without the lazy ``models/__init__.py`` the same import takes about ten times
as long and 57 MiB, because it loads all 1134 models.
"""

from __future__ import annotations

from benchmarks.common import Row, compare, python_c


def run(runs: int) -> list[Row]:
    samples = compare(
        {
            "endpoint": python_c("import pinterest_api_v5.api.pins.pins_get"),
            "httpx": python_c("import httpx"),
        },
        runs,
    )
    endpoint, floor = samples["endpoint"], samples["httpx"]
    ratio = endpoint.median_ms / floor.median_ms
    return [
        Row(
            "cold import pinterest_api_v5.api.pins.pins_get",
            f"{endpoint.median_ms:.0f} ms",
            f"import httpx {floor.median_ms:.0f} ms",
            ratio,
            "<= 1.25x",
            ratio <= 1.25,
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
