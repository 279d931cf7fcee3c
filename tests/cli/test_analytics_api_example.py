"""analytics_api_example end to end against the emulator, v5 and v3: a finished report's file, a failed report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.commands import VERSIONS, Commands, commands_fixture, make_commands_fixture  # noqa: F401 - fixtures

from pinterest_tools.cli.commands import analytics_api_example
from pinterest_tools.workflows import polling, reports

USER = "dexter_demo"


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)
    monkeypatch.setattr(polling, "MAX_WAIT", 0.002)


def report_url(commands: Commands, version: int) -> str:
    """The download URL of the command's report: the token from its request, then one more poll of our own."""
    (create,) = [e for e in commands.emu.exchanges if e.method == "POST"]
    answer: Any = create.json()
    token = (answer["data"] if version == 3 else answer)["token"]
    headers = {"Authorization": f"Bearer {commands.token()}"}
    with httpx.Client(base_url=commands.emu.base_url, headers=headers) as client:
        status = client.get(create.path, params={"token": token}).json()
    status = status["data"] if version == 3 else status
    assert status["report_status"] == "FINISHED"
    return str(status["url"])


@VERSIONS
def test_a_finished_report_is_downloaded_with_the_emulators_content(
    commands: Commands, version: int, tmp_path: Path
) -> None:
    commands.login()
    account = commands.emu.state.ad_accounts_of(USER)[0]
    target = tmp_path / "e2etestout_metrics_report.csv"
    result = commands.run(analytics_api_example, "--ad-account-id", account.id, "--output", str(target), stdin="")
    assert result.code == 0, result.err
    lines = result.lines
    assert f"Using the Ad Account with identifier: {account.id}" in lines
    assert lines[lines.index("Here are a couple of interesting metrics...") + 1].startswith("CLICKTHROUGH_1: ")
    assert f"Requesting report for advertiser id {account.id}..." in lines
    content = target.read_bytes()
    assert lines[-1] == f"wrote the report to {target} ({len(content)} bytes)"
    assert content == httpx.get(report_url(commands, version)).content
    assert content.splitlines()[0].split(b",")[:2] == [b"PIN_PROMOTION_ID", b"DATE"]
    assert [p for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    (create,) = [e for e in commands.emu.exchanges if e.method == "POST"]
    assert create.path == (
        f"/v5/ad_accounts/{account.id}/reports"
        if version == 5
        else f"/ads/v4/advertisers/{account.id}/delivery_metrics/async"
    )
    body = json.loads(create.request_body)
    assert (body["level"], body["report_format"], body["columns"]) == (
        "PIN_PROMOTION",
        "CSV",
        list(reports.EXAMPLE_COLUMNS),
    )


@VERSIONS
def test_upstreams_piped_answers(commands: Commands, version: int, tmp_path: Path) -> None:
    """As upstream's e2e script: "1" for the advertiser, then the file name."""
    commands.login()
    target = tmp_path / "report.csv"
    result = commands.run(analytics_api_example, stdin=f"2\n{target}\n")
    assert result.code == 0, result.err
    assert "Advertiser accounts available to this access token:" in result.lines
    assert "Please select an advertiser between 1 and 2: [1] " in result.out
    assert "Please enter a file name for the report: [metrics_report.csv] " in result.out
    second = commands.emu.state.ad_accounts_of(USER)[1]
    assert f"Requesting report for advertiser id {second.id}..." in result.lines
    assert target.read_bytes() == httpx.get(report_url(commands, version)).content


@VERSIONS
@pytest.mark.parametrize("outcome", ["FAILED", "CANCELLED"])
def test_a_failed_report_ends_with_a_clear_message(
    make_commands: Any, version: int, outcome: str, tmp_path: Path
) -> None:
    commands: Commands = make_commands(report_outcome=outcome, report_polls=2)
    commands.use_version(version)
    commands.login()
    account = commands.emu.state.ad_accounts_of(USER)[0]
    target = tmp_path / "never.csv"
    result = commands.run(analytics_api_example, "--ad-account-id", account.id, "--output", str(target), stdin="")
    assert result.code == 1
    first, hint = result.err.splitlines()
    assert first == f"error: the report for ad account {account.id} ended with status {outcome}"
    assert hint.startswith("hint: ")
    assert not target.exists() and list(tmp_path.iterdir()) == []

    def polls(exchanges: list[Any]) -> list[Any]:
        return [e for e in exchanges if e.method == "GET" and e.path.endswith(("/reports", "/async"))]

    assert len(polls(commands.emu.exchanges)) == 3  # 2 IN_PROGRESS, outcome


@VERSIONS
def test_an_existing_file_needs_force(commands: Commands, version: int, tmp_path: Path) -> None:
    commands.login()
    start = len(commands.emu.exchanges)  # the v3 variant's probe of the emulator came before
    account = commands.emu.state.ad_accounts_of(USER)[0]
    target = tmp_path / "kept.csv"
    target.write_text("mine")
    refused = commands.run(analytics_api_example, "--ad-account-id", account.id, "--output", str(target), stdin="")
    assert refused.code == 1 and "exists" in refused.err and target.read_text() == "mine"
    assert commands.emu.exchanges[start:] == []  # checked before anything is asked of Pinterest
    forced = commands.run(
        analytics_api_example, "--ad-account-id", account.id, "--output", str(target), "--force", stdin=""
    )
    assert forced.code == 0, forced.err
    assert target.read_bytes() == httpx.get(report_url(commands, version)).content
