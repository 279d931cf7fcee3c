"""The contract check itself, and v5 shapes the routes do not reach yet (the ads tree).

The `emulator` fixture validates every recorded v5 exchange against Pinterest's
description (see emulator_support); these tests show the check bites, and run the ads
renderers, which the ads routes will use, through the same check.
"""

from __future__ import annotations

import json

import pytest
from pinterest_api_v5.models import (
    AdAccountsListResponse,
    AdGroupsListResponse,
    AdsListResponse,
    CampaignsListResponse,
)
from support.description import MISSING
from support.emulator import contract_checker

from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.serving.data_file import load
from pinterest_tools.emulator.wire import render_v5
from pinterest_tools.emulator.wire.exchanges import Exchange


@pytest.fixture
def checker():
    """The session's loaded description, with counters of its own (these exchanges are made up)."""
    found = contract_checker()
    if found is None:
        pytest.skip(f"{MISSING}; set PINTEREST_V5_SPEC")
    return found.fresh()


def exchange(method, path, status, body, *, query="", request_body=b"", operation_id="op"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Exchange(
        method=method,
        path=path,
        query=query,
        request_headers=(("authorization", "Bearer x"), ("content-type", "application/json")),
        request_body=request_body,
        status=status,
        response_headers=(("content-type", "application/json"),),
        response_body=data,
        operation_id=operation_id,
        fault=None,
    )


def test_a_response_off_the_description_is_reported(checker):
    problems = checker.problems(exchange("GET", "/v5/pins/1", 200, {"id": "not-a-number"}))
    assert len(problems) == 1 and "does not match '^\\\\d+$'" in problems[0]
    assert checker.problems(exchange("GET", "/v5/pins/1", 200, b"<html>", operation_id="pins_get"))


def test_an_accepted_request_off_the_description_is_reported(checker):
    listed = {"items": [], "bookmark": None}
    assert checker.problems(exchange("GET", "/v5/boards", 200, listed, query="page_size=1000"))
    assert not checker.problems(exchange("GET", "/v5/boards", 400, {"code": 1, "message": "x"}, query="page_size=0"))
    bad_body = json.dumps({"name": 5}).encode()
    assert checker.problems(exchange("POST", "/v5/boards", 201, {"id": "1", "name": "x"}, request_body=bad_body))


def test_ads_tree_renders_to_the_description(checker):
    state = load(demo_data.demo_document())
    accounts = state.ad_accounts_of("dexter_demo")
    pages = {
        "/v5/ad_accounts": AdAccountsListResponse(items=[render_v5.ad_account(state, a) for a in accounts]),
    }
    for account in accounts:
        base = f"/v5/ad_accounts/{account.id}"
        pages[base + "/campaigns"] = CampaignsListResponse(
            items=[render_v5.campaign(c) for c in state.campaigns_of(account.id)]
        )
        pages[base + "/ad_groups"] = AdGroupsListResponse(
            items=[render_v5.ad_group(g) for g in state.ad_groups_of(account.id)]
        )
        pages[base + "/ads"] = AdsListResponse(items=[render_v5.ad(a) for a in state.ads_of(account.id)])
    for path, page in pages.items():
        body = page.to_dict() | {"bookmark": None}
        assert checker.problems(exchange("GET", path, 200, body)) == [], path
    single = render_v5.ad_account(state, accounts[0]).to_dict()
    assert checker.problems(exchange("GET", f"/v5/ad_accounts/{accounts[0].id}", 200, single)) == []
