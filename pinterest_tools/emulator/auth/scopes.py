"""Which scopes an operation needs, whether a token has them, and how to describe them.

The required scopes come from the generated ``operations`` modules, i.e. from the API
descriptions themselves, so enforcement follows the description rather than a list kept
here. v3 has composite scopes (``read_organic`` covers ``read_boards``, ...), expanded here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from pinterest_api_v3.operations import OPERATIONS as V3_OPERATIONS
from pinterest_api_v3.operations import SCOPES as V3_SCOPES
from pinterest_api_v5.operations import OPERATIONS as V5_OPERATIONS
from pinterest_api_v5.operations import SCOPES as V5_SCOPES

# v3 composites (reference/api-v3.md §2): what each one grants.
V3_COMPOSITES: dict[str, tuple[str, ...]] = {
    "read_organic": ("read_boards", "read_pins", "read_users", "read_user_followers", "read_domains"),
    "write_organic": ("write_boards", "write_pins", "write_users", "write_user_followees"),
    "manage_organic": ("read_organic", "write_organic"),
    "read_secret": ("read_secret_boards", "read_secret_pins"),
    "read_ads": ("read_advertisers", "read_campaigns", "read_pin_promotions"),
    "write_ads": ("write_advertisers", "write_campaigns", "write_pin_promotions", "write_conversion_event_data"),
    "manage_ads": ("read_ads", "write_ads"),
    "manage_merchants": ("read_merchants", "write_merchants"),
}


def catalog(version: int) -> dict[str, str]:
    """Every scope of an API version, with the description users see on the consent page."""
    return V5_SCOPES if version == 5 else V3_SCOPES


def required(version: int, operation_id: str) -> tuple[str, ...]:
    operations = V5_OPERATIONS if version == 5 else V3_OPERATIONS
    return operations[operation_id].scopes


def expand(granted: Iterable[str], version: int) -> set[str]:
    """The scopes a grant really covers (v3 composites unfolded, recursively)."""
    result: set[str] = set()
    pending = list(granted)
    while pending:
        scope = pending.pop()
        if scope not in result:
            result.add(scope)
            if version == 3:
                pending.extend(V3_COMPOSITES.get(scope, ()))
    return result


def missing(granted: Iterable[str], needed: Iterable[str], version: int) -> list[str]:
    """The scopes of ``needed`` that a grant of ``granted`` does not cover."""
    covered = _expanded(granted, version) if isinstance(granted, frozenset) else expand(granted, version)
    return [scope for scope in needed if scope not in covered]


@functools.lru_cache(maxsize=1024)
def _expanded(granted: frozenset[str], version: int) -> frozenset[str]:
    """:func:`expand` of a token's scopes (a frozenset), once per grant: every request asks."""
    return frozenset(expand(granted, version))


def parse(value: str | None) -> list[str]:
    """``a,b``, ``a b`` or ``a, b`` (Pinterest joins with commas; RFC 6749 with spaces)."""
    return [scope for scope in re.split(r"[,\s]+", value or "") if scope]


def version_of(scopes: Iterable[str]) -> int | None:
    """5 or 3 when every scope belongs to that version's catalog, else None."""
    names = set(scopes)
    if names and names <= set(V5_SCOPES):
        return 5
    if names and names <= set(V3_SCOPES):
        return 3
    return None
