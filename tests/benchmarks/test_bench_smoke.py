"""One short run of the client benchmarks (startup, paging, memory, paging_canned), to keep them working.

Figures are never asserted (no timed assertions in the tests: the machines are shared and noisy); the listings are
shrunk so that the three suites take a few seconds. The official SDK is not installed in
the test venv, so its rows say so.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def suites(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ModuleType, ModuleType, ModuleType]]:
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import memory, paging, startup
    finally:
        sys.path.pop(0)
    monkeypatch.setattr(paging, "PINS", 600)
    monkeypatch.setattr(memory, "FEW", 300)
    monkeypatch.setattr(memory, "MANY", 900)
    yield startup, paging, memory


def test_client_benchmarks_smoke(suites: tuple[ModuleType, ModuleType, ModuleType]) -> None:
    startup, paging, memory = suites
    rows = startup.run(1) + paging.run(1) + memory.run(1)
    assert [row.name.split(" ")[0] for row in rows] == ["get_pin"] * 5 + ["paging"] * 2 + ["peak"]
    assert "import argparse" in rows[0].baseline
    floors = [row for row in rows if "SDK" not in row.baseline]  # argparse, raw httpx: always measured
    assert len(floors) == 5 and all(row.ratio is not None and row.ratio > 0 for row in floors)
    sdk_rows = [row for row in rows if "SDK" in row.baseline]
    assert all(row.ratio is not None for row in sdk_rows) or all("not installed" in r.baseline for r in sdk_rows)


def test_facade_benchmark_smoke(suites: tuple[ModuleType, ModuleType, ModuleType]) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import facade
    finally:
        sys.path.pop(0)
    rows = facade.run(1)
    assert [row.name.split(" ")[0] for row in rows] == ["from", "the", "paging"]
    assert all(row.ratio is not None and row.ratio > 0 for row in rows)
    floor = rows[1]
    assert floor.name.startswith("the floor of that figure") and floor.met is None  # reported, not a target


def test_canned_paging_benchmark_smoke(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three canned pages: every worker lists all of them (the bookmarks run out on the last), each row has a ratio."""
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import paging_canned
    finally:
        sys.path.pop(0)
    monkeypatch.setattr(paging_canned, "PAGES", 3)
    rows = paging_canned.run(1)  # a worker listing other than 750 pins fails the run (paging.per_thousand_ms)
    assert [row.name.split(" ")[1] for row in rows] == ["750"] * 3
    assert [row.target for row in rows] == ["<= 1.8x", "<= 1.8x", "<= 1.2x"]
    assert all(row.ratio is not None and row.ratio > 0 for row in rows)
