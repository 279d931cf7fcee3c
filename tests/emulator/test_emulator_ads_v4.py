"""Ads v4 (`/ads/v4/...`, the quickstart's "v3" ads calls): advertisers down to ads, metric
definitions, synchronous delivery metrics, async reports on the shared report machinery."""

from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import pytest
from pinterest_api_v3 import AuthenticatedClient
from pinterest_api_v3.api.ads import (
    ads_ad_groups_list,
    ads_ads_list,
    ads_advertiser_delivery_metrics,
    ads_advertisers_list,
    ads_async_report_create,
    ads_async_report_get,
    ads_campaigns_list,
    ads_metric_definitions_list,
)
from pinterest_api_v3.models import AsyncReportRequest, Granularity

from pinterest_tools.workflows.reports import example_request

USER = "dexter_demo"


def v3(emu, user=USER, scopes=None):
    token = emu.issue_token(user, scopes, version=3)
    return httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {token}"})


def data(response):
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success", body
    return body["data"]


def days(emu, count):
    end = emu.clock.utcnow().date()
    return (end - dt.timedelta(days=count - 1)).isoformat(), end.isoformat()


def quickstart_report(emu, **change):
    end = emu.clock.utcnow().date()
    body = example_request(end - dt.timedelta(days=2), end)  # what analytics_api_example sends
    return {key: value for key, value in (body | change).items() if value is not None}


def test_the_quickstart_walk_with_the_generated_client(emulator):
    user_id = emulator.state.user(USER).id
    with AuthenticatedClient(base_url=emulator.base_url, token=emulator.issue_token(USER, version=3)) as client:
        advertisers = ads_advertisers_list.sync(client=client, owner_user_id=user_id, include_acl=True)
        assert [a.name for a in advertisers.data] == ["Dexter Demo Ads", "Dexter Sandbox"]
        account = advertisers.data[0].id
        campaigns = ads_campaigns_list.sync(advertiser_id=account, client=client)
        assert [(c.name, c.status) for c in campaigns.data] == [
            ("Spring margaritas", "ACTIVE"),
            ("Thailand travel", "PAUSED"),
        ]
        groups = ads_ad_groups_list.sync(advertiser_id=account, client=client, campaign_ids=campaigns.data[0].id)
        assert [g.name for g in groups.data] == ["Margarita lovers", "Agave curious"]
        ads = ads_ads_list.sync(
            advertiser_id=account, client=client, campaign_ids=campaigns.data[0].id, ad_group_ids=groups.data[0].id
        )
        assert [a.name for a in ads.data] == ["Classic margarita ad", "Paloma ad"]
        definitions = ads_metric_definitions_list.sync(client=client).data.metrics
        names = {metric.name: metric.definition for metric in definitions}
        assert names["CLICKTHROUGH_1"] and names["IMPRESSION_1"]


def test_advertisers_of_someone_else_or_of_nobody(emulator):
    dexter = emulator.state.user(USER).id
    with v3(emulator, "penny_demo") as api:
        assert api.get("/ads/v4/advertisers/", params={"owner_user_id": dexter}).status_code == 403
        mine = api.get("/ads/v4/advertisers/", params={"owner_user_id": emulator.state.user("penny_demo").id})
        assert data(mine) == [] and "bookmark" not in mine.json()
        account = emulator.state.ad_accounts_of(USER)[0].id
        assert api.get(f"/ads/v4/advertisers/{account}/campaigns").json()["status"] == "failure"
    with v3(emulator) as api:
        assert api.get("/ads/v4/advertisers/").status_code == 400  # owner_user_id is required


