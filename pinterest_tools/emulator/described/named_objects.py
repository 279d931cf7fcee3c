"""Which stored objects a bulk change names when it does not name them by ``id``.

Most bulk updates and deletes of the description name their objects by id (``id`` in each
element, ``ids`` or ``<family>_ids`` in the query). Some name them by another field:

- advertiser-defined events are named by their ``name``: a PATCH element
  ``{"name": ..., "mapped_conversion_type": ...}`` changes the event of that name, and
  ``DELETE ...?event_names=`` removes the events of those names;
- campaign ad previews belong to an ad group: ``DELETE ...?ad_group_ids=`` removes the
  previews of those ad groups (a query list ``<field>s`` naming objects whose ``<field>``
  matches, the general form of that rule).

Advertiser-defined events are also sent as one body ``{"items": [event, ...]}`` whose
answer has a record per event, not the events: ``split`` makes each event an object of its
own, so that the published GET lists them one by one.

The engine asks these functions only after the id rules found nothing to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pinterest_tools.emulator.data.records import Resource

# Families whose create and bulk update bodies list their objects under ``items``.
ITEMS_BODIES = frozenset({"/ad_accounts/{ad_account_id}/advertiser_defined_events"})
# Query lists that name objects by a field other than the list's singular.
QUERY_FIELDS = {"event_names": "name"}
# Fields that name an object in a bulk update element when it has no ``id``.
ELEMENT_KEYS = ("name",)


def field_named_by(parameter: str, objects: Iterable[Resource]) -> str | None:
    """The object field a query list parameter names objects by, if the family's objects have it."""
    field = QUERY_FIELDS.get(parameter) or (parameter[:-1] if parameter.endswith("s") else None)
    if field is None or field == "id":
        return None
    return field if any(field in resource.fields for resource in objects) else None


def matching(objects: Iterable[Resource], field: str, values: Iterable[str]) -> list[Resource]:
    """The objects whose ``field`` holds one of ``values`` (compared as text, as a query sends them)."""
    wanted = {str(value) for value in values}
    return [resource for resource in objects if str(resource.fields.get(field)) in wanted]


def named_in(element: dict[str, Any], objects: Iterable[Resource]) -> Resource | None:
    """The object a bulk update element without ``id`` names by a key field, if one has that value."""
    for key in ELEMENT_KEYS:
        if key in element:
            found = matching(objects, key, [element[key]])
            if found:
                return found[0]
    return None


def split(family: str, records: list[dict[str, Any]], target: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The objects of an ``{"items": [...]}`` body of a family that sends them so; others unchanged."""
    if family in ITEMS_BODIES and len(records) == 1 and isinstance(records[0].get("items"), list):
        return [item for item in records[0]["items"] if isinstance(item, dict)], "items"
    return records, target
