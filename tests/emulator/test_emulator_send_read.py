"""What you send is what you read: every writable property of a create comes back on get and list.

Derived from the description (the merged 5.28.0 one the project builds from): for each
stored family's create operation, the request `v5_requests.RequestBuilder` derives fills
every writable property the request schema declares (the emulator's synthesizer,
``Schemas.sample`` in the request direction, seeded by the operation id, so the request
is the same on every run). The object is then read back with get (where the description
has one) and list, and every property sent must come back equal, wherever the object's
response schema shows it (a property the response does not declare, or declares
``writeOnly``, is not expected back). Then every updatable property is changed, with
a fresh sample of the update schema, and get must show the change. Both in socket and in
in-process modes. Objects named by a field of their own rather than an id (an
advertiser-defined event's ``name``, a followed user's ``username``, a website, an ad
preview's ``uuid``) are read back by that field (`KEYS`); a Pin's product tags are one list
per Pin, read back whole (`WHOLE_ANSWER`). Families that cannot pass yet are in `NOT_YET`,
with the reason; the test asserts they still fail, so the list cannot go stale.

The other direction, nothing invented: every field of a created object's answer was sent,
or is one Pinterest sets: an id, a time, a field the description marks read-only, the
documented default of a field left out, or one of `SERVER_SET` (with Pinterest's reason).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support.answers import active, first_id, first_object, path_of
from support.description import MISSING, spec_path
from support.v5_requests import RequestBuilder, SampleRequest, send

from pinterest_tools.emulator.described import named_objects, references
from pinterest_tools.emulator.described.engine import _properties as engine_properties
from pinterest_tools.emulator.described.engine import _record_properties, records_of
from pinterest_tools.emulator.described.families import plans
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import schemas
from pinterest_tools.emulator.testing import MODES, start_emulator

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)

Json = dict[str, Any]
# Parents a family's objects live under or name (created first, as a client would).
PARENTS = ("customer_lists_create", "catalogs_create", "feeds_create")
ID_NAMES = ("id", "token", "request_id", "batch_id", "report_id", "upload_id", "media_id", "schedule_id")
# Families whose objects are named by a field of their own, not an id (the description's
# item path or bulk update names them so): read back by that field.
KEYS = {
    "/ad_accounts/{ad_account_id}/advertiser_defined_events": "name",
    "/user_account/following": "username",
    "/user_account/websites": "website",
    "/ad_accounts/{ad_account_id}/campaign_ad_preview": "uuid",
}
# Families whose object is the whole answer about the path's object: a Pin's product tags are
# one list per Pin, answered whole by the add and by the list (``described.product_tags``).
WHOLE_ANSWER = {"/pins/{pin_id}/product_tags"}
# Requests the builder writes whole, as a business rule needs them: an ads report's columns,
# level and targeting types must agree (a full sample of the schema does not).
# A business invite's type, role and recipients must agree (the description says which).
WHOLE = frozenset({"analytics_create_report", "create_membership_or_partnership_invites"})


def families() -> dict[str, dict[str, str]]:
    """Every stored family with a create and a read back: family -> step -> operation id."""
    found: dict[str, dict[str, str]] = {}
    for operation_id, plan in sorted(plans().items()):
        if plan.family is None:
            continue
        step = {"job_get": "get", "bulk_update": "update"}.get(plan.kind, plan.kind)
        if step in ("create", "get", "list", "update"):
            found.setdefault(plan.family, {}).setdefault(step, operation_id)
    return {family: ops for family, ops in found.items() if "create" in ops and ("get" in ops or "list" in ops)}


def full_request(builder: RequestBuilder, operation_id: str) -> SampleRequest:
    """The builder's request with every writable property of the body filled: where the builder
    narrows a body to what a hand-written route needs (a unique board name, a pin's image),
    its fields win over the full sample of the request schema."""
    request = builder.build(operation_id)
    shape = table().operations[operation_id]
    if operation_id in WHOLE:
        return request
    if isinstance(request.json, dict) and shape.request is not None and shape.request_kind == "json":
        sample = schemas().sample(shape.request, operation_id, direction="request")
        if isinstance(sample, dict):
            request.json = builder._with_ids(sample, builder.known_ids()) | request.json
    return request


def shown_properties(operation_id: str) -> dict[str, Any]:
    """The properties of the object an operation's answer shows, but write-only ones."""

    shape = table().operations[operation_id]
    return {
        name: prop
        for name, prop in _record_properties(shape.response).items()
        if not schemas().resolve(prop).get("writeOnly") and not prop.get("writeOnly")
    }


def differences(sent: Any, got: Any, schema: Any, where: str = "") -> list[str]:
    """Where ``got`` does not hold what was ``sent`` (objects may hold more, the server's fields),
    in the places the answer's ``schema`` declares: a batch's ``items`` are sent as items and
    answered as processing records, which declare no ``attributes``."""
    engine = schemas()
    if isinstance(sent, dict):
        if not isinstance(got, dict):
            return [f"{where or '<object>'}: sent an object, read {got!r}"]
        declared = engine_properties(schema)
        found = []
        for key, value in sent.items():
            if declared and key not in declared:
                continue
            found += differences(value, got.get(key, "<absent>"), declared.get(key, {}), f"{where}.{key}")
        return found
    if isinstance(sent, list):
        if not isinstance(got, list) or len(got) != len(sent):
            return [f"{where}: sent {sent!r}, read {got!r}"]
        items = engine.resolve(schema).get("items", {}) if schema else {}
        return [
            d for i, (s, g) in enumerate(zip(sent, got, strict=True)) for d in differences(s, g, items, f"{where}[{i}]")
        ]
    return [] if sent == got else [f"{where}: sent {sent!r}, read {got!r}"]


def shown_schema(operation_id: str) -> Json:
    """An object schema with the properties the operation's answer shows of its object."""
    return {"type": "object", "properties": shown_properties(operation_id)}


def expected(record: Json, operation_id: str, *, create: bool = True) -> Json:
    """What of a sent record the reading operation shows: the properties its answer declares with
    a schema the value sent fits (a batch's ``items`` are sent as items and answered as
    processing records: not the same thing), but a new object's ``id``, which the server sets."""
    shown = shown_properties(operation_id)
    return {
        key: value
        for key, value in record.items()
        if key in shown
        and not (create and key == "id")
        and schemas().problem(shown[key], value, "response", key) is None
    }


def the_object(document: Any, object_id: str, names: tuple[str, ...] = ID_NAMES) -> Json | None:
    """The object with ``object_id`` (in one of ``names``) anywhere in an answer."""
    return first_object(document, lambda o: any(o.get(name) == object_id for name in names))


def ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.request.method} {response.request.url}: {response.text[:600]}"
    return response.json() if response.content else None


