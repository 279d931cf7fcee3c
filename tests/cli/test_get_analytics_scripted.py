"""get_analytics against a scripted Pinterest: calls per object and version, validation, the output file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
import pytest
from support.ads import Scripted, envelope, scripted_fixture, v3_ads, v5_ads  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import get_analytics
from pinterest_tools.cli.shared.analytics import build_query, last_days, parse_date
from pinterest_tools.errors import UsageError

ROWS = [{"DATE": "2024-05-01", "SPEND_IN_DOLLAR": 3.5, "AD_ACCOUNT_ID": "500", "AD_ID": "800"}]
USER_METRICS = {"all": {"summary_metrics": {"IMPRESSION": 12, "PIN_CLICK_RATE": 0.25}, "daily_metrics": []}}


def test_user_analytics_v5_default_range_and_metrics(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/user_account/analytics", httpx.Response(200, json=USER_METRICS))
    result = scripted.run(get_analytics, "--output", "user.json")
    assert result.code == 0, result.err
    assert result.lines[-1] == "wrote analytics to user.json"
    assert json.loads((scripted.tmp_path / "user.json").read_text()) == USER_METRICS
    (query,) = scripted.query("/v5/user_account/analytics")
    start, end = last_days()
    assert query["start_date"] == [start.isoformat()] and query["end_date"] == [end.isoformat()]
    assert (dt.date.fromisoformat(query["end_date"][0]) - dt.date.fromisoformat(query["start_date"][0])).days == 30
    assert sorted(query["metric_types"]) == ["IMPRESSION", "PIN_CLICK_RATE"]
    assert "ad_account_id" not in query


def test_user_analytics_v3_path_and_query(scripted: Scripted) -> None:
    v3_ads(scripted.fake).add("GET", "/v3/partners/analytics/users/77/metrics/", envelope({"IMPRESSION": 1}))
    argv = ["--start-date", "2024-01-05", "--end-date", "2024-02-01", "--metrics", "save,impression"]
    result = scripted.run(get_analytics, *argv, "--output", "v3.json", version=3)
    assert result.code == 0, result.err
    (query,) = scripted.query("/v3/partners/analytics/users/77/metrics/")
    assert query["start_date"] == ["2024-01-05"] and query["end_date"] == ["2024-02-01"]
    assert query["metric_types"] == ["IMPRESSION,SAVE"]  # comma-joined and sorted, as upstream
    assert json.loads(Path("v3.json").read_text()) == {"IMPRESSION": 1}


@pytest.mark.parametrize(
    ("obj", "ids", "path", "id_param"),
    [
        ("ad_account", [], "/v5/ad_accounts/500/analytics", None),
        ("campaign", ["--campaign-id", "600"], "/v5/ad_accounts/500/campaigns/analytics", ("campaign_ids", "600")),
        ("ad_group", ["--campaign-id", "600", "--ad-group-id", "700"], "/v5/ad_accounts/500/ad_groups/analytics",
         ("ad_group_ids", "700")),
        ("ad", ["--campaign-id", "600", "--ad-group-id", "700", "--ad-id", "800"], "/v5/ad_accounts/500/ads/analytics",
         ("ad_ids", "800")),
    ],
)  # fmt: skip
def test_ads_analytics_v5(
    scripted: Scripted, obj: str, ids: list[str], path: str, id_param: tuple[str, str] | None
) -> None:
    v5_ads(scripted.fake).add("GET", path, httpx.Response(200, json=ROWS))
    argv = ["-o", obj, "--ad-account-id", "500", *ids, "--granularity", "week", "--output", "ads.json"]
    result = scripted.run(get_analytics, *argv)
    assert result.code == 0, result.err
    assert "Using the Ad Account with identifier: 500" in result.lines
    (query,) = scripted.query(path)
    assert sorted(query["columns"]) == ["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"] and query["granularity"] == ["WEEK"]
    if id_param:
        assert query[id_param[0]] == [id_param[1]]
    assert json.loads(Path("ads.json").read_text()) == ROWS


@pytest.mark.parametrize(
    ("obj", "ids", "path", "id_param"),
    [
        ("ad_account", [], "/ads/v4/advertisers/500/delivery_metrics", None),
        ("campaign", ["--campaign-id", "600"], "/ads/v4/advertisers/500/campaigns/delivery_metrics",
         ("campaign_ids", "600")),
        ("ad_group", ["--campaign-id", "600", "--ad-group-id", "700"],
         "/ads/v4/advertisers/500/ad_groups/delivery_metrics", ("ad_group_ids", "700")),
        ("ad", ["--campaign-id", "600", "--ad-group-id", "700", "--ad-id", "800"],
         "/ads/v4/advertisers/500/ads/delivery_metrics", ("ad_ids", "800")),
    ],
)  # fmt: skip
def test_ads_analytics_v3_uses_the_ads_v4_paths(
    scripted: Scripted, obj: str, ids: list[str], path: str, id_param: tuple[str, str] | None
) -> None:
    v3_ads(scripted.fake).add("GET", path, envelope(ROWS))
    result = scripted.run(get_analytics, "-o", obj, "--ad-account-id", "500", *ids, "--output", "a.json", version=3)
    assert result.code == 0, result.err
    (query,) = scripted.query(path)
    assert query["columns"] == ["SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH"] and query["granularity"] == ["DAY"]
    if id_param:
        assert query[id_param[0]] == [id_param[1]]
    assert json.loads(Path("a.json").read_text()) == ROWS


def test_ads_objects_are_chosen_from_lists_and_the_file_name_asked(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/ad_accounts/500/campaigns/analytics", httpx.Response(200, json=ROWS))
    result = scripted.run(get_analytics, "-o", "campaign", stdin="1\n2\nmine.json\n")
    assert result.code == 0, result.err
    assert "Please select the Campaign number between 1 and 2: [1] " in result.out
    assert "Please enter a file name for the analytics output: [analytics_output.json] " in result.out
    assert scripted.query("/v5/ad_accounts/500/campaigns/analytics")[0]["campaign_ids"] == ["601"]
    assert json.loads(Path("mine.json").read_text()) == ROWS


def test_pin_and_ad_account_user_v5(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/pins/123/analytics", httpx.Response(200, json=USER_METRICS))
    scripted.fake.add("GET", "/v5/user_account/analytics", httpx.Response(200, json=USER_METRICS))
    pin = scripted.run(get_analytics, "-o", "pin", "--pin-id", "123", "--output", "pin.json")
    assert pin.code == 0, pin.err
    assert sorted(scripted.query("/v5/pins/123/analytics")[0]["metric_types"]) == ["IMPRESSION", "PIN_CLICK"]
    shared = scripted.run(get_analytics, "-o", "ad_account_user", "--output", "shared.json", stdin="2\n")
    assert shared.code == 0, shared.err
    assert scripted.query("/v5/user_account/analytics")[0]["ad_account_id"] == ["501"]


def test_no_results_writes_no_file(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/ad_accounts/500/analytics", httpx.Response(200, json=[]))
    result = scripted.run(get_analytics, "-o", "ad_account", "--ad-account-id", "500", "--output", "none.json")
    assert result.code == 0 and result.lines[-1] == "There are no analytics results."
    assert not Path("none.json").exists()


def test_v3_refuses_the_v5_only_objects_with_upstreams_words(scripted: Scripted) -> None:
    pin = scripted.run(get_analytics, "-o", "pin", "--pin-id", "1", version=3)
    assert pin.code == 2 and "Pin analytics are supported by Pinterest API v5, but not v3 or v4." in pin.err
    shared = scripted.run(get_analytics, "-o", "ad_account_user", version=3)
    assert "User account analytics for shared accounts are supported by Pinterest API v5" in shared.err
    assert scripted.fake.requests == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start-date", "2024-03-02", "--end-date", "2024-03-01"], "the start date 2024-03-02 is after the end date"),
        (["--start-date", "2024-02-30"], "is not a date in YYYY-MM-DD format"),
        (["--end-date", "20240301"], "is not a date in YYYY-MM-DD format"),
        (["--metrics", "IMPRESSION,NOPE"], "unknown metric NOPE for -o user with API v5"),
        (["-o", "ad_account", "--ad-account-id", "5", "--metrics", "PIN_CLICK_RATE"], "unknown metric PIN_CLICK_RATE"),
        (["-o", "ad_account", "--ad-account-id", "5", "--granularity", "YEAR"], "unknown granularity YEAR"),
        (["--granularity", "DAY"], "--granularity applies to ads analytics"),
        (["-o", "everything"], "invalid choice: 'everything'"),
        (["-o", "pin"], "Pin analytics require a pin identifier."),
        (["-o", "campaign", "--campaign-id", "1"], "--campaign-id requires --ad-account-id"),
        (["-o", "ad", "--ad-account-id", "1", "--campaign-id", "2", "--ad-id", "3"], "--ad-id requires --ad-group-id"),
        (["-o", "campaign", "--ad-account-id", "1", "--campaign-id", "2", "--ad-group-id", "3"],
         "--ad-group-id is not used by -o campaign"),
        (["--pin-id", "4"], "--pin-id is for -o pin"),
        (["--metrics", ","], "--metrics needs at least one metric name"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(scripted: Scripted, argv: list[str], message: str) -> None:
    result = scripted.run(get_analytics, *argv)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1, result.err
    assert message in result.err
    assert scripted.fake.requests == []


def test_metrics_help_lists_the_descriptions_names(scripted: Scripted) -> None:
    result = scripted.run(get_analytics, "-o", "campaign", "--metrics", "help")
    assert result.code == 0 and result.lines[0] == "Metrics for -o campaign (API v5):"
    assert "SPEND_IN_DOLLAR" in result.lines and "TOTAL_CLICKTHROUGH" in result.lines
    v3 = scripted.run(get_analytics, "--metrics", "help", version=3)
    assert v3.code == 0 and "lists no metric names" in v3.out


def test_an_existing_output_needs_force_or_a_yes(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/user_account/analytics", httpx.Response(200, json=USER_METRICS))
    Path("old.json").write_text("keep me")
    refused = scripted.run(get_analytics, "--output", "old.json")
    assert refused.code == 1 and refused.err.startswith("error: old.json exists\nhint: add --force")
    assert Path("old.json").read_text() == "keep me" and scripted.fake.requests == []
    declined = scripted.run(get_analytics, "--output", "old.json", stdin="no\n", tty=True)
    assert declined.code == 1 and "Overwrite this file? [no] " in declined.out
    assert Path("old.json").read_text() == "keep me"
    accepted = scripted.run(get_analytics, "--output", "old.json", stdin="yes\n", tty=True)
    assert accepted.code == 0 and json.loads(Path("old.json").read_text()) == USER_METRICS
    Path("old.json").write_text("again")
    forced = scripted.run(get_analytics, "--output", "old.json", "--force")
    assert forced.code == 0 and json.loads(Path("old.json").read_text()) == USER_METRICS
    assert [p.name for p in scripted.tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_declined_typed_name_is_asked_again(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/user_account/analytics", httpx.Response(200, json=USER_METRICS))
    Path("analytics_output.json").write_text("keep me")
    result = scripted.run(get_analytics, stdin="\nno\nother.json\n", tty=True)
    assert result.code == 0, result.err
    assert Path("analytics_output.json").read_text() == "keep me"
    assert json.loads(Path("other.json").read_text()) == USER_METRICS


def test_query_building_compares_dates_as_dates() -> None:
    today = dt.date(2024, 3, 10)
    query = build_query(5, "user", start=None, end=None, metrics=None, granularity=None, today=today)
    assert (query.start, query.end) == (dt.date(2024, 2, 9), today)
    assert query.metrics == ("IMPRESSION", "PIN_CLICK_RATE") and query.granularity is None
    # upstream compared "2024-1-5" > "2024-01-06" as strings; these are dates, and 2024-1-5 is refused
    late = build_query(5, "ad", start=parse_date("2024-01-06"), end=parse_date("2024-10-01"), metrics=None,
                       granularity=None)  # fmt: skip
    assert late.granularity == "DAY"
    with pytest.raises(UsageError, match="after the end date"):
        build_query(5, "user", start=dt.date(2024, 10, 2), end=dt.date(2024, 10, 1), metrics=None, granularity=None)
    hourly = build_query(5, "ad_account", start=None, end=None, metrics=None, granularity="hour", today=today)
    assert (hourly.start, hourly.end, hourly.granularity) == (dt.date(2024, 3, 8), today, "HOUR")  # 3 days
    only_end = build_query(3, "user", start=None, end=dt.date(2024, 5, 31), metrics=["X_1"], granularity=None)
    assert only_end.start == dt.date(2024, 5, 1) and only_end.metrics == ("X_1",)
    with pytest.raises(UsageError, match="is not a metric name"):
        build_query(3, "user", start=None, end=None, metrics=["x-1"], granularity=None)


def test_scopes_are_per_run(scripted: Scripted) -> None:
    v5_ads(scripted.fake).add("GET", "/v5/pins/123/analytics", httpx.Response(200, json=USER_METRICS))
    assert scripted.run(get_analytics, "-o", "pin", "--pin-id", "123", "--output", "p.json").code == 0
    assert get_analytics.USER_SCOPES == {5: ["user_accounts:read"], 3: ["read_users"]}