def test_ads_lists_page_and_filter(make_emulator):
    ads = [{"name": f"Ad {n}"} for n in range(5)]
    doc = {
        "users": [
            {
                "username": "adv",
                # Every ad promotes a Pin: without pin_id, the account owner's first.
                "boards": [
                    {
                        "name": "Promoted",
                        "pins": [{"title": "Promoted pin", "image": {"url": "https://images.example.com/p.jpg"}}],
                    }
                ],
                "ad_accounts": [{"name": "A", "campaigns": [{"name": "C", "ad_groups": [{"name": "G", "ads": ads}]}]}],
            }
        ]
    }
    emu = make_emulator(data=doc)
    account = emu.state.ad_accounts_of("adv")[0].id
    with v3(emu, "adv") as api:
        first = api.get(f"/ads/v4/advertisers/{account}/ads", params={"page_size": 3}).json()
        assert len(first["data"]) == 3 and first["bookmark"]
        rest = api.get(f"/ads/v4/advertisers/{account}/ads", params={"page_size": 3, "bookmark": first["bookmark"]})
        assert [ad["name"] for ad in data(rest)] == ["Ad 3", "Ad 4"] and "bookmark" not in rest.json()
        assert data(api.get(f"/ads/v4/advertisers/{account}/ad_groups", params={"campaign_ids": "1"})) == []
        assert api.get(f"/ads/v4/advertisers/{account}/ads", params={"ad_group_ids": "x"}).status_code == 400


def test_synchronous_delivery_metrics_at_four_levels(emulator):
    account = emulator.state.ad_accounts_of(USER)[0]
    campaign = emulator.state.campaigns_of(account.id)[0]
    group = emulator.state.ad_groups_of(account.id)[0]
    ad = emulator.state.ads_of(account.id)[0]
    start, end = days(emulator, 4)
    query = {
        "start_date": start,
        "end_date": end,
        "columns": "SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH",
        "granularity": "DAY",
    }
    with AuthenticatedClient(base_url=emulator.base_url, token=emulator.issue_token(USER, version=3)) as client:
        rows = ads_advertiser_delivery_metrics.sync(
            advertiser_id=account.id,
            client=client,
            start_date=dt.date.fromisoformat(start),
            end_date=dt.date.fromisoformat(end),
            columns="SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH",
            granularity=Granularity.DAY,
        ).data
    assert [row["DATE"] for row in rows] == [
        (dt.date.fromisoformat(start) + dt.timedelta(days=n)).isoformat() for n in range(4)
    ]
    assert set(rows[0]) == {"ADVERTISER_ID", "DATE", "SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"}
    with v3(emulator) as api:
        base = f"/ads/v4/advertisers/{account.id}"
        for path, key, value, column in (
            ("campaigns", "campaign_ids", campaign.id, "CAMPAIGN_ID"),
            ("ad_groups", "ad_group_ids", group.id, "AD_GROUP_ID"),
            ("ads", "ad_ids", ad.id, "AD_ID"),
        ):
            found = data(api.get(f"{base}/{path}/delivery_metrics", params=query | {key: value}))
            assert {row[column] for row in found} == {value} and len(found) == 4
            missing = api.get(f"{base}/{path}/delivery_metrics", params=query)
            assert missing.status_code == 400 and key in missing.json()["message"]
        v5_token = emulator.issue_token(USER)
        v5_rows = httpx.get(
            f"{emulator.base_url}/v5/ad_accounts/{account.id}/analytics",
            params=query,
            headers={"Authorization": f"Bearer {v5_token}"},
        ).json()
        assert [r["SPEND_IN_DOLLAR"] for r in v5_rows] == [r["SPEND_IN_DOLLAR"] for r in rows]  # the same numbers
        for change in (
            {"granularity": "YEAR"},
            {"columns": "spend"},
            {"start_date": "2024-02-30"},
            {"view_window_days": "2"},
            {"conversion_report_time": "TIME_OF_AD_ACTION"},  # v5's name, not v4's
        ):
            assert api.get(f"{base}/delivery_metrics", params=query | change).status_code == 400


