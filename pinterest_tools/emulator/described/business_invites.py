"""A business's membership and partnership invites: one stored invite per member or partner sent.

The description answers ``POST /businesses/{business_id}/invites`` with one result per
member (``MEMBER_INVITE``) or partner (``PARTNER_INVITE``, ``PARTNER_REQUEST``) sent, each
an ``invite`` with its own id or an ``exception``, so the emulator keeps one object per
recipient rather than the request as one object:

- a member is a username or an email; a username the emulator knows is that user
  (``user`` with its ``id`` and ``username``), one it does not know is an ``exception``
  (code 404), an email is kept as the ``email`` it is (the emulator's users have none);
  a partner is a business's id, known (``id``, ``username``) or an ``exception``;
- Pinterest's fields of a new invite: ``invite_data`` (status ``PENDING``, the type sent,
  ``sent_at`` and ``last_updated_time`` in milliseconds on the emulator's clock; no
  ``invite_expiration``: Pinterest documents no lifetime, so none is made up),
  ``business_roles`` (the role sent), who created it (``created_by_user``, the caller;
  ``created_by_business``, the path's business) and ``created_time``;
- ``is_received_invite`` is the reader's view: false for the business that sent it, true
  for its recipient;
- ``GET`` lists the business's invites that are ``PENDING`` or ``EXPIRED`` (the statuses
  the description's ``invite_status`` filter admits), membership invites by default or
  partnership ones with ``is_member=false``, filtered by ``invite_status`` and
  ``invite_type``; when the path's business is the caller, the invites the caller
  received are listed too;
- ``DELETE`` (cancel) makes the caller's pending invites of those ids ``CANCELLED``; an id
  that names none is an ``exception`` of its own, as the description's results allow;
- ``PATCH /businesses/invites`` (respond) makes the pending invites sent to the caller
  ``ACCEPTED`` or ``DECLINED``; others are an ``exception`` each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described import business_rules
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.wire import paging

FAMILY = business_rules.INVITES
LIST = "get_invites"
PENDING = "PENDING"
NOT_FOUND = 404
NOT_PENDING = 409

Json = dict[str, Any]


def _now_ms(call: Call) -> int:
    return int(call.clock.now() * 1000)


def _recipient(call: Call, invite_type: str, name: str) -> Json | None:
    """The user summary of a member or partner sent, or None for one the emulator does not know."""
    if invite_type == "MEMBER_INVITE" and "@" in name:
        return {"email": name}
    user = call.state.find_user(name)
    if user is None or name != (user.username if invite_type == "MEMBER_INVITE" else user.id):  # a partner: its id
        return None
    return {"id": user.id, "username": user.username}


def _business(call: Call, business_id: str) -> Json:
    user = call.state.users.get(business_id)
    return {"id": business_id} | ({"username": user.username} if user else {})


def _view(call: Call, resource: Resource) -> Json:
    """An invite as the caller reads it: ``is_received_invite`` says whether it was sent to them."""
    received = resource.fields["user"].get("id") == call.user.id and resource.owner_id != call.user.id
    return resource.fields | {"is_received_invite": received}


def _exception(code: int, message: str, sent: str) -> Json:
    return {"exception": {"code": code, "message": message, "users_or_partner_ids": [sent]}}


def create(call: Call) -> Json:
    body = call.body if isinstance(call.body, dict) else {}
    business_rules.check(FAMILY, [body])
    invite_type, role = body["invite_type"], body["business_role"]
    sent = body["members"] if invite_type == "MEMBER_INVITE" else body["partners"]
    business_id, now = call.path("business_id"), _now_ms(call)
    results: list[Json] = []
    for name in dict.fromkeys(str(s) for s in sent):
        user = _recipient(call, invite_type, name)
        if user is None:
            results.append(_exception(NOT_FOUND, f"No Pinterest user or business {name!r}.", name))
            continue
        invite_id = call.state.new_id()
        fields = {
            "id": invite_id,
            "user": user,
            "invite_data": {"invite_status": PENDING, "invite_type": invite_type, "sent_at": now}
            | {"last_updated_time": now},
            "business_roles": [role],
            "created_by_business": _business(call, business_id),
            "created_by_business_id": business_id,
            "created_by_user": {"id": call.user.id, "username": call.user.username},
            "created_by_user_id": call.user.id,
            "created_time": now,
        }
        resource = Resource(invite_id, FAMILY, call.user.id, {"business_id": business_id}, fields)
        call.state.resources[invite_id] = resource
        results.append({"invite": _view(call, resource)})
    return {"items": results}


def _listed_statuses() -> set[str]:
    """The statuses an invite is listed in: those the list's ``invite_status`` filter admits."""
    shape = table().operations[LIST]
    parameter = next(p for p in shape.query_parameters() if p.name == "invite_status")
    return set(table().resolve(parameter.schema["items"])["enum"])


