"""The values a targeting breakdown reports for an ads object: from its objects where they say, else fixed.

Targeting analytics split an object's numbers by a targeting type (``APPTYPE``,
``AGE_BUCKET``, ``KEYWORD``, ...) into one row per value. Where the emulator stores
what a value is, the values come from there: ``KEYWORD`` is the keywords kept under the
object (or, for an ad account, under any of its campaigns and ad groups),
``AUDIENCE_INCLUDE`` the ids of the ad account's audiences, ``COUNTRY`` the ad account's
country and ``CREATIVE_TYPE`` the creative types of the ads under the object. A type
whose source is empty has no rows. Every other type has the fixed values below (those of
the description's example response, completed with their usual siblings), so the same
object always breaks down the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from pinterest_tools.emulator.analytics.ad_metric_rows import Chain
from pinterest_tools.emulator.data.records import AdAccount
from pinterest_tools.emulator.data.state import State

KEYWORDS = "/ad_accounts/{ad_account_id}/keywords"
AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"

AGE_BUCKETS = ("18-24", "25-34", "35-44", "45-49", "50-54", "55-64", "65+")
GENDERS = ("female", "male", "unknown")
FIXED: dict[str, tuple[str, ...]] = {
    "APPTYPE": ("iphone", "ipad", "web", "web_mobile", "android_mobile", "android_tablet"),
    "GENDER": GENDERS,
    "AGE_BUCKET": AGE_BUCKETS,
    "AGE_BUCKET_AND_GENDER": tuple(f"{age}:{gender}" for age in AGE_BUCKETS for gender in GENDERS),
    "LOCATION": ("500", "501", "803"),
    "GEO": ("US:94102", "US:10001", "US:60601"),
    "REGION": ("US-CA", "US-NY", "US-IL"),
    "PLACEMENT": ("SEARCH", "BROWSE", "OTHER"),
    "TARGETED_INTEREST": ("Food and Drinks", "Travel", "Home Decor"),
    "PINNER_INTEREST": ("Chocolate Cookies", "Cocktails", "Beach Vacations"),
    "CREATIVE_ENHANCEMENTS": ("ORIGINAL", "ENHANCED"),
    "AUDIENCE_MULTIPLIER": ("1", "2", "3"),
    "QUIZ_RESULT": ("1", "2", "3"),
}


def _stored(state: State, family: str, account: AdAccount) -> list[dict[str, object]]:
    return [r.parents | r.fields for r in state.resources_in(family, {"ad_account_id": account.id})]


def _under(chain: Chain) -> set[str]:
    """The ids a keyword may hang from for ``chain``: the object itself, or any of an account's."""
    if chain.leaf is chain.account:
        return {"*"}
    return {leaf.id for leaf in (chain.campaign, chain.group, chain.ad) if leaf is not None}


def _keywords(state: State, chain: Chain) -> list[str]:
    under = _under(chain)
    found = [
        str(k["value"])
        for k in _stored(state, KEYWORDS, chain.account)
        if "value" in k and ("*" in under or str(k.get("parent_id")) in under)
    ]
    return list(dict.fromkeys(found))


def _creative_types(state: State, chain: Chain) -> list[str]:
    ads = state.ads_of(chain.account.id)
    if chain.ad is not None:
        ads = [chain.ad]
    elif chain.group is not None:
        ads = [a for a in ads if a.ad_group_id == chain.group.id]
    elif chain.campaign is not None:
        ads = [a for a in ads if a.campaign_id == chain.campaign.id]
    return list(dict.fromkeys(a.creative_type for a in ads if a.creative_type))


def values(state: State, chain: Chain, targeting_type: str) -> list[str]:
    """The values ``chain``'s numbers split into for ``targeting_type``, in a stable order."""
    if targeting_type == "KEYWORD":
        return _keywords(state, chain)
    if targeting_type == "AUDIENCE_INCLUDE":
        return [str(a["id"]) for a in _stored(state, AUDIENCES, chain.account)]
    if targeting_type == "COUNTRY":
        return [chain.account.country] if chain.account.country else []
    if targeting_type == "CREATIVE_TYPE":
        return _creative_types(state, chain)
    return list(FIXED.get(targeting_type, ()))


def breakdown(state: State, chain: Chain, targeting_types: Iterable[str]) -> list[tuple[str, str]]:
    """(type, value) pairs for every requested type, types in the order asked."""
    return [(kind, value) for kind in dict.fromkeys(targeting_types) for value in values(state, chain, kind)]
