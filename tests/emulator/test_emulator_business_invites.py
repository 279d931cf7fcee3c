"""A business's invites are stored one per member or partner sent (``described.business_invites``):
listed with the description's filters, cancelled, and answered by their recipient."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.modes import emu_fixture, v5_fixture  # noqa: F401 - the fixtures

from pinterest_tools.emulator.testing import PinterestEmulator

Json = dict[str, Any]


def ids(emu: PinterestEmulator) -> tuple[str, str]:
    """The demo business (dexter_demo's id) and the other demo user (penny_demo's id)."""
    return emu.state.user("dexter_demo").id, emu.state.user("penny_demo").id


def invites(v5: httpx.Client, business: str, **query: Any) -> list[Json]:
    answer = v5.get(f"/businesses/{business}/invites", params=query)
    assert answer.status_code == 200, answer.text
    assert answer.json()["bookmark"] is None
    items: list[Json] = answer.json()["items"]
    return items


def send(v5: httpx.Client, business: str, body: Json) -> list[Json]:
    answer = v5.post(f"/businesses/{business}/invites", json=body)
    assert answer.status_code == 200, answer.text
    items: list[Json] = answer.json()["items"]
    return items


def test_invites_are_one_per_recipient_listed_with_filters_and_cancelled(
    emu: PinterestEmulator, v5: httpx.Client
) -> None:
    business, penny = ids(emu)
    before = int(emu.clock.now() * 1000)
    members = send(
        v5, business, {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE", "members": ["penny_demo", "a@b.co"]}
    )
    partners = send(v5, business, {"invite_type": "PARTNER_INVITE", "business_role": "PARTNER", "partners": [penny]})
    first, second, partner = (item["invite"]["id"] for item in members + partners)
    assert len({first, second, partner}) == 3
    now = members[0]["invite"]["invite_data"]["sent_at"]  # milliseconds on the emulator's clock
    assert before <= now <= int(emu.clock.now() * 1000)
    assert members[1]["invite"]["invite_data"]["sent_at"] == now  # one request, one time
    then = partners[0]["invite"]["invite_data"]["sent_at"]
    assert now <= then <= int(emu.clock.now() * 1000)
    data = {"invite_status": "PENDING", "invite_type": "MEMBER_INVITE", "sent_at": now, "last_updated_time": now}
    made_by = {"created_by_business_id": business, "created_by_user_id": business, "is_received_invite": False}
    assert members == [
        {"invite": {"id": first, "user": {"id": penny, "username": "penny_demo"}, "invite_data": data} | made_by},
        {"invite": {"id": second, "user": {"email": "a@b.co"}, "invite_data": data} | made_by},
    ]
    assert partners == [
        {
            "invite": {
                "id": partner,
                "user": {"id": penny, "username": "penny_demo"},
                "invite_data": data | {"invite_type": "PARTNER_INVITE", "sent_at": then, "last_updated_time": then},
            }
            | made_by
        }
    ]
    listed = invites(v5, business)  # is_member defaults to true: the membership invites
    assert [i["id"] for i in listed] == [first, second]
    assert listed[1] == {
        "id": second,
        "user": {"email": "a@b.co"},
        "invite_data": data,
        "is_received_invite": False,
        "business_roles": ["EMPLOYEE"],
        "created_by_business": {"id": business, "username": "dexter_demo"},
        "created_by_user": {"id": business, "username": "dexter_demo"},
        "created_time": now,
    }
    assert [i["id"] for i in invites(v5, business, is_member="false")] == [partner]
    assert [i["business_roles"] for i in invites(v5, business, is_member="false")] == [["PARTNER"]]
    assert invites(v5, business, is_member="false", invite_type="PARTNER_REQUEST") == []
    assert [i["id"] for i in invites(v5, business, invite_status="PENDING", invite_type="MEMBER_INVITE")] == [
        first,
        second,
    ]
    assert invites(v5, business, invite_status="EXPIRED") == []
    assert invites(v5, penny) == []  # another business's invites are not these

    emu.clock.advance(60)
    cancelled = v5.request("DELETE", f"/businesses/{business}/invites", json={"invite_ids": [first, "1234567"]})
    assert cancelled.status_code == 200, cancelled.text
    later = cancelled.json()["items"][0]["invite"]["invite_data"]["last_updated_time"]
    assert now + 60_000 <= later <= int(emu.clock.now() * 1000)
    assert cancelled.json()["items"] == [
        {
            "invite": {
                "id": first,
                "user": {"id": penny, "username": "penny_demo"},
                "invite_data": data | {"invite_status": "CANCELLED", "last_updated_time": later},
                "is_received_invite": False,
            }
        },
        {"exception": {"invite_id": "1234567", "message": "No pending invite with this id."}},
    ]
    assert [i["id"] for i in invites(v5, business)] == [second]
    again = v5.request("DELETE", f"/businesses/{business}/invites", json={"invite_ids": [first]})
    assert again.json()["items"] == [{"exception": {"invite_id": first, "message": "No pending invite with this id."}}]
    assert [i["id"] for i in invites(v5, business, is_member="false")] == [partner]


def test_the_recipient_sees_and_answers_the_invites_sent_to_them(emu: PinterestEmulator, v5: httpx.Client) -> None:
    business, penny = ids(emu)
    member = send(
        v5, business, {"invite_type": "MEMBER_INVITE", "business_role": "BIZ_ADMIN", "members": ["penny_demo"]}
    )
    partner = send(v5, business, {"invite_type": "PARTNER_REQUEST", "business_role": "PARTNER", "partners": [penny]})
    member_id, partner_id = member[0]["invite"]["id"], partner[0]["invite"]["id"]
    headers = {"Authorization": f"Bearer {emu.issue_token('penny_demo')}"}
    with httpx.Client(base_url=emu.base_url + "/v5", headers=headers, transport=emu.transport) as theirs:
        received = invites(theirs, penny)
        assert [(i["id"], i["is_received_invite"], i["business_roles"]) for i in received] == [
            (member_id, True, ["BIZ_ADMIN"])
        ]
        assert [i["id"] for i in invites(theirs, penny, is_member="false")] == [partner_id]
        assert invites(theirs, business) == []  # the sender's business lists only what its caller sent
        body = {
            "invites": [
                {"invite_id": member_id, "action": {"accept_invite": True}},
                {"invite_id": partner_id, "action": {"accept_invite": False}},
            ]
        }
        answered = theirs.patch("/businesses/invites", json=body)
        assert answered.status_code == 200, answered.text
        assert [(i["invite"]["id"], i["invite"]["invite_data"]["invite_status"]) for i in answered.json()["items"]] == [
            (member_id, "ACCEPTED"),
            (partner_id, "DECLINED"),
        ]
        assert all(i["invite"]["is_received_invite"] for i in answered.json()["items"])
        twice = theirs.patch("/businesses/invites", json=body).json()["items"]
        assert twice[0] == {
            "exception": {
                "code": 409,
                "invite_or_request_id": member_id,
                "message": "This invite is ACCEPTED, not PENDING.",
            }
        }
        assert invites(theirs, penny) == []
    # The sender cannot answer its own invite; answered invites leave its lists too.
    own = v5.patch(
        "/businesses/invites", json={"invites": [{"invite_id": member_id, "action": {"accept_invite": True}}]}
    )
    assert own.json()["items"][0]["exception"]["code"] == 404
    assert invites(v5, business) == []
    assert invites(v5, business, is_member="false") == []


def test_an_unknown_member_or_partner_is_an_exception_of_its_own(emu: PinterestEmulator, v5: httpx.Client) -> None:
    business, penny = ids(emu)
    items = send(
        v5,
        business,
        {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE", "members": ["nobody_here", penny, "penny_demo"]},
    )
    assert items[0] == {
        "exception": {
            "code": 404,
            "message": "No Pinterest user or business 'nobody_here'.",
            "users_or_partner_ids": ["nobody_here"],
        }
    }
    assert items[1]["exception"]["users_or_partner_ids"] == [penny]  # members are usernames or emails
    assert items[2]["invite"]["user"] == {"id": penny, "username": "penny_demo"}
    assert [i["id"] for i in invites(v5, business)] == [items[2]["invite"]["id"]]
    by_name = send(v5, business, {"invite_type": "PARTNER_INVITE", "business_role": "PARTNER", "partners": ["404404"]})
    assert by_name[0]["exception"]["users_or_partner_ids"] == ["404404"]
    assert invites(v5, business, is_member="false") == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"invite_type": "MEMBER_INVITE", "business_role": "PARTNER", "members": ["penny_demo"]},
            "business_role: a MEMBER_INVITE grants EMPLOYEE or BIZ_ADMIN.",
        ),
        (
            {"invite_type": "PARTNER_INVITE", "business_role": "EMPLOYEE", "partners": ["1"]},
            "business_role: a PARTNER_INVITE grants PARTNER.",
        ),
        (
            {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE", "partners": ["1"]},
            "members: a MEMBER_INVITE names its recipients here; this field is required.",
        ),
        (
            {"invite_type": "PARTNER_REQUEST", "business_role": "PARTNER", "members": ["penny_demo"]},
            "partners: a PARTNER_REQUEST names its recipients here; this field is required.",
        ),
    ],
)
def test_an_invite_whose_type_role_and_recipients_disagree_is_refused(
    emu: PinterestEmulator, v5: httpx.Client, body: Json, message: str
) -> None:
    business, _ = ids(emu)
    answer = v5.post(f"/businesses/{business}/invites", json=body)
    assert (answer.status_code, answer.json()) == (400, {"code": 1, "message": message})
    assert invites(v5, business) == invites(v5, business, is_member="false") == []
