"""How the suite gets Pinterest's description, and how a run without it ends (support.description).

The download is tested against a server on 127.0.0.1 (the only address the tests may reach);
the end of a run is tested by running pytest on a small suite in a subprocess: under xdist as
``nox -s tests`` runs it, and in one process under ``CI=true``.
"""

from __future__ import annotations

import hashlib
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import description
from support.description import MISSING, Found, Pinned, download, find_or_fetch

DATA = b'{"openapi": "3.0.3", "info": {"title": "stand-in"}}'


def pinned(data: bytes = DATA, url: str = "http://127.0.0.1:9/openapi.json") -> Pinned:
    return Pinned(url, hashlib.sha256(data).hexdigest(), len(data), "pinterest-api-v5.99.0.json")


class Fetches:
    """A stand-in for :func:`download` that records its calls and answers ``answer``."""

    def __init__(self, answer: bytes | OSError) -> None:
        self.answer = answer
        self.calls: list[tuple[str, float, int]] = []

    def __call__(self, url: str, seconds: float, limit: int) -> bytes:
        self.calls.append((url, seconds, limit))
        if isinstance(self.answer, OSError):
            raise self.answer
        return self.answer


@pytest.fixture
def absent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No description given: PINTEREST_V5_SPEC names a file that does not exist."""
    monkeypatch.setenv("PINTEREST_V5_SPEC", str(tmp_path / "nowhere.json"))
    return tmp_path / "cache"


def test_a_given_description_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    given = tmp_path / "mine.json"
    given.write_bytes(b"{}")
    monkeypatch.setenv("PINTEREST_V5_SPEC", str(given))
    fetch = Fetches(OSError("never asked"))
    assert find_or_fetch(pinned(), tmp_path / "cache", fetch=fetch) == Found(given, str(given))
    assert fetch.calls == []


def test_a_download_is_checked_kept_and_then_read_from_the_cache(absent: Path) -> None:
    fetch = Fetches(DATA)
    found = find_or_fetch(pinned(), absent, fetch=fetch, seconds=2.5)
    assert found.path == absent / "pinterest-api-v5.99.0.json" and found.path.read_bytes() == DATA
    assert found.how.endswith("(downloaded now from http://127.0.0.1:9/openapi.json)")
    assert fetch.calls == [("http://127.0.0.1:9/openapi.json", 2.5, len(DATA) + 1)]
    assert [path.name for path in absent.iterdir()] == ["pinterest-api-v5.99.0.json"]  # no partial file left
    again = find_or_fetch(pinned(), absent, fetch=fetch)
    assert again.path == found.path and again.how.endswith("(downloaded earlier)") and len(fetch.calls) == 1


def test_a_cached_copy_with_another_sha256_is_downloaded_again(absent: Path) -> None:
    absent.mkdir()
    (absent / "pinterest-api-v5.99.0.json").write_bytes(b"stale")
    found = find_or_fetch(pinned(), absent, fetch=Fetches(DATA))
    assert found.path is not None and found.path.read_bytes() == DATA


def test_a_download_with_another_sha256_is_refused_and_not_kept(absent: Path) -> None:
    found = find_or_fetch(pinned(), absent, fetch=Fetches(b"tampered"))
    assert found.path is None
    assert (
        found.how
        == f"the download has sha256 {hashlib.sha256(b'tampered').hexdigest()}, not the pinned {pinned().sha256}"
    )
    assert not absent.exists()


def test_a_failed_download_says_why(absent: Path) -> None:
    found = find_or_fetch(pinned(), absent, fetch=Fetches(OSError("Name or service not known")))
    assert found == Found(None, "the download failed: Name or service not known")


@pytest.fixture
def server() -> Iterator[tuple[str, threading.Event]]:
    """A server on 127.0.0.1: ``/spec`` answers DATA, ``/late`` waits until the event is set."""
    release = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/late":
                release.wait(10)
            self.send_response(200)
            self.send_header("Content-Length", str(len(DATA)))
            self.end_headers()
            self.wfile.write(DATA)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", release
    release.set()
    httpd.shutdown()
    httpd.server_close()


def test_download_reads_at_most_the_limit(server: tuple[str, threading.Event]) -> None:
    base, _ = server
    assert download(f"{base}/spec", 5, len(DATA) + 1) == DATA
    assert download(f"{base}/spec", 5, 10) == DATA[:10]


def test_download_gives_up_at_its_deadline(server: tuple[str, threading.Event]) -> None:
    base, release = server
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        download(f"{base}/late", 0.3, 100)
    assert time.monotonic() - started < 3
    release.set()


def test_download_of_nothing_is_an_os_error() -> None:
    with pytest.raises(OSError):
        download("http://127.0.0.1:9/refused", 2, 100)  # the discard port: nothing listens


SMALL_SUITE = f"""
import pytest

MISSING = {MISSING!r}


def test_runs():
    assert True


@pytest.mark.skipif(True, reason=MISSING)
def test_needs_the_description():
    raise AssertionError("skipped")


def test_needs_it_too():
    pytest.skip(MISSING + "; set PINTEREST_V5_SPEC")


def test_skips_for_another_reason():
    pytest.skip("another reason")
"""


def run_small_suite(tmp_path: Path, *, ci: bool, workers: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_small.py").write_text(SMALL_SUITE, encoding="utf-8")
    given = tmp_path / "given.json"
    given.write_bytes(b"{}")  # found, so no download is tried: the skips above stand for the tests that need it
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env |= {"PINTEREST_V5_SPEC": str(given), "PYTHONPATH": str(Path(description.__file__).parent.parent)}
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-p", "support.description", "-n", workers, "-p", "no:cacheprovider"]
    return subprocess.run([*command, "test_small.py"], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_a_run_without_the_description_ends_with_one_line_saying_so(tmp_path: Path) -> None:
    result = run_small_suite(tmp_path, ci=False, workers="2")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "did not run" in line]
    assert len(lines) == 1
    assert f"! 2 tests did not run: {MISSING} (" in lines[0]
    assert "To run them, set PINTEREST_V5_SPEC to pinterest-api-v5.23.0.json" in lines[0]
    assert Pinned.load().url in lines[0] and "under CI" not in lines[0]
    assert "1 passed, 3 skipped" in result.stdout


def test_under_ci_a_run_without_the_description_fails(tmp_path: Path) -> None:
    result = run_small_suite(tmp_path, ci=True, workers="0")  # no workers: the hooks run in one process
    assert result.returncode == 1, result.stdout + result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "did not run" in line]
    assert "2 tests did not run" in line and "under CI (CI=true) this fails the run" in line
