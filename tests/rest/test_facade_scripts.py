"""The README's six scripts (examples/), run against the emulator and type-checked.

Each script is what a user would write with ``Pinterest``/``AsyncPinterest``; here its
``main`` gets a client bound to a fresh emulator, and the output and the emulator's state
are checked. ``test_scripts_pass_mypy_strict`` runs ``mypy --strict`` on all of them and
refuses the escape hatches (``cast``, ``assert isinstance``, ``type: ignore``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from support.user_scripts import load_script, mypy_strict

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.emulator import Emulator
from pinterest_tools.workflows import polling

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# The README's scripts; the other six examples are tests/rest/test_facade_everyday_scripts.py's.
README_SCRIPTS = (
    "ads_analytics",
    "boards_and_pins",
    "boards_and_pins_async",
    "error_handling",
    "pin_lifecycle",
    "video_pin",
)
USER = "dexter_demo"


def script(name: str) -> ModuleType:
    return load_script(EXAMPLES / f"{name}.py", f"facade_script_{name}")


@pytest.fixture
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[Pinterest]:
    with Pinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
        yield client


def test_boards_and_pins(emulator: Emulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    script("boards_and_pins").main(client, pins_per_board=2)
    out = capsys.readouterr().out.splitlines()
    boards = emulator.state.boards_of(USER)
    assert [line for line in out if not line.startswith("  ")] == [f"{b.name} ({b.id})" for b in boards]
    first_board_pins = [line for line in out[1:3] if line.startswith("  pin ")]
    assert first_board_pins and all(re.fullmatch(r"  pin \d+: .+", line) for line in first_board_pins)


def test_boards_and_pins_async(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    async def run() -> None:
        async with AsyncPinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
            await script("boards_and_pins_async").main(client)

    asyncio.run(run())
    out = capsys.readouterr().out.splitlines()
    state = emulator.state
    pins = state.pins_of(USER)
    expected = [f"{b.name}: {len([p for p in pins if p.board_id == b.id])} pins" for b in state.boards_of(USER)]
    assert out == expected and len(out) >= 2


def test_pin_lifecycle(emulator: Emulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = (board.id for board in emulator.state.boards_of(USER)[:2])
    before = {pin.id for pin in emulator.state.pins_of(USER)}
    script("pin_lifecycle").main(client, first, second)
    out = capsys.readouterr().out.splitlines()
    created = re.fullmatch(r"created (\d+): Weekend project", out[0])
    assert created, out
    assert out[1] == f"read back {created[1]} on board {first}"
    assert out[2] == f"updated {created[1]}: Weekend project, finished"
    assert out[3].startswith("saved as ") and sum(line.startswith("deleted ") for line in out) >= 1
    assert {pin.id for pin in emulator.state.pins_of(USER)} == before  # everything it made is gone
    sent = [e for e in emulator.exchanges if e.method == "POST" and e.path == "/v5/pins"]
    assert sent[0].status == 201
    (patched,) = [e for e in emulator.exchanges if e.method == "PATCH"]
    assert (patched.path, patched.status) == (f"/v5/pins/{created[1]}", 200)
    assert json.loads(patched.request_body) == {"title": "Weekend project, finished", "alt_text": "A finished shelf"}
    assert json.loads(patched.response_body)["alt_text"] == "A finished shelf"


def test_video_pin(
    emulator: Emulator, client: Pinterest, tmp_path: Path, fast_polls: None, capsys: pytest.CaptureFixture[str]
) -> None:
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2048))
    board = emulator.state.boards_of(USER)[0]
    pin_id = script("video_pin").main(client, board.id, video)
    assert capsys.readouterr().out == f"video pin {pin_id} created\n"
    pin = emulator.state.pins[pin_id]
    assert emulator.state.media[getattr(pin.media, "media_id", "")].status == "succeeded"
    assert pin.title == "Timelapse" and pin.board_id == board.id


def test_ads_analytics_and_report(
    emulator: Emulator, client: Pinterest, tmp_path: Path, fast_polls: None, capsys: pytest.CaptureFixture[str]
) -> None:
    script("ads_analytics").main(client, tmp_path, dt.date.today())
    out = capsys.readouterr().out.splitlines()
    accounts = emulator.state.ad_accounts_of(USER)
    assert accounts and all(any(line.startswith(f"report for {a.id}: ") for line in out) for a in accounts)
    assert any("SPEND_IN_DOLLAR" in line for line in out)
    for account in accounts:
        report = tmp_path / f"report-{account.id}.csv"
        assert report.read_text().splitlines()[0]  # a CSV with a header line
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside the reports


def test_error_handling(emulator: Emulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    token = emulator.issue_token(USER, ["boards:read"])
    with Pinterest(token, base_url=emulator.base_url, token_scopes=["boards:read"]) as read_only:
        script("error_handling").main(client, read_only)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("not found: HTTP 404, code ")
    assert out[1] == "missing scope: boards:write"  # only the scope the token lacks, not boards:read
    assert out[2].startswith("refused: HTTP 400")
    assert out[3] == "user account read with one attempt and a 5 s timeout"
    created = [e for e in emulator.exchanges if e.path == "/v5/boards" and e.method == "POST" and e.status < 300]
    assert created == []


MISTAKES = """
from pinterest_tools import Pinterest

