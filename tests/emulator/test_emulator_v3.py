"""v3 organic routes: envelope, paging, v3 semantics, v3 tokens and scopes, one state with v5."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from pinterest_api_v3 import AuthenticatedClient
from pinterest_api_v3.api.analytics import analytics_user_metrics
from pinterest_api_v3.api.board_sections import board_sections_create, board_sections_list, board_sections_pins_list
from pinterest_api_v3.api.boards import boards_create, boards_delete, boards_get, boards_pins_list
from pinterest_api_v3.api.media import media_get, media_register
from pinterest_api_v3.api.pins import pins_create, pins_get, pins_save
from pinterest_api_v3.api.users import users_boards_feed, users_businesses_list, users_get, users_pins_list
from pinterest_api_v3.models import (
    BoardCreateRequest,
    BoardCreateRequestPrivacy,
    BoardSectionCreateRequest,
    ErrorResponse,
    MediaRegisterRequest,
    MediaRegisterRequestType,
    PinCreateRequest,
    PinSaveRequest,
)
from support.emulator import http

from pinterest_tools.emulator import run_emulator
from pinterest_tools.emulator.core.operation_routes import V3
from pinterest_tools.emulator.serving import data_file

USER, OTHER = "dexter_demo", "penny_demo"


def v3(emu, user=USER, scopes=None):
    """A plain httpx client on the emulator with a v3 token."""
    token = emu.issue_token(user, scopes, version=3)
    return httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {token}"})


def v3_client(emu, user=USER, scopes=None):
    return AuthenticatedClient(base_url=emu.base_url, token=emu.issue_token(user, scopes, version=3))


def board_named(emu, user, name):
    return next(board for board in emu.state.boards_of(user) if board.name == name)


def data(response):
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success" and body["code"] == 0, body
    return body["data"]


# ---------------------------------------------------------------- users
def test_users_me_by_id_and_by_name(emulator):
    dexter = emulator.state.user(USER)
    with v3_client(emulator) as client:
        me = users_get.sync(user="me", client=client)
    assert me.data.id == dexter.id and me.data.username == USER and me.endpoint_name == "v3_users_get"
    assert me.data.profile_url == "https://www.pinterest.com/dexter_demo/"
    assert me.data.created_at == "Tue, 01 Jun 2021 09:00:00 +0000"
    with v3(emulator) as api:
        assert data(api.get(f"/v3/users/{dexter.id}/"))["username"] == USER
        assert data(api.get(f"/v3/users/{OTHER}/"))["username"] == OTHER
        missing = api.get("/v3/users/nobody/")
        assert missing.status_code == 404
        assert missing.json() == {
            "status": "failure",
            "code": 30,
            "message": "User not found.",
            "data": None,
            "endpoint_name": None,
        }


def test_boards_feed_pages_with_a_root_bookmark_absent_on_the_last_page(emulator):
    boards = emulator.state.boards_of(USER)
    with v3(emulator) as api:
        seen, bookmark, pages = [], None, 0
        while True:
            params = {"page_size": 2} | ({"bookmark": bookmark} if bookmark else {})
            body = api.get("/v3/users/me/boards/feed/", params=params).json()
            seen += [board["id"] for board in body["data"]]
            pages += 1
            bookmark = body.get("bookmark")
            if not bookmark:
                assert "bookmark" not in body
                break
        assert seen == [b.id for b in boards] and pages == 3
        too_big = api.get("/v3/users/me/boards/feed/", params={"page_size": 251})
        assert too_big.status_code == 400 and too_big.json()["code"] == 22
        lost = api.get("/v3/users/me/boards/feed/", params={"bookmark": "garbage"})
        assert lost.status_code == 404 and lost.json()["code"] == 10


def test_boards_feed_filters(emulator):
    someday = board_named(emulator, USER, "Someday")
    tequila = board_named(emulator, USER, "Tequila")
    tequila.archived = True
    with v3(emulator) as api:

        def names(**params):
            return [board["name"] for board in data(api.get("/v3/users/me/boards/feed/", params=params))]

        default = names()  # include_empty defaults to true, include_archived to false
        assert someday.name in default and tequila.name not in default
        assert someday.name not in names(include_empty="false")
        assert tequila.name in names(include_archived="True")  # Python's str(True), as upstream sends it
        assert names(privacy_filter="secret") == ["Mood board"]
        assert names(sort="alphabetical") == sorted(default, key=str.casefold)
        assert names(sort="newest") == list(reversed(default))
        assert api.get("/v3/users/me/boards/feed/", params={"sort": "random"}).status_code == 400
    with v3_client(emulator) as client:  # the generated client sends every default explicitly
        feed = users_boards_feed.sync(user=someday.owner_id, client=client, include_empty=False)
        assert someday.id not in [board.id for board in feed.data] and len(feed.data) == len(default) - 1
    with v3(emulator, OTHER) as api:  # another user's feed: their public boards only
        others = [board["name"] for board in data(api.get(f"/v3/users/{USER}/boards/feed/"))]
        assert "Mood board" not in others and "Someday" in others


def test_user_pins_and_businesses(emulator):
    pins = emulator.state.pins_of(USER)
    with v3_client(emulator) as client:
        page = users_pins_list.sync(user="me", client=client, page_size=250)
        assert [pin.id for pin in page.data] == [p.id for p in pins] and not page.bookmark
        businesses = users_businesses_list.sync(user="me", client=client)
        assert [(b.id, b.full_name) for b in businesses.data] == [(pins[0].owner_id, "Dexter's Demo Bar")]
    with v3(emulator, OTHER) as api:
        assert data(api.get("/v3/users/me/businesses/")) == []  # a PINNER account
        theirs = data(api.get(f"/v3/users/{USER}/pins/", params={"page_size": 250}))
        assert len(theirs) == len(pins) - 1  # not the secret board's pin
    with v3(emulator, scopes=["read_users"]) as api:
        refused = api.get("/v3/users/me/businesses/")
        assert refused.status_code == 401 and refused.json()["code"] == 3


# ---------------------------------------------------------------- boards and sections
def test_board_get_create_delete_with_the_generated_client(emulator):
    with v3_client(emulator) as client:
        created = boards_create.sync(
            client=client,
            body=BoardCreateRequest(
                name="Mezcal", description="Smoky", category="food_drink", privacy=BoardCreateRequestPrivacy.SECRET
            ),
        )
        board = created.data
        assert board.url == "/dexter_demo/mezcal/" and board.privacy == "secret" and board.category == "food_drink"
        assert boards_get.sync(board=board.id, client=client).data.name == "Mezcal"
        again = boards_create.sync(client=client, body=BoardCreateRequest(name="mezcal"))
        assert isinstance(again, ErrorResponse) and again.status == "failure"
        existing = boards_create.sync(client=client, body=BoardCreateRequest(name="mezcal", return_existing=True))
        assert existing.data.id == board.id
    with http(emulator) as v5:  # one state: v5 sees the v3 board
        listed = v5.get("/boards", params={"page_size": 250}).json()["items"]
        assert [b["privacy"] for b in listed if b["id"] == board.id] == ["SECRET"]
    assert data_file.load(emulator.dump()).boards[board.id].category == "food_drink"  # kept in the data file
    with v3_client(emulator) as client:
        deleted = boards_delete.sync(board=board.id, client=client)
        assert deleted.status == "success" and deleted.code == 0
    assert board.id not in emulator.state.boards


def test_board_create_takes_json_too():
    """The Node quickstart PUT JSON, which v3 accepted; the description models only forms,
    so this runs outside the contract-checked fixture."""
    with run_emulator() as emu, v3(emu) as api:
        made = data(api.put("/v3/boards/", json={"name": "Node style", "privacy": "protected"}))
        assert made["privacy"] == "protected"


def test_board_create_checks_fields(emulator):
    with v3(emulator) as api:
        for body in ({"description": "no name"}, {"name": "X", "privacy": "friends"}, {"name": "X", "layout": "grid"}):
            response = api.put("/v3/boards/", data=body)
            assert response.status_code == 400 and response.json()["status"] == "failure"
        assert api.put("/v3/boards/", data={"name": "Y", "event_date": "tomorrow"}).status_code == 400


def test_board_pins_leave_out_section_pins_unless_asked(emulator):
    tequila = board_named(emulator, USER, "Tequila")
    loose = [p.id for p in emulator.state.pins_on_board(tequila.id) if p.section_id is None]
    with v3_client(emulator) as client:
        page = boards_pins_list.sync(board=tequila.id, client=client)
        assert [pin.id for pin in page.data] == loose
        every = boards_pins_list.sync(board=tequila.id, client=client, filter_section_pins=False)
        assert len(every.data) == len(emulator.state.pins_on_board(tequila.id))
        assert {pin.board_section_id for pin in every.data} - {None}


def test_sections_list_create_and_their_pins(emulator):
    tequila = board_named(emulator, USER, "Tequila")
    cocktails = emulator.state.sections_of(tequila.id)[0]
    loose = [p for p in emulator.state.pins_on_board(tequila.id) if p.section_id is None]
    with v3_client(emulator) as client:
        sections = board_sections_list.sync(board=tequila.id, client=client)
        assert [(s.title, s.pin_count) for s in sections.data] == [("Cocktails", 3), ("Distilleries", 2)]
        pins = board_sections_pins_list.sync(section=cocktails.id, client=client)
        assert [p.title for p in pins.data] == ["Classic margarita", "Paloma", "Tommy's margarita"]
        assert {p.board_section_id for p in pins.data} == {cocktails.id}
        created = board_sections_create.sync(board=tequila.id, client=client, body=BoardSectionCreateRequest("Bars"))
        assert created.data.title == "Bars" and created.data.board.id == tequila.id
    with v3(emulator) as api:
        moved = api.put(f"/v3/board/{tequila.id}/sections/", data={"title": "Moved", "initial_pins": loose[0].id})
        assert data(moved)["pin_count"] == 1 and emulator.state.pins[loose[0].id].section_id == data(moved)["id"]
        assert api.put(f"/v3/board/{tequila.id}/sections/", data={"title": "bars"}).status_code == 409
        offset = data(api.get(f"/v3/board/sections/{cocktails.id}/pins/", params={"pin_offset": 2}))
        assert [p["title"] for p in offset] == ["Tommy's margarita"]
        assert api.get("/v3/board/sections/999/pins/").status_code == 404
    with http(emulator) as v5:
        names = [s["name"] for s in v5.get(f"/boards/{tequila.id}/sections").json()["items"]]
        assert names == ["Cocktails", "Distilleries", "Bars", "Moved"]


def test_others_boards_read_only_and_secret_ones_hidden(emulator):
    tequila = board_named(emulator, USER, "Tequila")
    mood = board_named(emulator, USER, "Mood board")
    with v3(emulator, OTHER) as api:
        assert data(api.get(f"/v3/boards/{tequila.id}/"))["owner"]["id"] == tequila.owner_id
        assert api.get(f"/v3/boards/{mood.id}/").json()["code"] == 40
        assert api.delete(f"/v3/boards/{tequila.id}/").status_code == 403
        assert api.put(f"/v3/board/{tequila.id}/sections/", data={"title": "Mine"}).status_code == 403


# ---------------------------------------------------------------- pins and media
def test_pin_get_create_and_save(emulator):
    garden = board_named(emulator, OTHER, "Garden")
    herbs = emulator.state.sections_of(garden.id)[0]
    source = emulator.state.pins_of(USER)[0]
    with v3_client(emulator, OTHER) as client:
        pin = pins_get.sync(pin=source.id, client=client).data
        assert pin.image_large_url == "https://images.example.com/pins/blue-agave.jpg" and pin.type_ == "pin"
        assert pin.domain == "example.com" and pin.native_format_type == "SINGLE_IMAGE"
        body = PinCreateRequest(
            board_id=garden.id,
            section=herbs.id,
            image_url=pin.image_large_url,
            source_url="https://example.com/mint",
            title="Mint",
            description="Keep it in a pot",
        )
        created = pins_create.sync(client=client, body=body).data
        assert created.board_section_id == herbs.id and created.link == "https://example.com/mint"
        saved = pins_save.sync(pin=source.id, client=client, body=PinSaveRequest(board_id=garden.id)).data
        assert saved.parent_pin.id == source.id and saved.is_repin
    stored = emulator.state.pins[created.id]
    assert (stored.title, stored.section_id, stored.owner_id) == ("Mint", herbs.id, garden.owner_id)
    with http(emulator, user=OTHER) as v5:
        assert v5.get(f"/pins/{created.id}").json()["title"] == "Mint"
    with v3(emulator, OTHER) as api:
        assert data(api.get(f"/v3/pins/{source.id}/"))["repin_count"] == 1
        too_long = api.put("/v3/pins/", data={"board_id": garden.id, "image_url": "x", "description": "d" * 501})
        assert too_long.status_code == 400 and "500" in too_long.json()["message"]
        assert api.put("/v3/pins/", data={"board_id": garden.id}).status_code == 400
        foreign = board_named(emulator, USER, "Tequila")
        assert api.put("/v3/pins/", data={"board_id": foreign.id, "image_url": "x"}).status_code == 403
        assert api.get("/v3/pins/999/").json()["code"] == 50


def test_video_upload_registered_polled_and_pinned(emulator):
    thailand = board_named(emulator, USER, "Thailand")
    with v3_client(emulator) as client:
        registered = media_register.sync(
            client=client, body=MediaRegisterRequest(type_=MediaRegisterRequestType.VIDEO)
        ).data
        upload_id = registered.upload_id
        fields = registered.upload_parameters.to_dict()
        assert httpx.post(registered.upload_url, data=fields, files={"file": (None, b"movie" * 100)}).status_code == 204
        statuses = [media_get.sync(client=client, upload_ids=upload_id).data[upload_id].status for _ in range(2)]
        assert statuses == ["processing", "succeeded"]
        body = PinCreateRequest(board_id=thailand.id, media_upload_id=upload_id, image_url="https://i.test/c.jpg")
        pin = pins_create.sync(client=client, body=body).data
    assert pin.is_video and pin.image_large_url == "https://i.test/c.jpg"
    with v3(emulator) as api:
        assert data(api.get("/v3/media/uploads/", params={"upload_ids": "999"})) == {}
        assert api.post("/v3/media/uploads/register/", json={"type": "image"}).status_code == 400
    with v3(emulator, OTHER) as api:  # not theirs: left out
        assert data(api.get("/v3/media/uploads/", params={"upload_ids": upload_id})) == {}


def test_failed_upload_has_a_failure_code(emulator):
    with v3(emulator) as api:
        registered = data(api.post("/v3/media/uploads/register/", json={"type": "video"}))
        httpx.post(registered["upload_url"], data=registered["upload_parameters"], files={"file": ("v.mov", b"")})
        statuses = [data(api.get("/v3/media/uploads/", params={"upload_ids": registered["upload_id"]})) for _ in "12"]
    assert statuses[-1] == {registered["upload_id"]: {"status": "failed", "failure_code": 1}}


# ---------------------------------------------------------------- analytics
def test_partner_user_metrics(emulator):
    end = emulator.clock.utcnow().date()
    start = end - dt.timedelta(days=6)
    with v3_client(emulator) as client:
        result = analytics_user_metrics.sync(
            user="me", client=client, start_date=start, end_date=end, metric_types="IMPRESSION,PIN_CLICK_RATE"
        )
    assert set(result.data["summary_metrics"]) == {"IMPRESSION", "PIN_CLICK_RATE"}
    assert len(result.data["daily_metrics"]) == 7
    with v3(emulator) as api:
        path = "/v3/partners/analytics/users/me/metrics/"
        base = {"start_date": start.isoformat(), "end_date": end.isoformat(), "metric_types": "IMPRESSION"}
        again = data(api.get(path, params=base))
        assert again["summary_metrics"]["IMPRESSION"] == result.data["summary_metrics"]["IMPRESSION"]
        for change in ({"metric_types": "FOLLOWS"}, {"paid": 3}, {"app_types": "phone"}, {"end_date": "2020-01-01"}):
            assert api.get(path, params=base | change).status_code == 400
        assert api.get(f"/v3/partners/analytics/users/{OTHER}/metrics/", params=base).status_code == 403


# ---------------------------------------------------------------- tokens and scopes
def test_v3_and_v5_tokens_do_not_cross(emulator):
    v5_token = emulator.issue_token(USER)
    response = httpx.get(emulator.base_url + "/v3/users/me/", headers={"Authorization": f"Bearer {v5_token}"})
    assert response.status_code == 401 and response.json()["code"] == 2 and response.json()["status"] == "failure"
    v3_token = emulator.issue_token(USER, version=3)
    response = httpx.get(emulator.base_url + "/v5/user_account", headers={"Authorization": f"Bearer {v3_token}"})
    assert response.status_code == 401 and response.json() == {"code": 2, "message": "Authentication failed."}


@pytest.mark.parametrize(
    ("operation_id", "path"),
    [
        ("users_get", "/v3/users/me/"),
        ("boards_pins_list", "/v3/boards/{board}/pins/"),
        ("board_sections_list", "/v3/board/{board}/sections/"),
        ("pins_get", "/v3/pins/{pin}/"),
        ("ads_advertisers_list", "/ads/v4/advertisers/?owner_user_id={user}"),
    ],
)
def test_v3_scopes_are_enforced_and_composites_grant_their_parts(emulator, operation_id, path):
    board = board_named(emulator, USER, "Tequila")
    url = path.format(board=board.id, pin=emulator.state.pins_on_board(board.id)[0].id, user=board.owner_id)
    (needed,) = V3.operations[operation_id].scopes
    others = [s for s in ("read_users", "read_boards", "read_pins", "read_advertisers") if s != needed]
    with v3(emulator, scopes=others) as api:
        refused = api.get(url)
        assert refused.status_code == 401 and refused.json()["code"] == 3
    with v3(emulator, scopes=[needed]) as api:
        assert api.get(url).status_code == 200
    composite = "read_ads" if needed == "read_advertisers" else "read_organic"
    with v3(emulator, scopes=[composite]) as api:
        assert api.get(url).status_code == 200


def test_writes_need_write_scopes(emulator):
    board = board_named(emulator, USER, "Tequila")
    with v3(emulator, scopes=["read_organic"]) as api:
        assert api.put("/v3/boards/", data={"name": "No"}).json()["code"] == 3
        assert api.delete(f"/v3/boards/{board.id}/").json()["code"] == 3
    with v3(emulator, scopes=["write_organic"]) as api:
        assert api.put("/v3/boards/", data={"name": "Yes"}).status_code == 200


def test_every_v3_operation_is_served():
    from pinterest_tools.emulator import v3 as v3_routes

    served = {route.name for route in v3_routes.routes()}
    assert served >= set(V3.operations) - {"oauth_token"}
    assert len(V3.operations) == 29


@pytest.mark.parametrize("path", ["/v3/nothing/here/", "/ads/v4/nothing"])
def test_unknown_v3_paths_answer_in_v3_shape(emulator, path):
    response = httpx.get(emulator.base_url + path)
    assert response.status_code == 404 and response.json()["status"] == "failure" and response.json()["code"] == 11
