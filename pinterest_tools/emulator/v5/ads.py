"""v5 ads objects: ad accounts, and their campaigns, ad groups and ads, with the list filters.

The commands walk account -> campaign (``campaign_ids``) -> ad group (``ad_group_ids``) ->
ad, so those filters narrow as the description says; ``entity_statuses`` defaults to
ACTIVE and PAUSED, as on Pinterest, and ``order`` pages by id either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from pinterest_api_v5.models.ad_accounts_list_response import AdAccountsListResponse
from pinterest_api_v5.models.ad_groups_list_response import AdGroupsListResponse
from pinterest_api_v5.models.ads_list_response import AdsListResponse
from pinterest_api_v5.models.campaigns_list_entity_statuses_item import CampaignsListEntityStatusesItem
from pinterest_api_v5.models.campaigns_list_order import CampaignsListOrder
from pinterest_api_v5.models.campaigns_list_response import CampaignsListResponse
from pinterest_api_v5.models.get_ad_groups_by_promotion_ids_list_order import GetAdGroupsByPromotionIdsListOrder
from pinterest_api_v5.models.get_ad_groups_by_promotion_ids_list_response import (
    GetAdGroupsByPromotionIdsListResponse,
)
from pinterest_api_v5.models.promotion_applied_ad_group import PromotionAppliedAdGroup
from starlette.responses import Response

from pinterest_tools.emulator.core.access import own_ad_account
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.data.records import AdAccount, AdGroup
from pinterest_tools.emulator.wire import render_v5, request_fields
from pinterest_tools.emulator.wire.errors import invalid
from pinterest_tools.emulator.wire.model_responses import Model, page_response
from pinterest_tools.emulator.wire.paging import paginate

STATUSES = [member.value for member in CampaignsListEntityStatusesItem]
DEFAULT_STATUSES = ("ACTIVE", "PAUSED")
MAX_IDS = 250
MAX_PROMOTIONS = 50  # the description: "The promotions (1 to 50)"


class _Listed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...


R = TypeVar("R", bound=_Listed)


def ids_filter(call: Call, key: str) -> list[str]:
    """An id-list filter, repeated (``campaign_ids=1&campaign_ids=2``, as the description has it)
    or comma-joined (``campaign_ids=1,2``, as Pinterest's official SDK sends it): numeric ids,
    at most 250."""
    ids = call.query_list(key)
    if bad := [value for value in ids if not digits(value)]:
        raise invalid(f"{key}: {', '.join(bad)} is not an id (ids are numeric strings).")
    if len(ids) > MAX_IDS:
        raise invalid(f"{key}: at most {MAX_IDS} ids, not {len(ids)}.")
    return ids


def _listed(
    call: Call,
    records: Sequence[R],
    listing: str,
    page_model: Callable[..., Model],
    render_one: Callable[[R], Model],
) -> Response:
    """Filter by ``entity_statuses``, order by id, page."""
    statuses = (
        request_fields.choices(call.query_list("entity_statuses"), "entity_statuses", STATUSES) or DEFAULT_STATUSES
    )
    order = request_fields.choice(call.query, "order", [member.value for member in CampaignsListOrder], "ASCENDING")
    sign = -1 if order == "DESCENDING" else 1
    kept = sorted((r for r in records if r.status in statuses), key=lambda r: sign * int(r.id))
    listing += f":{','.join(sorted(statuses))}:{order}"
    page = paginate(kept, call.query, listing=listing, key=lambda r: sign * int(r.id))
    return page_response(page_model, [render_one(r) for r in page.items], page.bookmark)


def ad_accounts_list(call: Call) -> Response:
    request_fields.flag(call.query, "include_shared_accounts", True)  # nothing is shared in the emulator
    accounts = call.state.ad_accounts_of(call.user.id)
    page = paginate(accounts, call.query, listing=f"ad_accounts:{call.user.id}", key=lambda a: int(a.id))
    items = [render_v5.ad_account(call.state, account) for account in page.items]
    return page_response(AdAccountsListResponse, items, page.bookmark)


def _account(call: Call) -> AdAccount:
    return own_ad_account(call, call.path("ad_account_id"))


def campaigns_list(call: Call) -> Response:
    account = _account(call)
    wanted = ids_filter(call, "campaign_ids")
    campaigns = [c for c in call.state.campaigns_of(account.id) if not wanted or c.id in wanted]
    listing = f"campaigns:{account.id}:{','.join(wanted)}"
    return _listed(call, campaigns, listing, CampaignsListResponse, render_v5.campaign)


def ad_groups_list(call: Call) -> Response:
    account = _account(call)
    campaign_ids, group_ids = ids_filter(call, "campaign_ids"), ids_filter(call, "ad_group_ids")
    request_fields.flag(call.query, "translate_interests_to_names")
    groups = [
        g
        for g in call.state.ad_groups_of(account.id)
        if (not campaign_ids or g.campaign_id in campaign_ids) and (not group_ids or g.id in group_ids)
    ]
    listing = f"ad_groups:{account.id}:{','.join(campaign_ids)}:{','.join(group_ids)}"
    return _listed(call, groups, listing, AdGroupsListResponse, render_v5.ad_group)


def _promotions(group: AdGroup) -> set[str]:
    """The promotions applied to an ad group: its ``promotion_id`` and ``promotion_ids``, as sent."""
    single, listed = group.extra.get("promotion_id"), group.extra.get("promotion_ids")
    found = {single} if isinstance(single, str) else set()
    return found | ({value for value in listed if isinstance(value, str)} if isinstance(listed, list) else set())


def ad_groups_by_promotions(call: Call) -> Response:
    """The account's ad groups that any of ``promotion_ids`` is applied to, whatever their status,
    each the ad group its own get answers (Pinterest's full ad group), ordered by id and paged."""
    account = _account(call)
    wanted = set(ids_filter(call, "promotion_ids"))
    if not wanted:
        raise invalid("promotion_ids: this parameter is required.")
    if len(wanted) > MAX_PROMOTIONS:
        raise invalid(f"promotion_ids: at most {MAX_PROMOTIONS} ids, not {len(wanted)}.")
    orders = [member.value for member in GetAdGroupsByPromotionIdsListOrder]
    sign = -1 if request_fields.choice(call.query, "order", orders, "ASCENDING") == "DESCENDING" else 1
    groups = sorted(
        (g for g in call.state.ad_groups_of(account.id) if wanted & _promotions(g)), key=lambda g: int(g.id)
    )
    listing = f"promotion_applied_entities:{account.id}:{','.join(sorted(wanted))}:{sign}"
    page = paginate(groups[::sign], call.query, listing=listing, key=lambda g: sign * int(g.id))
    items = [PromotionAppliedAdGroup.from_dict(render_v5.ad_group(g).to_dict()) for g in page.items]
    return page_response(GetAdGroupsByPromotionIdsListResponse, items, page.bookmark)


def ads_list(call: Call) -> Response:
    account = _account(call)
    filters = {key: ids_filter(call, key) for key in ("campaign_ids", "ad_group_ids", "ad_ids")}
    ads = [
        ad
        for ad in call.state.ads_of(account.id)
        if (not filters["campaign_ids"] or ad.campaign_id in filters["campaign_ids"])
        and (not filters["ad_group_ids"] or ad.ad_group_id in filters["ad_group_ids"])
        and (not filters["ad_ids"] or ad.id in filters["ad_ids"])
    ]
    listing = "ads:" + account.id + ":" + ":".join(",".join(ids) for ids in filters.values())
    return _listed(call, ads, listing, AdsListResponse, render_v5.ad)


ROUTES = [
    operation(V5, "ad_accounts_list", ad_accounts_list),
    operation(V5, "campaigns_list", campaigns_list),
    operation(V5, "ad_groups_list", ad_groups_list),
    operation(V5, "ads_list", ads_list),
    operation(V5, "get_ad_groups_by_promotion_ids_list", ad_groups_by_promotions),
]
