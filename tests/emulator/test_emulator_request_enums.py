"""Enum values 5.28.0 refuses in requests where the description shares a wider enum
(``described.request_enums``; 5.28.0's per-field enums as pinterestsdk 2.1.0's models give them)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.modes import demo_account, emu_fixture, v5_fixture  # noqa: F401 - the fixtures

from pinterest_tools.emulator.testing import PinterestEmulator

CAMPAIGN = {"name": "Spring", "daily_spend_cap": 5_000_000}
AUDIENCE = {"name": "Engaged", "audience_type": "ENGAGEMENT", "rule": {"engagement_domain": ["example.com"]}}


def bid_floor(objective: str) -> dict[str, Any]:
    spec = {"billable_event": "CLICKTHROUGH", "countries": ["US"], "currency": "USD", "objective_type": objective}
    return {"bid_floor_specs": [spec]}


@pytest.mark.parametrize("objective", ["WEB_SESSIONS", "VIDEO_VIEW"])
def test_a_campaign_create_or_update_refuses_the_deprecated_objectives(
    emu: PinterestEmulator, v5: httpx.Client, objective: str
) -> None:
    path = f"/ad_accounts/{demo_account(emu)}/campaigns"
    before = len(emu.state.campaigns)
    created = v5.post(path, json=[CAMPAIGN | {"ad_account_id": demo_account(emu), "objective_type": objective}])
    assert (created.status_code, created.json()["code"]) == (400, 1)
    assert created.json()["message"].startswith(f"[0].objective_type: {objective!r} is not one of AWARENESS, ")
    assert len(emu.state.campaigns) == before
    campaign = emu.state.campaigns_of(demo_account(emu))[0]
    updated = v5.patch(path, json=[{"id": campaign.id, "objective_type": objective}])
    assert (updated.status_code, updated.json()["code"]) == (400, 1)
    assert emu.state.campaigns[campaign.id].objective_type != objective


@pytest.mark.parametrize("objective", ["LEADS", "CTV_CONSIDERATION"])
def test_a_campaign_takes_what_5_28_adds(emu: PinterestEmulator, v5: httpx.Client, objective: str) -> None:
    path = f"/ad_accounts/{demo_account(emu)}/campaigns"
    created = v5.post(path, json=[CAMPAIGN | {"ad_account_id": demo_account(emu), "objective_type": objective}])
    assert created.status_code == 200, created.text
    assert created.json()["items"][0]["data"]["objective_type"] == objective


@pytest.mark.parametrize("objective", ["CTV_CONSIDERATION", "LEADS", "WEB_SESSIONS", "APP_INSTALL"])
def test_an_audience_rule_and_a_bid_floor_refuse_what_5_28_refuses(
    emu: PinterestEmulator, v5: httpx.Client, objective: str
) -> None:
    base = f"/ad_accounts/{demo_account(emu)}"
    rule = AUDIENCE["rule"] | {"objective_type": ["AWARENESS", objective]}
    audience = v5.post(f"{base}/audiences", json=AUDIENCE | {"rule": rule})
    assert (audience.status_code, audience.json()["code"]) == (400, 1)
    assert audience.json()["message"] == (
        f"rule.objective_type[1]: {objective!r} is not one of AWARENESS, CONSIDERATION, WEB_CONVERSION, "
        "CATALOG_SALES, VIDEO_COMPLETION, SALES."
    )
    floor = v5.post(f"{base}/bid_floor", json=bid_floor(objective))
    assert (floor.status_code, floor.json()["code"]) == (400, 1)
    assert floor.json()["message"].startswith(f"bid_floor_specs[0].objective_type: {objective!r} is not one of")


def test_what_5_28_takes_there_is_taken(emu: PinterestEmulator, v5: httpx.Client) -> None:
    base = f"/ad_accounts/{demo_account(emu)}"
    rule = AUDIENCE["rule"] | {"objective_type": ["SALES", "CONSIDERATION"]}
    audience = v5.post(f"{base}/audiences", json=AUDIENCE | {"rule": rule})
    assert audience.status_code == 200, audience.text
    assert audience.json()["rule"]["objective_type"] == ["SALES", "CONSIDERATION"]
    assert v5.post(f"{base}/bid_floor", json=bid_floor("SALES")).status_code == 200


@pytest.mark.parametrize(("age", "status"), [("18", 200), ("65+", 200), ("abc", 400), ("18-24", 400), ("+18", 400)])
def test_an_ad_groups_age_operations_take_what_5_28_takes(
    emu: PinterestEmulator, v5: httpx.Client, age: str, status: int
) -> None:
    """5.28.0's ``TargetingSpecOperationMinimumAge``/``MaximumAge``: ``value`` matches ``^\\d+\\+?$``."""
    group = next(iter(emu.state.ad_groups.values()))
    item = {"id": group.id, "name": group.name, "campaign_id": group.campaign_id}
    item["billable_event"] = group.billable_event
    for field in ("MINIMUM_AGE", "MAXIMUM_AGE"):
        operation = {"field": field, "operation": "SET", "value": age}
        answer = v5.patch(
            f"/ad_accounts/{group.ad_account_id}/ad_groups",
            json=[item | {"targeting_spec_operations": [operation]}],
        )
        assert answer.status_code == status, answer.text
        if status == 400:
            assert "targeting_spec_operations" in answer.json()["message"]
