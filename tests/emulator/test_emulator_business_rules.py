"""Rules Pinterest enforces on creates beyond the description's schemas (``described.business_rules``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.modes import demo_account, emu_fixture, v5_fixture  # noqa: F401 - the fixtures

from pinterest_tools.emulator.testing import PinterestEmulator


def campaign(emu: PinterestEmulator, **fields: Any) -> list[dict[str, Any]]:
    return [{"ad_account_id": demo_account(emu), "name": "Spring", "objective_type": "AWARENESS", **fields}]


def test_a_campaign_with_neither_spend_cap_nor_budget_optimization_is_refused_with_2384(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    before = len(emu.state.campaigns)
    for body in (campaign(emu), campaign(emu, is_campaign_budget_optimization=False, daily_spend_cap=None)):
        answer = v5.post(f"/ad_accounts/{demo_account(emu)}/campaigns", json=body)
        assert (answer.status_code, answer.json()["code"]) == (400, 2384)
        assert "spend cap" in answer.json()["message"]
    assert len(emu.state.campaigns) == before  # nothing kept


@pytest.mark.parametrize(
    "fields",
    [{"daily_spend_cap": 5_000_000}, {"lifetime_spend_cap": 90_000_000}, {"is_campaign_budget_optimization": True}],
)
def test_a_spend_cap_or_budget_optimization_is_enough(
    emu: PinterestEmulator, v5: httpx.Client, fields: dict[str, Any]
) -> None:
    answer = v5.post(f"/ad_accounts/{demo_account(emu)}/campaigns", json=campaign(emu, **fields))
    assert answer.status_code == 200, answer.text
    (item,) = answer.json()["items"]
    assert item["exceptions"] == []
    assert {k: item["data"][k] for k in fields} == fields


def test_a_keyword_without_a_match_type_is_refused(emu: PinterestEmulator, v5: httpx.Client) -> None:
    acc = demo_account(emu)
    group = emu.state.ad_groups_of(acc)[0].id
    path = f"/ad_accounts/{acc}/keywords"
    missing = v5.post(path, json={"parent_id": group, "keywords": [{"value": "quilts"}]})
    assert (missing.status_code, missing.json()) == (400, {"code": 1, "message": "keywords[0].match_type: required."})
    null = v5.post(path, json={"parent_id": group, "keywords": [{"value": "quilts", "match_type": None}]})
    assert null.status_code == 400
    assert null.json() == {
        "code": 1,
        "message": "match_type: required, one of BROAD, PHRASE, EXACT, EXACT_NEGATIVE, PHRASE_NEGATIVE.",
    }
    kept = v5.post(path, json={"parent_id": group, "keywords": [{"value": "quilts", "match_type": "EXACT"}]})
    assert kept.status_code == 200, kept.text
    assert [(k["value"], k["match_type"]) for k in kept.json()["keywords"]] == [("quilts", "EXACT")]


def test_a_delivery_estimate_keyword_without_a_match_type_is_refused(emu: PinterestEmulator, v5: httpx.Client) -> None:
    """5.28.0's delivery-estimate keywords (``AdGroupDeliveryEstimatesKeywordsItems``) require
    ``match_type``, which may be ``null``; the keyword rule's sibling."""
    path = f"/ad_accounts/{demo_account(emu)}/campaigns/delivery_estimates"
    campaign: dict[str, Any] = {
        "objective_type": "AWARENESS",
        "budget_duration_type": "FIXED_DAILY",
        "daily_spend_cap": 50_000_000,
        "start_date": "2026-01-01",
    }

    def estimate(keyword: dict[str, Any]) -> httpx.Response:
        return v5.post(path, json=[campaign | {"ad_groups": [{"keywords": [keyword]}]}])

    missing = estimate({"value": "quilts"})
    assert (missing.status_code, missing.json()) == (
        400,
        {"code": 1, "message": "[0].ad_groups[0].keywords[0].match_type: required."},
    )
    for match_type in ("EXACT", None):
        kept = estimate({"value": "quilts", "match_type": match_type})
        assert kept.status_code == 200, kept.text
