"""Pinterest's v5 description for the tests that need it: found, fetched once, or counted as missing.

Pinterest's file is never committed (specs/README.md). Before the tests are collected, the
controlling pytest process looks for it, in this order:

1. ``$PINTEREST_V5_SPEC`` (``nox -s tests`` sets it to ``../shared/specs/pinterest-api-v5.23.0.json``
   when that exists), else that shared copy beside the checkout;
2. a copy in the user cache directory (``platformdirs``), kept by an earlier download, if its
   sha256 is the one ``specs/v5/provenance.toml`` pins;
3. the URL ``specs/v5/provenance.toml`` pins, fetched within ``FETCH_SECONDS`` (a machine
   without the network must not wait long), checked against the pinned sha256 and kept in
   that cache.

What it finds goes into ``PINTEREST_V5_SPEC`` for the whole run (the xdist workers inherit it).
When nothing is found, the tests that need the description skip with a reason that starts with
:data:`MISSING`; the run then ends with one line saying how many did not run and how to make
them run, and under CI (``CI=true``) it fails, so that a half-run suite never passes quietly.
"""

from __future__ import annotations

import hashlib
import os
import threading
import tomllib
import urllib.request
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROVENANCE = ROOT / "specs" / "v5" / "provenance.toml"
SHARED = ROOT.parent / "shared" / "specs" / "pinterest-api-v5.23.0.json"
ENV = "PINTEREST_V5_SPEC"
MISSING = "Pinterest's v5 description is not available"
FETCH_SECONDS = 10.0


@dataclass(frozen=True)
class Pinned:
    """The published description the project is built from (``specs/v5/provenance.toml``)."""

    url: str
    sha256: str
    size: int
    file_name: str

    @classmethod
    def load(cls, path: Path = PROVENANCE) -> Pinned:
        provenance = tomllib.loads(path.read_text(encoding="utf-8"))
        name = f"pinterest-api-{provenance['tag']}.json"  # the shared copy's name: pinterest-api-v5.23.0.json
        return cls(provenance["url"], provenance["sha256"], provenance["size"], name)


def spec_path() -> Path:
    """Where the tests read the description: ``$PINTEREST_V5_SPEC``, else the shared copy."""
    return Path(os.environ.get(ENV) or SHARED)


def cache_dir() -> Path:
    """The user cache directory's folder for descriptions (``~/.cache/pinterest-tools/specs`` on Linux)."""
    import platformdirs

    from pinterest_tools.config import APP_NAME

    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "specs"


def download(url: str, seconds: float, limit: int) -> bytes:
    """At most ``limit`` bytes of ``url``, or OSError, within ``seconds`` in all.

    ``urlopen``'s timeout bounds each socket operation but not the name lookup, which can
    hang for long on a machine without a resolver; the fetch runs in a daemon thread and is
    abandoned at the deadline.
    """
    outcome: list[bytes | Exception] = []

    def fetch() -> None:
        try:
            with urllib.request.urlopen(url, timeout=seconds) as response:
                outcome.append(response.read(limit))
        except Exception as exc:  # reported below, as an OSError whatever it was
            outcome.append(exc)

    worker = threading.Thread(target=fetch, name="description-download", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise TimeoutError(f"no answer within {seconds:g} s")
    if isinstance(outcome[0], OSError):
        raise outcome[0]
    if isinstance(outcome[0], Exception):
        raise OSError(f"{type(outcome[0]).__name__}: {outcome[0]}") from outcome[0]
    return outcome[0]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Found:
    """The description's path (None: not found) and a few words on how it was found, or why not."""

    path: Path | None
    how: str


def find_or_fetch(
    pinned: Pinned,
    cache: Path,
    *,
    fetch: Callable[[str, float, int], bytes] = download,
    seconds: float = FETCH_SECONDS,
) -> Found:
    """The description: given, cached, or downloaded into ``cache`` (see the module docstring)."""
    given = spec_path()
    if given.is_file():
        return Found(given, f"{given}")
    cached = cache / pinned.file_name
    if cached.is_file() and _sha256(cached.read_bytes()) == pinned.sha256:
        return Found(cached, f"{cached} (downloaded earlier)")
    try:
        data = fetch(pinned.url, seconds, pinned.size + 1)
    except OSError as exc:
        return Found(None, f"the download failed: {exc}")
    digest = _sha256(data)
    if digest != pinned.sha256:
        return Found(None, f"the download has sha256 {digest}, not the pinned {pinned.sha256}")
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".{pinned.file_name}.{os.getpid()}.tmp"
    partial.write_bytes(data)
    partial.replace(cached)  # whole or not at all: another run may be reading it
    return Found(cached, f"{cached} (downloaded now from {pinned.url})")


def why_not_run(count: int, found: Found, pinned: Pinned, cache: Path, *, under_ci: bool) -> str:
    """The one line that ends a run in which ``count`` tests skipped for want of the description."""
    tests = "test" if count == 1 else "tests"
    line = (
        f"{count} {tests} did not run: {MISSING} ({found.how}). To run them, set {ENV} to "
        f"{pinned.file_name} (sha256 {pinned.sha256[:12]}...), put it at {cache / pinned.file_name}, "
        f"or let the tests download {pinned.url}"
    )
    return line + ("; under CI (CI=true) this fails the run" if under_ci else "")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


# ------------------------------------------------------------------ the pytest plugin (conftest.py loads it)
_found = pytest.StashKey[Found]()
_skipped: list[str] = []  # node ids of the tests that skipped for want of the description


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")  # an xdist worker reports to the controller, which sums up


def pytest_configure(config: pytest.Config) -> None:
    if not _is_controller(config):
        return
    found = find_or_fetch(Pinned.load(), cache_dir())
    config.stash[_found] = found
    if found.path is not None:
        os.environ[ENV] = str(found.path)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not report.skipped:
        return
    # A skip's longrepr is (path, line, "Skipped: <reason>"); a list once it crossed from an xdist worker.
    longrepr = report.longrepr
    reason = str(longrepr[2]) if isinstance(longrepr, tuple | list) and len(longrepr) == 3 else str(longrepr)
    if MISSING in reason:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _skipped and _is_controller(session.config) and under_ci():
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> Generator[None]:
    """The line comes after pytest's own summaries (the outermost wrapper ends last), just above the counts."""
    yield
    if not _skipped or not _is_controller(config):
        return
    found = config.stash.get(_found, Found(None, "not looked for"))
    line = why_not_run(len(set(_skipped)), found, Pinned.load(), cache_dir(), under_ci=under_ci())
    terminalreporter.write_sep("!", line, red=True, bold=True)