def read(api: httpx.Client, builder: RequestBuilder, token: str, operation_id: str, ids: dict[str, str]) -> Any:
    request = builder.build(operation_id)
    request.path = path_of(operation_id, builder.known_ids() | ids)
    if plans()[operation_id].kind == "job_get":
        request.params = [("token", ids["token"])]
    return ok(send(api, request, token))


def listed(
    api: httpx.Client,
    builder: RequestBuilder,
    token: str,
    operation_id: str,
    object_id: str,
    names: tuple[str, ...],
    sent: Json,
) -> Json | None:
    """The object as its family's list shows it; a filter the list requires (schedules'
    ``entity_ids``) asks for what the object was created with (its ``entity_id``)."""
    request = builder.build(operation_id)
    required = {p.name for p in table().operations[operation_id].query_parameters() if p.required}
    request.params = [
        (k, str(sent[k.removesuffix("s")]) if k in required and k.removesuffix("s") in sent else v)
        for k, v in request.params
    ]
    request.params = [(k, v) for k, v in request.params if k != "bookmark"] + [("page_size", "250")]
    if not any(p.name == "page_size" for p in table().operations[operation_id].query_parameters()):
        request.params = request.params[:-1]
    return the_object(ok(send(api, request, token)), object_id, names)


def aimed(body: Any, object_id: str) -> Any:
    """An update body whose objects name ``object_id`` (bulk updates name theirs by ``id``)."""
    if isinstance(body, list):
        return [aimed(item, object_id) for item in body]
    if isinstance(body, dict):
        return {k: object_id if k == "id" else aimed(v, object_id) for k, v in body.items()}
    return body


def create_parents(api: httpx.Client, builder: RequestBuilder, token: str, family: str) -> None:
    """The objects ``family``'s objects live under or name, created first, as a client would."""
    for parent in PARENTS:
        parent_family = plans()[parent].family or ""
        if parent_family != family and (
            family.startswith(parent_family + "/") or parent_family in references.referenced_by(family)
        ):
            ok(send(api, builder.build(parent), token))


