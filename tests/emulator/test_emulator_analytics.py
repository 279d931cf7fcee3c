"""v5 synchronous analytics (user, Pin, ad account, campaigns, ad groups, ads) and terms:
deterministic numbers, layouts, and the 400s for parameters off the description."""

from __future__ import annotations

import datetime as dt

import pytest
from pinterest_api_v5.api.ad_accounts import ad_account_analytics
from pinterest_api_v5.api.campaigns import campaigns_analytics
from pinterest_api_v5.api.pins import pins_analytics
from pinterest_api_v5.api.terms import terms_related_list, terms_suggested_list
from pinterest_api_v5.api.user_account import user_account_analytics
from pinterest_api_v5.models import (
    AdAccountAnalyticsColumnsItem,
    CampaignsAnalyticsColumnsItem,
    Granularity,
    PinsAnalyticsMetricTypesItemType0,
    UserAccountAnalyticsMetricTypesItem,
)
from support.emulator import at_noon, http, v5_client

from pinterest_tools.emulator.analytics import metric_values
from pinterest_tools.emulator.analytics.metric_values import Bucket, Entity

USER = "dexter_demo"


def today(emu):
    return emu.clock.utcnow().date()


def last(emu, days):
    end = today(emu)
    return (end - dt.timedelta(days=days - 1)).isoformat(), end.isoformat()


def account_of(emu):
    return emu.state.ad_accounts_of(USER)[0]


# ---------------------------------------------------------------- the numbers
def test_numbers_are_deterministic_consistent_and_add_up():
    entity = Entity("campaign:1", dt.date(2024, 1, 1))
    day = Bucket((dt.date(2024, 3, 5),))
    now = dt.date(2024, 6, 1)
    assert metric_values.value(entity, day, "IMPRESSION_1", now) == metric_values.value(
        entity, day, "IMPRESSION_1", now
    )
    assert metric_values.value(entity, day, "IMPRESSION", now) != metric_values.value(
        Entity("campaign:2"), day, "IMPRESSION", now
    )
    week = metric_values.buckets(dt.date(2024, 3, 4), dt.date(2024, 3, 10), "WEEK")
    assert len(week) == 1 and len(week[0].days) == 7
    days = metric_values.buckets(dt.date(2024, 3, 4), dt.date(2024, 3, 10), "DAY")
    for name in ("TOTAL_CLICKTHROUGH", "IMPRESSION_1"):
        assert metric_values.value(entity, week[0], name, now) == sum(
            metric_values.value(entity, b, name, now) for b in days
        )
    spend = metric_values.value(entity, week[0], "SPEND_IN_DOLLAR", now)
    assert spend == pytest.approx(sum(metric_values.value(entity, b, "SPEND_IN_DOLLAR", now) for b in days), abs=0.05)
    micro = metric_values.value(entity, week[0], "SPEND_IN_MICRO_DOLLAR", now)
    assert isinstance(micro, int) and micro == pytest.approx(spend * 1_000_000, rel=1e-3)
    rate = metric_values.value(entity, day, "PIN_CLICK_RATE", now)
    clicks = metric_values.value(entity, day, "PIN_CLICK", now)
    assert rate == round(clicks / metric_values.value(entity, day, "IMPRESSION", now), 6)
    hours = metric_values.buckets(dt.date(2024, 3, 5), dt.date(2024, 3, 5), "HOUR")
    assert sum(metric_values.value(entity, h, "CLICKTHROUGH_1", now) for h in hours) == metric_values.value(
        entity, day, "CLICKTHROUGH_1", now
    )
    before_created = Bucket((dt.date(2023, 12, 31),))
    after_today = Bucket((dt.date(2024, 6, 2),))
    for bucket in (before_created, after_today):
        assert metric_values.value(entity, bucket, "IMPRESSION_1", now) == 0
        assert metric_values.value(entity, bucket, "SPEND_IN_DOLLAR", now) == 0
    months = metric_values.buckets(dt.date(2024, 1, 30), dt.date(2024, 3, 2), "MONTH")
    assert [(b.start, len(b.days)) for b in months] == [
        (dt.date(2024, 1, 30), 2),
        (dt.date(2024, 2, 1), 29),
        (dt.date(2024, 3, 1), 2),
    ]


