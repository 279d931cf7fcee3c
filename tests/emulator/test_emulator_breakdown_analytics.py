"""Targeting, product group and ad Pin analytics answer rows of the stored objects, with asserted values.

Through the facade against the emulator in process: the rows name the objects asked for
(and only those of the ad account), break down by values the stored objects give
(keywords, audiences, country, creative types), carry the deterministic numbers of
`analytics.metric_values` (a DAY range adds up to its TOTAL), and an id the ad account
does not have is a 400 naming it. Every exchange is validated against the description.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pinterest_tools.emulator.testing import PinterestEmulator
from pinterest_tools.errors import ApiStatusError

COLUMNS = ["SPEND_IN_DOLLAR", "IMPRESSION_1", "CLICKTHROUGH_1"]


def window(facade_emulator: PinterestEmulator) -> dict[str, dt.date]:
    today = facade_emulator.clock.utcnow().date()
    return {"start_date": today - dt.timedelta(days=5), "end_date": today - dt.timedelta(days=3)}


def account_of(facade_emulator: PinterestEmulator) -> str:
    return facade_emulator.state.ad_accounts_of("dexter_demo")[0].id


def test_campaign_targeting_analytics_break_each_campaign_down_by_day(facade_emulator: PinterestEmulator) -> None:
    client, account = facade_emulator.client(), account_of(facade_emulator)
    campaigns = [c.id for c in facade_emulator.state.campaigns_of(account)]
    asked = dict(campaign_ids=campaigns, targeting_types=["GENDER", "COUNTRY"], columns=[*COLUMNS, "CAMPAIGN_NAME"])
    daily = client.ad_accounts.campaigns.targeting_analytics(
        account, granularity="DAY", **asked, **window(facade_emulator)
    )
    rows = [row.to_dict() for row in daily.data]
    days = sorted({row["metrics"]["DATE"] for row in rows})
    assert len(days) == 3
    pairs = {(r["metrics"]["CAMPAIGN_ID"], r["targeting_type"], r["targeting_value"]) for r in rows}
    genders = {(c, "GENDER", g) for c in campaigns for g in ("female", "male", "unknown")}
    assert pairs == genders | {(c, "COUNTRY", "US") for c in campaigns}
    assert len(rows) == len(pairs) * len(days)
    names = {r["metrics"]["CAMPAIGN_ID"]: r["metrics"]["CAMPAIGN_NAME"] for r in rows}
    assert names == {c.id: c.name for c in facade_emulator.state.campaigns_of(account)}

    again = client.ad_accounts.campaigns.targeting_analytics(
        account, granularity="DAY", **asked, **window(facade_emulator)
    )
    assert [row.to_dict() for row in again.data] == rows  # the same question, the same numbers
    total = client.ad_accounts.campaigns.targeting_analytics(
        account, granularity="TOTAL", **asked, **window(facade_emulator)
    )
    for row in (r.to_dict() for r in total.data):
        key = (row["metrics"]["CAMPAIGN_ID"], row["targeting_type"], row["targeting_value"])
        days_of = [
            r["metrics"]
            for r in rows
            if (r["metrics"]["CAMPAIGN_ID"], r["targeting_type"], r["targeting_value"]) == key
        ]
        assert "DATE" not in row["metrics"]
        assert row["metrics"]["IMPRESSION_1"] == sum(d["IMPRESSION_1"] for d in days_of)


def test_keywords_and_audiences_break_an_ad_group_down_by_what_is_stored(facade_emulator: PinterestEmulator) -> None:
    client, account = facade_emulator.client(), account_of(facade_emulator)
    group = facade_emulator.state.ad_groups_of(account)[0].id
    client.ad_accounts.keywords.create(
        account,
        parent_id=group,
        keywords=[{"value": "margarita", "match_type": "BROAD"}, {"value": "paloma", "match_type": "EXACT"}],
    )
    audience = client.ad_accounts.audiences.create(
        account, name="Agave fans", audience_type="ENGAGEMENT", rule={"engager_type": 1}
    )
    answer = client.ad_accounts.ad_groups.targeting_analytics(
        account, ad_group_ids=[group], targeting_types=["KEYWORD", "AUDIENCE_INCLUDE"], columns=COLUMNS,
        granularity="TOTAL", **window(facade_emulator),
    )  # fmt: skip
    values = [(r.to_dict()["targeting_type"], r.to_dict()["targeting_value"]) for r in answer.data]
    assert values == [("KEYWORD", "margarita"), ("KEYWORD", "paloma"), ("AUDIENCE_INCLUDE", audience.id)]
    other_group = facade_emulator.state.ad_groups_of(account)[1].id  # no keywords of its own
    none = client.ad_accounts.ad_groups.targeting_analytics(
        account, ad_group_ids=[other_group], targeting_types=["KEYWORD"], columns=COLUMNS, granularity="TOTAL",
        **window(facade_emulator),
    )  # fmt: skip
    assert none.data == []


def test_ad_and_ad_account_targeting_analytics_name_their_objects(facade_emulator: PinterestEmulator) -> None:
    client, account = facade_emulator.client(), account_of(facade_emulator)
    ad = facade_emulator.state.ads_of(account)[0]
    by_ad = client.ad_accounts.ads.targeting_analytics(
        account, ad_ids=[ad.id], targeting_types=["APPTYPE"], columns=COLUMNS,
        granularity="TOTAL", **window(facade_emulator),
    )  # fmt: skip
    assert {r.to_dict()["metrics"]["AD_ID"] for r in by_ad.data} == {ad.id} and len(by_ad.data) == 6
    by_account = client.ad_accounts.targeting_analytics(
        account, targeting_types=["AGE_BUCKET"], columns=COLUMNS, granularity="TOTAL", **window(facade_emulator)
    )
    assert {r.to_dict()["metrics"]["AD_ACCOUNT_ID"] for r in by_account.data} == {account}
    assert [r.to_dict()["targeting_value"] for r in by_account.data][:2] == ["18-24", "25-34"]


@pytest.mark.parametrize("kind", ["campaigns", "ad_groups", "ads"])
def test_targeting_analytics_of_an_object_of_another_account_is_a_400(
    facade_emulator: PinterestEmulator, kind: str
) -> None:
    client = facade_emulator.client()
    mine, sandbox = (a.id for a in facade_emulator.state.ad_accounts_of("dexter_demo")[:2])
    elsewhere = {
        "campaigns": facade_emulator.state.campaigns_of(sandbox),
        "ad_groups": facade_emulator.state.ad_groups_of(sandbox),
        "ads": facade_emulator.state.ads_of(sandbox),
    }[kind][0].id
    key = {"campaigns": "campaign_ids", "ad_groups": "ad_group_ids", "ads": "ad_ids"}[kind]
    resource = getattr(client.ad_accounts, kind)
    with pytest.raises(ApiStatusError) as refused:
        resource.targeting_analytics(
            mine,
            **{key: [elsewhere]},
            targeting_types=["APPTYPE"],
            columns=COLUMNS,
            granularity="DAY",
            **window(facade_emulator),
        )
    assert (refused.value.status_code, refused.value.code) == (400, 400)  # as the ads analytics
    assert str(refused.value).count(f"{key}: {elsewhere} is not an object of ad account {mine}") == 1


def test_product_group_analytics_are_rows_of_the_caller_s_product_groups(facade_emulator: PinterestEmulator) -> None:
    client, account = facade_emulator.client(), account_of(facade_emulator)
    seeded = facade_emulator.seed(
        {"resources": [{"family": "/catalogs/product_groups", "fields": {"name": n, "feed_id": "1"}} for n in "AB"]}
    )["resources"]
    groups = [g["id"] for g in seeded]
    rows = client.ad_accounts.product_groups_analytics(
        account, product_group_ids=groups, columns=COLUMNS, granularity="DAY", **window(facade_emulator)
    )
    shown = [row.to_dict() for row in rows]
    assert [(r["PRODUCT_GROUP_ID"], r["DATE"]) for r in shown][:2] == [
        (groups[0], shown[0]["DATE"]),
        (groups[1], shown[0]["DATE"]),
    ]
    assert len(shown) == 6 and all(set(COLUMNS) <= set(r) for r in shown)
    assert shown[0]["IMPRESSION_1"] != shown[1]["IMPRESSION_1"]  # each group has numbers of its own
    with pytest.raises(ApiStatusError) as refused:
        client.ad_accounts.product_groups_analytics(
            account, product_group_ids=["1999999999999"], columns=COLUMNS, granularity="DAY", **window(facade_emulator)
        )
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert "product_group_ids: 1999999999999" in str(refused.value)


def test_ad_pin_analytics_are_rows_per_pin_in_the_campaign(facade_emulator: PinterestEmulator) -> None:
    client, account = facade_emulator.client(), account_of(facade_emulator)
    campaign = facade_emulator.state.campaigns_of(account)[0].id
    pins = [p.id for p in facade_emulator.state.pins_of("dexter_demo")[:2]]
    asked = dict(campaign_id=campaign, pin_ids=pins, columns=COLUMNS, **window(facade_emulator))
    daily = [r.to_dict() for r in client.ad_accounts.pins_analytics(account, granularity="DAY", **asked)]
    assert [r["PIN_ID"] for r in daily] == pins * 3
    total = [r.to_dict() for r in client.ad_accounts.pins_analytics(account, granularity="TOTAL", **asked)]
    assert [r["PIN_ID"] for r in total] == pins and all("DATE" not in r for r in total)
    for row in total:
        assert row["CLICKTHROUGH_1"] == sum(d["CLICKTHROUGH_1"] for d in daily if d["PIN_ID"] == row["PIN_ID"])
    other = facade_emulator.state.campaigns_of(facade_emulator.state.ad_accounts_of("dexter_demo")[1].id)[0].id
    with pytest.raises(ApiStatusError) as refused:
        client.ad_accounts.pins_analytics(account, granularity="DAY", **(asked | {"campaign_id": other}))
    assert (refused.value.status_code, refused.value.code) == (400, 400)
    assert f"campaign_id: {other}" in str(refused.value)
    with pytest.raises(ApiStatusError) as unknown_pin:
        client.ad_accounts.pins_analytics(account, granularity="DAY", **(asked | {"pin_ids": ["1999999999999"]}))
    assert (unknown_pin.value.status_code, unknown_pin.value.code) == (400, 400)
    assert "pin_ids: 1999999999999 is not a Pin this account can promote." in str(unknown_pin.value)
