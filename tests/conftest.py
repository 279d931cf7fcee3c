"""Shared fixtures. Tests never reach the network: HTTP is mocked at the transport or served on 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["emulator_support"]


@pytest.fixture(scope="session")
def v5_spec() -> dict[str, Any]:
    """Pinterest's published v5 description, which is never committed (specs/README.md).

    `nox -s tests` points PINTEREST_V5_SPEC at ../shared/specs/pinterest-api-v5.23.0.json.
    """
    path = os.environ.get("PINTEREST_V5_SPEC") or str(ROOT.parent / "shared" / "specs" / "pinterest-api-v5.23.0.json")
    if not Path(path).exists():
        pytest.skip("Pinterest's v5 description is not available; set PINTEREST_V5_SPEC")
    return json.loads(Path(path).read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def v5_normalized(v5_spec: dict[str, Any]) -> dict[str, Any]:
    """The description as the generator saw it."""
    import copy

    from specgen.normalize import normalize

    spec = copy.deepcopy(v5_spec)
    normalize(spec)
    return spec