def test_async_report_lifecycle_like_analytics_api_example(emulator):
    account = emulator.state.ad_accounts_of(USER)[0]
    with AuthenticatedClient(base_url=emulator.base_url, token=emulator.issue_token(USER, version=3)) as client:
        body = AsyncReportRequest.from_dict(quickstart_report(emulator))
        token = ads_async_report_create.sync(advertiser_id=account.id, client=client, body=body).data.token
        polls = [ads_async_report_get.sync(advertiser_id=account.id, client=client, token=token).data for _ in "12"]
    assert [p.report_status for p in polls] == ["IN_PROGRESS", "FINISHED"] and polls[0].url is None
    rows = list(csv.DictReader(io.StringIO(httpx.get(polls[1].url).text)))
    assert rows and all(float(row["CLICKTHROUGH_1"]) >= 0 for row in rows)
    spend = {row["PIN_PROMOTION_ID"] for row in rows}
    assert spend <= {ad.id for ad in emulator.state.ads_of(account.id)}


def test_async_report_filters_entity_fields_and_failure(make_emulator):
    emu = make_emulator(report_outcome="FAILED")
    account = emu.state.ad_accounts_of(USER)[0]
    with v3(emu) as api:
        base = f"/ads/v4/advertisers/{account.id}/delivery_metrics/async"
        token = data(api.post(base, json=quickstart_report(emu)))["token"]
        polls = [data(api.get(base, params={"token": token})) for _ in "12"]
        assert [p["report_status"] for p in polls] == ["IN_PROGRESS", "FAILED"] and polls[1]["url"] is None
        assert data(api.get(base, params={"token": "nope"}))["report_status"] == "DOES_NOT_EXIST"
    ok = make_emulator()
    account = ok.state.ad_accounts_of(USER)[0]
    with v3(ok) as api:
        base = f"/ads/v4/advertisers/{account.id}/delivery_metrics/async"
        body = quickstart_report(
            ok,
            report_format="JSON",
            entity_fields=["CAMPAIGN_NAME", "PIN_PROMOTION_STATUS"],
            filters=[{"field": "SPEND_IN_DOLLAR", "operator": "LESS_THAN", "values": [0]}],
            tag_version=3,
        )
        token = data(api.post(base, json=body))["token"]
        polls = [data(api.get(base, params={"token": token})) for _ in "12"]
        assert httpx.get(polls[-1]["url"]).json() == []  # no spend is below zero
        body["filters"] = []
        token = data(api.post(base, json=body))["token"]
        url = [data(api.get(base, params={"token": token})) for _ in "12"][-1]["url"]
        first = httpx.get(url).json()[0]
        assert list(first)[:3] == ["PIN_PROMOTION_ID", "CAMPAIGN_NAME", "PIN_PROMOTION_STATUS"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"level": "AD"}, "level: 'AD' is not one of"),
        ({"report_format": "csv"}, "report_format: 'csv'"),
        ({"tag_version": 4}, "tag_version: 4 is not one of 2, 3."),
        ({"entity_fields": ["AD_ID"]}, "entity_fields: AD_ID not in"),
        ({"filters": [{"field": "SPEND_IN_DOLLAR", "operator": "ABOUT", "values": [1]}]}, "operator"),
        ({"columns": ["clicks"]}, "columns: clicks is not a metric name."),
        ({"conversion_report_time": "TIME_OF_CONVERSION"}, "conversion_report_time"),
    ],
)
def test_async_report_requests_are_checked(emulator, change, message):
    account = emulator.state.ad_accounts_of(USER)[0]
    with v3(emulator) as api:
        response = api.post(
            f"/ads/v4/advertisers/{account.id}/delivery_metrics/async", json=quickstart_report(emulator, **change)
        )
    assert response.status_code == 400 and message in response.json()["message"]
    assert response.json()["status"] == "failure"


def test_ads_v4_needs_read_advertisers(emulator):
    account = emulator.state.ad_accounts_of(USER)[0]
    with v3(emulator, scopes=["read_users", "read_campaigns"]) as api:
        refused = api.get(f"/ads/v4/advertisers/{account.id}/campaigns")
        assert refused.status_code == 401 and refused.json()["code"] == 3
        assert api.get("/ads/v4/resources/delivery_metrics").status_code == 401
