"""Local inventory: what the caller's local inventory batches made of a catalog's items in its stores.

A batch (``POST /catalogs/{catalog_id}/local_inventory_items/batch``) is stored as it was
sent (``engine``, family ``/catalogs/{catalog_id}/supplemental_items/batch``); its
``operation_results`` answer the ``item_id`` and ``store_code`` of each operation sent, in
order. An operation succeeds when the catalog has a local store with its ``store_code``
(``/catalogs/{catalog_id}/local_stores``); otherwise it fails with an error naming
``store_code``, as an inventory line needs the store it is in.

``POST /catalogs/{catalog_id}/local_inventory_items/query`` answers the items the asked
(``item_id``, ``store_code``) pairs name, as the successful operations left them in batch
order (CREATE and UPSERT set an item's attributes, UPDATE merges them into an existing
one, DELETE removes it), with the store's id, name and position in ``store_metadata`` and
the times of the batches that created and last changed it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.data.state import in_id_order
from pinterest_tools.emulator.described.synth import deep_merge

BATCHES = "/catalogs/{catalog_id}/supplemental_items/batch"
STORES = "/catalogs/{catalog_id}/local_stores"
SUPPLEMENTAL_TYPE = "LOCAL_INVENTORY"
UNKNOWN_STORE_CODE = 1  # Pinterest's "Invalid parameters"

Json = dict[str, Any]


def _stores(call: Call, catalog_id: str) -> dict[str, Resource]:
    """The caller's local stores of a catalog by ``store_code``."""
    found = call.state.resources_in(STORES, {"catalog_id": catalog_id})
    return {str(r.fields["store_code"]): r for r in found if r.owner_id == call.user.id and "store_code" in r.fields}


def _operations(batch: Json) -> list[Json]:
    return [o for o in batch.get("operations", []) if isinstance(o, dict)]


def processed(call: Call, resource: Resource) -> Json:
    """A batch's ``operation_results``: one per operation sent, with its item and store."""
    stores = _stores(call, resource.parents.get("catalog_id", ""))
    results = []
    for operation in _operations(resource.fields):
        code = str(operation.get("store_code", ""))
        result: Json = {
            "item_id": operation.get("item_id", ""),
            "store_code": code,
            "supplemental_type": SUPPLEMENTAL_TYPE,
            "status": "SUCCESS" if code in stores else "FAILURE",
            "errors": [],
            "warnings": [],
        }
        if code not in stores:
            message = f"No local store with store_code {code!r} in this catalog."
            result["errors"] = [{"attribute": "store_code", "code": UNKNOWN_STORE_CODE, "message": message}]
        results.append(result)
    return {"operation_results": results}


def _epoch(value: Any) -> int:
    """A batch's ``created_time`` (ISO 8601) as epoch seconds, as inventory items show their times."""
    if not isinstance(value, str):
        return 0
    return int(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def current(call: Call, catalog_id: str) -> dict[tuple[str, str], Json]:
    """The catalog's inventory lines by (item id, store code), as the caller's batches left them."""
    stores = _stores(call, catalog_id)
    lines: dict[tuple[str, str], Json] = {}
    batches = in_id_order(
        call.state.resources,
        lambda r: r.family == BATCHES and r.owner_id == call.user.id and r.parents.get("catalog_id") == catalog_id,
    )
    for batch in batches:
        when = _epoch(batch.fields.get("created_time"))
        for operation in _operations(batch.fields):
            key = (str(operation.get("item_id", "")), str(operation.get("store_code", "")))
            verb = operation.get("operation")
            if key[1] not in stores:
                continue
            if verb == "DELETE":
                lines.pop(key, None)
            elif verb in ("CREATE", "UPSERT") or (verb == "UPDATE" and key in lines):
                before = lines.get(key, {"created_at": when, "attributes": {}})
                attributes = before["attributes"] if verb == "UPDATE" else {}
                attributes = deep_merge(attributes, operation.get("attributes") or {})
                lines[key] = {"created_at": before["created_at"], "last_updated_time": when, "attributes": attributes}
    return lines


def lookup(call: Call) -> Json:
    """The overlay of the query: the asked pairs that exist, in the asked order."""
    catalog_id = call.path("catalog_id")
    body = call.body if isinstance(call.body, dict) else {}
    stores = _stores(call, catalog_id)
    lines = current(call, catalog_id)
    items = []
    for wanted in body.get("item_filters", []):
        key = (str(wanted.get("item_id", "")), str(wanted.get("store_code", "")))
        if key not in lines:
            continue
        store = stores[key[1]]
        named = {"store_name": store.fields.get("name")} | {
            k: store.fields[k] for k in ("latitude", "longitude") if k in store.fields
        }
        metadata = {"store_code": key[1], "store_id": store.id} | {k: v for k, v in named.items() if v is not None}
        line = lines[key]
        items.append(
            {"item_id": key[0], "created_at": line["created_at"], "last_updated_time": line["last_updated_time"]}
            | line["attributes"]
            | {"store_metadata": metadata}
        )
    return {"items": items}
