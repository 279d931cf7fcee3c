"""Every limit the v5 description states for the analytics and report operations the emulator serves.

Each case sits just inside a limit (answered) and just outside it (400 that names the field),
read against the emulator's clock. Sources, quoted in pinterest_tools/emulator/v5/analytics.py
and v5/ad_reports.py: the operations' descriptions ("If granularity is HOUR, you can pull data
from up to 8 days before the current date ... maximum time range of 3 days", "914 days ...
186 days", "PRODUCT_ITEM ... 92 days ... 31 days"), the parameters' descriptions ("Cannot be
more than 90 days back from today"), and their minItems/maxItems/maxLength.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from support.emulator import at_noon, http

USER = "dexter_demo"


@pytest.fixture
def emulator(make_emulator: Any) -> Any:
    """Each case sits a day from a limit counted from today: a day that does not end during the test."""
    return at_noon(make_emulator())


def day(emu: Any, back: int) -> str:
    return (emu.clock.utcnow().date() - dt.timedelta(days=back)).isoformat()


def window(emu: Any, back: int, span: int) -> dict[str, str]:
    """start_date `back` days before today, end_date `span` days after it."""
    start = emu.clock.utcnow().date() - dt.timedelta(days=back)
    return {"start_date": start.isoformat(), "end_date": (start + dt.timedelta(days=span)).isoformat()}


def ads(emu: Any) -> tuple[Any, str, dict[str, Any]]:
    account = emu.state.ad_accounts_of(USER)[0]
    campaign = emu.state.campaigns_of(account.id)[0]
    ad = emu.state.ads_of(account.id)[0]
    ids = {"campaigns": {"campaign_ids": campaign.id}, "ads": {"ad_ids": ad.id}, "": {}}
    return account, f"/ad_accounts/{account.id}", ids


def refused(response: Any, *words: str) -> None:
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert all(word in message for word in words), message


# ------------------------------------------------------------------ synchronous ads analytics
@pytest.mark.parametrize("level", ["", "campaigns", "ads"])
def test_hourly_analytics_go_back_at_most_8_days(emulator: Any, level: str) -> None:
    _, path, ids = ads(emulator)
    url = f"{path}/{level}/analytics" if level else f"{path}/analytics"
    query = {"granularity": "HOUR", "columns": "SPEND_IN_DOLLAR", **ids[level]}
    with http(emulator) as api:
        # the case: 31 days hourly used to come back as 744 rows
        month = api.get(url, params={**query, "start_date": day(emulator, 30), "end_date": day(emulator, 0)})
        refused(month, "start_date", "8 days", "granularity HOUR")
        refused(api.get(url, params={**query, **window(emulator, 9, 1)}), "start_date", "8 days")
        inside = api.get(url, params={**query, **window(emulator, 8, 1)})
        assert inside.status_code == 200 and len(inside.json()) == 48 * max(1, len(_rows_per_hour(inside.json())))


def _rows_per_hour(rows: list[dict[str, Any]]) -> set[Any]:
    return {row.get("CAMPAIGN_ID") or row.get("AD_ID") for row in rows if row.get("CAMPAIGN_ID") or row.get("AD_ID")}


@pytest.mark.parametrize("level", ["campaigns", "ad_groups", "ads"])
def test_hourly_analytics_span_at_most_3_days_where_stated(emulator: Any, level: str) -> None:
    account, path, ids = ads(emulator)
    group = emulator.state.ad_groups_of(account.id)[0]
    level_ids = ids.get(level) or {"ad_group_ids": group.id}
    query = {"granularity": "HOUR", "columns": "SPEND_IN_DOLLAR", **level_ids}
    with http(emulator) as api:
        refused(api.get(f"{path}/{level}/analytics", params={**query, **window(emulator, 8, 4)}), "end_date", "3 days")
        assert api.get(f"{path}/{level}/analytics", params={**query, **window(emulator, 8, 3)}).status_code == 200


def test_the_ad_account_operation_states_no_hourly_span(emulator: Any) -> None:
    _, path, _ = ads(emulator)
    query = {"granularity": "HOUR", "columns": "SPEND_IN_DOLLAR", **window(emulator, 8, 5)}
    with http(emulator) as api:
        rows = api.get(f"{path}/analytics", params=query)
    assert rows.status_code == 200 and len(rows.json()) == 6 * 24


@pytest.mark.parametrize("granularity", ["DAY", "TOTAL", "WEEK", "MONTH"])
def test_other_granularities_go_back_90_days_and_span_90(emulator: Any, granularity: str) -> None:
    _, path, _ = ads(emulator)
    query = {"granularity": granularity, "columns": "SPEND_IN_DOLLAR"}
    with http(emulator) as api:
        refused(api.get(f"{path}/analytics", params={**query, **window(emulator, 91, 0)}), "start_date", "90 days")
        refused(api.get(f"{path}/analytics", params={**query, **window(emulator, 90, 91)}), "end_date", "90 days")
        assert api.get(f"{path}/analytics", params={**query, **window(emulator, 90, 90)}).status_code == 200


def test_ads_analytics_need_ad_ids_or_campaign_ids_and_pin_ids(emulator: Any) -> None:
    _, path, ids = ads(emulator)
    query = {"granularity": "DAY", "columns": "SPEND_IN_DOLLAR", **window(emulator, 3, 2)}
    campaign = ids["campaigns"]
    with http(emulator) as api:
        refused(api.get(f"{path}/ads/analytics", params=query), "either ad_ids or both campaign_ids and pin_ids")
        refused(api.get(f"{path}/ads/analytics", params={**query, **campaign}), "either ad_ids")
        refused(api.get(f"{path}/ads/analytics", params={**query, "pin_ids": "1"}), "either ad_ids")
        assert api.get(f"{path}/ads/analytics", params={**query, **campaign, "pin_ids": "1"}).status_code == 200
        assert api.get(f"{path}/ads/analytics", params={**query, **ids["ads"]}).status_code == 200


@pytest.mark.parametrize(
    ("level", "key", "most"),
    [
        ("campaigns", "campaign_ids", 250),
        ("ad_groups", "ad_group_ids", 250),
        ("ads", "ad_ids", 250),
        ("ads", "pin_ids", 100),
    ],
)
def test_id_lists_hold_at_most_what_the_description_says(emulator: Any, level: str, key: str, most: int) -> None:
    _, path, ids = ads(emulator)
    query: dict[str, Any] = {"granularity": "DAY", "columns": "SPEND_IN_DOLLAR", **window(emulator, 3, 2)}
    if key == "pin_ids":
        query |= ids["campaigns"]
    with http(emulator) as api:
        too_many = api.get(f"{path}/{level}/analytics", params={**query, key: [str(n) for n in range(1, most + 2)]})
        refused(too_many, key, f"at most {most} ids")
        at_most = api.get(f"{path}/{level}/analytics", params={**query, key: [str(n) for n in range(1, most + 1)]})
    if key == "pin_ids":  # any Pin may be asked for: rows of those the campaign promotes
        assert at_most.status_code == 200
    else:  # the count passes; the made-up ids are then refused as no objects of the account
        refused(at_most, f"{key}: 1, 2, 3", "is not an object of ad account")
        assert "at most" not in at_most.json()["message"]


def test_ad_account_ids_are_at_most_18_characters(emulator: Any) -> None:
    query = {"granularity": "DAY", "columns": "SPEND_IN_DOLLAR", **window(emulator, 3, 2)}
    with http(emulator) as api:
        refused(api.get(f"/ad_accounts/{'1' * 19}/analytics", params=query), "ad_account_id", "18")
        refused(api.get("/user_account/analytics", params={**window(emulator, 3, 2), "ad_account_id": "1" * 19}), "18")
        assert api.get(f"/ad_accounts/{'1' * 18}/analytics", params=query).status_code == 404  # no such account


# ------------------------------------------------------------------ organic analytics
def test_user_and_pin_analytics_go_back_90_days_and_span_90(emulator: Any) -> None:
    pin = emulator.state.pins_of(USER)[0]
    pin_query = {"metric_types": "IMPRESSION"}
    with http(emulator) as api:
        for url, extra in (("/user_account/analytics", {}), (f"/pins/{pin.id}/analytics", pin_query)):
            refused(api.get(url, params={**extra, **window(emulator, 91, 1)}), "start_date", "90 days")
            refused(api.get(url, params={**extra, **window(emulator, 90, 91)}), "end_date", "90 days")
            assert api.get(url, params={**extra, **window(emulator, 90, 90)}).status_code == 200


# ------------------------------------------------------------------ async reports
def report(emu: Any, **changes: Any) -> Any:
    account = emu.state.ad_accounts_of(USER)[0]
    body = {"level": "CAMPAIGN", "granularity": "DAY", "columns": ["SPEND_IN_DOLLAR"], **window(emu, 3, 2)}
    with http(emu) as api:
        return api.post(f"/ad_accounts/{account.id}/reports", json={**body, **changes})


@pytest.mark.parametrize(
    ("changes", "inside", "words"),
    [
        ({"granularity": "DAY"} | {"dates": (915, 1)}, {"dates": (914, 1)}, ("start_date", "914 days")),
        ({"dates": (200, 187)}, {"dates": (200, 186)}, ("end_date", "186 days")),
        ({"granularity": "HOUR", "dates": (9, 1)}, {"granularity": "HOUR", "dates": (8, 1)}, ("8 days", "HOUR")),
        ({"granularity": "HOUR", "dates": (8, 4)}, {"granularity": "HOUR", "dates": (8, 3)}, ("3 days", "HOUR")),
        ({"level": "PRODUCT_ITEM", "dates": (93, 1)}, {"level": "PRODUCT_ITEM", "dates": (92, 1)}, ("92 days",)),
        ({"level": "PRODUCT_ITEM", "dates": (40, 32)}, {"level": "PRODUCT_ITEM", "dates": (40, 31)}, ("31 days",)),
    ],
    ids=["daily-back", "daily-span", "hourly-back", "hourly-span", "product-item-back", "product-item-span"],
)
def test_report_date_windows(
    emulator: Any, changes: dict[str, Any], inside: dict[str, Any], words: tuple[str, ...]
) -> None:
    def body(spec: dict[str, Any]) -> dict[str, Any]:
        spec = dict(spec)
        back, span = spec.pop("dates")
        return {**spec, **window(emulator, back, span)}

    refused(report(emulator, **body(changes)), *words)
    assert report(emulator, **body(inside)).status_code == 200


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"level": "PRODUCT_ITEM", "ad_ids": ["1"]}, ("ad_ids", "PRODUCT_ITEM")),
        ({"level": "PRODUCT_ITEM", "ad_statuses": ["ACTIVE"]}, ("ad_statuses", "PRODUCT_ITEM")),
        ({"campaign_statuses": ["RUNNING"] * 7}, ("campaign_statuses", "6")),
        ({"ad_group_statuses": []}, ("ad_group_statuses", "at least 1")),
        ({"campaign_objective_types": ["AWARENESS"] * 8}, ("campaign_objective_types", "7")),
        ({"product_item_ids": ["1"] * 501}, ("product_item_ids", "500")),
        ({"level": "CAMPAIGN_TARGETING", "targeting_types": ["GENDER"] * 6}, ("targeting_types", "5")),
        ({"targeting_types": ["GENDER"]}, ("targeting_types", "_TARGETING", "CAMPAIGN")),  # level CAMPAIGN
        ({"level": "AD_GROUP_TARGETING", "targeting_types": ["AUDIENCE_MULTIPLIER"]}, ("CAMPAIGN_TARGETING",)),
        ({"level": "CAMPAIGN_TARGETING", "targeting_types": ["MEDIA_TYPE"]}, ("PRODUCT_ITEM_TARGETING",)),
        ({"metrics_filters": []}, ("metrics_filters",)),
        ({"campaign_ids": [str(n) for n in range(1, 502)]}, ("campaign_ids", "500")),
        ({"start_hour": 3}, ("start_hour", "HOUR")),
        ({"campaign_statuses": ["ACTIVE"]}, ("campaign_statuses", "ACTIVE")),  # the enum is RUNNING, PAUSED, ...
        ({"ad_statuses": ["RUNNING"]}, ("ad_statuses", "RUNNING")),
        ({"level": "CAMPAIGN_TARGETING", "targeting_types": ["SHOE_SIZE"]}, ("targeting_types",)),
        ({"attribution_types": ["NEIGHBOUR"]}, ("attribution_types",)),
        ({"campaign_objective_types": [7]}, ("campaign_objective_types", "names")),
    ],
)
def test_report_body_lists_and_level_rules(emulator: Any, changes: dict[str, Any], words: tuple[str, ...]) -> None:
    refused(report(emulator, **changes), *words)


def test_an_hourly_report_with_hours_inside_every_limit_is_accepted(emulator: Any) -> None:
    answer = report(
        emulator,
        granularity="HOUR",
        start_hour=0,
        end_hour=23,
        level="CAMPAIGN_TARGETING",
        campaign_statuses=["RUNNING"] * 6,
        ad_statuses=["APPROVED"],
        targeting_types=["GENDER", "AUDIENCE_MULTIPLIER"],
        attribution_types=["INDIVIDUAL", "HOUSEHOLD"],
    )
    assert answer.status_code == 200 and answer.json()["token"]
