"""Stateful v5 families the description-driven engine serves: round trips, ownership, jobs, data files.

Every exchange is checked against Pinterest's description at teardown (the `emulator`
fixture), so these also show the stored objects render contract-valid.
"""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest
from support.emulator import http

from pinterest_tools.emulator import SECOND_USER, run_emulator
from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.serving import data_file


def account_of(emu, user="dexter_demo"):
    return emu.state.ad_accounts_of(user)[0].id


def create_audience(api, account, name):
    body = {"name": name, "audience_type": "VISITOR", "rule": {"country": "US"}}
    created = api.post(f"/ad_accounts/{account}/audiences", json=body)
    assert created.status_code == 200
    return created.json()


def test_audience_create_get_list_update(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        audience = create_audience(api, account, "Quilters")
        assert audience["name"] == "Quilters" and audience["audience_type"] == "VISITOR"
        path = f"/ad_accounts/{account}/audiences/{audience['id']}"
        assert api.get(path).json() == audience
        listed = api.get(f"/ad_accounts/{account}/audiences").json()
        assert [a["id"] for a in listed["items"]] == [audience["id"]] and listed["bookmark"] is None
        updated = api.patch(path, json={"name": "Quilters and knitters"}).json()
        assert updated["name"] == "Quilters and knitters" and updated["audience_type"] == "VISITOR"
        assert api.get(path).json()["name"] == "Quilters and knitters"


def test_another_users_objects_are_hidden(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        audience = create_audience(api, account, "Mine")
    with http(emulator, user=SECOND_USER) as other:
        # Not their ad account, so neither the collection nor the object exists for them.
        assert other.get(f"/ad_accounts/{account}/audiences/{audience['id']}").status_code == 404
        assert other.get(f"/ad_accounts/{account}/audiences").status_code == 404


def test_feed_create_get_list_update_delete(emulator):
    with http(emulator) as api:
        catalog = api.post("/catalogs", json={"catalog_type": "RETAIL", "name": "Bar supplies"}).json()
        body = {
            "name": "Spirits",
            "catalog_id": catalog["id"],
            "catalog_type": "RETAIL",
            "format": "CSV",
            "location": "https://feeds.example.com/spirits.csv",
            "default_locale": "en-US",
            "default_country": "US",
            "default_availability": "IN_STOCK",
        }
        feed = api.post("/catalogs/feeds", json=body)
        assert feed.status_code == 201
        feed_id = feed.json()["id"]
        got = api.get(f"/catalogs/feeds/{feed_id}").json()
        assert (got["name"], got["location"], got["catalog_type"]) == ("Spirits", body["location"], "RETAIL")
        assert [f["id"] for f in api.get("/catalogs/feeds").json()["items"]] == [feed_id]
        api.patch(f"/catalogs/feeds/{feed_id}", json={"name": "Spirits and bitters", "catalog_type": "RETAIL"})
        assert api.get(f"/catalogs/feeds/{feed_id}").json()["name"] == "Spirits and bitters"
        assert api.delete(f"/catalogs/feeds/{feed_id}").status_code == 204
        assert api.get(f"/catalogs/feeds/{feed_id}").status_code == 404
        assert api.get("/catalogs/feeds").json()["items"] == []


def test_keywords_created_from_a_list_field_and_updated_in_bulk(emulator):
    account = account_of(emulator)
    group = emulator.state.ad_groups_of(account)[0].id
    with http(emulator) as api:
        body = {
            "parent_id": group,
            "keywords": [{"value": "mezcal", "match_type": "BROAD"}, {"value": "tequila", "match_type": "EXACT"}],
        }
        created = api.post(f"/ad_accounts/{account}/keywords", json=body).json()
        assert [k["value"] for k in created["keywords"]] == ["mezcal", "tequila"]
        first = created["keywords"][0]["id"]
        listed = api.get(f"/ad_accounts/{account}/keywords", params={"page_size": 1}).json()
        assert [k["id"] for k in listed["items"]] == [first] and listed["bookmark"]
        changed = api.patch(f"/ad_accounts/{account}/keywords", json={"keywords": [{"id": first, "archived": True}]})
        assert changed.json()["keywords"][0]["archived"] is True
        assert (
            api.patch(
                f"/ad_accounts/{account}/keywords", json={"keywords": [{"id": "1", "archived": True}]}
            ).status_code
            == 404
        )


def test_bulk_download_is_in_progress_then_finished_with_a_url(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        request_id = api.post(f"/ad_accounts/{account}/bulk/download", json={"entity_types": ["CAMPAIGN"]}).json()[
            "request_id"
        ]
        first = api.get(f"/ad_accounts/{account}/bulk/{request_id}").json()
        assert first["status"] == "RUNNING"  # the description's BulkUpsertStatus: RUNNING, SUCCEEDED, FAILED
        second = api.get(f"/ad_accounts/{account}/bulk/{request_id}").json()
        assert second["status"] == "SUCCEEDED"
        assert second["result_url"].startswith(emulator.base_url + "/_emulator/jobs/")
    download = httpx.get(second["result_url"])
    assert download.status_code == 200 and download.json()["entity_types"] == ["CAMPAIGN"]


def test_pin_update_changes_texts_and_board(emulator):
    boards = emulator.state.boards_of("dexter_demo")
    pin = emulator.state.pins_on_board(boards[0].id)[0]
    with http(emulator) as api:
        answer = api.patch(f"/pins/{pin.id}", json={"title": "Margarita, revisited", "board_id": boards[1].id})
        assert answer.status_code == 200
        assert answer.json()["title"] == "Margarita, revisited" and answer.json()["board_id"] == boards[1].id
        again = api.get(f"/pins/{pin.id}").json()
        assert (again["title"], again["board_id"]) == ("Margarita, revisited", boards[1].id)
        assert api.patch(f"/pins/{pin.id}", json={"title": "x" * 101}).status_code == 400
    with http(emulator, user=SECOND_USER) as other:
        assert other.patch(f"/pins/{pin.id}", json={"title": "mine now"}).status_code in (403, 404)


def test_board_and_section_update_and_section_delete(emulator):
    board = next(b for b in emulator.state.boards_of("dexter_demo") if emulator.state.sections_of(b.id))
    section = emulator.state.sections_of(board.id)[0]
    pins_in_section = len(emulator.state.pins_in_section(section.id))
    with http(emulator) as api:
        assert api.patch(f"/boards/{board.id}", json={"description": "Updated"}).json()["description"] == "Updated"
        renamed = api.patch(f"/boards/{board.id}/sections/{section.id}", json={"name": "Renamed"}).json()
        assert renamed == {"id": section.id, "name": "Renamed"}
        before = len(api.get(f"/boards/{board.id}/pins").json()["items"])
        assert api.delete(f"/boards/{board.id}/sections/{section.id}").status_code == 204
        assert section.id not in [s["id"] for s in api.get(f"/boards/{board.id}/sections").json()["items"]]
        assert len(api.get(f"/boards/{board.id}/pins").json()["items"]) == before - pins_in_section


def test_campaigns_created_and_updated_in_v5_are_the_listed_records(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        body = [{"ad_account_id": account, "name": "Summer", "status": "PAUSED", "objective_type": "AWARENESS"}]
        body[0]["daily_spend_cap"] = 5_000_000  # a spend cap or budget optimization: Pinterest requires one
        created = api.post(f"/ad_accounts/{account}/campaigns", json=body).json()["items"][0]
        assert created["exceptions"] == [] and created["data"]["name"] == "Summer"
        campaign_id = created["data"]["id"]
        assert campaign_id in [c["id"] for c in api.get(f"/ad_accounts/{account}/campaigns").json()["items"]]
        api.patch(
            f"/ad_accounts/{account}/campaigns",
            json=[{"id": campaign_id, "ad_account_id": account, "status": "ACTIVE"}],
        )
        assert api.get(f"/ad_accounts/{account}/campaigns/{campaign_id}").json()["status"] == "ACTIVE"
    assert emulator.state.campaigns[campaign_id].status == "ACTIVE"


def test_reads_are_deterministic_and_requests_are_checked(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        first = api.get(f"/ad_accounts/{account}/order_lines/1234").json()
        assert first == api.get(f"/ad_accounts/{account}/order_lines/1234").json()
        assert first["id"] == "1234"
        assert api.get(f"/ad_accounts/{account}/order_lines/5678").json()["id"] == "5678"
        missing = api.post("/catalogs", json={"name": "No type"})
        assert missing.status_code == 400 and missing.json()["message"] == "catalog_type: required."
        too_big = api.get("/catalogs", params={"page_size": 251})
        assert too_big.status_code == 400 and "page_size" in too_big.json()["message"]
        bad_enum = api.get("/trends/keywords/XX/top/growing")
        assert bad_enum.status_code == 400 and bad_enum.json()["message"].startswith("region: 'XX' is not one of")


def test_stored_objects_survive_dump_and_load(emulator):
    with http(emulator) as api:
        catalog = api.post("/catalogs", json={"catalog_type": "RETAIL", "name": "Kept"}).json()
    document = emulator.dump()
    assert document["resources"][0]["fields"]["name"] == "Kept"
    assert data_file.dump(data_file.load(document)) == document
    with run_emulator(data=document) as again, http(again) as api:
        assert [c["id"] for c in api.get("/catalogs").json()["items"]] == [catalog["id"]]


def test_a_template_report_is_an_async_report(emulator):
    account = account_of(emulator)
    with http(emulator) as api:
        created = api.post(f"/ad_accounts/{account}/templates/42/reports").json()
        assert (created["report_status"], created["template_id"]) == ("IN_PROGRESS", "42")
        polls = [api.get(f"/ad_accounts/{account}/reports", params={"token": created["token"]}).json() for _ in "ab"]
    assert [poll["report_status"] for poll in polls] == ["IN_PROGRESS", "FINISHED"]
    rows = httpx.get(polls[1]["url"]).text.splitlines()
    assert rows[0] == "CAMPAIGN_ID,DATE,SPEND_IN_DOLLAR,IMPRESSION_1,CLICKTHROUGH_1"
    campaigns = {campaign.id for campaign in emulator.state.campaigns_of(account)}
    assert {row.split(",")[0] for row in rows[1:]} == campaigns and len(rows) == 1 + 7 * len(campaigns)


def test_a_job_fails_when_the_report_outcome_says_so(make_emulator):
    emu = make_emulator(report_outcome="FAILED", report_polls=0)
    account = account_of(emu)
    with http(emu) as api:
        request_id = api.post(f"/ad_accounts/{account}/bulk/download", json={"entity_types": ["AD"]}).json()[
            "request_id"
        ]
        polled = api.get(f"/ad_accounts/{account}/bulk/{request_id}").json()
    assert polled["status"] == "FAILED"
    assert not polled.get("result_url", "").startswith(emu.base_url)  # nothing to download


def test_acting_for_someone_elses_ad_account_is_refused(emulator):
    with http(emulator, user=SECOND_USER) as other:
        created = other.post("/ad_accounts", json={"name": "Sam's ads", "country": "US", "owner_user_id": "1"})
        assert created.status_code == 200 and created.json()["owner"]["username"] == SECOND_USER
    theirs = account_of(emulator, SECOND_USER)
    assert theirs == created.json()["id"]
    with http(emulator) as api:
        assert api.get(f"/ad_accounts/{theirs}").status_code == 404
        assert api.get("/catalogs", params={"ad_account_id": theirs}).status_code == 404
        assert api.get("/catalogs", params={"ad_account_id": account_of(emulator)}).status_code == 200


@pytest.mark.parametrize(
    ("resource", "message"),
    [
        ({"family": "/nowhere", "fields": {}}, "data.resources[0].family: '/nowhere' is not a family"),
        ({"family": "/catalogs/feeds", "parents": {"x": "1"}}, "data.resources[0].parents: the ids of nothing"),
        ({"family": "/ad_accounts/{ad_account_id}/audiences"}, "data.resources[0].parents: the ids of ad_account_id"),
        ({"family": "/catalogs", "owner": "nobody"}, "data.resources[0].owner: no such user"),
    ],
)
def test_data_file_resources_are_checked(resource, message):
    document = demo_data.demo_document() | {"resources": [resource]}
    with pytest.raises(data_file.DataFileError, match=re.escape(message)):
        data_file.load(document)


def test_derived_answers_echo_the_question(emulator):
    account = account_of(emulator)
    pins = [pin.id for pin in emulator.state.pins_of("dexter_demo")[:2]]
    campaign = emulator.state.campaigns_of(account)[0].id
    today = emulator.clock.utcnow().date()
    start, end, later = ((today - dt.timedelta(days=days)).isoformat() for days in (10, 5, 4))
    with http(emulator) as api:
        params = {"start_date": start, "end_date": end, "pin_ids": pins}
        params |= {"campaign_id": campaign, "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"], "granularity": "DAY"}
        rows = api.get(f"/ad_accounts/{account}/pins/analytics", params=params).json()
        assert [row["PIN_ID"] for row in rows][:2] == pins and rows[0]["DATE"] == start
        assert all(isinstance(row["SPEND_IN_DOLLAR"], float | int) and "IMPRESSION_1" in row for row in rows)
        assert rows == api.get(f"/ad_accounts/{account}/pins/analytics", params=params).json()
        other = api.get(f"/ad_accounts/{account}/pins/analytics", params=params | {"end_date": later}).json()
        assert other != rows  # other dates, other numbers
        order_line = api.get(f"/ad_accounts/{account}/order_lines/77").json()
        assert order_line["ad_account_id"] == account  # the path's ids are echoed where the answer has them


def test_following_and_websites_are_kept(emulator):
    with http(emulator) as api:
        assert api.get("/user_account/following").json()["items"] == []
        for _ in "twice":
            followed = api.post(f"/user_account/following/{SECOND_USER}", json={})
            assert followed.status_code == 200 and followed.json()["username"] == SECOND_USER
        assert [u["username"] for u in api.get("/user_account/following").json()["items"]] == [SECOND_USER]
        site = api.post("/user_account/websites", json={"website": "dexter.example.com"}).json()
        assert site["website"] == "dexter.example.com"
        assert [w["website"] for w in api.get("/user_account/websites").json()["items"]] == ["dexter.example.com"]
        assert api.delete("/user_account/websites", params={"website": "dexter.example.com"}).status_code == 204
        assert api.get("/user_account/websites").json()["items"] == []


def test_item_batches_make_the_items_that_are_read_back(emulator):
    def batch(*operations):
        body = {"catalog_type": "RETAIL", "country": "US", "language": "EN", "items": list(operations)}
        created = api.post("/catalogs/items/batch", json=body)
        assert created.status_code == 200
        return created.json()

    def items(*ids):
        filters = {"catalog_type": "RETAIL", "item_ids": list(ids)}
        body = {"country": "US", "language": "EN", "filters": filters}
        return {i["item_id"]: i["attributes"] for i in api.post("/catalogs/items", json=body).json()["items"]}

    with http(emulator) as api:
        attributes = {"title": "Hibiscus syrup", "link": "https://shop.example.com/h", "price": "9.50 USD"}
        first = batch({"item_id": "H-1", "operation": "UPSERT", "attributes": attributes})
        assert first["catalog_type"] == "RETAIL"
        assert api.get(f"/catalogs/items/batch/{first['batch_id']}").json()["batch_id"] == first["batch_id"]
        assert items("H-1", "H-2")["H-1"]["title"] == "Hibiscus syrup"
        batch(
            {"item_id": "H-1", "operation": "UPDATE", "attributes": {"title": "Hibiscus cordial"}},
            {"item_id": "H-2", "operation": "CREATE", "attributes": attributes | {"title": "Agave nectar"}},
        )
        found = items("H-1", "H-2")
        assert (found["H-1"]["title"], found["H-1"]["link"], found["H-2"]["title"]) == (
            "Hibiscus cordial",
            "https://shop.example.com/h",
            "Agave nectar",
        )
        batch({"item_id": "H-1", "operation": "DELETE"})
        assert list(items("H-1", "H-2")) == ["H-2"]


def test_customer_list_with_an_upload(emulator):
    account = account_of(emulator)
    base = f"/ad_accounts/{account}/customer_lists"
    with http(emulator) as api:
        body = {"name": "Regulars", "records": "a@example.com,b@example.com", "list_type": "EMAIL"}
        created = api.post(base, json=body).json()
        assert created["name"] == "Regulars"
        changed = api.patch(f"{base}/{created['id']}", json={"operation_type": "REMOVE", "records": "b@example.com"})
        assert changed.json()["name"] == "Regulars" and api.get(f"{base}/{created['id']}").json()["id"] == created["id"]
        upload = api.post(f"{base}/{created['id']}/uploads", json={"operation": "ADD", "total_parts": 2}).json()
        upload_id = upload["customer_list_upload"]["id"]
        got = api.get(f"{base}/{created['id']}/uploads/{upload_id}").json()
        assert (got["id"], got["customer_list_id"], got["ad_account_id"]) == (upload_id, created["id"], account)
        assert api.get(f"{base}/1/uploads/{upload_id}").status_code == 404  # not that list's
