"""Campaign, ad group and ad analytics (v5), delivery metrics (ads v4) and the async delivery
reports of both refuse ids the ad account lacks.

Pinterest answers an id in ``campaign_ids``, ``ad_group_ids`` or ``ad_ids`` that names no
object of the ad account (made up, or another account's) with a 400 naming it; the v5
operations document it as ``{"code": 400, "message": ...}``, ads v4 answers it in its
envelope with the code of invalid parameters. A report request naming such an
id is refused the same way and queues nothing. Known ids still answer their rows, with
values asserted. v5 goes through the ``Pinterest`` facade; every exchange is validated
against the description (v5) or the project's v3 description (ads v4).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from pinterest_tools.emulator import Emulator
from pinterest_tools.emulator.testing import PinterestEmulator
from pinterest_tools.errors import ApiStatusError

USER = "dexter_demo"
COLUMNS = ["SPEND_IN_DOLLAR", "IMPRESSION_1"]
KEYS = {"campaigns": "campaign_ids", "ad_groups": "ad_group_ids", "ads": "ad_ids"}
MADE_UP = "1999999999999"


def window(emu: Emulator | PinterestEmulator) -> dict[str, Any]:
    today = emu.clock.utcnow().date()
    return {"start_date": today - dt.timedelta(days=4), "end_date": today - dt.timedelta(days=3)}


def accounts(emu: Emulator | PinterestEmulator) -> tuple[str, str]:
    mine, sandbox = (a.id for a in emu.state.ad_accounts_of(USER)[:2])
    return mine, sandbox


def first_id(emu: Emulator | PinterestEmulator, kind: str, account: str) -> str:
    objects = {"campaigns": emu.state.campaigns_of, "ad_groups": emu.state.ad_groups_of, "ads": emu.state.ads_of}
    return str(objects[kind](account)[0].id)


def analytics(emu: PinterestEmulator, kind: str, account: str, ids: list[str]) -> list[dict[str, Any]]:
    resource = getattr(emu.client().ad_accounts, kind)
    rows = resource.analytics(account, **{KEYS[kind]: ids}, columns=COLUMNS, granularity="DAY", **window(emu))
    return [row.to_dict() for row in rows]


@pytest.mark.parametrize("kind", list(KEYS))
def test_an_id_of_another_ad_account_is_a_400_naming_it(facade_emulator: PinterestEmulator, kind: str) -> None:
    mine, sandbox = accounts(facade_emulator)
    own, elsewhere = first_id(facade_emulator, kind, mine), first_id(facade_emulator, kind, sandbox)
    with pytest.raises(ApiStatusError) as refused:
        analytics(facade_emulator, kind, mine, [own, elsewhere])
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"{KEYS[kind]}: {elsewhere} is not an object of ad account {mine}." in str(refused.value)
    assert own not in str(refused.value)
    rows = analytics(facade_emulator, kind, mine, [own])  # alone, the account's own id answers its rows
    id_column = {"campaigns": "CAMPAIGN_ID", "ad_groups": "AD_GROUP_ID", "ads": "AD_ID"}[kind]
    start = window(facade_emulator)["start_date"]
    assert [(row[id_column], row["DATE"]) for row in rows] == [
        (own, start.isoformat()),
        (own, (start + dt.timedelta(days=1)).isoformat()),
    ]
    assert rows == analytics(facade_emulator, kind, mine, [own])  # the same question, the same numbers


@pytest.mark.parametrize("kind", list(KEYS))
def test_an_id_that_exists_nowhere_is_a_400_naming_it(facade_emulator: PinterestEmulator, kind: str) -> None:
    mine, _ = accounts(facade_emulator)
    with pytest.raises(ApiStatusError) as refused:
        analytics(facade_emulator, kind, mine, [MADE_UP])
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"{KEYS[kind]}: {MADE_UP} is not an object of ad account {mine}." in str(refused.value)


def test_ads_analytics_refuse_a_campaign_of_another_account_with_pin_ids(facade_emulator: PinterestEmulator) -> None:
    mine, sandbox = accounts(facade_emulator)
    elsewhere = first_id(facade_emulator, "campaigns", sandbox)
    pin = facade_emulator.state.pins_of(USER)[0].id
    with pytest.raises(ApiStatusError) as refused:
        facade_emulator.client().ad_accounts.ads.analytics(
            mine, campaign_ids=[elsewhere], pin_ids=[pin], columns=COLUMNS, granularity="DAY",
            **window(facade_emulator),
        )  # fmt: skip
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"campaign_ids: {elsewhere} is not an object of ad account {mine}." in str(refused.value)


@pytest.mark.parametrize("kind", list(KEYS))
def test_ads_v4_delivery_metrics_refuse_an_id_of_another_advertiser(emulator: Emulator, kind: str) -> None:
    mine, sandbox = accounts(emulator)
    own, elsewhere = first_id(emulator, kind, mine), first_id(emulator, kind, sandbox)
    token = emulator.issue_token(USER, version=3)
    dates = {key: value.isoformat() for key, value in window(emulator).items()}
    query = {**dates, "columns": ",".join(COLUMNS), "granularity": "DAY"}
    with httpx.Client(base_url=emulator.base_url, headers={"Authorization": f"Bearer {token}"}) as api:
        path = f"/ads/v4/advertisers/{mine}/{kind}/delivery_metrics"
        refused = api.get(path, params={**query, KEYS[kind]: f"{own},{elsewhere}"})
        answered = api.get(path, params={**query, KEYS[kind]: own})
    assert refused.status_code == 400
    assert refused.json() == {
        "status": "failure",
        "code": 1,
        "message": f"{KEYS[kind]}: {elsewhere} is not an object of ad account {mine}.",
        "data": None,
        "endpoint_name": None,
    }
    assert answered.status_code == 200
    assert [row["DATE"] for row in answered.json()["data"]] == [d for d in dates.values()]


# Async delivery reports: the same ids, refused the same way when the report is requested.
LEVELS = {"campaigns": "CAMPAIGN", "ad_groups": "AD_GROUP", "ads": "PIN_PROMOTION"}
REPORT_ID_COLUMNS = {"campaigns": "CAMPAIGN_ID", "ad_groups": "AD_GROUP_ID", "ads": "PIN_PROMOTION_ID"}


def report_body(emu: Emulator | PinterestEmulator, kind: str, ids: list[str]) -> dict[str, Any]:
    dates = {key: value.isoformat() for key, value in window(emu).items()}
    body = {**dates, "columns": COLUMNS, "granularity": "DAY", "level": LEVELS[kind], "report_format": "JSON"}
    return body | {KEYS[kind]: ids}


@pytest.mark.parametrize("kind", list(KEYS))
def test_a_v5_report_naming_an_id_of_another_ad_account_is_a_400_and_queues_nothing(
    facade_emulator: PinterestEmulator, kind: str
) -> None:
    mine, sandbox = accounts(facade_emulator)
    own, elsewhere = first_id(facade_emulator, kind, mine), first_id(facade_emulator, kind, sandbox)
    reports = facade_emulator.client().ad_accounts.reports
    with pytest.raises(ApiStatusError) as refused:
        reports.create(mine, body=report_body(facade_emulator, kind, [own, elsewhere]))
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"{KEYS[kind]}: {elsewhere} is not an object of ad account {mine}." in str(refused.value)
    assert own not in str(refused.value)
    assert facade_emulator.state.reports == {}
    created = reports.create(mine, body=report_body(facade_emulator, kind, [own]))  # alone, the own id is queued
    assert list(facade_emulator.state.reports) == [created.token]
    polls = [reports.get(mine, token=created.token) for _ in "12"]
    assert [poll.report_status for poll in polls] == ["IN_PROGRESS", "FINISHED"]
    with httpx.Client(transport=facade_emulator.transport) as download:
        rows = download.get(str(polls[1].url)).json()
    sync = analytics(facade_emulator, kind, mine, [own])  # the synchronous numbers of the same question
    assert [(row[REPORT_ID_COLUMNS[kind]], row["DATE"]) for row in rows] == [(own, row["DATE"]) for row in sync]
    assert [row["SPEND_IN_DOLLAR"] for row in rows] == [row["SPEND_IN_DOLLAR"] for row in sync]


@pytest.mark.parametrize("kind", list(KEYS))
def test_a_v5_report_naming_an_id_that_exists_nowhere_is_a_400(facade_emulator: PinterestEmulator, kind: str) -> None:
    mine, _ = accounts(facade_emulator)
    with pytest.raises(ApiStatusError) as refused:
        facade_emulator.client().ad_accounts.reports.create(mine, body=report_body(facade_emulator, kind, [MADE_UP]))
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"{KEYS[kind]}: {MADE_UP} is not an object of ad account {mine}." in str(refused.value)
    assert facade_emulator.state.reports == {}


@pytest.mark.parametrize("kind", list(KEYS))
def test_an_ads_v4_async_report_refuses_an_id_of_another_advertiser(emulator: Emulator, kind: str) -> None:
    mine, sandbox = accounts(emulator)
    own, elsewhere = first_id(emulator, kind, mine), first_id(emulator, kind, sandbox)
    token = emulator.issue_token(USER, version=3)
    with httpx.Client(base_url=emulator.base_url, headers={"Authorization": f"Bearer {token}"}) as api:
        path = f"/ads/v4/advertisers/{mine}/delivery_metrics/async"
        refused = api.post(path, json=report_body(emulator, kind, [elsewhere, own, MADE_UP]))
        queued_after_refusal = dict(emulator.state.reports)
        answered = api.post(path, json=report_body(emulator, kind, [own]))
    assert refused.status_code == 400
    assert refused.json() == {
        "status": "failure",
        "code": 1,
        "message": f"{KEYS[kind]}: {elsewhere}, {MADE_UP} is not an object of ad account {mine}.",
        "data": None,
        "endpoint_name": None,
    }
    assert queued_after_refusal == {}
    assert answered.status_code == 200
    assert list(emulator.state.reports) == [answered.json()["data"]["token"]]