# ---------------------------------------------------------------- organic
def test_user_account_analytics_daily_and_summary(emulator):
    start, end = last(emulator, 7)
    with v5_client(emulator) as client:
        kinds = [UserAccountAnalyticsMetricTypesItem.IMPRESSION, UserAccountAnalyticsMetricTypesItem.PIN_CLICK_RATE]
        result = user_account_analytics.sync(
            client=client,
            start_date=dt.date.fromisoformat(start),
            end_date=dt.date.fromisoformat(end),
            metric_types=kinds,
        )
    body = result.to_dict()
    assert list(body) == ["all"]
    daily = body["all"]["daily_metrics"]
    assert daily[0]["date"] == start and len(daily) == 7
    assert {d["data_status"] for d in daily[:-1]} == {"READY"} and daily[-1]["data_status"] == "PROCESSING"
    assert set(daily[0]["metrics"]) == {"IMPRESSION", "PIN_CLICK_RATE"}
    summary = body["all"]["summary_metrics"]
    assert summary["IMPRESSION"] == sum(d["metrics"]["IMPRESSION"] for d in daily)
    assert 0 <= summary["PIN_CLICK_RATE"] < 0.1
    with http(emulator) as api:  # the same request again: the same numbers
        again = api.get("/user_account/analytics", params={"start_date": start, "end_date": end}).json()
        assert again["all"]["summary_metrics"]["IMPRESSION"] == summary["IMPRESSION"]
        assert len(again["all"]["summary_metrics"]) == len(UserAccountAnalyticsMetricTypesItem)
        split = api.get(
            "/user_account/analytics", params={"start_date": start, "end_date": end, "split_field": "APP_TYPE"}
        ).json()
        assert sorted(split) == ["MOBILE", "TABLET", "WEB"]
        mobile = api.get(
            "/user_account/analytics",
            params={"start_date": start, "end_date": end, "split_field": "APP_TYPE", "app_types": "MOBILE"},
        ).json()
        assert list(mobile) == ["MOBILE"]


def test_pin_analytics_for_own_pins_only(emulator):
    start, end = last(emulator, 3)
    pin = emulator.state.pins_of(USER)[0]
    with v5_client(emulator) as client:
        kinds = [PinsAnalyticsMetricTypesItemType0.IMPRESSION, PinsAnalyticsMetricTypesItemType0.PIN_CLICK]
        result = pins_analytics.sync(
            pin.id,
            client=client,
            start_date=dt.date.fromisoformat(start),
            end_date=dt.date.fromisoformat(end),
            metric_types=kinds,
        )
    body = result.to_dict()["all"]
    assert len(body["daily_metrics"]) == 3 and set(body["summary_metrics"]) == {"IMPRESSION", "PIN_CLICK"}
    params = {"start_date": start, "end_date": end, "metric_types": "IMPRESSION,TOTAL_COMMENTS"}
    with http(emulator) as api:
        lifetime = api.get(f"/pins/{pin.id}/analytics", params=params).json()["all"]
        assert set(lifetime["lifetime_metrics"]) == {"TOTAL_COMMENTS"}
        assert api.get(f"/pins/{pin.id}/analytics", params={"start_date": start, "end_date": end}).status_code == 400
        assert api.get("/pins/999/analytics", params=params).status_code == 404
    with http(emulator, user="penny_demo") as api:
        assert api.get(f"/pins/{pin.id}/analytics", params=params).status_code == 403


def test_pin_analytics_before_the_pin_existed(emulator):
    pin = emulator.state.pins_of(USER)[0]
    pin.created_at = dt.datetime.combine(today(emulator), dt.time(), dt.UTC)
    start, end = last(emulator, 2)
    with http(emulator) as api:
        params = {"start_date": start, "end_date": end, "metric_types": "IMPRESSION"}
        daily = api.get(f"/pins/{pin.id}/analytics", params=params).json()["all"]["daily_metrics"]
    assert daily[0]["data_status"] == "BEFORE_PIN_CREATED" and daily[0]["metrics"]["IMPRESSION"] == 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"end_date": "{today}"}, "start_date: this field is required."),
        ({"start_date": "2024-02-30", "end_date": "{today}"}, "is not a date in YYYY-MM-DD format"),
        ({"start_date": "20240101", "end_date": "{today}"}, "is not a date in YYYY-MM-DD format"),
        ({"start_date": "{today}", "end_date": "{yesterday}"}, "is after end_date"),
        ({"start_date": "{long_ago}", "end_date": "{today}"}, "more than 90 days before today"),
        ({"start_date": "{today}", "end_date": "{far_ahead}"}, "more than 90 days after start_date"),
        ({"start_date": "{today}", "end_date": "{today}", "app_types": "PHONE"}, "app_types: 'PHONE' is not one of"),
        ({"start_date": "{today}", "end_date": "{today}", "metric_types": "CLOSEUPS"}, "metric_types: CLOSEUPS"),
        ({"start_date": "{today}", "end_date": "{today}", "ad_account_id": "1"}, "Ad account 1 not found"),
    ],
)
def test_user_analytics_parameters_are_checked(emulator, params, message):
    now = today(emulator)
    values = {
        "today": now,
        "yesterday": now - dt.timedelta(days=1),
        "long_ago": now - dt.timedelta(days=91),
        "far_ahead": now + dt.timedelta(days=91),
    }
    query = {key: value.format(**values) for key, value in params.items()}
    with http(emulator) as api:
        response = api.get("/user_account/analytics", params=query)
    assert response.status_code in (400, 404) and message in response.json()["message"]


