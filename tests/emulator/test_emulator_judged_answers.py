"""Answers a client nobody here wrote could not read (``pinterestsdk`` 2.1.0, API 5.28.0: see
test_emulator_pinterestsdk.py), each with the value 5.28.0 has now asserted."""

from __future__ import annotations

from typing import Any

import httpx
from support.emulator import http

from pinterest_tools.emulator import Emulator


def ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json()


def account(emulator: Emulator) -> str:
    return emulator.state.ad_accounts_of(emulator.state.user("dexter_demo").id)[0].id


def test_a_label_is_created_without_the_parent_id_5_28_removed(emulator: Emulator) -> None:
    with http(emulator) as v5:
        body = {"labels": [{"value": "Spring", "label_type": "BRAND"}]}
        created = ok(v5.post(f"/ad_accounts/{account(emulator)}/labels", json=body))
    assert [(label["value"], label["label_type"]) for label in created["labels"]] == [("Spring", "BRAND")]


def test_trending_product_categories_list_their_verticals(emulator: Emulator) -> None:
    with http(emulator) as v5:
        categories = ok(v5.get("/trends/product_categories/trending", params={"region": "US"}))
    assert categories
    assert all(isinstance(c["verticals"], list) and all(isinstance(v, str) for v in c["verticals"]) for c in categories)


def test_ad_groups_by_promotion_are_the_stored_groups_with_it_whole(emulator: Emulator) -> None:
    """The ad groups a promotion is applied to (by ``promotion_id`` or ``promotion_ids``), each the
    ad group its own get answers: 5.28.0's AdGroup requires ``billable_event`` and ``summary_status``."""
    ad_account = account(emulator)
    campaign = emulator.state.campaigns_of(ad_account)[0].id
    groups = f"/ad_accounts/{ad_account}/ad_groups"
    base = {"campaign_id": campaign, "billable_event": "CLICKTHROUGH", "budget_in_micro_currency": 5_000_000}
    with http(emulator) as v5:
        sent = [
            {**base, "name": "by list", "promotion_ids": ["5551"]},
            {**base, "name": "by one", "promotion_id": "5552"},
        ]
        created = [item["data"] for item in ok(v5.post(groups, json=sent))["items"]]
        ok(v5.post(groups, json=[{**base, "name": "none"}]))
        applied = f"/ad_accounts/{ad_account}/promotion_applied_entities"
        both = ok(v5.get(applied, params=[("promotion_ids", "5551"), ("promotion_ids", "5552")]))["items"]
        assert [g["id"] for g in both] == [g["id"] for g in created]
        for group in both:
            assert group == ok(v5.get(f"{groups}/{group['id']}"))
            assert (group["billable_event"], group["summary_status"], group["type"]) == (
                "CLICKTHROUGH",
                "RUNNING",
                "adgroup",
            )
        newest_first = ok(v5.get(applied, params={"promotion_ids": "5551,5552", "order": "DESCENDING"}))["items"]
        assert [g["id"] for g in newest_first] == [g["id"] for g in reversed(created)]
        assert [g["name"] for g in ok(v5.get(applied, params={"promotion_ids": "5552"}))["items"]] == ["by one"]
        assert ok(v5.get(applied, params={"promotion_ids": "5553"}))["items"] == []
        refused = v5.get(applied, params={"promotion_ids": ",".join(str(n) for n in range(1, 52))})
        assert (refused.status_code, refused.json()["message"]) == (400, "promotion_ids: at most 50 ids, not 51.")


def test_synthesized_ids_are_digits_as_pinterests_are(emulator: Emulator) -> None:
    with http(emulator) as v5:
        pins = ok(v5.get("/search/partner/pins", params={"term": "soup", "country_code": "US"}))["items"]
    assert pins and all(pin["id"].isdigit() for pin in pins)


def test_a_feeds_processing_results_have_ids_its_item_issues_take(emulator: Emulator) -> None:
    with http(emulator) as v5:
        ok(v5.post("/catalogs", json={"catalog_type": "RETAIL", "name": "Shop"}))
        feed = {
            "name": "Products",
            "format": "TSV",
            "location": "https://example.com/products.tsv",
            "default_country": "US",
            "default_locale": "en-US",
            "catalog_type": "RETAIL",
        }
        created = ok(v5.post("/catalogs/feeds", json=feed))
        results = ok(v5.get(f"/catalogs/feeds/{created['id']}/processing_results"))["items"]
        assert results and all(result["id"].isdigit() for result in results)
        ok(v5.get(f"/catalogs/processing_results/{results[0]['id']}/item_issues"))
