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
