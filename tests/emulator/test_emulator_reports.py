"""Delivery metric definitions and async reports: lifecycle, download, failure, expiry, validation."""

from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import pytest
from pinterest_api_v5.api.ad_accounts import analytics_create_report, analytics_get_report
from pinterest_api_v5.api.resources import delivery_metrics_get
from pinterest_api_v5.models import (
    AdAccountAnalyticsColumnsItem,
    AdsAnalyticsCreateAsyncRequest,
    DataOutputFormat,
    Granularity,
    MetricsReportingLevel,
    ReportingColumnAsync,
)
from support.emulator import http, v5_client

from pinterest_tools.emulator.analytics.metric_definitions import CATALOG
from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.serving import data_file
from pinterest_tools.workflows.reports import example_request

USER = "dexter_demo"


def account_of(emu):
    return emu.state.ad_accounts_of(USER)[0]


def quickstart_body(emu, days=3, **change):
    """What analytics_api_example sends (upstream's `filters` is not part of v5: ignored)."""
    end = emu.clock.utcnow().date()
    body = example_request(end - dt.timedelta(days=days - 1), end)
    return {key: value for key, value in (body | change).items() if value is not None}


def run_report(api, account_id, body, polls=5):
    token = api.post(f"/ad_accounts/{account_id}/reports", json=body).json()["token"]
    statuses = []
    for _ in range(polls):
        answer = api.get(f"/ad_accounts/{account_id}/reports", params={"token": token}).json()
        statuses.append(answer["report_status"])
        if answer["report_status"] != "IN_PROGRESS":
            return token, statuses, answer
    return token, statuses, answer


def test_delivery_metric_definitions(emulator):
    with v5_client(emulator) as client:
        listed = delivery_metrics_get.sync(client=client)
    by_name = {item.name: item.definition for item in listed.items}
    for name in ("CLICKTHROUGH_1", "IMPRESSION_1", "SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"):
        assert by_name[name]
    with http(emulator) as api:
        assert len(api.get("/resources/delivery_metrics", params={"report_type": "ASYNC"}).json()["items"]) == len(
            CATALOG
        )
        assert api.get("/resources/delivery_metrics", params={"report_type": "BOTH"}).status_code == 400


def test_every_catalog_metric_is_a_sync_and_an_async_column():
    sync = {member.value for member in AdAccountAnalyticsColumnsItem}
    async_ = {member.value for member in ReportingColumnAsync}
    assert {metric.name for metric in CATALOG} <= sync & async_


