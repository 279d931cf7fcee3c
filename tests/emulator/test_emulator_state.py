"""The emulator's state: demo data, the data-file format (load, dump, validation), ids."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET
from pinterest_tools.emulator.data import demo_data
from pinterest_tools.emulator.data.records import PinVideo
from pinterest_tools.emulator.data.state import FIRST_ID
from pinterest_tools.emulator.serving import data_file
from pinterest_tools.emulator.serving.data_file import DataFileError, dump, load


@pytest.fixture
def demo():
    return load(demo_data.demo_document())


def test_demo_data_has_two_users_boards_sections_pins_a_video_and_ads(demo):
    assert [user.username for user in demo.users.values()] == ["dexter_demo", "penny_demo"]
    assert [board.name for board in demo.boards_of("dexter_demo")] == [
        "Tequila", "Thailand", "Weeknight recipes", "Mood board", "Someday",
    ]  # fmt: skip
    tequila = demo.boards_of("dexter_demo")[0]
    assert [section.name for section in demo.sections_of(tequila.id)] == ["Cocktails", "Distilleries"]
    videos = [pin for pin in demo.pins.values() if isinstance(pin.media, PinVideo)]
    assert [pin.description for pin in videos] == ["Khao Phanom Bencha National Park"]
    assert demo.media[videos[0].media.media_id].status == "succeeded"
    assert len(demo.ad_accounts_of("dexter_demo")) == 2 and not demo.ad_accounts_of("penny_demo")
    account = demo.ad_accounts_of("dexter_demo")[0]
    assert [c.name for c in demo.campaigns_of(account.id)] == ["Spring margaritas", "Thailand travel"]
    assert len(demo.ad_groups_of(account.id)) == 3 and len(demo.ads_of(account.id)) == 4
    app = demo.apps[DEMO_APP_ID]
    assert app.secret == DEMO_APP_SECRET and app.owner_id == demo.user("dexter_demo").id and app.scopes


def test_ids_are_deterministic_numeric_strings(demo):
    again = load(demo_data.demo_document())
    assert dump(demo) == dump(again)
    assert min(int(user.id) for user in demo.users.values()) == FIRST_ID
    assert all(len(ad.id) <= 18 for ad in demo.ad_accounts.values())  # the description's maxLength
    new = demo.new_id()
    assert int(new) == demo.next_id - 1 and new not in demo.pins


def test_dump_then_load_gives_the_same_state(demo, tmp_path):
    demo.delete_board(demo.boards_of("dexter_demo")[0].id)
    path = tmp_path / "state.json"
    path.write_text(json.dumps(dump(demo)))
    assert dump(data_file.load_path(path)) == dump(demo)


def test_explicit_ids_are_kept_and_new_ones_follow_them():
    state = load(
        {"users": [{"id": "5000000000000", "username": "a", "boards": [{"name": "B", "pins": [
            {"id": "5000000000009", "image": {"url": "https://x/1.jpg"}}, {"image": {"url": "https://x/2.jpg"}},
        ]}]}]}
    )  # fmt: skip
    # missing ids continue after the largest explicit one, in document order: board, then its pin
    assert state.boards_of("a")[0].id == "5000000000010"
    assert sorted(state.pins) == ["5000000000009", "5000000000011"]


def test_deleting_a_board_takes_its_sections_and_pins(demo):
    tequila = demo.boards_of("dexter_demo")[0]
    demo.delete_board(tequila.id)
    assert not demo.sections_of(tequila.id) and not demo.pins_on_board(tequila.id)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"users": []}, "at least one user"),
        ({"users": [{}]}, "users[0].username: required"),
        ({"users": [{"username": "a", "colour": "red"}]}, "unknown field(s) colour"),
        ({"users": [{"username": "a"}, {"username": "a"}]}, "used twice"),
        ({"users": [{"username": "a", "boards": [{"name": "B", "privacy": "FRIENDS"}]}]}, "boards[0].privacy"),
        ({"users": [{"username": "a", "boards": [{"name": "B", "pins": [{}]}]}]}, "exactly one of image, video"),
        ({"users": [{"id": "abc", "username": "a"}]}, "numeric strings"),
        ({"users": [{"username": "a", "follower_count": "many"}]}, "expected int"),
        ({"format": 2, "users": [{"username": "a"}]}, "format 1"),
        ({"users": [{"username": "a"}], "apps": [{"id": "1", "secret": "s", "scopes": ["x"]}]}, "unknown scope"),
        ({"users": [{"username": "a"}], "apps": [{"id": "1", "secret": "s", "owner": "b"}]}, "owner: no such"),
        ([], "expected an object"),
    ],
)
def test_data_file_errors_name_the_place(doc, message):
    with pytest.raises(DataFileError) as raised:
        load(doc)
    assert message in str(raised.value)


def test_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{")
    with pytest.raises(DataFileError, match="not JSON"):
        data_file.load_path(path)


def test_a_data_file_that_is_not_a_file_is_refused_in_one_line(tmp_path):
    """A FIFO would hang the start (nobody writes it), /dev/zero would fill memory: both refused at once."""
    import os

    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    with pytest.raises(DataFileError) as refused:
        data_file.load_path(fifo)
    assert str(refused.value) == f"{fifo}: it is a FIFO (named pipe), not a regular file"
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    with pytest.raises(DataFileError, match=r"zero.json: it is a character device"):
        data_file.load_path(zero)


def test_ads_fields_pass_through(demo):
    doc = demo_data.demo_document()
    doc["users"][0]["ad_accounts"][0]["campaigns"][0]["daily_spend_cap"] = 5_000_000
    state = load(doc)
    campaign = next(c for c in state.campaigns.values() if c.name == "Spring margaritas")
    assert campaign.extra == {"daily_spend_cap": 5_000_000}
    assert dump(load(dump(state))) == dump(state)


def test_the_first_user_of_the_file_is_the_default_one_and_stays_first():
    state = load({"users": [{"id": "7", "username": "zed"}, {"id": "3", "username": "amy"}]})
    assert state.first_user().username == "zed"
    assert [user["username"] for user in dump(load(dump(state)))["users"]] == ["zed", "amy"]


def test_pins_are_listed_in_id_order_also_from_a_file_out_of_order():
    pins = [{"id": pin_id, "image": {"url": "https://x/p.jpg"}} for pin_id in ("7000000000003", "7000000000001")]
    board = {"id": "7000000000010", "name": "B", "pins": pins}
    state = load({"users": [{"id": "7000000000000", "username": "a", "boards": [board]}]})
    assert not state.pins.in_id_order
    assert [pin.id for pin in state.pins_on_board("7000000000010")] == ["7000000000001", "7000000000003"]
    assert [pin.id for pin in state.pins_of("a")] == ["7000000000001", "7000000000003"]


def test_pins_added_in_id_order_are_listed_without_sorting(demo):
    assert demo.pins.in_id_order  # the demo data, and every pin the emulator creates: ids only grow
    first, second = demo.pins_of("dexter_demo")[:2]
    added = dataclasses.replace(first, id=demo.new_id())
    demo.pins[added.id] = added
    assert demo.pins.in_id_order and demo.pins_of("dexter_demo")[-1] is added
    demo.delete_pin(first.id)
    assert demo.pins.in_id_order and demo.pins_of("dexter_demo")[0] is second
    early = dataclasses.replace(first, id="1")
    demo.pins.update({early.id: early})  # an id below the others: listings sort from now on
    assert not demo.pins.in_id_order and demo.pins_of("dexter_demo")[0] is early


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"users": [{"username": "ana", "boards": [{"name": "A"}, {"nam": 3}]}]}, "seed.users[0].boards[1]: unknown"),
        (
            {"users": [{"username": "dexter_demo", "boards": [{"name": "A"}, {"name": 5}]}]},
            "seed.users[0].boards[1].name: expected str",
        ),
        ({"users": [{"username": "dexter_demo", "email": 5}]}, "seed.users[0]: unknown field(s) email"),
        ({"users": [{"username": "ana"}, {"username": "bo", "boards": [{"x": 1}]}]}, "seed.users[1].boards[0]: "),
        ({"apps": [{"id": 3}]}, "seed.apps[0].id: expected str"),
    ],
)
def test_seeding_errors_name_the_place_in_the_callers_document(document: dict[str, Any], message: str) -> None:
    """Not in the merged document, where the demo users come first (data.users[2] for the seed's first)."""
    from pinterest_tools.emulator.testing import start_emulator

    with start_emulator("inprocess") as emu, pytest.raises(DataFileError) as refused:
        emu.seed(document)
    assert str(refused.value).startswith(message), str(refused.value)
