"""The v5 organic routes the commands use, against the emulator's demo data."""

from __future__ import annotations

import httpx
import pytest
from pinterest_api_v5.api.boards import (
    board_sections_create,
    board_sections_list,
    boards_create,
    boards_get,
    boards_list_pins,
)
from pinterest_api_v5.api.media import media_create, media_get
from pinterest_api_v5.api.pins import pins_create, pins_get, pins_list, pins_save
from pinterest_api_v5.api.user_account import user_account_get
from pinterest_api_v5.models import (
    Board,
    BoardCreate,
    BoardSectionRequest,
    MediaUploadCreate,
    MediaUploadType,
    Pin,
    PinCreate,
    PinMediaSourceImageURL,
    PinMediaSourceImageURLSourceType,
    PinMediaSourceVideoID,
    PinMediaSourceVideoIDSourceType,
    PinMediaWithVideo,
    PinsSaveBody,
)
from support.emulator import http, v5_client


def board_named(emu, user, name):
    return next(board for board in emu.state.boards_of(user) if board.name == name)


# ---------------------------------------------------------------- user account
def test_user_account_describes_the_token_owner(emulator):
    with v5_client(emulator) as client:
        account = user_account_get.sync(client=client)
    assert account.username == "dexter_demo"
    assert account.board_count == len(emulator.state.boards_of("dexter_demo"))
    with http(emulator, user="penny_demo") as api:
        assert api.get("/user_account").json()["username"] == "penny_demo"


# ---------------------------------------------------------------- boards
def test_boards_list_create_get_delete(emulator):
    with v5_client(emulator) as client:
        created = boards_create.sync(client=client, body=BoardCreate(name="Mezcal", description="Smoky"))
        assert isinstance(created, Board) and created.owner.username == "dexter_demo"
        fetched = boards_get.sync(created.id, client=client)
        assert fetched.name == "Mezcal" and fetched.description == "Smoky" and fetched.pin_count == 0
    with http(emulator) as api:
        names = [board["name"] for board in api.get("/boards", params={"page_size": 250}).json()["items"]]
        assert names[-1] == "Mezcal" and "Tequila" in names
        secret = api.get("/boards", params={"privacy": "SECRET"}).json()["items"]
        assert [board["name"] for board in secret] == ["Mood board"]
        assert api.delete(f"/boards/{created.id}").status_code == 204
        assert api.get(f"/boards/{created.id}").json() == {"code": 40, "message": "Board not found."}
    assert created.id not in emulator.state.boards


