"""The fields Pinterest sets itself, worked out from the emulator's state (``described.server_fields``,
and the ads renderer for ads and ad groups): statuses from ``status``, timestamps from the
emulator's clock, counters that count, snippets that name the object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from support.emulator import check_emulator

from pinterest_tools.emulator.testing import MODES, PinterestEmulator, start_emulator


@pytest.fixture(params=MODES)
def emu(request: pytest.FixtureRequest) -> Iterator[PinterestEmulator]:
    with start_emulator(request.param, record=True) as started:
        yield started
        check_emulator(started)


def api(emu: PinterestEmulator) -> httpx.Client:
    headers = {"Authorization": f"Bearer {emu.token}"}
    return httpx.Client(base_url=emu.base_url + "/v5", headers=headers, transport=emu.transport)


def account(emu: PinterestEmulator) -> str:
    return emu.state.ad_accounts_of(emu.state.user("dexter_demo").id)[0].id


def ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json()


def emails(count: int, start: int = 0) -> str:
    return ",".join(f"person{n}@example.com" for n in range(start, start + count))


def test_customer_list_counters_move_with_every_add_and_remove(emu: PinterestEmulator) -> None:
    with api(emu) as v5:
        base = f"/ad_accounts/{account(emu)}/customer_lists"
        now = int(emu.clock.now())
        created = ok(v5.post(base, json={"name": "Leads", "records": emails(3)}))
        counters = ("num_batches", "num_uploaded_user_records", "num_removed_user_records")
        assert [created[k] for k in counters] == [1, 3, 0]
        assert created["created_time"] >= now and created["type"] == "customerlist"
        ok(v5.patch(f"{base}/{created['id']}", json={"operation_type": "ADD", "records": emails(2, 3)}))
        ok(v5.patch(f"{base}/{created['id']}", json={"operation_type": "REMOVE", "records": emails(1)}))
        got = ok(v5.get(f"{base}/{created['id']}"))
        assert [got[k] for k in counters] == [3, 5, 1]
        assert "records" not in got  # only the counts are part of a list's answer
        listed = ok(v5.get(base))["items"]
        assert [item[k] for item in listed if item["id"] == created["id"] for k in counters] == [3, 5, 1]


def test_an_audience_has_times_and_its_size_and_status_from_its_customer_list(emu: PinterestEmulator) -> None:
    with api(emu) as v5:
        base = f"/ad_accounts/{account(emu)}"
        people = ok(v5.post(f"{base}/customer_lists", json={"name": "Buyers", "records": emails(60)}))
        now = int(emu.clock.now())
        rule = {"customer_list_id": people["id"]}
        body = {"name": "Buyers audience", "rule": rule, "audience_type": "CUSTOMER_LIST"}
        audience = ok(v5.post(f"{base}/audiences", json=body))
        assert (audience["size"], audience["status"], audience["type"]) == (60, "TOO_SMALL", "audience")
        assert audience["created_timestamp"] >= now and audience["updated_timestamp"] == audience["created_timestamp"]
        ok(v5.patch(f"{base}/customer_lists/{people['id']}", json={"operation_type": "ADD", "records": emails(40, 60)}))
        got = ok(v5.get(f"{base}/audiences/{audience['id']}"))
        assert (got["size"], got["status"]) == (100, "READY")


def test_an_audience_the_emulator_cannot_size_says_so(emu: PinterestEmulator) -> None:
    with api(emu) as v5:
        body = {"name": "Visitors", "rule": {"visitor_source_id": "1"}, "audience_type": "VISITOR"}
        audience = ok(v5.post(f"/ad_accounts/{account(emu)}/audiences", json=body))
        assert (audience.get("size"), audience["status"]) == (None, "READY")


def test_a_conversion_tag_has_its_settings_in_configs_a_status_and_a_snippet_naming_it(emu: PinterestEmulator) -> None:
    with api(emu) as v5:
        base = f"/ad_accounts/{account(emu)}/conversion_tags"
        body = {"name": "Checkout", "aem_enabled": True, "aem_ph_enabled": True, "md_frequency": 2.5}
        tag = ok(v5.post(base, json=body))
        expected_configs = {
            "aem_enabled": True,
            "aem_ph_enabled": True,
            "md_frequency": 2.5,
            "aem_db_enabled": False,
            "aem_external_id_enabled": False,
            "aem_fnln_enabled": False,
            "aem_ge_enabled": False,
            "aem_loc_enabled": False,
        }
        got = ok(v5.get(f"{base}/{tag['id']}"))
        for answer in (tag, got):
            assert answer["status"] == "ACTIVE"
            assert answer["configs"] == expected_configs
            assert f"pintrk('load', '{tag['id']}');" in answer["code_snippet"]
            assert "aem_enabled" not in answer


def test_ads_and_ad_groups_have_summary_and_review_statuses_from_their_status(emu: PinterestEmulator) -> None:
    with api(emu) as v5:
        base = f"/ad_accounts/{account(emu)}"
        group = ok(v5.get(f"{base}/ad_groups"))["items"][0]
        ad = ok(v5.get(f"{base}/ads"))["items"][0]
        assert group["summary_status"] == {"ACTIVE": "RUNNING"}.get(group["status"], group["status"])
        assert ad["summary_status"] == {"ACTIVE": "APPROVED"}.get(ad["status"], ad["status"])
        assert (ad["review_status"], ad["rejected_reasons"], ad["rejection_labels"]) == ("APPROVED", [], [])
        change = {k: group[k] for k in ("id", "name", "campaign_id", "billable_event")} | {"status": "PAUSED"}
        paused = ok(v5.patch(f"{base}/ad_groups", json=[change]))
        assert paused["items"][0]["data"]["summary_status"] == "PAUSED"
