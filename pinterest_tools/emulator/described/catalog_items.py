"""Catalog items: what the caller's item batches made of them, read back by ``POST /catalogs/items``.

An item batch (``POST /catalogs/items/batch``) is stored as it was sent (``engine``); the
items are the batches' operations replayed in order, per catalog type and item id:
CREATE and UPSERT set an item, UPDATE merges its attributes into an existing one, DELETE
(and DELETE_DISCONTINUED) removes it. So the state holds no second copy of the items, and
a data file's batches give the same items on every load.

The description admits two forms of a batch: one per vertical (``catalog_type`` at the top,
an ``operation`` on every item) and the retail form (``operation`` at the top, ``items``
without one, no ``catalog_type``). The operation is the item's, else the batch's; the
vertical is the batch's ``catalog_type``, else the one its items' ids name
(``item_id`` retail, ``hotel_id`` hotel, ``creative_assets_id`` creative assets), so a
batch read back answers the vertical of what it holds, never one picked at random.
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.state import in_id_order
from pinterest_tools.emulator.described.synth import deep_merge

BATCHES = "/catalogs/items/batch"
ID_FIELDS = ("item_id", "hotel_id", "creative_assets_id")  # retail, hotel, creative assets
VERTICALS = dict(zip(ID_FIELDS, ("RETAIL", "HOTEL", "CREATIVE_ASSETS"), strict=True))
REMOVING = ("DELETE", "DELETE_DISCONTINUED")

Item = dict[str, Any]


def _id_field(operation: dict[str, Any]) -> str | None:
    return next((name for name in ID_FIELDS if isinstance(operation.get(name), str)), None)


def vertical(batch: dict[str, Any]) -> str:
    """The batch's ``catalog_type``, else the vertical its items' id field names (RETAIL by default:
    the form without ``catalog_type`` is the retail one)."""
    if isinstance(batch.get("catalog_type"), str):
        return str(batch["catalog_type"])
    operations = [o for o in batch.get("items", []) if isinstance(o, dict)]
    field = next((f for o in operations if (f := _id_field(o)) is not None), "item_id")
    return VERTICALS[field]


def current_items(call: Call) -> dict[tuple[str, str], Item]:
    """The caller's items by (catalog type, item id), as their batches left them."""
    items: dict[tuple[str, str], Item] = {}
    mine = in_id_order(call.state.resources, lambda r: r.family == BATCHES and r.owner_id == call.user.id)
    for batch in mine:
        kind = vertical(batch.fields)
        for operation in batch.fields.get("items", []):
            if not isinstance(operation, dict):
                continue
            field = _id_field(operation)
            if field is None:
                continue
            key = (kind, operation[field])
            verb = operation.get("operation") or batch.fields.get("operation")
            if verb in REMOVING:
                items.pop(key, None)
            elif verb in ("CREATE", "UPSERT") or (verb == "UPDATE" and key in items):
                before = items.get(key, {}).get("attributes", {}) if verb == "UPDATE" else {}
                attributes = deep_merge(before, operation.get("attributes") or {})
                items[key] = {"catalog_type": kind, field: operation[field], "attributes": attributes}
    return items


def lookup(call: Call) -> dict[str, Any]:
    """The overlay of ``POST /catalogs/items``: the filtered ids' items that exist, in the asked order."""
    body = call.body if isinstance(call.body, dict) else {}
    filters = body.get("filters") if isinstance(body.get("filters"), dict) else {}
    assert isinstance(filters, dict)
    named = next((name for name in ID_FIELDS if isinstance(filters.get(f"{name}s"), list)), "item_id")
    wanted: list[Any] = filters.get(f"{named}s") or []
    kind = str(filters.get("catalog_type") or VERTICALS[named])
    items = current_items(call)
    return {"items": [items[(kind, item_id)] for item_id in wanted if (kind, item_id) in items]}


def processed(batch: dict[str, Any]) -> dict[str, Any]:
    """A batch's vertical and per-item processing records: every operation succeeded (the
    emulator checks operations against the description, and refuses the whole batch otherwise)."""
    records = []
    for operation in batch.get("items", []):
        if isinstance(operation, dict):
            field = _id_field(operation) or "item_id"
            records.append({field: operation.get(field, ""), "status": "SUCCESS", "errors": [], "warnings": []})
    return {"catalog_type": vertical(batch), "items": records}
