"""Ads analytics add up: for every metric that sums (impressions, counts, spend and value), an
ad account's row for a day is the sum of its campaigns', of its ad groups' and of its ads'
(``analytics.ad_metric_rows.metric``), as on Pinterest, where only ads deliver. Rates,
prices, durations and ratios do not sum and are not compared."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import httpx
import pytest
from support.modes import demo_account, emu_fixture, v5_fixture  # noqa: F401 - the fixtures

from pinterest_tools.emulator.analytics.ad_metric_rows import is_attribute
from pinterest_tools.emulator.analytics.metric_values import Kind, kind
from pinterest_tools.emulator.testing import PinterestEmulator
from pinterest_tools.emulator.v5.analytics import COLUMNS

ID_COLUMNS = {"AD_ACCOUNT_ID", "CAMPAIGN_ID", "AD_GROUP_ID", "AD_ID", "PIN_PROMOTION_ID", "DATE"}
SUMMABLE = [
    c
    for c in COLUMNS
    if c not in ID_COLUMNS and not is_attribute(c) and kind(c) in (Kind.IMPRESSIONS, Kind.COUNT, Kind.SPEND)
]


def totals(v5: httpx.Client, path: str, query: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    answer = v5.get(path, params=query)
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, Any]] = answer.json()
    summed: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        for column in SUMMABLE:
            summed[(row["DATE"], column)] += row[column]
    return summed


@pytest.mark.parametrize("granularity", ["DAY", "WEEK"])
def test_account_campaigns_ad_groups_and_ads_add_up(emu: PinterestEmulator, v5: httpx.Client, granularity: str) -> None:
    account = demo_account(emu)
    today = emu.clock.utcnow().date()
    query = [("start_date", str(today - dt.timedelta(days=9))), ("end_date", str(today - dt.timedelta(days=1)))]
    query += [("granularity", granularity), ("columns", ",".join(SUMMABLE))]
    base = f"/ad_accounts/{account}"
    levels = {
        "account": totals(v5, f"{base}/analytics", query),
        "campaigns": totals(
            v5, f"{base}/campaigns/analytics", query + [("campaign_ids", c.id) for c in emu.state.campaigns_of(account)]
        ),
        "ad groups": totals(
            v5, f"{base}/ad_groups/analytics", query + [("ad_group_ids", g.id) for g in emu.state.ad_groups_of(account)]
        ),
        "ads": totals(v5, f"{base}/ads/analytics", query + [("ad_ids", a.id) for a in emu.state.ads_of(account)]),
    }
    account_level = levels["account"]
    assert len(SUMMABLE) > 100 and len(account_level) == len(SUMMABLE) * len({d for d, _ in account_level})
    assert sum(account_level[k] for k in account_level if k[1] == "SPEND_IN_MICRO_DOLLAR") > 0  # something to add
    for name, level in levels.items():
        differing = sorted(k for k in account_level if abs(level.get(k, -1) - account_level[k]) > 0.011)
        assert differing == [], name