def test_ninety_days_back_is_the_limit(emulator):
    now = today(at_noon(emulator))  # exactly at the limit: today must not end before the emulator checks
    with http(emulator) as api:
        params = {"start_date": (now - dt.timedelta(days=90)).isoformat(), "end_date": now.isoformat()}
        assert api.get("/user_account/analytics", params=params).status_code == 200


# ---------------------------------------------------------------- ads
def test_ad_account_analytics_rows_by_day_as_the_quickstart_asks(emulator):
    account = account_of(emulator)
    start, end = last(emulator, 5)
    with v5_client(emulator) as client:
        rows = ad_account_analytics.sync(
            account.id,
            client=client,
            start_date=dt.date.fromisoformat(start),
            end_date=dt.date.fromisoformat(end),
            columns=[AdAccountAnalyticsColumnsItem.SPEND_IN_DOLLAR, AdAccountAnalyticsColumnsItem.TOTAL_CLICKTHROUGH],
            granularity=Granularity.DAY,
        )
    assert rows[0].date.isoformat() == start and len(rows) == 5
    first = rows[0].to_dict()
    assert first["AD_ACCOUNT_ID"] == account.id and set(first) == {
        "AD_ACCOUNT_ID",
        "DATE",
        "SPEND_IN_DOLLAR",
        "TOTAL_CLICKTHROUGH",
    }
    with http(emulator) as api:
        params = {"start_date": start, "end_date": end, "granularity": "TOTAL"}
        total = api.get(
            f"/ad_accounts/{account.id}/analytics", params={**params, "columns": "TOTAL_CLICKTHROUGH"}
        ).json()
    assert total == [
        {"AD_ACCOUNT_ID": account.id, "TOTAL_CLICKTHROUGH": sum(r.to_dict()["TOTAL_CLICKTHROUGH"] for r in rows)}
    ]


