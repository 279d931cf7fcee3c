"""What a command's ``--help`` pays at import: ``import pinterest_tools.cli.shared.common`` in a fresh process.

Reported: the number of modules that import loads (none of them httpx or a
generated package; the test suite checks that) and its median wall time next to
a bare interpreter and ``import httpx``, measured interleaved in the same run.
"""

from __future__ import annotations

import json
import subprocess

from benchmarks.common import Row, bench_env, compare, python_c

CODE = "import pinterest_tools.cli.shared.common"


def module_count() -> int:
    listing = subprocess.run(
        python_c(f"import json, sys; {CODE}; print(json.dumps(sorted(sys.modules)))"),
        check=True,
        capture_output=True,
        text=True,
        env=bench_env(),
    )
    return len(json.loads(listing.stdout))


def run(runs: int) -> list[Row]:
    samples = compare({"cli": python_c(CODE), "bare": python_c("pass"), "httpx": python_c("import httpx")}, runs)
    cli, bare, httpx = samples["cli"], samples["bare"], samples["httpx"]
    return [
        Row(
            f"import for --help ({module_count()} modules, no httpx)",
            f"{cli.median_ms:.0f} ms",
            f"bare python {bare.median_ms:.0f} ms; import httpx {httpx.median_ms:.0f} ms",
            cli.median_ms / httpx.median_ms,
            "< import httpx",
            cli.median_ms < httpx.median_ms,
        )
    ]
