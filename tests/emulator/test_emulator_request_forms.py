"""The request forms real clients send: id lists comma-joined or repeated, booleans in any
case, and every body form the description admits. The first two are outside the description
(it has id lists repeated, booleans ``true``/``false``) but are what Pinterest accepts, so
these emulators do not record exchanges for the contract check."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.modes import demo_account, emu_fixture, v5_fixture  # noqa: F401 - the fixtures

from pinterest_tools.emulator.testing import PinterestEmulator


def ids(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return sorted(item["id"] for item in items)


# (listing, id-list filter, the family the ids name)
ID_FILTERS = [
    ("campaigns", "campaign_ids", "campaigns"),
    ("ad_groups", "campaign_ids", "campaigns"),
    ("ads", "ad_group_ids", "ad_groups"),
    ("ad_groups", "ad_group_ids", "ad_groups"),
]


@pytest.mark.parametrize(("family", "key", "of"), ID_FILTERS)
def test_id_lists_comma_joined_find_what_repeated_ones_find(
    emu: PinterestEmulator, v5: httpx.Client, family: str, key: str, of: str
) -> None:
    """The official SDK joins ``*_ids`` with commas on purpose; the description has them repeated."""
    acc = demo_account(emu)
    named = {"campaigns": emu.state.campaigns_of, "ad_groups": emu.state.ad_groups_of}[of](acc)[:2]
    assert len(named) == 2
    path = f"/ad_accounts/{acc}/{family}"
    repeated = ids(v5.get(path, params=[(key, o.id) for o in named]))
    joined = ids(v5.get(path, params={key: ",".join(o.id for o in named)}))
    mixed = ids(v5.get(path, params=[(key, f"{named[0].id},"), (key, named[1].id)]))
    everything = ids(v5.get(path))
    assert repeated == joined == mixed and repeated
    one = ids(v5.get(path, params={key: named[0].id}))
    assert set(one) < set(repeated) <= set(everything)


def test_a_comma_joined_list_is_still_checked_id_by_id(emu: PinterestEmulator, v5: httpx.Client) -> None:
    answer = v5.get(f"/ad_accounts/{demo_account(emu)}/campaigns", params={"campaign_ids": "1,two"})
    assert answer.status_code == 400
    assert answer.json() == {"code": 1, "message": "campaign_ids: two is not an id (ids are numeric strings)."}


@pytest.mark.parametrize("spelling", ["True", "TRUE", "true", "False", "FALSE", "false"])
def test_booleans_in_any_case(emu: PinterestEmulator, v5: httpx.Client, spelling: str) -> None:
    """Python's spelling (``True``) is what the official SDK's generated core sends."""
    acc = demo_account(emu)
    path = f"/ad_accounts/{acc}/customer_lists"
    created = v5.post(path, json={"name": "Leads", "records": "a@example.com"})
    assert created.status_code == 200, created.text
    for key in ("filter_deleted",):
        answer = v5.get(path, params={key: spelling})
        assert answer.status_code == 200, answer.text
    answer = v5.get(f"/ad_accounts/{acc}/audiences", params={"exclude_nca": spelling})
    assert answer.status_code == 200, answer.text
    assert v5.get(f"/ad_accounts/{acc}/audiences", params={"exclude_nca": "yes"}).status_code == 400


def test_notifications_take_a_json_array_as_the_description_allows(v5: httpx.Client) -> None:
    """``POST /notifications``: ``oneOf`` an array of 1 to 100 objects, or an object."""
    for body in ([{"event": "a"}, {"event": "b"}], {"event": "a"}):
        answer = v5.post("/notifications", json=body)
        assert answer.status_code == 200, answer.text
        assert answer.json()["success"] is True
    for body in ([], [{"event": str(n)} for n in range(101)], ["text"]):
        assert v5.post("/notifications", json=body).status_code == 400
