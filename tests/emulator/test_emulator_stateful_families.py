"""Every resource family a marketer uses round-trips through the facade against the emulator.

For each family (its collection path in Pinterest's description), the operations are
found from the description (`described.families.plans`: create, get, list, update or bulk
update, delete) and called through ``Pinterest`` with the final nested names
(``client.ad_accounts.audiences.create``), with the bodies `v5_requests.RequestBuilder`
derives from the description: create -> get (the fields sent) -> list (finds it) ->
update -> get (sees it) -> delete -> get (404), in socket and in-process modes. Where the
description has no operation for a step, the step is skipped, as `STEPS_IN_DESCRIPTION`
records (for example audiences, customer lists, conversion tags, keywords, lead forms and
targeting templates have no delete; catalogs have no get, update or delete; async jobs
are created and read back only). Every exchange is validated against the description.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.answers import active, first_id, path_of
from support.description import MISSING, spec_path
from support.emulator import check_emulator
from support.facade_calls import facade_call
from support.v5_requests import RequestBuilder, SampleRequest

from pinterest_tools.emulator.described import references
from pinterest_tools.emulator.described.engine import records_of
from pinterest_tools.emulator.described.families import plans
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.testing import MODES, start_emulator
from pinterest_tools.errors import NotFoundError
from pinterest_tools.rest import Pinterest
from pinterest_tools.rest.resources.operations import FACADE
from specgen.facade import normalized_id

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)

ACCOUNT = "/ad_accounts/{ad_account_id}"
FAMILIES = {
    "campaigns": f"{ACCOUNT}/campaigns",
    "ad groups": f"{ACCOUNT}/ad_groups",
    "ads": f"{ACCOUNT}/ads",
    "audiences": f"{ACCOUNT}/audiences",
    "customer lists": f"{ACCOUNT}/customer_lists",
    "customer list uploads": f"{ACCOUNT}/customer_lists/{{customer_list_id}}/uploads",
    "conversion tags": f"{ACCOUNT}/conversion_tags",
    "catalogs": "/catalogs",
    "catalog feeds": "/catalogs/feeds",
    "catalog item batches": "/catalogs/items/batch",
    "catalog product groups": "/catalogs/product_groups",
    "catalog reports": "/catalogs/reports",
    "keywords": f"{ACCOUNT}/keywords",
    "lead forms": f"{ACCOUNT}/lead_forms",
    "lead subscriptions": f"{ACCOUNT}/leads/subscriptions",
    "lead exports": f"{ACCOUNT}/leads_export",
    "bulk requests": f"{ACCOUNT}/bulk",
    "targeting templates": f"{ACCOUNT}/targeting_templates",
    "promotions": f"{ACCOUNT}/promotions",
    "product group promotions": f"{ACCOUNT}/product_group_promotions",
}
# The steps the description has for each family (what the round trip can test).
STEPS_IN_DESCRIPTION = {
    "campaigns": "create get list update",
    "ad groups": "create get list update",
    "ads": "create get list update",
    "audiences": "create get list update",
    "customer lists": "create get list update",
    "customer list uploads": "create get",
    "conversion tags": "create get list",
    "catalogs": "create list",
    "catalog feeds": "create get list update delete",
    "catalog item batches": "create get",
    "catalog product groups": "create get list update delete",
    "catalog reports": "create get",
    "keywords": "create list update",
    "lead forms": "create get list update",
    "lead subscriptions": "create get list delete",
    "lead exports": "create get",
    "bulk requests": "create get",
    "targeting templates": "create list update",
    "promotions": "create get list update delete",
    "product group promotions": "create get list update",
}
RENAMED = "Renamed by the round trip"
PUBLISHED = {normalized_id(published): published for published in FACADE}


def steps(family: str) -> dict[str, str]:
    """step -> operation id, from the description's operations on `family`'s paths."""
    found: dict[str, str] = {}
    for operation_id, plan in sorted(plans().items()):
        if plan.family != family:
            continue
        step = {"job_get": "get", "bulk_update": "update"}.get(plan.kind, plan.kind)
        if step in ("create", "get", "list", "update", "delete"):
            found.setdefault(step, operation_id)
    return found


def call(client: Pinterest, operation_id: str, request: SampleRequest) -> Any:
    resource, method = FACADE[PUBLISHED[operation_id]]
    return facade_call(client, resource, method, request, operation_id)


def as_json(value: Any) -> Any:
    """A facade answer (model, list of models, paginator) as JSON."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def sent_fields(body: Any, operation_id: str) -> dict[str, Any]:
    """The scalar fields the create sent for its (first) object."""
    records, _ = records_of(body, table().operations[operation_id])
    return {k: v for k, v in records[0].items() if isinstance(v, str | int | bool) and not k.endswith("id")}


