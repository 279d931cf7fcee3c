"""Answers that say what the question asked and what the state holds, with asserted values.

The kinds, each with its siblings: an async report's token that polls (MMM reports);
catalog item batches in both of the description's forms doing what they report; answers
derived from a question that echo its ids, country and language (advanced auction, local
inventory), deterministically; list filters that find what was created under a parent
(keywords under an ad group); listings with the objects' fields and nothing made up
(labels, keyword errors); created objects with what was sent and the description's
defaults, nothing invented (feeds, catalog items, product groups); and no answer of any of
the 266 operations carrying an id the description gives as an example.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS
from support.description import MISSING, spec_path
from support.modes import demo_account, emu_fixture, v5_fixture  # noqa: F401 - the fixtures
from support.v5_requests import RequestBuilder, order, send

from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.serving import route_table
from pinterest_tools.emulator.testing import PinterestEmulator

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)

Json = dict[str, Any]
SIX = {
    "title": "Quilt",
    "description": "A warm quilt",
    "link": "https://shop.example.com/quilt",
    "image_link": ["https://shop.example.com/quilt.jpg"],
    "price": "80.00 USD",
    "availability": "in stock",
}


def ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json() if response.content else None


def catalog(v5: httpx.Client) -> str:
    return str(ok(v5.post("/catalogs", json={"name": "Shop", "catalog_type": "RETAIL"}))["id"])


def feed_body(catalog_id: str, name: str) -> Json:
    """A retail feed in ``catalog_id`` with what the description requires, and no credentials."""
    return {
        "name": name,
        "format": "CSV",
        "location": "https://shop.example.com/feed.csv",
        "catalog_type": "RETAIL",
        "catalog_id": catalog_id,
        "default_country": "US",
        "default_locale": "en-US",
    }


def items_of(v5: httpx.Client, *item_ids: str) -> list[Json]:
    body = {"country": "US", "language": "EN", "filters": {"catalog_type": "RETAIL", "item_ids": list(item_ids)}}
    return list(ok(v5.post("/catalogs/items", json=body))["items"])


def retail_batch(v5: httpx.Client, operation: str, items: list[Json]) -> Json:
    """The description's retail form: ``operation`` at the top, no ``catalog_type``."""
    body = {"country": "US", "language": "EN", "operation": operation, "items": items}
    answer: Json = ok(v5.post("/catalogs/items/batch", json=body))
    return answer


# ---------------------------------------------------------------- async report tokens
def test_an_mmm_report_answers_a_token_that_polls_to_a_result(emu: PinterestEmulator, v5: httpx.Client) -> None:
    account = demo_account(emu)
    body = {
        "report_name": "Spring",
        "start_date": "2026-11-01",
        "end_date": "2026-11-07",
        "granularity": "DAY",
        "level": "CAMPAIGN_TARGETING",
        "targeting_types": ["GENDER"],
        "columns": ["SPEND_IN_DOLLAR"],
    }
    created = ok(v5.post(f"/ad_accounts/{account}/mmm_reports", json=body))
    token = created["token"]
    assert created == {
        "token": token,
        "report_status": "IN_PROGRESS",
        "data": {"token": token, "report_status": "IN_PROGRESS"},
    }
    path = f"/ad_accounts/{account}/mmm_reports"
    first = ok(v5.get(path, params={"token": token}))
    assert (first["report_status"], first["data"]) == ("IN_PROGRESS", {"report_status": "IN_PROGRESS"})
    done = ok(v5.get(path, params={"token": token}))
    url = done["url"]
    assert (done["token"], done["report_status"], done["data"]) == (
        token,
        "FINISHED",
        {"report_status": "FINISHED", "url": url},
    )
    with httpx.Client(transport=emu.transport) as plain:  # a signed URL: no token
        result = plain.get(url)
    assert (result.status_code, result.json()["report_name"]) == (200, "Spring")
    unknown = v5.get(path, params={"token": "999"})
    assert unknown.status_code == 404