def test_report_in_progress_then_finished_with_a_csv_to_download(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        _, statuses, answer = run_report(api, account.id, quickstart_body(emulator))
    assert statuses == ["IN_PROGRESS", "FINISHED"]
    assert answer["url"].startswith(emulator.base_url) and answer["url"].endswith("/metrics_report.csv")
    download = httpx.get(answer["url"])  # no token: a pre-signed URL
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert answer["size"] == len(download.content)
    rows = list(csv.DictReader(io.StringIO(download.text)))
    ads = emulator.state.ads_of(account.id)
    assert list(rows[0]) == ["PIN_PROMOTION_ID", "DATE", "CLICKTHROUGH_1", "IMPRESSION_1"]
    assert len(rows) == 3 * len(ads) and {row["PIN_PROMOTION_ID"] for row in rows} == {ad.id for ad in ads}
    assert httpx.get(answer["url"]).content == download.content  # the same numbers every time


def test_report_with_the_generated_client_as_json_with_entity_ids(emulator):
    account = account_of(emulator)
    campaign = emulator.state.campaigns_of(account.id)[0]
    end = emulator.clock.utcnow().date()
    request = AdsAnalyticsCreateAsyncRequest(
        start_date=(end - dt.timedelta(days=6)).isoformat(),
        end_date=end.isoformat(),
        granularity=Granularity.TOTAL,
        columns=[ReportingColumnAsync.SPEND_IN_DOLLAR, ReportingColumnAsync.CAMPAIGN_NAME],
        level=MetricsReportingLevel.CAMPAIGN,
        report_format=DataOutputFormat.JSON,
    )
    request["campaign_ids"] = [campaign.id]
    with v5_client(emulator) as client:
        created = analytics_create_report.sync(account.id, client=client, body=request)
        assert created.report_status == "IN_PROGRESS" and created.token
        statuses = [analytics_get_report.sync(account.id, client=client, token=created.token) for _ in range(2)]
    assert [s.report_status for s in statuses] == ["IN_PROGRESS", "FINISHED"]
    assert statuses[1].url.endswith("/metrics_report.json")
    rows = httpx.get(statuses[1].url).json()
    assert rows == [
        {"CAMPAIGN_ID": campaign.id, "SPEND_IN_DOLLAR": rows[0]["SPEND_IN_DOLLAR"], "CAMPAIGN_NAME": campaign.name}
    ]
    assert rows[0]["SPEND_IN_DOLLAR"] > 0


def test_metrics_filters_and_entity_levels(emulator):
    account = account_of(emulator)
    big = {"field": "SPEND_IN_DOLLAR", "operator": "GREATER_THAN", "values": [1_000_000]}
    body = quickstart_body(emulator, report_format="JSON", metrics_filters=[big])
    with http(emulator) as api:
        _, _, answer = run_report(api, account.id, body)
        assert httpx.get(answer["url"]).json() == []
        keyword = quickstart_body(emulator, level="KEYWORD", report_format="JSON")
        _, _, answer = run_report(api, account.id, keyword)
        assert httpx.get(answer["url"]).json() == []  # not modelled: an empty report, not an error
        advertiser = quickstart_body(emulator, level="ADVERTISER", granularity="WEEK")
        _, _, answer = run_report(api, account.id, advertiser)
        header = httpx.get(answer["url"]).text.splitlines()[0]
        assert header == "ADVERTISER_ID,DATE,CLICKTHROUGH_1,IMPRESSION_1"


def test_polls_are_configurable(make_emulator):
    emu = make_emulator(report_polls=3)
    with http(emu) as api:
        _, statuses, _ = run_report(api, account_of(emu).id, quickstart_body(emu))
    assert statuses == ["IN_PROGRESS"] * 3 + ["FINISHED"]
    immediate = make_emulator(report_polls=0)
    with http(immediate) as api:
        _, statuses, _ = run_report(api, account_of(immediate).id, quickstart_body(immediate))
    assert statuses == ["FINISHED"]


def test_a_report_fails_by_setting(make_emulator):
    emu = make_emulator(report_outcome="FAILED")
    with http(emu) as api:
        token, statuses, answer = run_report(api, account_of(emu).id, quickstart_body(emu))
    assert statuses == ["IN_PROGRESS", "FAILED"] and "url" not in answer and "size" not in answer
    assert emu.state.reports[token].status == "FAILED"


def test_a_report_fails_by_ad_account_in_the_data_file(make_emulator):
    doc = demo_data.demo_document()
    doc["users"][0]["ad_accounts"][1]["report_outcome"] = "FAILED"
    emu = make_emulator(data=doc)
    good, failing = emu.state.ad_accounts_of(USER)
    with http(emu) as api:
        assert run_report(api, good.id, quickstart_body(emu))[1] == ["IN_PROGRESS", "FINISHED"]
        assert run_report(api, failing.id, quickstart_body(emu))[1] == ["IN_PROGRESS", "FAILED"]
    dumped = data_file.dump(emu.state)["users"][0]["ad_accounts"]
    assert [account.get("report_outcome") for account in dumped] == [None, "FAILED"]
    assert data_file.load(data_file.dump(emu.state)).ad_accounts[failing.id].report_outcome == "FAILED"
    doc["users"][0]["ad_accounts"][1]["report_outcome"] = "MAYBE"
    with pytest.raises(data_file.DataFileError, match="report_outcome"):
        data_file.load(doc)


def test_settings_refuse_unknown_outcomes(make_emulator):
    with pytest.raises(ValueError, match="report_outcome"):
        make_emulator(report_outcome="LATER")


def test_the_download_expires_after_an_hour(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        token, _, answer = run_report(api, account.id, quickstart_body(emulator))
        emulator.clock.advance(3601)
        refused = httpx.get(answer["url"])
        assert refused.status_code == 403 and b"AccessDenied" in refused.content
        again = api.get(f"/ad_accounts/{account.id}/reports", params={"token": token}).json()
        assert again == {"report_status": "EXPIRED"}  # 5.28.0: url and size are left out, never null


def test_unknown_tokens_and_other_accounts(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        token, _, answer = run_report(api, account.id, quickstart_body(emulator))
        unknown = api.get(f"/ad_accounts/{account.id}/reports", params={"token": "nope"}).json()
        assert unknown == {"report_status": "DOES_NOT_EXIST"}
        other = emulator.state.ad_accounts_of(USER)[1]
        elsewhere = api.get(f"/ad_accounts/{other.id}/reports", params={"token": token}).json()
        assert elsewhere["report_status"] == "DOES_NOT_EXIST"
        assert api.get(f"/ad_accounts/{account.id}/reports").status_code == 400
    assert httpx.get(answer["url"].replace(token, "0" * 32)).status_code == 404
    assert httpx.get(answer["url"].replace(".csv", ".json")).status_code == 404
    with http(emulator, user="penny_demo") as api:
        assert api.post(f"/ad_accounts/{account.id}/reports", json=quickstart_body(emulator)).status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_date": "2024-13-01"}, "start_date: '2024-13-01' is not a date"),
        ({"end_date": None}, "end_date: this field is required."),
        ({"start_date": "2030-01-02", "end_date": "2030-01-01"}, "is after end_date"),
        ({"columns": []}, "columns: at least one is required."),
        ({"columns": ["CLICKS"]}, "columns: CLICKS not in"),
        ({"level": "PIN"}, "level: 'PIN' is not one of"),
        ({"granularity": None}, "granularity"),
        ({"report_format": "XLSX"}, "report_format: 'XLSX' is not one of JSON, CSV."),
        ({"click_window_days": 2}, "click_window_days: 2 is not one of"),
        ({"start_hour": 3}, "start_hour: only allowed for hourly"),
        ({"metrics_filters": [{"field": "SPEND_IN_DOLLAR", "operator": "ABOUT", "values": [1]}]}, "operator"),
        ({"metrics_filters": [{"field": "CTR", "operator": "LESS_THAN", "values": [1]}]}, "field: 'CTR'"),
        ({"metrics_filters": [{"field": "SPEND_IN_DOLLAR", "operator": "LESS_THAN", "values": []}]}, "values"),
        ({"campaign_ids": ["x"]}, "campaign_ids: expected a list of ids"),
    ],
)
def test_report_requests_are_checked(emulator, change, message):
    account = account_of(emulator)
    with http(emulator) as api:
        response = api.post(f"/ad_accounts/{account.id}/reports", json=quickstart_body(emulator, **change))
    assert response.status_code == 400 and message in response.json()["message"]


def test_reports_need_ads_read(emulator):
    account = account_of(emulator)
    with http(emulator, emulator.issue_token(USER, ["user_accounts:read", "pins:read"])) as api:
        response = api.post(f"/ad_accounts/{account.id}/reports", json=quickstart_body(emulator))
        assert response.status_code == 401 and response.json()["code"] == 3
        assert api.get("/resources/delivery_metrics").status_code == 401  # needs ads:read too
