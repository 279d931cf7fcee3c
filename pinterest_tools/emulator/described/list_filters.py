"""The documented filters and order of a stored family's list, read from its query parameters.

The description names the filters of each list operation; the emulator applies those
whose meaning the name gives away, to the objects' stored fields:

- ``id``, or ``<object>_ids`` for the family's own objects (``label_ids`` on labels,
  ``product_group_promotion_ids`` on product group promotions): the objects with those ids;
- ``<other>_ids`` (``ad_group_ids`` on keywords, ``campaign_ids`` on labels): the objects
  whose ``<other>_id`` field is one of them;
- ``entity_statuses`` and ``statuses``: the objects whose ``status`` is one of them;
  ``match_types``: whose ``match_type`` is one of them;
- a parameter naming one id (``feed_id``, ``catalog_id``, ``campaign_id``,
  ``ad_group_id``): the objects whose field of that name holds it;
- for both: an object created under a ``parent_id`` (keywords, labels: the description's
  ``parent_id`` is an ad group or a campaign) is under that ad group or campaign, and an
  ad group's object under its campaign too, so ``keywords?ad_group_id=`` finds the keywords
  created with that ad group as ``parent_id``;
- ``order``: ``ASCENDING`` (the default) or ``DESCENDING`` by id, as the description says.

``ad_account_id`` in the query says whom the caller acts for (checked with ownership),
and the paging parameters page; neither filters. Any other parameter (``ownership_type``,
``include_sizing``, ...) changes nothing here.
"""

from __future__ import annotations

from collections.abc import Callable

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described.schema_table import OperationShape

NOT_FILTERS = frozenset({"page_size", "bookmark", "ad_account_id", "order"})
FIELD_LISTS = {"entity_statuses": "status", "statuses": "status", "match_types": "match_type"}


def _own_ids_parameter(family: str) -> str:
    """``/ad_accounts/{ad_account_id}/labels`` -> ``label_ids``."""
    return family.rsplit("/", 1)[-1].removesuffix("s") + "_ids"


def _ids_in(call: Call, resource: Resource, field: str) -> set[str]:
    """The ids ``resource`` has in ``field`` (``ad_group_id``): its own, or what its ``parent_id`` is."""
    found = {str(resource.fields[field])} if resource.fields.get(field) is not None else set()
    parent = str(resource.fields.get("parent_id", ""))
    if group := call.state.ad_groups.get(parent):
        found |= {group.id} if field == "ad_group_id" else {group.campaign_id} if field == "campaign_id" else set()
    elif parent in call.state.campaigns and field == "campaign_id":
        found.add(parent)
    return found


def _keep(call: Call, family: str, name: str) -> Callable[[Resource], bool] | None:
    """The test an object must pass for the query parameter ``name``, or None if it filters nothing."""
    if name == "id" or name == _own_ids_parameter(family):
        wanted = set(call.query_list(name))
        return lambda r: r.id in wanted
    if name in FIELD_LISTS:
        field, values = FIELD_LISTS[name], set(call.query_list(name))
        return lambda r: r.fields.get(field) in values
    if name.endswith("_ids"):
        field, values = name.removesuffix("s"), set(call.query_list(name))
        return lambda r: bool(_ids_in(call, r, field) & values)
    if name.endswith("_id"):
        value = call.query[name]
        return lambda r: value in _ids_in(call, r, name)
    return None


def filtered(call: Call, shape: OperationShape, family: str, objects: list[Resource]) -> list[Resource]:
    """``objects`` (in id order) with the query's filters applied, in the order it asks for."""
    for parameter in shape.query_parameters():
        if parameter.name in NOT_FILTERS or parameter.name not in call.query:
            continue
        keep = _keep(call, family, parameter.name)
        if keep is not None:
            objects = [r for r in objects if keep(r)]
    return objects


def sort_key(call: Call) -> Callable[[Resource], int]:
    """The paging key: the id, negated when the query asks for ``order=DESCENDING``."""
    sign = -1 if call.query.get("order") == "DESCENDING" else 1
    return lambda r: sign * int(r.id)
