"""What each v5 operation does to the account, read from the reviewed table ``effects.toml``.

An operation's HTTP method does not say it: ``POST /pins/{pin_id}/product_tags/bulk-delete``
removes tags, ``POST /catalogs/items/batch`` deletes catalog items when an item's
``operation`` is ``DELETE``, ``PATCH .../campaigns`` archives a campaign for good when its
``status`` is ``ARCHIVED``, and ``POST /ad_accounts/{id}/campaigns`` can start spending money.
So every operation has a reviewed entry: its :data:`Effect` and the reason for it, and, where
a body value changes what one call does, the values that make it a delete (``delete_when``).
``tests/mcp_server/test_effects.py`` checks the table against every operation's method, path,
body enums and summary in the v5 description.

The four effects and the flags that allow them (see :class:`~.safety.Policy`):

- ``read``: changes nothing (some are POSTs that only carry a query or compute an estimate);
- ``write``: creates or changes (``--allow-writes``);
- ``delete``: removes, or changes for good: archived, revoked, data deletion asked for
  (``--allow-writes --allow-deletes``);
- ``spend``: can start spending money or changes a budget, bid or billing
  (``--allow-writes --allow-spend``).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Effect = Literal["read", "write", "delete", "spend"]
READ: Effect = "read"
WRITE: Effect = "write"
DELETE: Effect = "delete"
SPEND: Effect = "spend"
EFFECTS: tuple[Effect, ...] = (READ, WRITE, DELETE, SPEND)
TABLE = Path(__file__).with_name("effects.toml")


@dataclass(frozen=True)
class Entry:
    """One operation's row of the table."""

    effect: Effect
    reason: str
    delete_when: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    harmless: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)


@functools.cache
def table() -> dict[str, Entry]:
    """operationId -> :class:`Entry`, for all of the v5 operations."""
    raw = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    found: dict[str, Entry] = {}
    for operation_id, row in raw.items():
        effect = row["effect"]
        if effect not in EFFECTS:
            raise ValueError(f"{TABLE.name}: {operation_id}: effect {effect!r} is not one of {', '.join(EFFECTS)}")
        found[operation_id] = Entry(
            effect,
            row["reason"],
            {key: tuple(values) for key, values in row.get("delete_when", {}).items()},
            {key: tuple(values) for key, values in row.get("harmless", {}).items()},
        )
    return found


def entry(operation_id: str) -> Entry:
    """The operation's entry; an operation missing from the table is taken as a delete (the strictest)."""
    return table().get(operation_id) or Entry(DELETE, "not in the reviewed table, so treated as a delete")


def _values_at(value: Any, key: str) -> Iterable[Any]:
    """Every value of a field named ``key`` at any depth of ``value`` (objects and lists of them)."""
    if isinstance(value, Mapping):
        for name, item in value.items():
            if name == key:
                yield from item if isinstance(item, list) else [item]
            yield from _values_at(item, key)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _values_at(item, key)
    elif hasattr(value, "to_dict"):  # a generated model given by a Python caller
        yield from _values_at(value.to_dict(), key)


def of_call(operation_id: str, arguments: Mapping[str, Any]) -> frozenset[Effect]:
    """The effects of one call with ``arguments``: the operation's own, and ``delete`` where a value says so."""
    row = entry(operation_id)
    effects = {row.effect}
    for key, values in row.delete_when.items():
        if any(value in values for value in _values_at(arguments, key)):
            effects.add(DELETE)
    return frozenset(effects)


def strongest(effects: Iterable[Effect]) -> Effect:
    """The effect a listing shows for a set of them (delete and spend before write before read)."""
    chosen = set(effects)
    for effect in (DELETE, SPEND, WRITE):
        if effect in chosen:
            return effect
    return READ
