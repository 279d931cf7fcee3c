"""Valid requests for every v5 operation, derived from the description.

`RequestBuilder(emu).build(operation_id)` gives a request the description accepts and
the emulator can serve: path parameters name objects of the emulator's state (the demo
user's ad account, board, pin, ..., or the latest object created in a family), required
query parameters and the JSON body are synthesized from their schemas (the emulator's
`synth`, over the schema table `specgen` writes), with ids in the body replaced by ids of
objects the caller owns, and dates inside the analytics window. A few hand-written
routes need a body that makes sense beyond its schema (a unique board name, a pin's
image); `OVERRIDES` has them.

`ORDER` sorts operations so that creations come first (parents before children),
deletions last, and everything else in between.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, Emulator
from pinterest_tools.emulator.described import references, request_enums
from pinterest_tools.emulator.described.families import Plan, plans
from pinterest_tools.emulator.described.schema_table import OperationShape, table
from pinterest_tools.emulator.described.synth import Schemas
from pinterest_tools.workflows import reports

PHASES = {"create": 0, "update": 2, "bulk_update": 2, "delete": 3, "bulk_delete": 3}


@dataclass
class SampleRequest:
    method: str
    path: str  # under /v5
    params: list[tuple[str, str]] = field(default_factory=list)
    json: Any = None
    data: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


def send(api: httpx.Client, request: SampleRequest, token: str | None = None) -> httpx.Response:
    """Send ``request`` on ``api`` (a client on ``/v5``), as ``token``'s bearer if given."""
    bearer = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return api.request(
        request.method,
        request.path,
        params=request.params,
        json=request.json,
        data=request.data,
        headers=bearer | request.headers,
    )


def order(operation_ids: list[str]) -> list[str]:
    """Creations first (shallow families first, and among equals the families other objects
    name, such as the customer lists an audience is built on), then reads, updates, and
    deletions (deepest first)."""
    named = references.referenced()

    def key(operation_id: str) -> tuple[int, int, bool, str]:
        plan = plans()[operation_id]
        depth = (plan.family or table().operations[operation_id].path).count("/")
        phase = PHASES.get(plan.kind, 1)
        return phase, -depth if phase == 3 else depth, plan.family not in named, operation_id

    return sorted(operation_ids, key=key)


def _narrowed(operation_id: str, body: Any) -> Any:
    """``body`` with the values 5.28.0 refuses where the description's enum is wider
    (``request_enums``) replaced by the first value 5.28.0 takes there."""
    if operation_id not in request_enums.NARROWER:
        return body
    steps, allowed = request_enums.NARROWER[operation_id]

    def fix(node: Any, rest: tuple[str, ...]) -> Any:
        if not rest:
            return node if node is None or node in allowed else allowed[0]
        if rest[0] == request_enums.EVERY:
            return [fix(item, rest[1:]) for item in node] if isinstance(node, list) else node
        if isinstance(node, dict) and rest[0] in node:
            return node | {rest[0]: fix(node[rest[0]], rest[1:])}
        return node

    return fix(body, steps)


def _window() -> tuple[str, str]:
    today = dt.datetime.now(dt.UTC).date()
    return (today - dt.timedelta(days=8)).isoformat(), (today - dt.timedelta(days=2)).isoformat()