# ---------------------------------------------------------------- catalog item batches
def test_a_batch_with_the_operation_at_the_top_creates_updates_and_deletes(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    catalog(v5)
    created = retail_batch(
        v5, "CREATE", [{"item_id": "SKU1", "attributes": SIX}, {"item_id": "SKU2", "attributes": SIX}]
    )
    assert created["catalog_type"] == "RETAIL"  # the retail form: its items are named by item_id
    assert [(i["item_id"], i["status"]) for i in created["items"]] == [("SKU1", "SUCCESS"), ("SKU2", "SUCCESS")]
    (sku1,) = items_of(v5, "SKU1")
    # Sent with six attributes, read with those six: nothing added (no ``adult``, no sale price).
    assert (sku1["item_id"], sku1["catalog_type"], sku1["attributes"]) == ("SKU1", "RETAIL", SIX)
    read_back = ok(v5.get(f"/catalogs/items/batch/{created['batch_id']}"))
    assert read_back["catalog_type"] == "RETAIL"
    assert [i["item_id"] for i in read_back["items"]] == ["SKU1", "SKU2"]

    retail_batch(v5, "UPDATE", [{"item_id": "SKU1", "attributes": {"price": "70.00 USD"}}])
    assert items_of(v5, "SKU1")[0]["attributes"] == SIX | {"price": "70.00 USD"}
    retail_batch(v5, "DELETE", [{"item_id": "SKU2"}])
    assert [i["item_id"] for i in items_of(v5, "SKU1", "SKU2")] == ["SKU1"]


def test_a_batch_per_vertical_answers_its_vertical(emu: PinterestEmulator, v5: httpx.Client) -> None:
    body = {
        "country": "US",
        "language": "EN",
        "catalog_type": "HOTEL",
        "items": [{"hotel_id": "H1", "operation": "DELETE"}],
    }
    batch = ok(v5.post("/catalogs/items/batch", json=body))
    assert (batch["catalog_type"], [i["hotel_id"] for i in batch["items"]]) == ("HOTEL", ["H1"])
    assert ok(v5.get(f"/catalogs/items/batch/{batch['batch_id']}"))["catalog_type"] == "HOTEL"


# ---------------------------------------------------------------- derived answers echo the question
def test_advanced_auction_items_answer_the_items_asked(emu: PinterestEmulator, v5: httpx.Client) -> None:
    catalog_id = catalog(v5)
    asked = [
        {"item_id": "SKU1", "country": "US", "language": "EN"},
        {"item_id": "SKU2", "country": "FR", "language": "FR"},
    ]
    body = {"catalog_id": catalog_id, "items": asked}
    answer = ok(v5.post("/advanced_auction/items/get", params={"ad_account_id": demo_account(emu)}, json=body))
    assert answer["catalog_id"] == catalog_id
    assert [{k: i[k] for k in ("item_id", "country", "language")} for i in answer["items"]] == asked
    again = ok(v5.post("/advanced_auction/items/get", params={"ad_account_id": demo_account(emu)}, json=body))
    assert again == answer  # the same question, the same answer


def test_local_inventory_batches_answer_the_items_and_stores_sent(emu: PinterestEmulator, v5: httpx.Client) -> None:
    catalog_id = catalog(v5)
    (store,) = ok(
        v5.post(f"/catalogs/{catalog_id}/local_stores", json=[{"store_code": "S9", "name": "Soho", "country": "US"}])
    )
    store_id = store["data"]["id"]
    operations = [
        {"operation": "CREATE", "item_id": "SKU1", "store_code": "S9", "attributes": {"price": "9.00 USD"}},
        {"operation": "CREATE", "item_id": "SKU1", "store_code": "NOPE", "attributes": {"price": "9.00 USD"}},
    ]
    batch = ok(v5.post(f"/catalogs/{catalog_id}/local_inventory_items/batch", json={"operations": operations}))
    results = [(r["item_id"], r["store_code"], r["status"], r["supplemental_type"]) for r in batch["operation_results"]]
    assert results == [("SKU1", "S9", "SUCCESS", "LOCAL_INVENTORY"), ("SKU1", "NOPE", "FAILURE", "LOCAL_INVENTORY")]
    assert batch["operation_results"][1]["errors"][0]["attribute"] == "store_code"
    read_back = ok(v5.get(f"/catalogs/{catalog_id}/supplemental_items/batch/{batch['batch_id']}"))
    assert read_back["operation_results"] == batch["operation_results"]

    query = {"item_filters": [{"item_id": "SKU1", "store_code": "S9"}, {"item_id": "SKU1", "store_code": "NOPE"}]}
    (item,) = ok(v5.post(f"/catalogs/{catalog_id}/local_inventory_items/query", json=query))["items"]
    assert (item["item_id"], item["price"]) == ("SKU1", "9.00 USD")
    assert item["store_metadata"] == {"store_code": "S9", "store_id": store_id, "store_name": "Soho"}
    assert item["created_at"] == item["last_updated_time"] <= int(emu.clock.now())


# ---------------------------------------------------------------- filters and listings
def test_keywords_are_found_by_the_ad_group_and_campaign_they_were_created_under(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    account = demo_account(emu)
    group, other = emu.state.ad_groups_of(account)[:2]
    path = f"/ad_accounts/{account}/keywords"
    created = ok(v5.post(path, json={"parent_id": group.id, "keywords": [{"value": "quilts", "match_type": "EXACT"}]}))
    assert created["errors"] == []  # no made-up error object beside the keyword
    (keyword,) = created["keywords"]
    for params in ({"ad_group_id": group.id}, {"ad_group_ids": group.id}, {"campaign_id": group.campaign_id}):
        listed = ok(v5.get(path, params=params))["items"]
        assert [(k["id"], k["value"], k["parent_id"]) for k in listed] == [(keyword["id"], "quilts", group.id)]
    assert ok(v5.get(path, params={"ad_group_id": other.id}))["items"] == []


def test_labels_are_listed_with_their_fields_and_an_empty_listing_is_empty(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    account = demo_account(emu)
    path = f"/ad_accounts/{account}/labels"
    assert ok(v5.get(path)) == {"items": [], "bookmark": None}
    campaign = emu.state.campaigns_of(account)[0].id
    body = {
        "parent_id": campaign,
        "labels": [{"value": "spring", "label_type": "BRAND"}, {"value": "sale", "label_type": "CUSTOM"}],
    }
    ok(v5.post(path, json=body))
    listed = ok(v5.get(path))["items"]
    assert [(label["value"], label["label_type"]) for label in listed] == [("spring", "BRAND"), ("sale", "CUSTOM")]
    assert all(label["id"] and "errors" not in label for label in listed)
    assert [label["value"] for label in ok(v5.get(path, params={"campaign_ids": campaign}))["items"]] == [
        "spring",
        "sale",
    ]


# ---------------------------------------------------------------- nothing invented on create
def test_a_feed_without_credentials_has_none_and_nothing_made_up(emu: PinterestEmulator, v5: httpx.Client) -> None:
    catalog_id = catalog(v5)
    sent = feed_body(catalog_id, "Spring feed")
    created = ok(v5.post("/catalogs/feeds", json=sent))
    now = created["created_at"]
    expected = {k: v for k, v in sent.items() if k != "catalog_id"} | {
        "id": created["id"],
        "created_at": now,
        "updated_at": now,
        "status": "ACTIVE",  # the description's default for a feed created without one
    }
    assert created == expected
    assert ok(v5.get(f"/catalogs/feeds/{created['id']}")) == expected
    stored = emu.state.resources[created["id"]].fields
    assert stored["catalog_id"] == catalog_id  # kept, though the feed's answer does not declare it
    assert not {"credentials", "default_currency", "preferred_processing_schedule"} & set(stored)


def test_product_groups_made_many_at_once_answer_the_ids_stored(emu: PinterestEmulator, v5: httpx.Client) -> None:
    catalog_id = catalog(v5)
    feed_id = ok(v5.post("/catalogs/feeds", json=feed_body(catalog_id, "Feed")))["id"]
    groups = [
        {"name": name, "feed_id": feed_id, "filters": {"any_of": [{"MIN_PRICE": {"values": 5}}]}} for name in "AB"
    ]
    ids = ok(v5.post("/catalogs/product_groups/multiple", json=groups))
    assert "443727193917" not in ids  # the description's example id
    stored = [r.id for r in emu.state.resources.values() if r.family == "/catalogs/product_groups"]
    assert ids == stored and len(ids) == 2
    for group_id, name in zip(ids, "AB", strict=True):
        got = ok(v5.get(f"/catalogs/product_groups/{group_id}"))
        assert (got["id"], got["name"], got["feed_id"]) == (group_id, name, feed_id)
        # Pinterest's: a group made through the API is the merchant's, in its feed's catalog and vertical.
        assert (got["catalog_id"], got["catalog_type"], got["type"]) == (catalog_id, "RETAIL", "MERCHANT_CREATED")


# ---------------------------------------------------------------- no example ids, anywhere
def example_ids() -> set[str]:
    """Every string the description gives as the example of an id-named property."""
    found: set[str] = set()

    def walk(node: Any, name: str = "") -> None:
        if isinstance(node, dict):
            example = node.get("example")
            if isinstance(example, str) and (name in ("id", "token") or name.endswith(("_id", "_ids"))):
                found.add(example)
            for key, value in node.items():
                walk(value, key if key not in ("items", "allOf", "oneOf", "anyOf") else name)
                if key == "properties" and isinstance(value, dict):
                    for prop, schema in value.items():
                        walk(schema, prop)
        elif isinstance(node, list):
            for item in node:
                walk(item, name)

    walk(table().schemas)
    return found


def id_values(document: Any, name: str = "") -> list[tuple[str, str]]:
    """(field, value) for every id-named string in an answer."""
    if isinstance(document, dict):
        return [pair for key, value in document.items() for pair in id_values(value, key)]
    if isinstance(document, list):
        return [pair for item in document for pair in id_values(item, name)]
    named = name in ("id", "token") or name.endswith(("_id", "_ids"))
    return [(name, document)] if named and isinstance(document, str) else []


def test_no_answer_carries_an_id_the_description_gives_as_an_example(emulator) -> None:
    examples = example_ids()
    assert "443727193917" in examples and len(examples) > 20
    builder = RequestBuilder(emulator)
    token = emulator.issue_token()
    found = []
    with httpx.Client(base_url=emulator.base_url + "/v5") as api:
        for operation_id in order(list(OPERATIONS)):
            response = send(api, builder.build(operation_id), token)
            if response.content and response.headers.get("content-type", "").startswith("application/json"):
                found += [(operation_id, k, v) for k, v in id_values(response.json()) if v in examples]
    assert found == []


# ---------------------------------------------------------------- every synthesized answer echoes its question
def named_values(document: Any, name: str) -> list[Any]:
    """The scalar values of every field called ``name`` anywhere in an answer."""
    if isinstance(document, dict):
        own = [document[name]] if name in document and not isinstance(document[name], dict | list) else []
        return own + [v for value in document.values() for v in named_values(value, name)]
    if isinstance(document, list):
        return [v for item in document for v in named_values(item, name)]
    return []


def test_every_synthesized_answer_echoes_its_question(emulator) -> None:
    """The operations the README's (docs/emulator.md's) table lists as synthesized: wherever an
    answer has a field named like a path or query parameter it holds the value asked, its
    top-level fields named like the body's say what the body said, and the same question
    gets the same answer."""
    synthesized = {
        row.operation_id for row in route_table.rows() if row.api == "v5" and row.answer == route_table.SYNTHESIZED
    }
    assert len(synthesized) > 90
    builder = RequestBuilder(emulator)
    token = emulator.issue_token()
    problems, seen, empty = [], 0, 0
    with httpx.Client(base_url=emulator.base_url + "/v5") as api:
        for operation_id in order(list(OPERATIONS)):
            request = builder.build(operation_id)
            answer = send(api, request, token)
            if operation_id not in synthesized:
                continue
            seen += 1
            if not answer.content:  # 204: an action with nothing to answer
                empty += 1
                continue
            shape = table().operations[operation_id]
            segments = dict(zip(shape.path.split("/"), request.path.split("/"), strict=True))
            asked = {p.name: segments["{" + p.name + "}"] for p in shape.path_parameters()}
            asked |= {k: v for k, v in request.params if k not in ("bookmark", "page_size")}
            for name, value in asked.items():
                problems += [
                    (operation_id, name, value, got) for got in named_values(answer.json(), name) if str(got) != value
                ]
            if isinstance(request.json, dict) and isinstance(answer.json(), dict):
                for name, value in request.json.items():
                    if not isinstance(value, dict | list) and name in answer.json() and answer.json()[name] != value:
                        problems.append((operation_id, name, value, answer.json()[name]))
            again = send(api, builder.build(operation_id), token)
            if again.json() != answer.json():
                problems.append((operation_id, "the same question", "", "another answer"))
    assert problems == []
    assert (seen, empty) == (len(synthesized), 3)


def test_a_commerce_integration_keeps_the_callers_external_business_id(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    """The caller names its business; the answer, a read and an update keep that name, not another."""
    sent = {"external_business_id": "my-shop-42", "connected_merchant_id": "123", "partner_metadata": "x"}
    created = v5.post("/integrations/commerce", json=sent)
    assert created.status_code == 200, created.text
    assert {k: created.json()[k] for k in sent} == sent
    read = v5.get("/integrations/commerce/my-shop-42")
    assert read.status_code == 200 and read.json() == created.json()
    updated = v5.patch("/integrations/commerce/my-shop-42", json={"partner_metadata": "y"})
    assert updated.status_code == 200, updated.text
    assert updated.json()["external_business_id"] == "my-shop-42" and updated.json()["partner_metadata"] == "y"
    assert v5.get("/integrations/commerce/another-shop").status_code == 404