def mistakes(client: Pinterest) -> None:
    client.boards.create(description="no name")  # line 5: a required field missing
    client.boards.list(privacy="secret")  # line 6: not one of the Literal values (they are upper case)
    client.pins.get(42)  # line 7: a path parameter is a str
    client.pinz.get("1")  # line 8: no such resource
    pin = client.pins.get("1")
    pin.titel  # line 10: no such field
    client.boards.create(name="fine")
    client.boards.create(body={"name": "fine too"})
"""


def test_scripts_pass_mypy_strict_and_mistakes_do_not(tmp_path: Path) -> None:
    files = [EXAMPLES / f"{name}.py" for name in README_SCRIPTS]
    for file in files:
        text = file.read_text()
        for forbidden in ("cast(", "assert isinstance", "type: ignore", "Any"):
            assert forbidden not in text, f"{file.name} uses {forbidden}"
    mistakes = tmp_path / "mistakes.py"
    mistakes.write_text(MISTAKES)
    result = mypy_strict([*files, mistakes], "--no-error-summary")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert all(line.split(":")[0].endswith("mistakes.py") for line in errors), result.stdout  # the scripts are clean
    lines = sorted({int(line.split(":")[1]) for line in errors})
    assert lines == [5, 6, 7, 8, 10], result.stdout


def test_async_workflows_run_the_same_code(emulator: Emulator, tmp_path: Path, fast_polls: None) -> None:
    """AsyncPinterest's video pin and report: the sync workflow in a worker thread, same results."""
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(1024))
    board = emulator.state.boards_of(USER)[0]
    account = emulator.state.ad_accounts_of(USER)[0]
    report = {
        "start_date": "2026-01-01",
        "end_date": "2026-01-07",
        "granularity": "DAY",
        "level": "CAMPAIGN",
        "columns": ["SPEND_IN_DOLLAR"],
        "report_format": "CSV",
    }

    async def run() -> tuple[str, Path]:
        async with AsyncPinterest(emulator.issue_token(USER), base_url=emulator.base_url) as client:
            pin = await client.create_video_pin(board.id, video, title="Async clip")
            target = await client.download_report(account.id, report, tmp_path / "async.csv")
            return pin.id, target

    pin_id, target = asyncio.run(run())
    pin = emulator.state.pins[pin_id]
    assert pin.title == "Async clip" and pin.board_id == board.id
    assert emulator.state.media[getattr(pin.media, "media_id", "")].status == "succeeded"
    assert target.read_text().splitlines()[0]


README = EXAMPLES.parent / "README.md"


def _code_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_every_python_block_of_the_readme_is_cut_from_an_example() -> None:
    """So the README's snippets are code the tests above run and type-check, not a copy that drifts."""
    blocks = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 5
    examples = {path.name: _code_lines(path.read_text(encoding="utf-8")) for path in EXAMPLES.glob("*.py")}
    for block in blocks:
        wanted = _code_lines(block)
        found = [
            name
            for name, lines in examples.items()
            if any(lines[i : i + len(wanted)] == wanted for i in range(len(lines) - len(wanted) + 1))
        ]
        assert found, f"this README block is in no file of examples/:\n{block}"


def _missing_links(page: Path) -> list[str]:
    """The files a Markdown page links to (relative links, anchors left out) that do not exist."""
    text = page.read_text(encoding="utf-8")
    targets = {target.partition("#")[0] for target in re.findall(r"\]\(([^)#:]+(?:#[^)]*)?)\)", text)}
    return sorted(target for target in targets if not (page.parent / target).exists())


def test_the_readme_is_a_front_door() -> None:
    """At most 600 lines (the references live in docs/), and every file it or docs/ links to exists."""
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 600
    for page in [README, EXAMPLES / "README.md", *sorted((README.parent / "docs").glob("*.md"))]:
        assert _missing_links(page) == [], page