def test_campaign_group_and_ad_analytics_follow_their_ids(emulator):
    account = account_of(emulator)
    campaign = emulator.state.campaigns_of(account.id)[0]
    group = emulator.state.ad_groups_of(account.id)[0]
    ads = [ad for ad in emulator.state.ads_of(account.id) if ad.ad_group_id == group.id]
    start, end = last(emulator, 2)
    base = {"start_date": start, "end_date": end, "granularity": "DAY", "columns": "SPEND_IN_DOLLAR,CAMPAIGN_NAME"}
    with v5_client(emulator) as client:
        rows = campaigns_analytics.sync(
            account.id,
            client=client,
            start_date=dt.date.fromisoformat(start),
            end_date=dt.date.fromisoformat(end),
            campaign_ids=[campaign.id],
            columns=[CampaignsAnalyticsColumnsItem.SPEND_IN_DOLLAR, CampaignsAnalyticsColumnsItem.CAMPAIGN_NAME],
            granularity=Granularity.DAY,
        )
    assert [row.campaign_id for row in rows] == [campaign.id, campaign.id]
    assert rows[0].to_dict()["CAMPAIGN_NAME"] == "Spring margaritas"
    with http(emulator) as api:
        path = f"/ad_accounts/{account.id}"
        groups = api.get(f"{path}/ad_groups/analytics", params={**base, "ad_group_ids": group.id}).json()
        assert {row["AD_GROUP_ID"] for row in groups} == {group.id}
        ad_rows = api.get(f"{path}/ads/analytics", params={**base, "ad_ids": [ad.id for ad in ads]}).json()
        assert sorted({row["AD_ID"] for row in ad_rows}) == sorted(ad.id for ad in ads)
        # "The request must contain either ad_ids or both campaign_ids and pin_ids."
        no_ids = api.get(f"{path}/ads/analytics", params={**base, "granularity": "TOTAL"})
        assert (
            no_ids.status_code == 400 and "either ad_ids or both campaign_ids and pin_ids" in no_ids.json()["message"]
        )
        promoted = [ad for ad in emulator.state.ads_of(account.id) if ad.pin_id and ad.campaign_id == campaign.id]
        if promoted:
            by_pin = {**base, "campaign_ids": campaign.id, "pin_ids": [ad.pin_id for ad in promoted]}
            assert {row["AD_ID"] for row in api.get(f"{path}/ads/analytics", params=by_pin).json()} == {
                ad.id for ad in promoted
            }
        missing = api.get(f"{path}/campaigns/analytics", params=base)
        assert missing.status_code == 400 and missing.json()["message"] == "campaign_ids: this parameter is required."
        hourly = api.get(f"{path}/analytics", params={**base, "granularity": "HOUR", "columns": "IMPRESSION_1"}).json()
        assert len(hourly) == 48 and hourly[1]["HOUR"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"columns": "SPEND"}, "columns: SPEND not in"),
        ({"columns": None}, "columns: this parameter is required."),
        ({"granularity": "YEAR"}, "granularity: 'YEAR' is not one of"),
        ({"granularity": None}, "granularity: '' is not one of"),
        ({"click_window_days": "3"}, "click_window_days: '3' is not one of"),
        ({"conversion_report_time": "NOW"}, "conversion_report_time"),
        ({"aggregate_report_rows": "true"}, "aggregate_report_rows"),
    ],
)
def test_ads_analytics_parameters_are_checked(emulator, change, message):
    account = account_of(emulator)
    start, end = last(emulator, 2)
    params = {"start_date": start, "end_date": end, "granularity": "DAY", "columns": "SPEND_IN_DOLLAR"} | change
    with http(emulator) as api:
        response = api.get(
            f"/ad_accounts/{account.id}/analytics", params={k: v for k, v in params.items() if v is not None}
        )
    assert response.status_code == 400 and message in response.json()["message"]


def test_analytics_of_someone_elses_ad_account_and_without_ads_read(emulator):
    account = account_of(emulator)
    start, end = last(emulator, 2)
    params = {"start_date": start, "end_date": end, "granularity": "DAY", "columns": "SPEND_IN_DOLLAR"}
    with http(emulator, user="penny_demo") as api:
        assert api.get(f"/ad_accounts/{account.id}/analytics", params=params).status_code == 404
    with http(emulator, emulator.issue_token(USER, ["user_accounts:read"])) as api:
        response = api.get(f"/ad_accounts/{account.id}/analytics", params=params)
        assert response.status_code == 401 and response.json()["code"] == 3
        assert api.get("/user_account/analytics", params={"start_date": start, "end_date": end}).status_code == 200


# ---------------------------------------------------------------- terms
def test_related_and_suggested_terms(emulator):
    with v5_client(emulator) as client:
        related = terms_related_list.sync(client=client, terms=["workout", "Clothes"])
        assert related.id == "workout" and related.related_term_count == 10
        assert [item.term for item in related.related_terms_list] == ["workout", "Clothes"]
        assert all("workout" in term for term in related.related_terms_list[0].related_terms)
        assert len(terms_suggested_list.sync(client=client, term="workout")) == 4
        ten = terms_suggested_list.sync(client=client, term="workout", limit=10)
        assert len(ten) == 10 and ten[:4] == terms_suggested_list.sync(client=client, term="workout")
    with http(emulator) as api:
        upstream = api.get("/terms/related", params={"terms": "workout,clothes"}).json()  # one encoded "a,b"
        assert upstream == related.to_dict() | {
            "related_terms_list": [
                related.to_dict()["related_terms_list"][0],
                {"term": "clothes", "related_terms": related.to_dict()["related_terms_list"][1]["related_terms"]},
            ]
        }
        for limit in ("0", "11", "x"):
            response = api.get("/terms/suggested", params={"term": "workout", "limit": limit})
            assert response.status_code == 400 and "limit" in response.json()["message"]
        assert api.get("/terms/suggested").status_code == 400
        assert api.get("/terms/related").status_code == 400
    with http(emulator, emulator.issue_token(USER, ["user_accounts:read"])) as api:
        assert api.get("/terms/suggested", params={"term": "x"}).status_code == 401
