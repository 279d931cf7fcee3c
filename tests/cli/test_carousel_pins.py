"""Carousel pins (v5 `media_type` `multiple_images`, v3 `carousel_data`): served, created, and copied.

copy_pin and copy_board used to refuse or skip them ("has no image to copy"); POST /v5/pins
takes a `multiple_image_urls` source (2 to 5 items) and PUT /v3/pins/ a `carousel_data_json`,
so both commands copy them in both versions, every slide with its texts. A pin that no
create operation can make gets a sentence naming why.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.commands import VERSIONS, Commands, make_commands_fixture  # noqa: F401 - the fixture
from support.emulator import http

from pinterest_tools.cli.commands import copy_board, copy_pin
from pinterest_tools.cli.copying.pin_copy import NotCopyableError, pin_body
from pinterest_tools.emulator.data.records import PinCarousel

USER = "dexter_demo"
SLIDES = [
    {
        "url": "https://images.example.com/c/1.jpg",
        "width": 800,
        "height": 1200,
        "title": "One",
        "link": "https://a.example/1",
    },
    {"url": "https://images.example.com/c/2.jpg", "width": 900, "height": 900, "description": "The second"},
    {"url": "https://images.example.com/c/3.jpg", "title": "Three", "description": "Last one"},
]
DATA = {
    "format": 1,
    "users": [
        {
            "username": USER,
            "boards": [
                {
                    "name": "Carousels",
                    "pins": [
                        {"title": "Plain", "image": {"url": "https://images.example.com/plain.jpg"}},
                        {"title": "Swipe me", "description": "Three slides", "carousel": SLIDES},
                    ],
                },
                {"name": "Target"},
            ],
        }
    ],
}


def slides_of(pin: Any) -> list[tuple[Any, ...]]:
    assert isinstance(pin.media, PinCarousel), pin.media
    return [(s.url, s.title, s.description, s.link) for s in pin.media.slides]


EXPECTED = [(s["url"], s.get("title"), s.get("description"), s.get("link")) for s in SLIDES]


@pytest.fixture
def commands(make_commands: Any, request: Any) -> Commands:
    cmds = make_commands(data=DATA)
    version = request.node.callspec.params.get("version", 5) if hasattr(request.node, "callspec") else 5
    cmds.use_version(version)
    cmds.login(USER)
    return cmds


def boards(commands: Commands) -> tuple[Any, Any]:
    source, target = commands.emu.state.boards_of(USER)
    return source, target


def carousel(commands: Commands) -> Any:
    source, _ = boards(commands)
    return next(pin for pin in commands.emu.state.pins_on_board(source.id) if pin.title == "Swipe me")


# ---------------------------------------------------------------------------- the emulator
def test_the_emulator_serves_a_carousel_in_v5_and_v3(commands: Commands) -> None:
    pin = carousel(commands)
    with http(commands.emu) as api:
        v5 = api.get(f"/pins/{pin.id}").json()
    v3_token = commands.emu.issue_token(USER, version=3)
    with http(commands.emu, v3_token) as api:
        v3 = api.get(f"{commands.emu.base_url}/v3/pins/{pin.id}/").json()["data"]
    assert v5["media"]["media_type"] == "multiple_images" and v5["creative_type"] == "CAROUSEL"
    assert [item["images"]["1200x"]["url"] for item in v5["media"]["items"]] == [s["url"] for s in SLIDES]
    assert [item.get("title") for item in v5["media"]["items"]] == ["One", None, "Three"]
    slots = v3["carousel_data"]["carousel_slots"]
    assert [slot["images"][0]["url"] for slot in slots] == [s["url"] for s in SLIDES]
    assert [slot["details"] for slot in slots] == ["", "The second", "Last one"]
    assert v3["image_large_url"] == SLIDES[0]["url"]  # v3 shows the first slide as the pin's image
    dumped = commands.emu.dump()["users"][0]["boards"][0]["pins"][1]
    assert [slide["url"] for slide in dumped["carousel"]] == [s["url"] for s in SLIDES]


@pytest.mark.parametrize(
    ("items", "status"),
    [
        ([{"url": "https://i.example/1.jpg"}], 400),  # minItems 2
        ([{"url": f"https://i.example/{n}.jpg"} for n in range(6)], 400),  # maxItems 5
        ([{"url": "https://i.example/1.jpg"}, {"title": "no url"}], 400),
        ("not a list", 400),
        ([{"url": "https://i.example/1.jpg"}, {"url": "https://i.example/2.jpg", "title": "Two"}], 201),
    ],
    ids=["one", "six", "no-url", "not-a-list", "two"],
)
def test_the_emulator_creates_carousels_within_the_descriptions_limits(
    commands: Commands, items: Any, status: int
) -> None:
    _, target = boards(commands)
    body = {"board_id": target.id, "media_source": {"source_type": "multiple_image_urls", "items": items}}
    with http(commands.emu) as api:
        answer = api.post("/pins", json=body)
    assert answer.status_code == status, answer.text
    if status == 201:
        assert answer.json()["media"]["media_type"] == "multiple_images" and len(answer.json()["media"]["items"]) == 2


# ---------------------------------------------------------------------------- the commands
@VERSIONS
def test_copy_pin_copies_a_carousel(commands: Commands, version: int) -> None:
    source = carousel(commands)
    _, target = boards(commands)
    result = commands.run(copy_pin, "-p", source.id, "-b", target.id)
    assert result.code == 0, result.err
    new = commands.emu.state.pins[result.values("Pin ID")[1]]
    assert new.board_id == target.id and new.title == "Swipe me" and new.description == "Three slides"
    assert slides_of(new) == EXPECTED


@VERSIONS
def test_copy_board_copies_a_carousel(commands: Commands, version: int) -> None:
    source, _ = boards(commands)
    result = commands.run(copy_board, "-b", source.id, "-n", "Copied")
    assert result.code == 0, result.err
    state = commands.emu.state
    copied = next(board for board in state.boards_of(USER) if board.name == "Copied")
    pins = state.pins_on_board(copied.id)
    assert [pin.title for pin in pins] == ["Plain", "Swipe me"] and "skipping" not in result.out + result.err
    assert slides_of(pins[1]) == EXPECTED


# ---------------------------------------------------------------------------- what cannot be copied
def test_pins_no_create_operation_can_make_get_a_sentence() -> None:
    videos = {"id": "7", "media": {"media_type": "multiple_videos", "items": [{}, {}]}}
    with pytest.raises(
        NotCopyableError, match=r"^pin 7 holds several videos, which Pinterest's pin create cannot make"
    ):
        pin_body(videos, 5, "1")
    mixed = {"id": "8", "media": {"media_type": "multiple_mixed"}}
    with pytest.raises(NotCopyableError, match="a mix of images and videos"):
        pin_body(mixed, 5, "1")
    item = {"images": {"600x": {"url": "https://i.example/x.jpg", "width": 600, "height": 600}}}
    too_many = {"id": "9", "media": {"media_type": "multiple_images", "items": [item] * 6}}
    with pytest.raises(NotCopyableError, match="carousel of 6 images, and Pinterest creates carousels of 2 to 5"):
        pin_body(too_many, 5, "1")
    no_url = {"id": "10", "media": {"media_type": "multiple_images", "items": [item, {"images": {}}]}}
    with pytest.raises(NotCopyableError, match="image 2 has no URL"):
        pin_body(no_url, 5, "1")


def test_a_carousel_with_a_video_becomes_a_video_pin_with_the_first_slide_as_cover() -> None:
    first = {"images": {"1200x": {"url": "https://i.example/big.jpg", "width": 1200, "height": 1200}}}
    pin = {"id": "5", "media": {"media_type": "multiple_images", "items": [first, first]}}
    body = pin_body(pin, 5, "1", media_id="42")
    assert body["media_source"] == {
        "source_type": "video_id",
        "media_id": "42",
        "cover_image_url": "https://i.example/big.jpg",
    }