def renamed(body: Any, object_id: str) -> Any:
    """An update body (a sample from the description) aimed at `object_id`, with ``name`` set where it has one."""
    if isinstance(body, list):
        return [renamed(item, object_id) for item in body]
    if isinstance(body, dict):
        changed = {key: renamed(value, object_id) for key, value in body.items()}
        if "id" in changed:
            changed["id"] = object_id
        if "name" in changed:
            changed["name"] = RENAMED
        return changed
    return body


def listed_ids(client: Pinterest, operation_id: str, builder: RequestBuilder) -> list[str]:
    request = builder.build(operation_id)
    request.params = [(k, v) for k, v in request.params if k != "bookmark"]
    answer = call(client, operation_id, request)
    items = answer.items if hasattr(answer, "items") and isinstance(answer.items, list) else answer
    return [str(item.id) for item in items]


def get_json(client: Pinterest, operation_id: str, builder: RequestBuilder, ids: dict[str, str]) -> Any:
    request = builder.build(operation_id)
    request.path = path_of(operation_id, builder.known_ids() | ids)
    if plans()[operation_id].kind == "job_get":
        request.params = [("token", ids["token"])]
    return as_json(call(client, operation_id, request))


def round_trip(mode: str, name: str) -> list[str]:
    """Runs the family's round trip; the steps it took."""
    family, found = FAMILIES[name], steps(FAMILIES[name])
    with start_emulator(mode, record=True) as emu:
        builder = RequestBuilder(emu)
        client = emu.client(max_retries=0)
        for parent in ("customer_lists_create", "catalogs_create", "feeds_create"):  # a parent, or an object it names
            parent_family = plans()[parent].family or ""
            if parent_family != family and (
                family.startswith(parent_family + "/") or parent_family in references.referenced_by(family)
            ):
                call(client, parent, builder.build(parent))
        create = builder.build(found["create"])
        create.json = active(create.json)
        id_param = plans()[found["get"]].id_param if "get" in found else None
        object_id = first_id(as_json(call(client, found["create"], create)), id_param)
        assert object_id is not None, name
        ids = {id_param: object_id} if id_param else {}
        if "get" in found:
            got = get_json(client, found["get"], builder, ids)
            got_id = first_id(got, id_param)
            if got_id is None:  # a job's status names no id: it is read back in progress
                assert set(got.values()) & {"IN_PROGRESS", "RUNNING", "PROCESSING", "PENDING", "QUEUED"}, got
            else:
                assert got_id == object_id
                sent = sent_fields(create.json, found["create"])
                assert {k: got[k] for k in sent if k in got} == {k: v for k, v in sent.items() if k in got}
        if "list" in found:
            assert object_id in listed_ids(client, found["list"], builder)
        if "update" in found:
            update = builder.build(found["update"])
            update.path = path_of(found["update"], builder.known_ids() | ids)
            update.json = renamed(update.json, object_id)
            call(client, found["update"], update)
            if RENAMED in json.dumps(update.json) and "get" in found:
                assert get_json(client, found["get"], builder, ids)["name"] == RENAMED
            elif RENAMED in json.dumps(update.json):
                request = builder.build(found["list"])
                names = {str(item.id): item.name for item in call(client, found["list"], request)}
                assert names[object_id] == RENAMED
        if "delete" in found:
            delete = builder.build(found["delete"])
            delete.path = path_of(found["delete"], builder.known_ids() | ids)
            call(client, found["delete"], delete)
            if "get" in found:
                with pytest.raises(NotFoundError):
                    get_json(client, found["get"], builder, ids)
            if "list" in found:
                assert object_id not in listed_ids(client, found["list"], builder)
        assert emu.services.failures == []
        check_emulator(emu)
    return sorted(found)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_round_trip_through_the_facade(mode: str, name: str) -> None:
    taken = round_trip(mode, name)
    assert taken == sorted(STEPS_IN_DESCRIPTION[name].split())


def test_the_families_cover_every_stored_family_a_marketer_uses() -> None:
    assert set(FAMILIES) == set(STEPS_IN_DESCRIPTION)
    for name, family in FAMILIES.items():
        assert "create" in steps(family), name
