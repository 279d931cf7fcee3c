"""A pin's product tags: the product pins tagged on it, kept per pin.

Pinterest answers adding and reading with the pin's whole tag list, so the tags are one
stored object per pin (``{"product_tags": [{"pin_id": ...}, ...]}``) rather than one
object per tag. Adding a tag the pin carries already, or removing one it does not carry,
changes nothing, as Pinterest documents; the order is the order of first tagging.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource

FAMILY = "/pins/{pin_id}/product_tags"


def _tags_of(call: Call) -> Resource:
    """The pin's stored tag list, made empty on first use."""
    parents = {"pin_id": call.path("pin_id")}
    found = call.state.resources_in(FAMILY, parents)
    if found:
        return found[0]
    resource = Resource(call.state.new_id(), FAMILY, call.user.id, parents, {"product_tags": []})
    call.state.resources[resource.id] = resource
    return resource


def _sent(call: Call) -> list[str]:
    body = call.body if isinstance(call.body, dict) else {}
    return [str(tag.get("pin_id")) for tag in body.get("product_tags", ()) if isinstance(tag, dict)]


def read(call: Call) -> dict[str, Any]:
    return dict(_tags_of(call).fields)


def add(call: Call) -> dict[str, Any]:
    resource = _tags_of(call)
    tagged = [tag["pin_id"] for tag in resource.fields["product_tags"]]
    tagged += [pin for pin in dict.fromkeys(_sent(call)) if pin not in tagged]
    resource.fields = {"product_tags": [{"pin_id": pin} for pin in tagged]}
    return dict(resource.fields)


def remove(call: Call) -> dict[str, Any]:
    resource = _tags_of(call)
    gone = set(_sent(call))
    resource.fields = {"product_tags": [tag for tag in resource.fields["product_tags"] if tag["pin_id"] not in gone]}
    return {}


# operation (as the generated package names it) -> the overlay of its answer
OPERATIONS: dict[str, Callable[[Call], dict[str, Any]]] = {
    "product_tags_list": read,
    "product_tags_bulk_add": add,
    "product_tags_bulk_delete": remove,
}