class RequestBuilder:
    def __init__(self, emu: Emulator, user: str = "dexter_demo") -> None:
        self.emu = emu
        self.user = emu.state.user(user)
        self.engine = Schemas(table())
        self.counter = 0

    # ------------------------------------------------------------------ known ids
    def known_ids(self) -> dict[str, str]:
        state, owner = self.emu.state, self.user.id
        found: dict[str, str] = {}
        with state.lock:
            account = state.ad_accounts_of(owner)[0]
            found["ad_account_id"] = account.id
            campaigns = state.campaigns_of(account.id)
            groups = state.ad_groups_of(account.id)
            ads = state.ads_of(account.id)
            found |= {"campaign_id": campaigns[0].id, "ad_group_id": groups[0].id, "ad_id": ads[0].id}
            boards = state.boards_of(owner)
            with_section = next(b for b in boards if state.sections_of(b.id))
            found["board_id"] = with_section.id
            found["section_id"] = found["board_section_id"] = state.sections_of(with_section.id)[0].id
            found["pin_id"] = state.pins_on_board(with_section.id)[0].id
            media = [m for m in state.media.values() if m.owner_id == owner and m.status == "succeeded"]
            if media:
                found["media_id"] = media[0].id
            for resource in state.resources.values():
                if resource.owner_id != owner:
                    continue
                if name := references.id_names().get(resource.family):  # named in other bodies: catalog_id
                    found[name] = resource.id
                for plan in plans().values():
                    if plan.family == resource.family and plan.id_param and plan.kind in ("get", "update", "delete"):
                        found[plan.id_param] = resource.id
        return found

    # ------------------------------------------------------------------ building
    def build(self, operation_id: str) -> SampleRequest:
        shape = table().operations[operation_id]
        plan = plans()[operation_id]
        ids = self.known_ids()
        if plan.family is not None:
            ids |= {"id": self.family_id(plan.family, newest=True)} if self.family_id(plan.family) else {}
            if plan.id_param and plan.kind in ("get", "update", "delete") and self.family_id(plan.family):
                ids[plan.id_param] = self.family_id(plan.family)  # two families may share a name (batch_id)
        path = shape.path
        for parameter in shape.path_parameters():
            value = ids.get(parameter.name) or self.engine.sample(parameter.schema, f"path.{parameter.name}")
            path = path.replace("{" + parameter.name + "}", str(value))
        request = SampleRequest(shape.method, path, self._query(shape, plan, ids))
        if shape.request is not None and shape.request_kind == "json":
            body = self.engine.sample(shape.request, operation_id, direction="request")
            request.json = _narrowed(operation_id, self._with_ids(body, ids))
        if operation_id in OVERRIDES:
            OVERRIDES[operation_id](self, request, ids)
        return request

    def family_id(self, family: str, *, newest: bool = True) -> str | None:
        """The newest (or oldest) object of a family: a typed family's seeded one, else a created one."""
        typed = {
            "/ad_accounts/{ad_account_id}/campaigns": "campaign_id",
            "/ad_accounts/{ad_account_id}/ad_groups": "ad_group_id",
            "/ad_accounts/{ad_account_id}/ads": "ad_id",
        }
        if family in typed:
            return self.known_ids()[typed[family]]
        mine = [
            int(r.id) for r in self.emu.state.resources.values() if r.family == family and r.owner_id == self.user.id
        ]
        if not mine:
            return None
        return str(max(mine) if newest else min(mine))

    def _query(self, shape: OperationShape, plan: Plan, ids: dict[str, str]) -> list[tuple[str, str]]:
        start, end = _window()
        params: list[tuple[str, str]] = []
        for parameter in shape.query_parameters():
            if not parameter.required:
                continue
            name = parameter.name
            schema = self.engine.resolve(parameter.schema)
            if name == "token" and plan.kind == "job_get" and plan.family:
                value: Any = self.family_id(plan.family, newest=True)
            elif name in ("id", "ids") and plan.kind == "bulk_delete" and plan.family:
                value = [self.family_id(plan.family, newest=False)]
            elif schema.get("type") == "object":  # the description's one deepObject parameter
                sample = self.engine.sample(schema, f"{shape.operation_id}?{name}", direction="request")
                params += _deep_object(name, sample)
                continue
            elif name in ("start_date", "end_date"):
                value = start if name == "start_date" else end
            elif name in ids and not name.endswith("s"):
                value = ids[name]
            elif name.endswith("_ids") and name.removesuffix("s") in ids:  # analytics of objects that exist
                value = [ids[name.removesuffix("s")]]
            else:
                value = self.engine.sample(parameter.schema, f"{shape.operation_id}?{name}", direction="request")
            if name == "granularity":
                value = "DAY"
            values = value if isinstance(value, list) else [value]
            params += [(name, _text(v)) for v in values]
        return params

    def _with_ids(self, body: Any, ids: dict[str, str]) -> Any:
        """`body` with every field named like a known id (``campaign_id``) holding that id, and
        every list named like one (``customer_list_ids``) holding just that id."""
        if isinstance(body, list):
            return [self._with_ids(item, ids) for item in body]
        if isinstance(body, dict):
            return {key: self._id_field(key, value, ids) for key, value in body.items()}
        return body

    def _id_field(self, key: str, value: Any, ids: dict[str, str]) -> Any:
        if key in ids and isinstance(value, str):
            return ids[key]
        if key.endswith("_ids") and key.removesuffix("s") in ids and isinstance(value, list):
            return [ids[key.removesuffix("s")]]
        return self._with_ids(value, ids)

    def unique(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix} {self.counter}"


