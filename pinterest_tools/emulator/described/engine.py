"""Every v5 operation no hand-written module serves, answered from the description.

Each operation is planned by ``families`` (create, get, list, update, delete, bulk update
and delete, async job reads, reads and actions) and answered with a body synthesized from
its documented success schema (``synth``), filled with what the state holds. The rules:

- Requests are checked against the description: path parameters, required and typed
  query parameters (enums, bounds, formats) and the JSON body (required fields, types,
  enums, lengths, read-only fields) answer 400 code 1 naming the first bad place.
- Ownership: a path's (or the query's) ``ad_account_id`` must be one of the caller's ad accounts, a
  ``board_id`` or ``pin_id`` one the caller may see (changes: own), and a path parameter
  that names an object of a family the emulator stores (``customer_list_id``,
  ``feed_id``, ...) an existing object of the caller's; otherwise 404, as Pinterest hides
  what a caller may not see. So is an id of another family a body names where
  ``references`` lists it (an audience's ``rule.customer_list_id``).
- Stored families keep their objects in ``State.resources`` (and the data file): the
  fields sent at creation, merged with every update (PATCH merges objects, replaces the
  rest), rendered through the response schema *sparse* (``Schemas.sparse``): what the
  object holds and the response accepts, the ids the path names, and the fields the
  schema requires; an optional field the object does not have is left out rather than
  made up, so a later read never contradicts an earlier answer. A list applies the
  filters and order its query documents (``list_filters``). A create that sends a list
  (``campaigns``, ``promotions``) or a list field the response echoes (``keywords``)
  creates one object per element; a POST on an item path keeps one object per key
  (following a user twice is one follow); a bulk PATCH updates the objects its elements name by
  ``id`` (an unknown id is a 404); a DELETE on a collection deletes the ids in its
  query. A family's list pages with ``page_size``/``bookmark`` like every v5 list.
- Async jobs: reading back an object whose response has a status enum with an
  in-progress and a finished value (bulk requests, lead exports, catalog reports, batch
  item operations) answers in progress for the first
  ``Settings.report_polls`` reads, then finished (or FAILED / CANCELLED where the
  status enum has it and the ad account's ``report_outcome`` or ``--report-outcome`` says
  so, as for reports); a finished job's URL fields point at ``/_emulator/jobs/<id>``,
  which serves the job's fields as JSON.
- Families nothing can be created in (order lines, business members, targeting
  options) and every read-only or analytics operation answer data derived from the
  request (operation, path and query): the same question always gets the same answer.
  Where the answer has a field named like a path or query parameter (``ad_account_id``,
  ``PIN_ID`` for the first of ``pin_ids``, ``DATE`` for ``start_date``), it says what
  was asked (ads analytics, which have state, are routes of their own:
  ``v5.analytics``, ``v5.breakdown_analytics``). Lists of them have one item and a ``null``
  bookmark. Actions (previews,
  business access changes) change nothing stored and answer their documented body.
  Conversion events are checked and kept by their own route (``v5.conversion_events``).
- Catalog items are what the caller's item batches did to them (``catalog_items``),
  read back by ``POST /catalogs/items``.
- Customer list uploads (``customer_list_uploads``) answer the part URLs their file is PUT
  to, and move from ``NOT_STARTED`` only when run (``STATEFUL_ACTIONS``), which processes
  the file into the upload's counts and, once it succeeds, its customer list's counters.
- Typed families (boards, sections, pins, media, ad accounts, campaigns, ad groups,
  ads, and template reports, which are the async reports of ``analytics.async_reports``) go
  through ``typed_records`` to the records every other route uses.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from pinterest_api_v5.operations import OPERATIONS
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pinterest_tools.emulator.core import list_upload_parts
from pinterest_tools.emulator.core.access import own_ad_account, own_board, visible_board, visible_pin
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.core.services import services_of
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described import (
    business_invites,
    business_rules,
    catalog_items,
    customer_list_uploads,
    list_filters,
    local_inventory,
    named_objects,
    operation_types,
    product_tags,
    references,
    request_enums,
    server_fields,
    typed_records,
)
from pinterest_tools.emulator.described.families import Plan, plans
from pinterest_tools.emulator.described.schema_table import OperationShape, Schema, table
from pinterest_tools.emulator.described.synth import MISSING, Schemas, deep_merge, schemas
from pinterest_tools.emulator.wire import paging
from pinterest_tools.emulator.wire.errors import invalid, not_found

JOBS_PATH = "/_emulator/jobs"
IN_PROGRESS = ("IN_PROGRESS", "PROCESSING", "RUNNING", "PENDING", "QUEUED")
DONE = ("FINISHED", "COMPLETED", "SUCCEEDED", "SUCCESS", "DONE")
ID_FIELDS = ("id", "token", "request_id", "batch_id", "report_id", "upload_id")


# ------------------------------------------------------------------------ request checks
def _query_value(call: Call, name: str, schema: Schema) -> Any:
    """A query parameter as the type its schema says (lists repeated or comma-separated)."""
    resolved = schemas().resolve(schema)
    raw = call.request.query_params.getlist(name)
    if resolved.get("type") == "array":
        items = schemas().resolve(resolved.get("items", {}))
        return [_typed(name, value, items.get("type")) for value in call.query_list(name)]
    return _typed(name, raw[-1], resolved.get("type"))


def _typed(name: str, value: str, kind: Any) -> Any:
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        raise invalid(f"{name}: {value!r} is not a number.") from None
    if kind == "boolean":  # in any case: Python clients send ``True`` (the official SDK's core does)
        return {"true": True, "false": False}.get(value.lower(), value)
    return value


def check_request(call: Call, shape: OperationShape) -> None:
    """400 code 1 for what the description does not accept, naming the place."""
    engine = schemas()
    for parameter in shape.parameters:
        if parameter.location == "path":
            value: Any = call.path(parameter.name)
        elif parameter.location == "query":
            if engine.resolve(parameter.schema).get("type") == "object":  # deepObject: name[field]=...
                if parameter.required and not any(k.startswith(parameter.name + "[") for k in call.query):
                    raise invalid(f"{parameter.name}: this parameter is required.")
                continue
            if parameter.name not in call.request.query_params:
                if parameter.required:
                    raise invalid(f"{parameter.name}: this parameter is required.")
                continue
            value = _query_value(call, parameter.name, parameter.schema)
        else:
            continue
        if found := engine.problem(parameter.schema, value, "request", parameter.name):
            raise invalid(f"{found}.")
    if shape.request is None or shape.request_kind != "json":
        return
    if call.body is None:
        if shape.request_required:
            raise invalid("The request body is required.")
        return
    if found := engine.problem(shape.request, call.body, "request"):
        raise invalid(f"{found}.")
    request_enums.check(shape.operation_id, call.body)


@functools.cache
def _family_of_id_param() -> dict[str, str]:
    """Item path parameters of stored families (``feed_id`` -> ``/catalogs/feeds``)."""
    return {p.id_param: p.family for p in plans().values() if p.kind == "get" and p.id_param and p.family}


def check_parents(call: Call, shape: OperationShape, plan: Plan) -> None:
    """404 unless every object the path names (but the operation's own) is the caller's to use."""
    writes = shape.method != "GET"
    if "ad_account_id" in call.query and any(p.name == "ad_account_id" for p in shape.query_parameters()):
        own_ad_account(call, call.query["ad_account_id"])  # acting for an ad account: it must be the caller's
    for parameter in shape.path_parameters():
        name, value = parameter.name, call.path(parameter.name)
        if name == plan.id_param:
            continue
        if name == "ad_account_id":
            own_ad_account(call, value)
        elif name == "board_id":
            (own_board if writes else visible_board)(call, value)
        elif name == "pin_id":
            visible_pin(call, value)
        elif (family := _family_of_id_param().get(name)) and not typed_records.handles(family):
            find(call, family, value)


# ------------------------------------------------------------------------ stored objects
def parents_of(call: Call, plan: Plan) -> dict[str, str]:
    return {name: call.path(name) for name in plan.parent_params}


def find(
    call: Call, family: str, object_id: str, parents: dict[str, str] | None = None, key: str | None = None
) -> Resource:
    """The caller's object of ``family``: by its id, else by the field the item path is keyed by
    (``/integrations/commerce/{external_business_id}`` names the caller's own id)."""
    found = call.state.resources.get(object_id)
    if (found is None or found.family != family) and key:
        found = next(
            (
                r
                for r in call.state.resources_in(family, parents or {})
                if r.owner_id == call.user.id and r.fields.get(key) == object_id
            ),
            found,
        )
    if (
        found is None
        or found.family != family
        or found.owner_id != call.user.id
        or (parents is not None and found.parents != parents)
    ):
        raise not_found(404, f"{family.rsplit('/', 1)[-1]} {object_id} not found.")
    return found


def _mine(call: Call, family: str, parents: dict[str, str]) -> list[Resource]:
    """The caller's objects of ``family`` under ``parents``, in creation order."""
    return [r for r in call.state.resources_in(family, parents) if r.owner_id == call.user.id]


def check_references(call: Call, family: str, parents: dict[str, str], body: Any) -> None:
    """404 unless every object of another family ``body`` names is the caller's (``references``)."""
    for target, object_id, own in references.named(family, parents, body):
        find(call, target, object_id, own)


def _properties(schema: Schema | None) -> dict[str, Schema]:
    """Top-level properties of a response schema, through ``$ref`` and ``allOf``."""
    if schema is None:
        return {}
    resolved = schemas().resolve(schema)
    found: dict[str, Schema] = {}
    for member in reversed(resolved.get("oneOf", []) + resolved.get("anyOf", [])):  # any alternative's
        found |= _properties(member)
    for member in resolved.get("allOf", ()):
        found |= _properties(member)
    own: dict[str, Schema] = resolved.get("properties", {})
    return found | own


def _record_properties(schema: Schema | None) -> dict[str, Schema]:
    """The properties of the objects an answer shows: its own, or those of a bare list's
    elements, or of their ``data`` (a batch's ``[{"data": object-or-error}]``)."""
    element = _array_of_objects(schema) if schema is not None else None
    if element is None:
        return _properties(schema)
    found = _properties(element)
    return _properties(found["data"]) if "data" in found and "id" not in found else found


def _array_of_objects(schema: Schema) -> Schema | None:
    """The element schema when ``schema`` is an array of objects."""
    resolved = schemas().resolve(schema)
    if resolved.get("type") != "array":
        return None
    element = resolved.get("items", {})
    return element if _properties(element) or "oneOf" in schemas().resolve(element) else None


def _lists_objects(schema: Schema) -> bool:
    """An array of objects with ids (``keywords``) or of ``{data, exceptions}`` (the ads bulk shape),
    not of processing records (an item batch's ``items``)."""
    element = _array_of_objects(schema)
    return element is not None and bool({"id", "data"} & set(_properties(element)))


def records_of(body: Any, shape: OperationShape, *, updates: bool = False) -> tuple[list[dict[str, Any]], str | None]:
    """The objects a create or bulk update sends, and the response field that lists them.

    A list body is the objects; an object body whose list field the response echoes
    (``keywords``), or any list field of objects when the response lists objects
    (``product_group_promotion``, answered in ``items``), holds them, each completed
    with the body's other fields; for a bulk
    update, so does a list field of objects that carry ``id`` (``product_group_promotion``).
    Any other body is one object.
    """
    arrays = {name for name, prop in _properties(shape.response).items() if _lists_objects(prop)}
    listed = "items" if "items" in arrays else next(iter(sorted(arrays)), None)
    if isinstance(body, list):
        return [item for item in body if isinstance(item, dict)], listed
    if isinstance(body, dict):
        for name, value in body.items():
            if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
                continue
            if name in arrays or listed is not None or (updates and all("id" in v for v in value)):
                siblings = {k: v for k, v in body.items() if k != name}
                return [siblings | item for item in value], name if name in arrays else listed
        return [body], None
    return [{}], None


def place(shape: OperationShape, objects: list[dict[str, Any]], target: str | None) -> Any:
    """The overlay that puts ``objects`` where the response schema lists them (or, for one
    object, nests it where the response wraps it: ``{"customer_list_upload": {...}}``)."""
    element_of_array = _array_of_objects(shape.response) if shape.response is not None else None
    if shape.response is not None and element_of_array is None and schemas().resolve(shape.response).get("items"):
        return [o["id"] for o in objects]  # a bare list of ids (product groups/multiple): the new ones
    if target is None and element_of_array is not None:  # a bare list, one result per object
        element = _properties(element_of_array)
        return [{"data": o} for o in objects] if "data" in element and "id" not in element else objects
    if target is None:
        single = objects[0] if objects else {}
        top = _properties(shape.response)
        wrappers = [name for name, prop in top.items() if "id" in _properties(prop)]
        return {wrappers[0]: single} if "id" not in top and len(wrappers) == 1 else single
    prop = _properties(shape.response).get(target)
    element = _properties(_array_of_objects(prop) or {}) if prop else {}
    if "data" in element and "id" not in element:  # the ads bulk shape: {data, exceptions}
        return {target: [{"data": o, "exceptions": []} for o in objects]}
    top = _properties(shape.response)
    if objects and "id" in top:  # an answer that is an object and lists them (``LabelsResponse``):
        # the first is the object, rather than a required ``id`` made up that names nothing stored
        return {k: v for k, v in objects[0].items() if k in top and k != target} | {target: objects}
    return {target: objects}


def job_outcome(call: Call, resource: Resource) -> str:
    """How a job ends: its ad account's ``report_outcome``, else ``--report-outcome`` (FINISHED)."""
    account = call.state.ad_accounts.get(resource.parents.get("ad_account_id", ""))
    return (account.report_outcome if account else None) or call.services.settings.report_outcome


def job_status(shape: OperationShape, resource: Resource, call: Call) -> dict[str, Any]:
    """In progress for the first ``report_polls`` reads, then its outcome; a finished job's URLs
    point at the emulator. A FAILED or CANCELLED outcome shows where the status enum has it."""
    overlay: dict[str, Any] = {}
    finished = resource.polls > call.services.settings.report_polls
    outcome = job_outcome(call, resource)
    urls = []
    for name, prop in _properties(shape.response).items():
        values = schemas().resolve(prop).get("enum", [])
        running = next((v for v in IN_PROGRESS if v in values), None)
        done = next((v for v in DONE if v in values), None)
        if running and done:
            ended = outcome if outcome != "FINISHED" and outcome in values else done
            overlay[name] = ended if finished else running
        elif "url" in name and schemas().resolve(prop).get("type") == "string" and name not in resource.fields:
            urls.append(name)
    # Only a job's result is at a URL, and only one the caller did not send: a product group
    # promotion's ``tracking_url`` is the caller's own and was overwritten with a job's.
    if overlay and finished and outcome == "FINISHED":
        overlay |= {name: f"{str(call.request.base_url).rstrip('/')}{JOBS_PATH}/{resource.id}" for name in urls}
    return overlay


def job_fields(shape: OperationShape, resource: Resource, call: Call) -> dict[str, Any]:
    """A job's status (``job_status``), also inside the answer's ``data`` where it declares one
    (an MMM report's create and get answer ``token`` and ``report_status`` at the top and in
    ``data``: a client reading either finds the token to poll and the status)."""
    overlay = job_status(shape, resource, call)
    data = _properties(shape.response).get("data")
    if overlay and data is not None and "data" not in resource.fields:
        inner = _properties(data)
        overlay["data"] = {name: value for name, value in (shown(resource) | overlay).items() if name in inner}
    return overlay


# ------------------------------------------------------------------------ answers
NOT_ECHOED = frozenset({"bookmark", "page_size", "id"})


def echoed(call: Call) -> dict[str, Any]:
    """What an answer repeats of its question: path ids, scalar query values and the JSON body's
    scalar fields by name (an asset group's ``asset_group_description`` wherever its answer
    has one), and the first day asked for as a row's ``DATE``."""
    body = call.body if isinstance(call.body, dict) else {}
    hints: dict[str, Any] = {k: v for k, v in body.items() if not isinstance(v, dict | list) and k not in NOT_ECHOED}
    hints |= {k: v for k, v in call.query.items() if k not in NOT_ECHOED}
    hints |= dict(call.request.path_params)
    for key in list(hints):
        if key.endswith("_ids") and (first := call.query_list(key)):
            hints[key.removesuffix("s")] = first[0]
    if "start_date" in hints:
        hints["date"] = hints["start_date"]
    return hints | {key.upper(): value for key, value in hints.items()}  # analytics rows: PIN_ID, DATE


def answer(call: Call, shape: OperationShape, seed: str, overlay: Any = MISSING) -> Response:
    if shape.response is None:
        return Response(status_code=shape.status)
    if isinstance(overlay, dict) and "bookmark" in _properties(shape.response):
        overlay = {"bookmark": None} | overlay
    with Schemas.hinted(echoed(call)):
        body = schemas().sample(shape.response, seed, overlay)
    return JSONResponse(body, shape.status)


def question(call: Call) -> str:
    """The seed of a derived answer: the operation, the path and the query (bookmark aside)."""
    query = sorted((k, v) for k, v in call.request.query_params.multi_items() if k != "bookmark")
    return f"{call.request.url.path}?{json.dumps(query)}"


def _seed(resource: Resource) -> str:
    return f"{resource.family}/{resource.id}"


def shown(resource: Resource) -> dict[str, Any]:
    """What a stored object answers: the ids of what it belongs to (``ad_account_id``), then its fields."""
    return resource.parents | resource.fields


@functools.cache
def _new_id_fields(operation_id: str) -> frozenset[str]:
    """The fields of a created object that carry its new id: ``id``, and those of ``ID_FIELDS``,
    of the family's item path parameters and of ``<object>_id`` (``schedule_id``) that the
    answer shows, but the path's own key. Fixed by the description, so worked out once."""
    shape, plan = table().operations[operation_id], plans()[operation_id]
    assert plan.family is not None
    item_params = {
        p.id_param or "" for p in plans().values() if p.family == plan.family and p.kind in ("get", "delete")
    }
    own_id = plan.family.rsplit("/", 1)[-1].removesuffix("s") + "_id"  # schedules: schedule_id
    id_fields = {*ID_FIELDS, *item_params, own_id} - {plan.id_param or "", ""}
    return frozenset(id_fields & set(_record_properties(shape.response)) | {"id"})


def create(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None
    parents = parents_of(call, plan)
    records, target = named_objects.split(plan.family, *records_of(call.body, shape))
    if not records:  # an empty list where the description sets no minItems: nothing to create is not a 500
        raise invalid("The request body names no object to create.")
    business_rules.check(plan.family, records)
    if typed_records.handles(plan.family):
        return answer(
            call, shape, question(call), place(shape, typed_records.create(call, plan.family, parents, records), target)
        )
    created = []
    if plan.id_param:  # keyed by the path (following a user): once per key, later posts update it
        key = {plan.id_param: call.path(plan.id_param)}
        mine = _mine(call, plan.family, parents)
        if found := next((r for r in mine if r.fields.get(plan.id_param) == key[plan.id_param]), None):
            found.fields = deep_merge(found.fields, records[0]) | key
            return answer(call, shape, _seed(found), found.fields)
        records = [record | key for record in records]
    for record in records:
        check_references(call, plan.family, parents, record)
    for record in records:
        fields = server_fields.defaulted(shape.request, record)
        resource = Resource(call.state.new_id(), plan.family, call.user.id, parents, fields)
        # The new id, in the fields that carry it, but one the caller sent: a commerce
        # integration is keyed by the caller's own ``external_business_id``.
        new_ids = _new_id_fields(shape.operation_id) - (set(record) - {"id"})
        resource.fields |= {name: resource.id for name in new_ids}
        server_fields.created(call, plan.family, resource)
        if plan.family == customer_list_uploads.UPLOADS:
            customer_list_uploads.created(call, resource)
        server_fields.stamped(call, resource, _record_properties(shape.response), created=True)
        call.state.resources[resource.id] = resource
        created.append(resource)
    objects = [shown(r) | job_fields(shape, r, call) for r in created]
    if plan.family == catalog_items.BATCHES:
        objects = [fields | catalog_items.processed(fields) for fields in objects]
    if plan.family == local_inventory.BATCHES:
        objects = [fields | local_inventory.processed(call, r) for fields, r in zip(objects, created, strict=True)]
    overlay = place(shape, objects, target)
    if plan.family == customer_list_uploads.UPLOADS:  # where the client PUTs the file's parts
        total = int(created[0].fields.get("total_parts", 1))
        parts = list_upload_parts.file_parts(call.services, str(call.request.base_url), created[0].id, total)
        overlay |= {"s3_multipart_upload_data": {"file_parts": parts}}
    return answer(call, shape, _seed(created[0]), overlay)


def get(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None and plan.id_param is not None
    object_id = call.query["token"] if plan.kind == "job_get" else call.path(plan.id_param)
    parents = parents_of(call, plan)
    if typed_records.handles(plan.family):
        return answer(call, shape, question(call), typed_records.get(call, plan.family, parents, object_id))
    resource = find(call, plan.family, object_id, parents, plan.id_param)
    resource.polls += 1
    server_fields.refresh(call, plan.family, resource)
    if plan.family == customer_list_uploads.UPLOADS:  # its state moves once it is run, not before
        customer_list_uploads.progress(call, resource, job_outcome(call, resource))
        return answer(call, shape, _seed(resource), shown(resource))
    fields = shown(resource) | job_fields(shape, resource, call)
    if plan.family == catalog_items.BATCHES:
        fields |= catalog_items.processed(resource.fields)
    if plan.family == local_inventory.BATCHES:
        fields |= local_inventory.processed(call, resource)
    return answer(call, shape, _seed(resource), fields)


def listing(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None
    parents = parents_of(call, plan)
    name = f"{plan.family}:{call.user.id}:{json.dumps(parents, sort_keys=True)}"
    if typed_records.handles(plan.family):
        objects = typed_records.listing(call, plan.family, parents)
        page = paging.paginate(objects, call.query, listing=name, key=lambda o: int(o.get("id") or o["media_id"]))
        return answer(call, shape, question(call), {"items": page.items, "bookmark": page.bookmark})
    mine = _mine(call, plan.family, parents)
    for resource in mine:
        server_fields.refresh(call, plan.family, resource)
    key = list_filters.sort_key(call)
    selected = sorted(list_filters.filtered(call, shape, plan.family, mine), key=key)
    if _array_of_objects(shape.response or {}) is not None:  # a bare list, unpaged (campaign previews)
        return answer(call, shape, question(call), [shown(r) for r in selected])
    page_of = paging.paginate(selected, call.query, listing=name, key=key)
    items = [shown(r) for r in page_of.items]
    return answer(call, shape, question(call), {"items": items, "bookmark": page_of.bookmark})


def update(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None and plan.id_param is not None
    parents, object_id = parents_of(call, plan), call.path(plan.id_param)
    change = call.body if isinstance(call.body, dict) else {}
    if typed_records.handles(plan.family):
        return answer(call, shape, question(call), typed_records.update(call, plan.family, parents, object_id, change))
    resource = find(call, plan.family, object_id, parents, plan.id_param)
    check_references(call, plan.family, parents, change)
    resource.fields = deep_merge(resource.fields, change) | {"id": resource.id}
    server_fields.updated(call, plan.family, resource, change)
    server_fields.stamped(call, resource, _record_properties(shape.response), created=False)
    return answer(call, shape, _seed(resource), shown(resource))


def bulk_update(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None
    parents = parents_of(call, plan)
    records, target = named_objects.split(plan.family, *records_of(call.body, shape, updates=True))
    if not records:  # a batch of nothing: Pinterest's batch updates take 1..n items
        raise invalid("The request body names no object to update.")
    changed: list[dict[str, Any]] = []
    typed = typed_records.handles(plan.family)
    mine = [] if typed else _mine(call, plan.family, parents)  # an update adds and removes none
    for record in records:
        object_id = str(record.get("id", ""))
        if typed:
            changed.append(typed_records.update(call, plan.family, parents, object_id, record))
            continue
        named = None if "id" in record else named_objects.named_in(record, mine)
        resource = named or find(call, plan.family, object_id, parents)
        check_references(call, plan.family, parents, record)
        if plan.family in operation_types.FAMILIES:  # customer segments: UPDATE or REMOVE
            resource.fields = operation_types.applied(resource.fields, record) | {"id": resource.id}
        else:
            resource.fields = deep_merge(resource.fields, record) | {"id": resource.id}
        server_fields.updated(call, plan.family, resource, record)
        server_fields.stamped(call, resource, _record_properties(shape.response), created=False)
        changed.append(shown(resource))
    return answer(call, shape, question(call), place(shape, changed, target))


def delete(call: Call, shape: OperationShape, plan: Plan) -> Response:
    assert plan.family is not None and plan.id_param is not None
    parents, object_id = parents_of(call, plan), call.path(plan.id_param)
    if typed_records.handles(plan.family):
        typed_records.delete(call, plan.family, parents, object_id)
        return answer(call, shape, question(call), {"id": object_id})
    resource = find(call, plan.family, object_id, parents, plan.id_param)
    del call.state.resources[resource.id]
    return answer(call, shape, _seed(resource), shown(resource))


def bulk_delete(call: Call, shape: OperationShape, plan: Plan) -> Response:
    """Deletes the caller's objects the query names: by id (any id-named parameter; an unknown
    id is a 404) or by a field's value (``DELETE /user_account/websites?website=...``)."""
    assert plan.family is not None
    parents = parents_of(call, plan)
    mine = _mine(call, plan.family, parents)
    for parameter in shape.query_parameters():
        if parameter.name == "ad_account_id":  # whom the caller acts for, checked with the parents
            continue
        if field := named_objects.field_named_by(parameter.name, mine):
            for resource in named_objects.matching(mine, field, call.query_list(parameter.name)):
                call.state.resources.pop(resource.id, None)
        elif parameter.name == "id" or parameter.name.endswith(("_id", "_ids", "ids")):
            for object_id in call.query_list(parameter.name):
                del call.state.resources[find(call, plan.family, object_id, parents).id]
        elif parameter.name in call.query:
            for resource in mine:
                if resource.fields.get(parameter.name) == call.query[parameter.name]:
                    call.state.resources.pop(resource.id, None)
    return answer(call, shape, question(call), {})


def derived(call: Call, shape: OperationShape, plan: Plan) -> Response:
    """Reads and actions: the documented body, derived from the question. Lookups of what
    batches stored (catalog items, local inventory) show only what was stored (sparse)."""
    if lookup := LOOKUPS.get(shape.operation_id):
        with Schemas.sparse():
            return answer(call, shape, question(call), lookup(call))
    overlay: dict[str, Any] = echoed_body(call, shape)
    names = [p.name for p in shape.path_parameters()]
    if shape.method == "GET" and names and "id" in (declared := _properties(shape.response)):
        # The object asked for; an id Pinterest could not have issued (not of the answer's
        # id form) names nothing, so it is not found rather than answered about another.
        overlay["id"] = call.path(names[-1])
        if schemas().problem(declared["id"], overlay["id"]) is not None:
            raise not_found(404, f"{names[-1]} {overlay['id']} not found.")
    return answer(call, shape, question(call), overlay)


def run_upload(call: Call, shape: OperationShape, plan: Plan) -> Response:
    """Runs one of the caller's uploads of the customer list the path names (404 for any other
    id) and answers that upload (``customer_list_uploads``)."""
    parents = {name: call.path(name) for name in ("ad_account_id", "customer_list_id")}
    resource = find(call, customer_list_uploads.UPLOADS, call.path("customer_list_upload_id"), parents)
    customer_list_uploads.run(call, resource)
    return answer(call, shape, _seed(resource), shown(resource))


# Actions that change what is stored, answered from it (the description's family planning
# sees a POST on an item's sub-path, which changes nothing stored elsewhere).
STATEFUL_ACTIONS: dict[str, Callable[[Call, OperationShape, Plan], Response]] = {
    customer_list_uploads.RUN: run_upload,
}


# Reads answered from what batches stored rather than synthesized.
LOOKUPS: dict[str, Callable[[Call], dict[str, Any]]] = {
    "items_post": catalog_items.lookup,
    "catalogs_local_inventory_items_post": local_inventory.lookup,
}


def echoed_body(call: Call, shape: OperationShape) -> dict[str, Any]:
    """What of a question's JSON body its answer repeats: the body's fields that the answer
    declares under the same name (``advanced_auction/items/get`` asked about ``catalog_id``
    and ``items`` keyed by item, country and language answers about them), the rest derived."""
    if not isinstance(call.body, dict):
        return {}
    declared = _properties(shape.response)
    return {name: value for name, value in call.body.items() if name in declared}


KINDS: dict[str, Callable[[Call, OperationShape, Plan], Response]] = {
    "create": create,
    "get": get,
    "job_get": get,
    "list": listing,
    "update": update,
    "bulk_update": bulk_update,
    "delete": delete,
    "bulk_delete": bulk_delete,
    "read": derived,
    "action": derived,
}


# Kinds whose answers show stored objects: rendered sparse (``Schemas.sparse``), so what an
# object did not say is left out rather than made up.
STORED_KINDS = frozenset(KINDS) - {"read", "action"}
# Operations whose answers come from objects kept in a form of their own (a pin's product
# tags as one list per pin, a business's invites one per recipient): operation -> overlay.
OWN_STATE: dict[str, Callable[[Call], dict[str, Any]]] = product_tags.OPERATIONS | business_invites.OPERATIONS


def handler(operation_id: str) -> Callable[[Call], Response]:
    shape = table().operations[operation_id]
    plan = plans()[operation_id]
    serve = STATEFUL_ACTIONS.get(operation_id, KINDS[plan.kind])
    if operation_id in OWN_STATE:
        overlay_of = OWN_STATE[operation_id]

        def serve(call: Call, shape: OperationShape, plan: Plan) -> Response:
            return answer(call, shape, question(call), overlay_of(call))

    def handle(call: Call) -> Response:
        check_request(call, shape)
        check_parents(call, shape, plan)
        if operation_id in call.services.answers:  # set over the control plane (serving/control.py)
            return JSONResponse(call.services.answers[operation_id], shape.status)
        with Schemas.dated(call.clock.utcnow().date()):
            if plan.kind in STORED_KINDS or operation_id in OWN_STATE or operation_id in STATEFUL_ACTIONS:
                with Schemas.sparse():
                    return serve(call, shape, plan)
            return serve(call, shape, plan)

    handle.__name__ = operation_id
    return handle


async def job_download(request: Request) -> Response:
    """A finished job's result: its fields as JSON (no token needed, like a signed URL)."""
    state = services_of(request).state
    with state.lock:
        resource = state.resources.get(request.path_params["job_id"])
        if resource is None:
            return Response("no such job", 404, media_type="text/plain")
        return JSONResponse(resource.fields)


def routes(served: set[str]) -> list[BaseRoute]:
    """Routes for every v5 operation not in ``served`` (the hand-written ones), plus job downloads."""
    found: list[BaseRoute] = [Route(JOBS_PATH + "/{job_id}", job_download, methods=["GET"])]
    for op_id in sorted(OPERATIONS):
        if op_id not in served:
            documented_body = table().operations[op_id].request is not None
            found.append(operation(V5, op_id, handler(op_id), delete_body=documented_body))
    return found