def test_deleting_a_board_deletes_its_sections_and_pins(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    pins = [pin.id for pin in emulator.state.pins_on_board(tequila.id)]
    with http(emulator) as api:
        assert api.delete(f"/boards/{tequila.id}").status_code == 204
    assert not emulator.state.sections_of(tequila.id)
    assert not any(pin in emulator.state.pins for pin in pins)


def test_board_create_validates_like_pinterest(emulator):
    with http(emulator) as api:
        assert api.post("/boards", json={"description": "no name"}).status_code == 400
        bad = api.post("/boards", json={"name": "X", "privacy": "FRIENDS"})
        assert bad.status_code == 400 and bad.json()["code"] == 1
        duplicate = api.post("/boards", json={"name": "tequila"})
        assert duplicate.status_code == 409
        secret = api.post("/boards", json={"name": "Plans", "privacy": "SECRET"})
        assert secret.status_code == 201 and secret.json()["privacy"] == "SECRET"


def test_board_pins_include_section_pins(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    with v5_client(emulator) as client:
        page = boards_list_pins.sync(tequila.id, client=client)
    assert len(page.items) == 8 and page.bookmark is None
    assert sum(1 for pin in page.items if pin.board_section_id) == 5


def test_sections_list_create_and_their_pins(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    with v5_client(emulator) as client:
        sections = board_sections_list.sync(tequila.id, client=client)
        assert [s.name for s in sections.items] == ["Cocktails", "Distilleries"]
        created = board_sections_create.sync(tequila.id, client=client, body=BoardSectionRequest(name="Bars"))
        assert created.name == "Bars" and created.id
    with http(emulator) as api:
        cocktails = sections.items[0].id
        pins = api.get(f"/boards/{tequila.id}/sections/{cocktails}/pins").json()["items"]
        assert [pin["title"] for pin in pins] == ["Classic margarita", "Paloma", "Tommy's margarita"]
        assert all(pin["board_section_id"] == cocktails for pin in pins)
        assert api.get(f"/boards/{tequila.id}/sections/{created.id}/pins").json()["items"] == []
        other = board_named(emulator, "dexter_demo", "Thailand")
        assert api.get(f"/boards/{other.id}/sections/{cocktails}/pins").status_code == 404
        assert api.post(f"/boards/{tequila.id}/sections", json={"name": "bars"}).status_code == 409


def test_others_public_boards_are_readable_but_not_writable(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    mood = board_named(emulator, "dexter_demo", "Mood board")
    with http(emulator, user="penny_demo") as api:
        board = api.get(f"/boards/{tequila.id}").json()
        assert board["owner"]["username"] == "dexter_demo"
        assert api.get(f"/boards/{mood.id}").status_code == 404  # secret: hidden, not forbidden
        assert api.delete(f"/boards/{tequila.id}").status_code == 403
        assert api.post(f"/boards/{tequila.id}/sections", json={"name": "Mine"}).status_code == 403
        pins = api.get(f"/boards/{tequila.id}/pins").json()["items"]
        assert pins and not any(pin["is_owner"] for pin in pins)


# ---------------------------------------------------------------- pins
def test_pin_get_and_list(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    first = emulator.state.pins_on_board(tequila.id)[0]
    with v5_client(emulator) as client:
        pin = pins_get.sync(first.id, client=client)
        assert isinstance(pin, Pin) and pin.title == "Blue agave fields" and pin.is_owner
        assert pin.media.images.field_1200x.url == "https://images.example.com/pins/blue-agave.jpg"
        mine = pins_list.sync(client=client, page_size=250)
    assert len(mine.items) == len(emulator.state.pins_of("dexter_demo")) and mine.bookmark is None
    with http(emulator) as api:
        video = api.get("/pins", params={"creative_types": "VIDEO"}).json()["items"]
        assert [pin["title"] for pin in video] == ["Khao Phanom Bencha National Park"]
        assert video[0]["media"]["media_type"] == "video"
        assert api.get("/pins/999").json() == {"code": 50, "message": "Pin not found."}
        assert api.get("/pins", params={"creative_types": "HOLOGRAM"}).status_code == 400


def test_pin_create_from_an_image_url(emulator):
    garden = board_named(emulator, "penny_demo", "Garden")
    herbs = emulator.state.sections_of(garden.id)[0]
    body = PinCreate(
        board_id=garden.id,
        board_section_id=herbs.id,
        title="Mint",
        description="Keep it in a pot",
        link="https://example.com/mint",
        media_source=PinMediaSourceImageURL(
            source_type=PinMediaSourceImageURLSourceType.IMAGE_URL, url="https://images.example.com/mint.jpg"
        ),
    )
    with v5_client(emulator, emulator.issue_token("penny_demo")) as client:
        pin = pins_create.sync(client=client, body=body)
    assert isinstance(pin, Pin) and pin.board_section_id == herbs.id and pin.board_owner.username == "penny_demo"
    stored = emulator.state.pins[pin.id]
    assert stored.owner_id == emulator.state.user("penny_demo").id and stored.title == "Mint"


def test_pin_create_checks_board_lengths_and_media(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    garden = board_named(emulator, "penny_demo", "Garden")
    image = {"source_type": "image_url", "url": "https://images.example.com/x.jpg"}
    with http(emulator) as api:
        assert api.post("/pins", json={"board_id": garden.id, "media_source": image}).status_code == 403
        assert api.post("/pins", json={"media_source": image}).status_code == 400
        long_title = {"board_id": tequila.id, "title": "x" * 101, "media_source": image}
        assert api.post("/pins", json=long_title).json()["message"] == "title: must be at most 100 characters."
        no_media = api.post("/pins", json={"board_id": tequila.id})
        assert no_media.status_code == 400
        carousel = {"board_id": tequila.id, "media_source": {"source_type": "multiple_image_urls", "items": []}}
        assert api.post("/pins", json=carousel).status_code == 400
        wrong_section = {"board_id": tequila.id, "board_section_id": "12", "media_source": image}
        assert api.post("/pins", json=wrong_section).status_code == 404
        base64 = {"source_type": "image_base64", "content_type": "image/png", "data": "iVBORw0KGgo="}
        assert api.post("/pins", json={"board_id": tequila.id, "media_source": base64}).status_code == 201


def test_save_pin_to_own_board_and_section(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    source = emulator.state.pins_on_board(tequila.id)[0]
    garden = board_named(emulator, "penny_demo", "Garden")
    herbs = emulator.state.sections_of(garden.id)[0]
    with v5_client(emulator, emulator.issue_token("penny_demo")) as client:
        saved = pins_save.sync(source.id, client=client, body=PinsSaveBody(board_id=garden.id))
        assert saved.parent_pin_id == source.id and saved.board_id == garden.id and saved.id != source.id
        in_section = pins_save.sync(
            source.id, client=client, body=PinsSaveBody(board_id=garden.id, board_section_id=herbs.id)
        )
        assert in_section.board_section_id == herbs.id
    with http(emulator, user="penny_demo") as api:
        assert api.post(f"/pins/{source.id}/save", json={"board_id": tequila.id}).status_code == 403
        repins = api.get("/pins", params={"pin_filter": "exclude_repins"}).json()["items"]
        assert saved.id not in [pin["id"] for pin in repins]


def test_pin_delete_only_by_its_owner(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    pin = emulator.state.pins_on_board(tequila.id)[0]
    with http(emulator, user="penny_demo") as api:
        assert api.delete(f"/pins/{pin.id}").status_code == 403
    with http(emulator) as api:
        assert api.delete(f"/pins/{pin.id}").status_code == 204
        assert api.get(f"/pins/{pin.id}").status_code == 404


# ---------------------------------------------------------------- media and video pins
def upload(emu, registered, content=b"\x00\x00\x00\x18ftypqt  " + bytes(range(256)) * 40):
    fields = registered.upload_parameters.to_dict()
    # like the quickstart: the file part has no filename
    return httpx.post(registered.upload_url, data=fields, files={"file": (None, content)})


def test_video_upload_processes_over_a_couple_of_polls_then_makes_a_video_pin(emulator):
    thailand = board_named(emulator, "dexter_demo", "Thailand")
    with v5_client(emulator) as client:
        registered = media_create.sync(client=client, body=MediaUploadCreate(media_type=MediaUploadType.VIDEO))
        assert registered.upload_url.startswith(emulator.base_url)
        assert media_get.sync(registered.media_id, client=client).status == "registered"
        response = upload(emulator, registered)
        assert response.status_code == 204
        assert emulator.state.media[registered.media_id].size == 10252
        statuses = [media_get.sync(registered.media_id, client=client).status for _ in range(3)]
        assert statuses == ["processing", "succeeded", "succeeded"]
        source = PinMediaSourceVideoID(
            source_type=PinMediaSourceVideoIDSourceType.VIDEO_ID,
            media_id=registered.media_id,
            cover_image_url="https://images.example.com/cover.jpg",
        )
        pin = pins_create.sync(client=client, body=PinCreate(board_id=thailand.id, media_source=source))
    assert isinstance(pin.media, PinMediaWithVideo) and pin.media.cover_image_url.endswith("cover.jpg")
    assert pin.creative_type == "VIDEO"


def test_video_pin_needs_processed_media_and_uploads_need_the_signed_fields(emulator):
    tequila = board_named(emulator, "dexter_demo", "Tequila")
    with http(emulator) as api:
        registered = api.post("/media", json={"media_type": "video"})
        assert registered.status_code == 201
        media = registered.json()
        source = {"source_type": "video_id", "media_id": media["media_id"]}
        early = api.post("/pins", json={"board_id": tequila.id, "media_source": source})
        assert early.status_code == 400 and "registered" in early.json()["message"]
        forged = dict(media["upload_parameters"], **{"x-amz-signature": "0" * 64})
        refused = httpx.post(media["upload_url"], data=forged, files={"file": ("v.mov", b"data")})
        assert refused.status_code == 403 and b"SignatureDoesNotMatch" in refused.content
        fields_only = httpx.post(media["upload_url"], data=media["upload_parameters"])
        assert fields_only.status_code == 400
        empty = httpx.post(media["upload_url"], data=media["upload_parameters"], files={"file": ("v.mov", b"")})
        assert empty.status_code == 204
        again = httpx.post(media["upload_url"], data=media["upload_parameters"], files={"file": ("v.mov", b"x")})
        assert again.status_code == 400
        statuses = [api.get(f"/media/{media['media_id']}").json()["status"] for _ in range(2)]
        assert statuses == ["processing", "failed"]
        assert api.post("/media", json={"media_type": "image"}).status_code == 400
    with http(emulator, user="penny_demo") as api:
        assert api.get(f"/media/{media['media_id']}").status_code == 404


@pytest.mark.parametrize("path", ["/v5/nothing/here", "/v5/boards/1/nothing"])
def test_unknown_v5_paths_answer_in_v5_shape(emulator, path):
    response = httpx.get(emulator.base_url + path)
    assert response.status_code == 404 and response.json()["code"] == 11
