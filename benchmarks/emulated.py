"""The emulator the client benchmarks talk to: generated data, a subprocess, a token.

The data is deterministic: one user (``bench_user``) with one board of ``pins`` image
pins, ids counting up from :data:`FIRST_PIN_ID`. The emulator runs as its own process on
127.0.0.1, so its CPU time never lands on a measured client; its rate limits are raised out
of the way (a run pages hundreds of times a minute). The token comes from the emulator's
OAuth token endpoint (client credentials of the demo app, whose owner is the first user).
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import ROOT
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET

USER_ID = "1000000000"
BOARD_ID = "2000000000"
FIRST_PIN_ID = 3_000_000_000
SCOPES = "boards:read,pins:read,user_accounts:read"
# Pinterest's per-category limits (1,000 reads a minute) raised out of the way of runs that page
# hundreds of times a minute; --auto-approve lets a bench take a v3 token through the consent page.
UNLIMITED = "org_read=1000000/s,org_write=1000000/s"


def pin(i: int) -> dict[str, object]:
    return {
        "id": str(FIRST_PIN_ID + i),
        "title": f"Pin {i}",
        "description": f"Benchmark pin number {i}, with a description of ordinary length.",
        "link": f"https://example.com/recipes/{i}",
        "alt_text": "A plate of food",
        "dominant_color": "#c8553d",
        "created_at": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T12:00:00Z",
        "image": {"url": f"https://i.example.com/{i}.jpg", "width": 1000, "height": 1500},
    }


def write_data(path: Path, pins: int) -> None:
    """A data file (``pinterest_tools/emulator/__init__.py``) with one user, one board, ``pins`` pins.

    Written pin by pin, so that this process (whose peak RSS a child would not inherit, see
    ``benchmarks.common.LAUNCHER``, but which should stay small anyway) never holds it whole.
    """
    board = {"id": BOARD_ID, "name": "Bench", "created_at": "2024-01-01T00:00:00Z", "pins": []}
    user = {"id": USER_ID, "username": "bench_user", "boards": [board]}
    head, tail = json.dumps({"format": 1, "users": [user]}).split('"pins": []')
    with path.open("w") as out:
        out.write(head + '"pins": [')
        for i in range(pins):
            out.write(("," if i else "") + json.dumps(pin(i)))
        out.write("]" + tail)


@dataclass(frozen=True)
class Running:
    """A running emulator: where it listens (without ``/v5``) and a token for ``bench_user``."""

    base_url: str
    token: str

    @property
    def first_pin(self) -> str:
        return str(FIRST_PIN_ID)


def client_credentials_token(base_url: str) -> str:
    basic = base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()
    request = urllib.request.Request(
        f"{base_url}/v5/oauth/token",
        data=urllib.parse.urlencode({"grant_type": "client_credentials", "scope": SCOPES}).encode(),
        headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(json.load(response)["access_token"])


@contextlib.contextmanager
def emulator(pins: int) -> Iterator[Running]:
    """Serve ``pins`` pins from an emulator subprocess on 127.0.0.1 until the block ends."""
    with tempfile.TemporaryDirectory(prefix="pinterest-bench-") as tmp:
        data = Path(tmp) / "data.json"
        write_data(data, pins)
        with (Path(tmp) / "emulator.log").open("wb") as log:
            command = [sys.executable, "-m", "pinterest_tools.emulator", "--host", "127.0.0.1", "--port", "0"]
            limits = ["--rate-limit", "1000000/s", "--rate-limits", UNLIMITED]
            proc = subprocess.Popen(
                [*command, "--data", str(data), *limits, "--auto-approve"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            try:
                assert proc.stdout is not None
                base_url = proc.stdout.readline().strip()
                if not base_url.startswith("http"):
                    proc.wait(timeout=10)
                    raise RuntimeError(f"the emulator did not start: {(Path(tmp) / 'emulator.log').read_text()[-500:]}")
                yield Running(base_url, client_credentials_token(base_url))
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()
