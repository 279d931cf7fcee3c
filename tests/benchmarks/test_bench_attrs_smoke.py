"""One short run of the attrs-share and uncached benchmarks, to keep them working.

Figures are never asserted (no timed assertions in the tests): only that every row is
there and carries a figure, and that the attrs worker saw attrs build the generated classes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def suite(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT))
    try:
        module = __import__(f"benchmarks.{name}", fromlist=["run"])
    finally:
        sys.path.pop(0)
    return module


def test_attrs_share_benchmark_smoke(monkeypatch: pytest.MonkeyPatch) -> None:
    attrs_share = suite("attrs_share")
    monkeypatch.setattr(attrs_share, "PINS", 300)
    rows = attrs_share.run(1)
    assert [row.name.split(" ")[2] for row in rows] == ["the", "get_pin", "paging"]
    assert all(row.ratio is not None and 0 < row.ratio < 1 and row.met is None for row in rows)
    assert all(" classes built in " in row.figure and not row.figure.startswith("0 classes") for row in rows[:2])


def test_uncached_benchmark_smoke() -> None:
    rows = suite("uncached").run(1)
    assert [row.name.rpartition(": ")[2] for row in rows] == [
        "installed, byte code compiled",
        "checkout, no byte-code cache",
    ] * 2
    assert all(row.ratio is not None and row.ratio > 0 for row in rows)
