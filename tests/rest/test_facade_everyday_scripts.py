"""The everyday examples beside the README's (examples/): run against the emulator and type-checked.

Together with the README's scripts (tests/rest/test_facade_scripts.py: boards and pin
counts, sync and async; errors) they are the eight things a new user does first: a board
with a section and pins moved and deleted, paging with a resume, the ad tree with
analytics and a report, conversion events and customer lists, reading seeded data,
per-call options and printing. Each must pass
``mypy --strict`` with no ``cast``, ``assert`` or ``type: ignore``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from support.user_scripts import load_script, mypy_strict

from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator
from pinterest_tools.rest import Pinterest
from pinterest_tools.workflows import polling

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EVERYDAY = (
    "ad_tree",
    "conversions_and_lists",
    "new_in_5_28",
    "options_and_printing",
    "paging_resume",
    "sections_and_moves",
    "seeded_data",
)


def script(name: str) -> ModuleType:
    return load_script(EXAMPLES / f"{name}.py", f"everyday_{name}")


@pytest.fixture
def emu() -> Iterator[PinterestEmulator]:
    with start_emulator("inprocess", record=True) as emulator:
        yield emulator


@pytest.fixture
def client(emu: PinterestEmulator) -> Pinterest:
    return emu.client()


def test_sections_and_moves(emu: PinterestEmulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    pin_ids = script("sections_and_moves").main(client)
    out = capsys.readouterr().out.splitlines()
    board_id = re.fullmatch(r"board (\d+) with section Shelves", out[0])
    assert board_id, out
    assert out[1:] == [
        "moved Spice rack into Shelves",
        "Shelves: Spice rack",
        "Kitchen ideas: 3 pins",
        f"deleted board {board_id[1]}",
    ]
    assert len(pin_ids) == 3 and not set(pin_ids) & set(emu.state.pins)  # deleted with their board
    assert board_id[1] not in emu.state.boards


def test_paging_with_resume(emu: PinterestEmulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    titles = script("paging_resume").main(client, page_size=2)
    out = capsys.readouterr().out.splitlines()
    user = emu.state.first_user()
    expected = [pin.title or "" for pin in emu.state.pins_of(user.id)]
    assert sorted(titles) == sorted(expected) and len(titles) > 2
    assert out[0] == "first page: 2 pins, next bookmark saved" and out[-1] == f"{len(expected)} pins in all"
    pages = [e for e in emu.exchanges if e.path == "/v5/pins" and e.method == "GET"]
    assert len(pages) == -(-len(expected) // 2)  # each page fetched once, the first not again


def test_ad_tree(emu: PinterestEmulator, client: Pinterest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)
    capture: list[str] = []
    monkeypatch.setattr("builtins.print", lambda *args: capture.append(" ".join(map(str, args))))
    script("ad_tree").main(client, tmp_path, dt.date.today())
    user = emu.state.first_user()
    accounts = emu.state.ad_accounts_of(user.id)
    assert accounts
    for account in accounts:
        assert f"{account.name} ({account.id})" in capture
        assert (tmp_path / f"campaigns-{account.id}.csv").read_text().splitlines()[0]
    assert any(line.startswith("  campaign ") for line in capture)
    assert any(re.fullmatch(r"    ad group .+: \d+ ads", line) for line in capture)
    assert any(re.fullmatch(r"  analytics: \d+ rows", line) for line in capture)


def test_conversions_and_customer_lists(
    emu: PinterestEmulator, client: Pinterest, capsys: pytest.CaptureFixture[str]
) -> None:
    account = emu.state.ad_accounts_of(emu.state.first_user().id)[0]
    list_id = script("conversions_and_lists").main(client, account.id)
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"events: \d+ received, \d+ processed", out[0]), out  # the emulator's sample counts
    assert out[1] == f"customer list Newsletter ({list_id})"
    assert out[2].startswith("lists: ") and "Newsletter" in out[2]
    sent = [e for e in emu.exchanges if e.path == f"/v5/ad_accounts/{account.id}/events"]
    assert [e.status for e in sent] == [200]
    assert json.loads(sent[0].request_body)["data"][0]["event_id"] == "order-1001"


SEED = {
    "users": [
        {
            "username": "cleo",
            "boards": [
                {
                    "name": "Gardens",
                    "pins": [{"title": "Roses", "image": {"url": "https://images.example.com/roses.jpg"}}],
                    "sections": [
                        {"name": "Herbs", "pins": [{"title": "Mint", "image": {"url": "https://x/mint.jpg"}}]}
                    ],
                }
            ],
        }
    ]
}


def test_seeded_data(emu: PinterestEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    emu.seed(SEED)
    with emu.client(user="cleo") as client:
        script("seeded_data").main(client)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "cleo: 1 boards"
    assert out[1] == "Gardens: sections ['Herbs'], pins ['Roses', 'Mint']"


def test_options_and_printing(emu: PinterestEmulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    script("options_and_printing").main(client)
    out = capsys.readouterr().out
    user = emu.state.first_user()
    document, _, rest = out.partition("\n}\n")
    assert json.loads(document + "\n}")["username"] == user.username
    lines = rest.splitlines()
    assert re.fullmatch(r"HTTP 200, request id \S+", lines[0]), lines
    assert re.fullmatch(r"rate limit remaining: \d+", lines[1]), lines
    boards = emu.state.boards_of(user.id)[:2]
    assert lines[2:4] == [f"{board.id}: {board.name}" for board in boards]
    traced = [e for e in emu.exchanges if e.path == "/v5/boards" and e.method == "GET"]
    assert traced and traced[0].status == 200
    pins = [e for e in emu.exchanges if e.path == "/v5/pins"]
    assert pins and "pin_metrics=false" in (pins[-1].query or "")


def test_what_api_528_added(emu: PinterestEmulator, client: Pinterest, capsys: pytest.CaptureFixture[str]) -> None:
    """The 5.28.0 fields and parameters by name: sent, stored, filtered on, typed."""
    user = emu.state.first_user()
    board = emu.state.boards_of(user.id)[0]
    account = emu.state.ad_accounts_of(user.id)[0]
    before = {pin.id for pin in emu.state.pins.values()}
    pin_id, segment_id = script("new_in_5_28").main(client, board.id, account.id)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"pin {pin_id} discloses: AI_MODIFIED",
        "pins linking to shop.example.com: Still life, generated",  # none of the demo's pins links there
        "customer segments: Vase lovers segment",
    ]
    assert pin_id not in emu.state.pins and set(emu.state.pins) == before
    assert segment_id
    # The query carried the new parameter under its own name.
    listed = [e for e in emu.exchanges if e.method == "GET" and e.path == "/v5/pins"]
    assert listed and "domain=shop.example.com" in (listed[-1].query or "")


def test_everyday_scripts_pass_mypy_strict_without_escape_hatches() -> None:
    files = [EXAMPLES / f"{name}.py" for name in EVERYDAY]
    for file in files:
        text = file.read_text()
        for forbidden in ("cast(", "assert ", "type: ignore", "Any"):
            assert forbidden not in text, f"{file.name} uses {forbidden}"
    result = mypy_strict(files)
    assert result.returncode == 0, result.stdout


def test_every_example_is_run_by_a_test() -> None:
    """A script added to examples/ is one the README or docs may show: it must run here or beside."""
    readme_scripts = {"ads_analytics", "boards_and_pins", "boards_and_pins_async", "error_handling", "pin_lifecycle"}
    readme_scripts.add("video_pin")  # these six: tests/rest/test_facade_scripts.py
    # docs/client.md's: tests/rest/test_token_stores.py and tests/test_conversions.py
    beside = {"sqlite_token_store", "conversion_event"}
    assert {path.stem for path in EXAMPLES.glob("*.py")} == set(EVERYDAY) | readme_scripts | beside