def _deep_object(name: str, value: Any) -> list[tuple[str, str]]:
    """`name[field][sub]=value` pairs of an object (lists repeat their key)."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _deep_object(f"{name}[{key}]", item)]
    if isinstance(value, list):
        return [pair for item in value for pair in _deep_object(name, item)]
    return [(name, _text(value))]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---------------------------------------------------------------------------- overrides
def _board(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"name": builder.unique("All operations board"), "privacy": "PUBLIC"}


def _section(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"name": builder.unique("All operations section")}


def _pin(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {
        "board_id": ids["board_id"],
        "title": "Every operation",
        "media_source": {"source_type": "image_url", "url": "https://images.example.com/every.jpg"},
    }


def _save(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"board_id": ids["board_id"]}


def _media(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"media_type": "video"}


def _report(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    start, end = _window()
    request.json = reports.example_request(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def _report_token(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    token = next(iter(builder.emu.state.reports), "no-report-yet")
    request.params = [(k, v) for k, v in request.params if k != "token"] + [("token", token)]


def _oauth(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    basic = base64.b64encode(f"{DEMO_APP_ID}:{DEMO_APP_SECRET}".encode()).decode()
    request.headers["Authorization"] = f"Basic {basic}"
    request.data = {"grant_type": "client_credentials", "scope": "boards:read"}


def _pin_update(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"title": "Updated by every operation", "board_id": ids["board_id"]}


def _board_update(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    request.json = {"name": builder.unique("Renamed board"), "description": "renamed"}


def _revoke(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    _oauth(builder, request, ids)
    request.data = {"token": builder.emu.issue_token(scopes=["boards:read"]), "token_type_hint": "access_token"}


def _ads_analytics(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    # The description: "either ad_ids or both campaign_ids and pin_ids" (the emulator enforces it).
    request.params = [(k, v) for k, v in request.params if k not in ("ad_ids", "campaign_ids", "pin_ids")]
    request.params.append(("ad_ids", ids["ad_id"]))


def _advertiser_event_names(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    # Advertiser-defined events are named by their name, not an id: change one that exists.
    family = "/ad_accounts/{ad_account_id}/advertiser_defined_events"
    names = [r.fields["name"] for r in builder.emu.state.resources.values() if r.family == family]
    request.json["items"] = [{**request.json["items"][0], "name": names[0]}]


def _conversion_events(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    # An event Pinterest processes (failing ones are a 422): within the last 7 days of the
    # emulator's clock, from a documented action source, with a hashed email.
    email = hashlib.sha256(b"every@example.com").hexdigest()
    now = int(builder.emu.clock.now())
    request.json["data"] = [
        event | {"event_time": now - 60, "action_source": "web", "user_data": {"em": [email]}}
        for event in request.json["data"]
    ]


def _invites(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    # The description: a MEMBER_INVITE sends members as EMPLOYEE or BIZ_ADMIN (the emulator
    # enforces it); members the emulator knows, by username, and an email.
    other = next(u for u in builder.emu.state.users.values() if u.id != builder.user.id)
    request.json = {"invite_type": "MEMBER_INVITE", "business_role": "EMPLOYEE"}
    request.json["members"] = [other.username, "every.invite@example.com"]


def _uploaded_parts(builder: RequestBuilder, request: SampleRequest, ids: dict[str, str]) -> None:
    # An upload runs once every part of its file has arrived (and only once): run a new upload
    # of the path's customer list whose one part was PUT to the URL its create answered, as a
    # client does (where there is no such list, the request stays as built).
    emu = builder.emu
    lists = request.path.split("/uploads/")[0]
    bearer = {"Authorization": f"Bearer {emu.issue_token(builder.user.username)}"}
    with httpx.Client(base_url=emu.base_url + "/v5", headers=bearer, transport=getattr(emu, "transport", None)) as api:
        created = api.post(f"{lists}/uploads", json={"operation": "ADD", "total_parts": 1})
        if not created.is_success:
            return
        (part,) = created.json()["s3_multipart_upload_data"]["file_parts"]
        api.put(part["presigned_url"], content=b"every@example.com\n").raise_for_status()
    request.path = f"{lists}/uploads/{created.json()['customer_list_upload']['id']}/run"


OVERRIDES: dict[str, Callable[[RequestBuilder, SampleRequest, dict[str, str]], None]] = {
    "boards_create": _board,
    "board_sections_create": _section,
    "board_sections_update": _section,
    "pins_create": _pin,
    "pins_save": _save,
    "media_create": _media,
    "analytics_create_report": _report,
    "analytics_get_report": _report_token,
    "oauth_token": _oauth,
    "token_revoke": _revoke,
    "pins_update": _pin_update,
    "boards_update": _board_update,
    "ads_analytics": _ads_analytics,
    "advertiser_defined_events_update": _advertiser_event_names,
    "events_create": _conversion_events,
    "create_membership_or_partnership_invites": _invites,
    "customer_list_uploads_run": _uploaded_parts,
}