def round_trip(mode: str, family: str) -> list[str]:
    """The differences between what was sent and what was read, for one family."""
    found, problems = families()[family], []
    with start_emulator(mode) as emu:
        builder = RequestBuilder(emu)
        token = emu.token
        transport = emu.transport
        with httpx.Client(base_url=emu.base_url + "/v5", transport=transport) as api:
            create_parents(api, builder, token, family)
            create = full_request(builder, found["create"])
            create.json = active(create.json)
            answer = ok(send(api, create, token))
            id_param = plans()[found["get"]].id_param if "get" in found else None
            names = (KEYS[family],) if family in KEYS else ID_NAMES
            object_id = "" if family in WHOLE_ANSWER else first_id(answer, id_param, names)
            assert object_id is not None, (family, answer)
            ids = {id_param: object_id} if id_param else {}
            records, _ = named_objects.split(family, *records_of(create.json, table().operations[found["create"]]))
            sent = records[0]
            created = answer if family in WHOLE_ANSWER else the_object(answer, object_id, names) or {}
            problems += [
                f"create{d}"
                for d in differences(expected(sent, found["create"]), created, shown_schema(found["create"]))
            ]
            if "get" in found:
                got = read(api, builder, token, found["get"], ids)
                problems += [
                    f"get{d}" for d in differences(expected(sent, found["get"]), got, shown_schema(found["get"]))
                ]
            if "list" in found:
                item = (
                    ok(send(api, builder.build(found["list"]), token))
                    if family in WHOLE_ANSWER
                    else listed(api, builder, token, found["list"], object_id, names, sent)
                )
                if item is None:
                    problems.append("list: the object is not listed")
                else:
                    problems += [
                        f"list{d}"
                        for d in differences(expected(sent, found["list"]), item, shown_schema(found["list"]))
                    ]
            if "update" in found and "get" in found:
                update = full_request(builder, found["update"])
                update.path = path_of(found["update"], builder.known_ids() | ids)
                update.json = aimed(update.json, object_id)
                ok(send(api, update, token))
                changes, _ = records_of(update.json, table().operations[found["update"]], updates=True)
                got = read(api, builder, token, found["get"], ids)
                problems += [
                    f"update{d}"
                    for d in differences(
                        expected(changes[0], found["get"], create=False), got, shown_schema(found["get"])
                    )
                ]
        assert emu.services.failures == []
    return problems


# Families whose create answers name no object that can be read back, with the reason.
# The test requires each to still fail, so an entry goes when its family is made to pass.
NOT_YET: dict[str, str] = {}


def test_the_not_yet_list_names_families_that_exist() -> None:
    assert set(NOT_YET) <= set(families())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("family", sorted(families()))
def test_what_you_send_is_what_you_read(mode: str, family: str) -> None:
    if family in NOT_YET:
        with pytest.raises(AssertionError):
            assert round_trip(mode, family) == []
        return
    assert round_trip(mode, family) == []


