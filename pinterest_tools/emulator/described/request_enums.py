"""Enum values 5.28.0 refuses in a request where the project's description shares a wider enum.

The 5.28.0 overlay (``specs/v5/overlay``) adds to the shared ``ObjectiveType`` every value
5.28.0's campaign answers carry, so that an answer about an old campaign (``WEB_SESSIONS``,
``VIDEO_VIEW``) still parses; requests that name that component accept them too. 5.28.0
gives each request field an enum of its own (the models of ``pinterestsdk`` 2.1.0,
generated from 5.28.0), which the emulator holds requests to (400 code 1, as for any
enum):

- a campaign create or update (``CampaignCreateItem``, ``CampaignBatchUpdateItem``):
  ``ConversionObjectiveType``, without the deprecated ``WEB_SESSIONS`` and ``VIDEO_VIEW``;
- an audience's ``rule`` (``AdAccountsAudienceRule``): ``AudienceObjectiveType``;
- a bid floor spec (``BidFloorSpec``): ``BidFloorObjectiveType``.
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.emulator.wire.errors import invalid

EVERY = "*"  # every element of a list
AUDIENCE = ("AWARENESS", "CONSIDERATION", "WEB_CONVERSION", "CATALOG_SALES", "VIDEO_COMPLETION", "SALES")
CONVERSION = (*AUDIENCE, "APP_INSTALL", "LEADS", "CTV_CONSIDERATION")
BID_FLOOR = AUDIENCE
# operation -> (where in the body, the values 5.28.0 takes there)
NARROWER: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "campaigns_create": ((EVERY, "objective_type"), CONVERSION),
    "campaigns_update": ((EVERY, "objective_type"), CONVERSION),
    "audiences_create": (("rule", "objective_type", EVERY), AUDIENCE),
    "audiences_update": (("rule", "objective_type", EVERY), AUDIENCE),
    "ad_groups_bid_floor_get": (("bid_floor_specs", EVERY, "objective_type"), BID_FLOOR),
}


def _values(node: Any, steps: tuple[str, ...], here: str) -> list[tuple[str, Any]]:
    """(place, value) of what ``node`` holds along ``steps``."""
    if not steps:
        return [(here, node)]
    step, rest = steps[0], steps[1:]
    if step == EVERY:
        items = node if isinstance(node, list) else []
        return [found for i, item in enumerate(items) for found in _values(item, rest, f"{here}[{i}]")]
    if isinstance(node, dict) and step in node:
        return _values(node[step], rest, f"{here}.{step}" if here else step)
    return []


def check(operation_id: str, body: Any) -> None:
    """400 for a value 5.28.0 does not take at a place ``NARROWER`` names."""
    if operation_id not in NARROWER:
        return
    steps, allowed = NARROWER[operation_id]
    for place, value in _values(body, steps, ""):
        if value is not None and value not in allowed:
            raise invalid(f"{place}: {value!r} is not one of {', '.join(allowed)}.")
