"""Requests per second the emulator serves on ``GET /v5/pins/{id}`` and ``GET /v3/pins/{id}/``,
next to a bare Starlette app answering the same bodies on the same uvicorn configuration.

Users' test suites pay the emulator's cost per request on every request, so its floor is
Starlette itself: the emulator routes by path shape (``serving/path_router.py``) instead
of Starlette's scan over its ~300 routes, and the rest is its middleware (request ids,
rate limits per category, faults, recording off). Both servers run as subprocesses on
127.0.0.1; one keep-alive httpx client in this process sends the requests one after
another, in short measurements paired and interleaved (emulator, bare, bare, emulator,
...) so that load from the rest of the machine falls on both alike. Both get the same
request, token included (the bare app ignores it), and send the same answer, the emulator's
request id and rate-limit headers included: what differs is the work of making it. Each
figure is the median of its measurements.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

from benchmarks.common import ROOT, Row, served
from benchmarks.emulated import emulator
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET

WORKER = ROOT / "benchmarks" / "workers" / "bare_starlette.py"
REQUESTS = 300  # per measurement: a quarter of a second or so
PAIRS = 5  # measurements of each server per run and route, in pairs
WARM_UP = 200
TARGET = 0.9  # the emulator at least 0.9x the bare app's requests per second


def v3_token(base_url: str) -> str:
    """A v3 token through the consent page (the bench emulator approves at once) and v3's token endpoint."""
    with httpx.Client(base_url=base_url) as http:
        params = {"consumer_id": DEMO_APP_ID, "redirect_uri": "http://localhost:8085/", "response_type": "code"}
        page = http.get("/oauth/", params={**params, "scope": "read_organic"})
        code = parse_qs(urlsplit(page.headers["location"]).query)["code"][0]
        answer = http.put(
            "/v3/oauth/access_token/",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": params["redirect_uri"]},
            auth=(DEMO_APP_ID, DEMO_APP_SECRET),
        )
        answer.raise_for_status()
        return str(answer.json()["access_token"])


# What the emulator adds to an answer that a bare app would not: its request id and rate-limit window.
ADDED_HEADERS = ("x-pinterest-rid", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")


def answer_of(response: httpx.Response) -> dict[str, object]:
    """An emulator answer as the bare app repeats it: the body and the headers the emulator added."""
    response.raise_for_status()
    headers = {name: response.headers[name] for name in ADDED_HEADERS if name in response.headers}
    return {"body": response.json(), "headers": headers}


@contextlib.contextmanager
def bare_starlette(answers: dict[str, object]) -> Iterator[str]:
    """The bare app's base URL while the block runs, answering ``answers`` (the emulator's own)."""
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        path = Path(tmp) / "answers.json"
        path.write_text(json.dumps(answers))
        with served([sys.executable, str(WORKER), str(path)]) as base_url:
            yield base_url


def per_second(client: httpx.Client, path: str) -> float:
    start = time.perf_counter()
    for _ in range(REQUESTS):
        client.get(path)
    return REQUESTS / (time.perf_counter() - start)


def paired(ours: httpx.Client, bare: httpx.Client, path: str) -> tuple[list[float], list[float]]:
    """``PAIRS`` measurements of each, in the order ours, bare, bare, ours, ...: load that comes
    and goes on a shared machine falls on both alike, and on neither first."""
    for client in (ours, bare):
        for _ in range(WARM_UP):
            client.get(path).raise_for_status()
    mine: list[float] = []
    floor: list[float] = []
    for pair in range(PAIRS):
        order = [(ours, mine), (bare, floor)]
        for client, rates in order if pair % 2 == 0 else reversed(order):
            rates.append(per_second(client, path))
    return mine, floor


def run(runs: int) -> list[Row]:
    with emulator(10) as emu:
        pin = emu.first_pin
        v3 = v3_token(emu.base_url)
        paths = {"v5": (f"/v5/pins/{pin}", emu.token), "v3": (f"/v3/pins/{pin}/", v3)}
        clients = {
            name: httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {token}"})
            for name, (_, token) in paths.items()
        }
        answers = {name: answer_of(clients[name].get(path)) for name, (path, _) in paths.items()}
        with bare_starlette(answers) as bare_url:
            # The same request to both (the token included, which the bare app ignores) and the
            # same answer from both (the bare app sends the emulator's headers too): the bytes on
            # the wire are alike, and the difference is what the emulator does to make them. An
            # Authorization header alone costs a bare round trip about 7% (h11 writes and parses
            # it on both sides).
            bare = {name: httpx.Client(base_url=bare_url, headers=clients[name].headers) for name in paths}
            ours: dict[str, list[float]] = {"v5": [], "v3": []}
            floor: dict[str, list[float]] = {"v5": [], "v3": []}
            for _ in range(runs):
                for name, (path, _) in paths.items():
                    mine, base = paired(clients[name], bare[name], path)
                    ours[name] += mine
                    floor[name] += base
            for client in [*clients.values(), *bare.values()]:
                client.close()
    rows = []
    for name, (path, _) in paths.items():
        mine, base = statistics.median(ours[name]), statistics.median(floor[name])
        ratio = mine / base
        rows.append(
            Row(
                f"emulator GET {path.replace(pin, '{id}')}, one keep-alive client (requests/s; higher is better)",
                f"{mine:.0f}/s",
                f"bare Starlette {base:.0f}/s",
                ratio,
                f">= {TARGET}x" if name == "v5" else "reported",
                ratio >= TARGET if name == "v5" else None,
            )
        )
    return rows
