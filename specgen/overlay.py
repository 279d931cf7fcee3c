"""Apply an OpenAPI Overlay document (Overlay Specification 1.0.0) to a description.

An overlay is a list of *actions*; each names a ``target`` (a JSONPath, RFC 9535) and
either an ``update`` (an object merged into every node the target selects: mappings are
merged key by key, lists are appended to, anything else is replaced) or ``remove: true``
(the selected nodes are taken out of their parents). Actions apply in order, each to the
result of the previous ones, as the specification says.

The project's overlays only use *normalized paths* (``$['paths']['/pins']['get']``): a
target that selects nothing is a fact the description no longer matches, so
:func:`apply_overlay` reports it instead of ignoring it (the specification allows either).

Besides the specification's fields, an action may carry ``x-fact`` (the record of the fact
sheet it comes from, for review) and ``x-drop-if-present`` (a normalized path: when that
node already exists, the description has this change already and the action is dropped;
this is how a newer published description steps in for the overlay, entry by entry).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonpath_rfc9535 as jsonpath

OVERLAY_VERSION = "1.0.0"


class OverlayError(Exception):
    """The overlay document is not one this module can apply (a bad target or action)."""


@dataclass
class OverlayResult:
    """What applying an overlay did: how many actions applied, which were dropped and why."""

    applied: int = 0
    dropped: list[str] = field(default_factory=list)  # the dropped actions' ``x-fact`` (or target)
    unmatched: list[str] = field(default_factory=list)  # targets that selected nothing


def merge_update(node: Any, update: Any) -> Any:
    """``update`` merged into ``node`` as the Overlay Specification describes; the merged value."""
    if isinstance(node, dict) and isinstance(update, dict):
        for key, value in update.items():
            node[key] = merge_update(node[key], value) if key in node else copy.deepcopy(value)
        return node
    if isinstance(node, list) and isinstance(update, list):
        node.extend(copy.deepcopy(update))
        return node
    return copy.deepcopy(update)


def _exists(document: Any, path: str) -> bool:
    return len(jsonpath.find(path, document)) > 0


def _remove(document: Any, location: Sequence[str | int]) -> None:
    parent: Any = document
    for key in location[:-1]:
        parent = parent[key]
    del parent[location[-1]]


def apply_overlay(document: dict[str, Any], overlay: dict[str, Any]) -> OverlayResult:
    """Apply ``overlay``'s actions to ``document`` in place; what was applied and dropped."""
    if str(overlay.get("overlay", "")).split(".")[0] != OVERLAY_VERSION.split(".")[0]:
        raise OverlayError(f"not an Overlay {OVERLAY_VERSION} document (overlay: {overlay.get('overlay')!r})")
    result = OverlayResult()
    for action in overlay.get("actions", []):
        target = action.get("target")
        label = str(action.get("x-fact") or target)
        if not isinstance(target, str):
            raise OverlayError(f"an overlay action has no target: {label}")
        present = action.get("x-drop-if-present")
        if isinstance(present, str) and _exists(document, present):
            result.dropped.append(label)
            continue
        try:
            nodes = jsonpath.find(target, document)
        except jsonpath.JSONPathError as exc:
            raise OverlayError(f"bad target {target!r}: {exc}") from None
        if not nodes:
            result.unmatched.append(target)
            continue
        if action.get("remove") is True:
            # Deepest and last first, so removing one node never moves another that is still to go.
            for node in sorted(nodes, key=lambda n: n.location, reverse=True):
                _remove(document, node.location)
        elif "update" in action:
            for node in nodes:
                merged = merge_update(node.value, action["update"])
                if merged is not node.value:
                    parent: Any = document
                    for key in node.location[:-1]:
                        parent = parent[key]
                    parent[node.location[-1]] = merged
        else:
            raise OverlayError(f"an overlay action neither updates nor removes: {label}")
        result.applied += 1
    return result
