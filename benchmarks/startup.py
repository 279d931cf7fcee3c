"""Startup as a user meets it: whole processes, ``get_pin --help`` and ``get_pin -p ID`` end to end.

Next to them, in the same interleaved runs: the raw-httpx floor (``import httpx``, and a
script doing the same GET with httpx, ``workers/httpx_get_pin.py``) and the official SDK
(importing ``pinterest.organic.pins.Pin``, and fetching the same pin from the same emulator
with ``Pin(pin_id=...)``, ``workers/sdk_get_pin.py``). Every measured process starts in
the same empty working directory (:func:`benchmarks.common.neutral_cwd`).

Targets: ``--help`` <= 2.0x ``import argparse`` (what any command line pays to print its
help) and <= 1.15x ``import httpx``; ``get_pin -p ID`` <= 1.10x the raw-httpx script (the
models are attrs classes: its import and class builds, see :mod:`benchmarks.attrs_share`);
both <= 0.8x the SDK's.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import metadata
from pathlib import Path

from benchmarks.common import ROOT, Row, Sample, bench_env, compare, neutral_cwd, python_c
from benchmarks.emulated import emulator

WORKERS = ROOT / "benchmarks" / "workers"
PINS = 100  # get_pin reads one pin; the listing size does not matter here
HTTPX_TARGET, GET_PIN_TARGET, SDK_TARGET, ARGPARSE_TARGET = 1.15, 1.10, 0.8, 2.0


def sdk_installed() -> bool:
    """The SDK is a baseline only `nox -s bench` installs; elsewhere its rows say so.

    Asked of the package metadata: importing ``pinterest`` here would run the SDK's import
    side effects (``.env`` and ``config.json`` copied into this process's environment).
    """
    try:
        metadata.version("pinterest-api-sdk")
    except metadata.PackageNotFoundError:
        return False
    return True


def describe(sample: Sample) -> str:
    return f"{sample.median_ms:.0f} ms, {sample.median_rss_mib:.0f} MiB"


def rows(
    what: str, ours: Sample, httpx: tuple[str, Sample], sdk: tuple[str, Sample] | None, target: float = HTTPX_TARGET
) -> list[Row]:
    ratio = ours.median_ms / httpx[1].median_ms
    result = [
        Row(
            what,
            describe(ours),
            f"{httpx[0]} {describe(httpx[1])}",
            ratio,
            f"<= {target}x",
            ratio <= target,
        )
    ]
    if sdk is None:
        result.append(Row(what, describe(ours), "official SDK: not installed", None, f"<= {SDK_TARGET}x", None))
    else:
        ratio = ours.median_ms / sdk[1].median_ms
        result.append(
            Row(what, describe(ours), f"{sdk[0]} {describe(sdk[1])}", ratio, f"<= {SDK_TARGET}x", ratio <= SDK_TARGET)
        )
    return result


def run(runs: int) -> list[Row]:
    with_sdk = sdk_installed()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp, emulator(PINS) as emu:
        pin = emu.first_pin
        env = bench_env(PINTEREST_API_URI=emu.base_url, ACCESS_TOKEN=emu.token)
        sdk_env = bench_env(PINTEREST_API_URI=f"{emu.base_url}/v5", PINTEREST_ACCESS_TOKEN=emu.token)
        commands = {
            "help": [sys.executable, "-m", "pinterest_tools.get_pin", "--help"],
            "bare": python_c("pass"),
            "import httpx": python_c("import httpx"),
            "import argparse": python_c("import argparse"),
            "get_pin": [sys.executable, "-m", "pinterest_tools.get_pin", "-p", pin],
            "httpx get": [sys.executable, str(WORKERS / "httpx_get_pin.py"), pin],
        }
        if with_sdk:
            commands["import sdk"] = python_c("from pinterest.organic.pins import Pin")
            commands["sdk get"] = [sys.executable, str(WORKERS / "sdk_get_pin.py"), pin]
        envs = {"import sdk": sdk_env, "sdk get": sdk_env}
        samples = compare(commands, runs, env, envs=envs, cwd=neutral_cwd(Path(tmp)))
    sdk_import = ("SDK import Pin", samples["import sdk"]) if with_sdk else None
    sdk_get = ("SDK Pin(pin_id=...)", samples["sdk get"]) if with_sdk else None
    help_name = f"get_pin --help, whole process (bare python {samples['bare'].median_ms:.0f} ms)"
    argparse_ratio = samples["help"].median_ms / samples["import argparse"].median_ms
    return [
        Row(
            help_name,
            describe(samples["help"]),
            f"python -c 'import argparse' {describe(samples['import argparse'])}",
            argparse_ratio,
            f"<= {ARGPARSE_TARGET}x",
            argparse_ratio <= ARGPARSE_TARGET,
        ),
        *rows(help_name, samples["help"], ("python -c 'import httpx'", samples["import httpx"]), sdk_import),
        *rows(
            "get_pin -p ID end to end (emulator)",
            samples["get_pin"],
            ("raw httpx script", samples["httpx get"]),
            sdk_get,
            GET_PIN_TARGET,
        ),
    ]