def _member_invite(resource: Resource) -> bool:
    return bool(resource.fields["invite_data"]["invite_type"] == "MEMBER_INVITE")


def listing(call: Call) -> Json:
    business_id = call.path("business_id")
    invites = [r for r in call.state.resources.values() if r.family == FAMILY]
    sent = [r for r in invites if r.owner_id == call.user.id and r.parents == {"business_id": business_id}]
    received = [r for r in invites if business_id == call.user.id and _view(call, r)["is_received_invite"]]
    statuses = set(call.query_list("invite_status")) or _listed_statuses()
    members = call.query.get("is_member", "true").lower() != "false"
    kind = call.query.get("invite_type")
    chosen = [
        r
        for r in sorted({r.id: r for r in sent + received}.values(), key=lambda r: int(r.id))
        if r.fields["invite_data"]["invite_status"] in statuses & _listed_statuses()
        and _member_invite(r) == members
        and (kind is None or r.fields["invite_data"]["invite_type"] == kind)
    ]
    page = paging.paginate(
        chosen, call.query, listing=f"{FAMILY}:{call.user.id}:{business_id}", key=lambda r: int(r.id)
    )
    return {"items": [_view(call, r) for r in page.items], "bookmark": page.bookmark}


def _moved(call: Call, resource: Resource, status: str) -> Json:
    resource.fields["invite_data"] |= {"invite_status": status, "last_updated_time": _now_ms(call)}
    return {"invite": _view(call, resource)}


def cancel(call: Call) -> Json:
    body = call.body if isinstance(call.body, dict) else {}
    parents = {"business_id": call.path("business_id")}
    results: list[Json] = []
    for invite_id in body.get("invite_ids", ()):
        found = call.state.resources.get(str(invite_id))
        if (
            found is None
            or found.family != FAMILY
            or found.owner_id != call.user.id
            or found.parents != parents
            or found.fields["invite_data"]["invite_status"] != PENDING
        ):
            results.append({"exception": {"invite_id": str(invite_id), "message": "No pending invite with this id."}})
            continue
        results.append(_moved(call, found, "CANCELLED"))
    return {"items": results}


def respond(call: Call) -> Json:
    body = call.body if isinstance(call.body, dict) else {}
    results: list[Json] = []
    for answer in body.get("invites", ()):
        invite_id = str(answer["invite_id"])
        found = call.state.resources.get(invite_id)
        if found is None or found.family != FAMILY or not _view(call, found)["is_received_invite"]:
            results.append(
                {
                    "exception": {"code": NOT_FOUND, "invite_or_request_id": invite_id}
                    | {"message": "No invite with this id was sent to you."}
                }
            )
            continue
        status = found.fields["invite_data"]["invite_status"]
        if status != PENDING:
            results.append(
                {
                    "exception": {"code": NOT_PENDING, "invite_or_request_id": invite_id}
                    | {"message": f"This invite is {status}, not {PENDING}."}
                }
            )
            continue
        results.append(_moved(call, found, "ACCEPTED" if answer["action"]["accept_invite"] else "DECLINED"))
    return {"items": results}


# operation -> the overlay of its answer
OPERATIONS: dict[str, Callable[[Call], Json]] = {
    "create_membership_or_partnership_invites": create,
    LIST: listing,
    "cancel_invites_or_requests": cancel,
    "respond_business_access_invites": respond,
}
