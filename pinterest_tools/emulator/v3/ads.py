"""Ads v4 advertisers, campaigns, ad groups and ads (the quickstart's v3 ads calls).

``/ads/v4/advertisers/?owner_user_id=<id>&include_acl=true`` lists the ad accounts of the
caller, who must be that owner (advertisers shared through an access list are not
modelled, so ``include_acl`` changes nothing); a user without any gets an empty list.
Campaigns, ad groups (``campaign_ids``) and ads (``campaign_ids``, ``ad_group_ids``) are listed
in every status, as v4 did without a status filter. Ids may be comma-separated.
"""

from __future__ import annotations

from starlette.responses import Response

from pinterest_tools.emulator.core.access import own_ad_account
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.data.records import AdAccount
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.wire import render_v3, request_fields
from pinterest_tools.emulator.wire.errors import forbidden, invalid


def advertiser(call: Call) -> AdAccount:
    return own_ad_account(call, call.path("advertiser_id"))


def ids(call: Call, key: str) -> list[str]:
    found = call.query_list(key)
    if bad := [value for value in found if not digits(value)]:
        raise invalid(f"{key}: {', '.join(bad)} is not an id (ids are numeric strings).")
    return found


def ads_advertisers_list(call: Call) -> Response:
    owner = request_fields.required_text(call.query, "owner_user_id", min_length=1)
    if owner not in (call.user.id, "me"):
        raise forbidden("You may only list the advertisers of your own user (owner_user_id).")
    request_fields.flag(call.query, "include_acl")
    accounts = call.state.ad_accounts_of(call.user.id)
    return answers.listed(call, accounts, render_v3.advertiser, listing=f"v4-adv:{call.user.id}")


def ads_campaigns_list(call: Call) -> Response:
    account = advertiser(call)
    return answers.listed(
        call, call.state.campaigns_of(account.id), render_v3.campaign, listing=f"v4-camp:{account.id}"
    )


def ads_ad_groups_list(call: Call) -> Response:
    account = advertiser(call)
    campaign_ids = ids(call, "campaign_ids")
    groups = [g for g in call.state.ad_groups_of(account.id) if not campaign_ids or g.campaign_id in campaign_ids]
    listing = f"v4-groups:{account.id}:{','.join(campaign_ids)}"
    return answers.listed(call, groups, render_v3.ad_group, listing=listing)


def ads_ads_list(call: Call) -> Response:
    account = advertiser(call)
    campaign_ids, group_ids = ids(call, "campaign_ids"), ids(call, "ad_group_ids")
    ads = [
        ad
        for ad in call.state.ads_of(account.id)
        if (not campaign_ids or ad.campaign_id in campaign_ids) and (not group_ids or ad.ad_group_id in group_ids)
    ]
    listing = f"v4-ads:{account.id}:{','.join(campaign_ids)}:{','.join(group_ids)}"
    return answers.listed(call, ads, render_v3.ad, listing=listing)


ROUTES = [
    operation(V3, "ads_advertisers_list", ads_advertisers_list),
    operation(V3, "ads_campaigns_list", ads_campaigns_list),
    operation(V3, "ads_ad_groups_list", ads_ad_groups_list),
    operation(V3, "ads_ads_list", ads_ads_list),
]
