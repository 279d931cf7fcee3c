"""Objects of another family a request body names: each must exist and be the caller's.

An audience built on a customer list names the list in its ``rule``
(``customer_list_id``, or a list of ``customer_list_ids``); a catalog feed, an item batch
and a product group name their catalog (``catalog_id``), a product group its feed
(``feed_id``). Pinterest refuses such an object when what it names does not exist (in
the same ad account, for an audience's list) rather than keep a dangling id. The
engine checks every id a create or update sends at the places ``REFERENCES`` lists,
against the stored objects of the named family under the same parents (the same ad
account): an unknown id, or one of another user or another ad account, is a 404, as for
an object a path names (Pinterest hides what a caller may not see). Ads objects check
their own references where their records are made (``typed_records``: an ad group's
campaign, an ad's ad group and Pin).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"
CUSTOMER_LISTS = "/ad_accounts/{ad_account_id}/customer_lists"
CATALOGS = "/catalogs"
FEEDS = "/catalogs/feeds"
PRODUCT_GROUPS = "/catalogs/product_groups"
ITEM_BATCHES = "/catalogs/items/batch"

# Family of the object sent -> (where in its body an id is, the family that id names).
REFERENCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    AUDIENCES: (
        (("rule", "customer_list_id"), CUSTOMER_LISTS),
        (("rule", "customer_list_ids"), CUSTOMER_LISTS),
    ),
    FEEDS: ((("catalog_id",), CATALOGS),),
    PRODUCT_GROUPS: ((("catalog_id",), CATALOGS), (("feed_id",), FEEDS)),
    ITEM_BATCHES: ((("catalog_id",), CATALOGS),),
}


def referenced_by(family: str) -> frozenset[str]:
    """The families objects of ``family`` may name (created before them by whoever needs both)."""
    return frozenset(target for _, target in REFERENCES.get(family, ()))


def referenced() -> frozenset[str]:
    """Every family some other family's objects name."""
    return frozenset(target for places in REFERENCES.values() for _, target in places)


def id_names() -> dict[str, str]:
    """Family -> the name its objects' ids go by in the bodies that name them (``catalog_id``)."""
    return {target: place[-1].removesuffix("s") for places in REFERENCES.values() for place, target in places}


def _ids_at(body: Any, place: tuple[str, ...]) -> list[str]:
    for key in place:
        if not isinstance(body, Mapping) or key not in body:
            return []
        body = body[key]
    values = body if isinstance(body, list) else [body]
    return [str(value) for value in values if isinstance(value, str | int) and not isinstance(value, bool)]


def named(family: str, parents: Mapping[str, str], body: Any) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(family, id, parents) of every object ``body``, sent for an object of ``family`` under
    ``parents``, names: the named object must be under the same parents where its family has them."""
    for place, target in REFERENCES.get(family, ()):
        own = {name: parents[name] for name in re.findall(r"\{(\w+)\}", target) if name in parents}
        for object_id in _ids_at(body, place):
            yield target, object_id, own
