"""get_analytics end to end against the emulator, v5 and v3: every object, the file it writes, validation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from support.commands import VERSIONS, Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_analytics

USER = "dexter_demo"
ANALYTICS_PATHS = ("/analytics", "/delivery_metrics", "/metrics/")


def ids(commands: Commands) -> dict[str, str]:
    state = commands.emu.state
    account = state.ad_accounts_of(USER)[0]
    campaign = state.campaigns_of(account.id)[0]
    group = next(g for g in state.ad_groups_of(account.id) if g.campaign_id == campaign.id)
    ad = next(a for a in state.ads_of(account.id) if a.ad_group_id == group.id)
    return {"ad_account": account.id, "campaign": campaign.id, "ad_group": group.id, "ad": ad.id}


def id_options(commands: Commands, obj: str) -> list[str]:
    known = ids(commands)
    levels = ["ad_account", "campaign", "ad_group", "ad"]
    argv: list[str] = []
    for level in levels[: levels.index(obj) + 1]:
        argv += [f"--{level.replace('_', '-')}-id", known[level]]
    return argv


def analytics_exchange(commands: Commands) -> Any:
    """The one analytics call of the command, as the emulator recorded it."""

    def calls(exchanges: list[Any]) -> list[Any]:
        return [e for e in exchanges if e.path.endswith(ANALYTICS_PATHS) and e.method == "GET" and e.status == 200]

    (exchange,) = calls(commands.emu.exchanges)
    return exchange


def served(commands: Commands, version: int) -> Any:
    body = analytics_exchange(commands).json()
    return body["data"] if version == 3 else body


@VERSIONS
@pytest.mark.parametrize("obj", ["user", "ad_account", "campaign", "ad_group", "ad"])
def test_each_object_writes_the_emulators_answer(commands: Commands, version: int, obj: str, tmp_path: Path) -> None:
    commands.login()
    target = tmp_path / f"{obj}.json"
    argv = [] if obj == "user" else id_options(commands, obj)
    first_day = dt.datetime.now(dt.UTC).date()
    result = commands.run(get_analytics, "-o", obj, *argv, "--output", str(target), stdin="")
    assert result.code == 0, result.err
    assert result.lines[-1] == f"wrote analytics to {target}"
    written = json.loads(target.read_text())
    assert written and written == served(commands, version)
    query = parse_qs(analytics_exchange(commands).query)
    (end,) = map(dt.date.fromisoformat, query["end_date"])
    assert first_day <= end <= dt.datetime.now(dt.UTC).date()  # the command's today (UTC); midnight may pass
    assert query["start_date"] == [(end - dt.timedelta(30)).isoformat()]
    if obj != "user":
        assert "\n".join(result.lines).count("Using the ") == len(argv) // 2


def test_pin_and_ad_account_user_v5(commands: Commands, tmp_path: Path) -> None:
    commands.login()
    pin = commands.emu.state.pins_of(USER)[0]
    result = commands.run(get_analytics, "-o", "pin", "--pin-id", pin.id, "--output", str(tmp_path / "pin.json"))
    assert result.code == 0, result.err
    assert json.loads((tmp_path / "pin.json").read_text()) == served(commands, 5)
    assert analytics_exchange(commands).path == f"/v5/pins/{pin.id}/analytics"
    account = ids(commands)["ad_account"]
    shared = commands.run(get_analytics, "-o", "ad_account_user", "--output", str(tmp_path / "s.json"), stdin="1\n")
    assert shared.code == 0, shared.err

    def shared_calls(exchanges: list[Any]) -> list[Any]:
        return [e for e in exchanges if e.path == "/v5/user_account/analytics"]

    (exchange,) = shared_calls(commands.emu.exchanges)
    assert parse_qs(exchange.query)["ad_account_id"] == [account]
    assert json.loads((tmp_path / "s.json").read_text()) == exchange.json()


def test_v3_refuses_the_v5_only_objects(commands: Commands) -> None:
    commands.version = 3
    start = len(commands.emu.exchanges)
    for argv, words in [
        (["-o", "pin", "--pin-id", "1"], "Pin analytics are supported by Pinterest API v5, but not v3 or v4."),
        (["-o", "ad_account_user"], "User account analytics for shared accounts are supported by Pinterest API v5"),
    ]:
        result = commands.run(get_analytics, "-v", "3", *argv, stdin="")
        assert result.code == 2 and result.out == "" and words in result.err
    assert commands.emu.exchanges[start:] == []


@VERSIONS
def test_upstreams_piped_answers(commands: Commands, version: int, tmp_path: Path) -> None:
    """As upstream's e2e script: -o ad with the account and campaign given, then "1", "1" and a file name."""
    commands.login()
    known = ids(commands)
    argv = ["-o", "ad", "--ad-account-id", known["ad_account"], "--campaign-id", known["campaign"]]
    target = tmp_path / "e2etestout_ad.json"
    result = commands.run(get_analytics, *argv, stdin=f"1\n1\n{target}\n")
    assert result.code == 0, result.err
    assert "Please select the Ad Group number between 1 and 2: [1] " in result.out
    assert "Please enter a file name for the analytics output: [analytics_output.json] " in result.out
    query = parse_qs(analytics_exchange(commands).query)
    assert query["ad_ids"] == [known["ad"]]
    assert json.loads(target.read_text()) == served(commands, version)


@VERSIONS
def test_metrics_and_granularity_reach_the_emulator(commands: Commands, version: int, tmp_path: Path) -> None:
    commands.login()
    argv = ["-o", "campaign", *id_options(commands, "campaign"), "--metrics", "impression_1,clickthrough_1"]
    today = dt.datetime.now(dt.UTC).date()
    start, end = (today - dt.timedelta(days=20)).isoformat(), (today - dt.timedelta(days=10)).isoformat()
    argv += ["--granularity", "week", "--start-date", start, "--end-date", end]
    result = commands.run(get_analytics, *argv, "--output", str(tmp_path / "w.json"), stdin="")
    assert result.code == 0, result.err
    query = parse_qs(analytics_exchange(commands).query)
    columns = query["columns"] if version == 5 else query["columns"][0].split(",")
    assert sorted(columns) == ["CLICKTHROUGH_1", "IMPRESSION_1"] and query["granularity"] == ["WEEK"]
    assert (query["start_date"], query["end_date"]) == ([start], [end])


@VERSIONS
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start-date", "2024-05-02", "--end-date", "2024-05-01"], "is after the end date"),
        (["-o", "ad_account", "--ad-account-id", "1", "--granularity", "YEARLY"], "unknown granularity YEARLY"),
        (["-o", "ad", "--ad-account-id", "1", "--campaign-id", "2", "--ad-id", "3"], "--ad-id requires --ad-group-id"),
    ],
)
def test_validation_before_any_request(commands: Commands, version: int, argv: list[str], message: str) -> None:
    commands.login()
    start = len(commands.emu.exchanges)  # the v3 variant's probe of the emulator came before
    result = commands.run(get_analytics, *argv, stdin="")
    assert result.code == 2 and result.out == "" and message in result.err and result.err.count("\n") == 1
    assert commands.emu.exchanges[start:] == []


def test_unknown_metric_v5(commands: Commands) -> None:
    commands.login()
    start = len(commands.emu.exchanges)
    result = commands.run(get_analytics, "--metrics", "IMPRESSION,SPEND_IN_DOLLAR", stdin="")
    assert result.code == 2 and "unknown metric SPEND_IN_DOLLAR for -o user with API v5" in result.err
    assert commands.emu.exchanges[start:] == []