# ---------------------------------------------------------------- nothing invented
# Times Pinterest stamps on a new object (the emulator's clock; their values are checked in
# test_emulator_server_fields.py).
TIMES = frozenset(
    {"created_at", "updated_at", "created_time", "updated_time", "created_timestamp", "updated_timestamp"}
    | {"creation_time", "last_updated_time"}
)
# What Pinterest sets on a new object of a family beyond its ids, times, the description's
# read-only fields and its documented defaults: field -> why Pinterest sets it.
SERVER_SET: dict[str, dict[str, str]] = {
    "/ad_accounts/{ad_account_id}/ad_groups": {
        "summary_status": "the description: the ad group's status summarized with its campaign's",
        "type": "always 'adgroup' (the description's object type)",
    },
    "/ad_accounts/{ad_account_id}/ads": {
        "review_status": "Pinterest's review of the ad",
        "summary_status": "the description: the ad's status summarized with its review",
        "rejected_reasons": "Pinterest's review: empty for an approved ad",
        "rejection_labels": "Pinterest's review: empty for an approved ad",
        "campaign_id": "the campaign of the ad group the ad is created in",
        "type": "always 'pinpromotion' (the description's object type)",
    },
    "/ad_accounts/{ad_account_id}/campaigns": {"type": "always 'campaign' (the description's object type)"},
    "/ad_accounts/{ad_account_id}/advertiser_defined_events": {"status": "the outcome of creating each event"},
    "/ad_accounts/{ad_account_id}/audiences": {"status": "Pinterest's: READY, or TOO_SMALL under 100 people"},
    "/ad_accounts/{ad_account_id}/campaign_ad_preview": {
        "uuid": "the preview's new id",
        "user_id": "the user who created it",
        "url": "Pinterest's preview page for that id",
        "is_active": "a new preview is active",
        "expires_at": "a preview expires",
    },
    "/ad_accounts/{ad_account_id}/conversion_deletion_requests": {"status": "an async request's state"},
    "/ad_accounts/{ad_account_id}/customer_lists/{customer_list_id}/uploads": {"state": "an async upload's state"},
    "/ad_accounts/{ad_account_id}/labels": {"labels": "the answer lists the labels the request created"},
    "/ad_accounts/{ad_account_id}/mmm_reports": {
        "report_status": "an async report's state",
        "data": "the description's copy of the token and state",
    },
    "/businesses/{business_id}/invites": {
        "user": "the member or partner the invite was sent to (one invite per name sent in members or partners)",
        "invite_data": "the invite's status (PENDING), its type and when it was sent",
        "is_received_invite": "whether the reader received the invite (the sender did not)",
        "created_by_business_id": "the business of the path",
        "created_by_user_id": "the user who sent the invite",
    },
    "/catalogs/items/batch": {"status": "an async batch's state"},
    "/catalogs/{catalog_id}/supplemental_items/batch": {
        "status": "an async batch's state",
        "operation_results": "the outcome of each operation sent",
    },
}


def invented(family: str, operation_id: str, sent: Json, created: Json) -> list[str]:
    """The fields of a created object that neither the request sent nor Pinterest sets."""
    shape = table().operations[operation_id]
    declared = declared_of(family)
    request = shape.request or {}
    element = schemas().resolve(request).get("items", request)
    defaults = {
        name: schemas().resolve(prop).get("default", prop.get("default"))
        for name, prop in engine_properties(element).items()
    }
    own_ids = set(ID_NAMES) | {KEYS.get(family, "id")} | {p.name for p in shape.path_parameters()}
    found = []
    for name, value in created.items():
        prop = declared.get(name, {})
        if (
            name in sent
            or value is None
            or name in own_ids
            or name in TIMES
            or prop.get("readOnly")
            or schemas().resolve(prop).get("readOnly")
            or (defaults.get(name) is not None and value == defaults[name])
            or name in SERVER_SET.get(family, {})
        ):
            continue
        found.append(f"{name}={value!r}")
    return found


def created_object(mode: str, family: str) -> tuple[Json, Json]:
    """What the create of ``family`` sent (its first object) and what it answered of it."""
    found = families()[family]
    with start_emulator(mode) as emu:
        builder = RequestBuilder(emu)
        with httpx.Client(base_url=emu.base_url + "/v5", transport=emu.transport) as api:
            create_parents(api, builder, emu.token, family)
            create = full_request(builder, found["create"])
            create.json = active(create.json)
            answer = ok(send(api, create, emu.token))
    records, _ = named_objects.split(family, *records_of(create.json, table().operations[found["create"]]))
    if family in WHOLE_ANSWER:
        return records[0], answer
    id_param = plans()[found["get"]].id_param if "get" in found else None
    names = (KEYS[family],) if family in KEYS else (*ID_NAMES, id_param or "id")
    object_id = first_id(answer, id_param, names)
    assert object_id is not None, (family, answer)
    return records[0], the_object(answer, object_id, names) or {}


def declared_of(family: str) -> dict[str, Any]:
    """The properties of the family's object as its create, get and list answers show it."""
    found: dict[str, Any] = {}
    for step, operation_id in families()[family].items():
        properties = _record_properties(table().operations[operation_id].response)
        # a list's items, the ads bulk shape's data, a business invite result's invite
        for wrapper in ("items", "data", "invite"):
            if step in ("create", "list") and wrapper in properties:
                properties = properties | _record_properties(properties[wrapper])
        found |= properties
    return found


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("family", sorted(set(families()) - set(NOT_YET)))
def test_a_create_answers_nothing_the_request_did_not_send(mode: str, family: str) -> None:
    sent, created = created_object(mode, family)
    assert created
    assert invented(family, families()[family]["create"], sent, created) == []


def test_every_server_set_field_named_is_one_the_answer_declares() -> None:
    for family, fields in SERVER_SET.items():
        assert set(fields) <= set(declared_of(family)), family
