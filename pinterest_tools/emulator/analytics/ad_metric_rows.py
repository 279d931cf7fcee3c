"""Ads metrics as rows: which objects a reporting level covers, and one row per object and bucket.

Shared by v5's synchronous analytics, ads v4's delivery metrics and the async reports of
both, so the same account, dates and columns give the same numbers everywhere. A row
holds the level's id column, ``DATE`` unless the granularity is TOTAL (plus ``HOUR`` for
hourly rows), then each requested column: a metric's deterministic value (``metrics``), or
an attribute of the object or its parents (CAMPAIGN_NAME, AD_GROUP_ID, PIN_ID, ...).
Descriptive columns the emulator knows nothing about (budgets, labels, product data) are
left out of the row, as Pinterest leaves out columns without a value.

Levels that name objects the emulator does not model (keywords, product groups,
targeting breakdowns) cover nothing: their reports are empty, not errors. An id a
synchronous query or an async report request names (``campaign_ids``, ``ad_group_ids``,
``ad_ids``) must be an object of the ad account: ``check_ids`` makes any other a 400 naming
it, as Pinterest answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pinterest_tools.emulator.analytics import metric_values
from pinterest_tools.emulator.analytics.metric_values import Bucket, Entity, Kind, Number
from pinterest_tools.emulator.data.records import ADS_EPOCH, Ad, AdAccount, AdGroup, Campaign, MetricFilter
from pinterest_tools.emulator.data.state import State
from pinterest_tools.emulator.wire.errors import ApiError

# The code of the 400 for an id that is not the ad account's, in each API: v5's ads analytics
# operations document theirs as {"code": 400, "message": "Invalid ad account ... analytics
# parameters."}; ads v4 documents none of its own for it, so it is that of any invalid parameter.
V5_UNKNOWN_ID_CODE = 400
V4_UNKNOWN_ID_CODE = 1

# Reporting level -> the id column its rows carry.
LEVEL_ID_COLUMN = {
    "ADVERTISER": "ADVERTISER_ID",
    "CAMPAIGN": "CAMPAIGN_ID",
    "AD_GROUP": "AD_GROUP_ID",
    "PIN_PROMOTION": "PIN_PROMOTION_ID",
    "AD": "AD_ID",
}


@dataclass(frozen=True, slots=True)
class Chain:
    """An object a row is about, with its parents (an ad's group, campaign and account)."""

    account: AdAccount
    campaign: Campaign | None = None
    group: AdGroup | None = None
    ad: Ad | None = None
    # The ads under an account, campaign or ad group whose counts and spend its own are the
    # sum of (as on Pinterest, where only ads deliver); None: the chain's numbers are its own.
    ads: tuple[Ad, ...] | None = None

    @property
    def leaf(self) -> AdAccount | Campaign | AdGroup | Ad:
        return self.ad or self.group or self.campaign or self.account

    @property
    def entity(self) -> Entity:
        leaf = self.leaf
        name = type(leaf).__name__.lower()
        created = dt.datetime.fromtimestamp(leaf.created_time or ADS_EPOCH, dt.UTC).date()
        return Entity(f"{name}:{leaf.id}", created)


def _attributes(chain: Chain) -> dict[str, Callable[[], Any]]:
    """Column -> value for the attribute columns this chain can answer."""
    found: dict[str, Callable[[], Any]] = {
        "ADVERTISER_ID": lambda: chain.account.id,
        "AD_ACCOUNT_ID": lambda: chain.account.id,
    }
    campaign, group, ad = chain.campaign, chain.group, chain.ad
    if campaign is not None:
        found |= {
            "CAMPAIGN_ID": lambda: campaign.id,
            "CAMPAIGN_NAME": lambda: campaign.name,
            "CAMPAIGN_STATUS": lambda: campaign.status,
            "CAMPAIGN_ENTITY_STATUS": lambda: campaign.status,
            "CAMPAIGN_OBJECTIVE_TYPE": lambda: campaign.objective_type,
        }
    if group is not None:
        found |= {
            "AD_GROUP_ID": lambda: group.id,
            "AD_GROUP_NAME": lambda: group.name,
            "AD_GROUP_STATUS": lambda: group.status,
            "AD_GROUP_ENTITY_STATUS": lambda: group.status,
        }
    if ad is not None:
        found |= {
            "AD_ID": lambda: ad.id,
            "PIN_PROMOTION_ID": lambda: ad.id,
            "AD_NAME": lambda: ad.name,
            "PIN_PROMOTION_NAME": lambda: ad.name,
            "AD_STATUS": lambda: ad.status,
            "PIN_PROMOTION_STATUS": lambda: ad.status,
        }
        if ad.pin_id:
            found["PIN_ID"] = lambda: ad.pin_id
    return found


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


_DESCRIPTIVE_ENDINGS = ("_ID", "_NAME", "_STATUS", "_TYPE", "_LABEL", "_LABELS", "_URL", "_CURRENCY", "_TAG")


def is_attribute(column: str) -> bool:
    """Whether a column describes an object rather than measuring it."""
    return column.endswith(_DESCRIPTIVE_ENDINGS) or column.startswith("IS_") or column.endswith("_OPTIMIZATION")


def chains(state: State, account: AdAccount, level: str, ids: Mapping[str, Sequence[str]]) -> list[Chain]:
    """The objects of ``account`` a level covers, narrowed by ``campaign_ids``, ``ad_group_ids``, ``ad_ids``."""

    def wanted(key: str, record_id: str) -> bool:
        return not ids.get(key) or record_id in ids[key]

    campaigns = {c.id: c for c in state.campaigns_of(account.id) if wanted("campaign_ids", c.id)}
    groups = {
        g.id: g for g in state.ad_groups_of(account.id) if g.campaign_id in campaigns and wanted("ad_group_ids", g.id)
    }
    ads = state.ads_of(account.id)
    if level == "ADVERTISER":
        return [Chain(account, ads=tuple(ads))]
    if level == "CAMPAIGN":
        return [Chain(account, c, ads=tuple(a for a in ads if a.campaign_id == c.id)) for c in campaigns.values()]
    if level == "AD_GROUP":
        return [
            Chain(account, campaigns[g.campaign_id], g, ads=tuple(a for a in ads if a.ad_group_id == g.id))
            for g in groups.values()
        ]
    if level in ("PIN_PROMOTION", "AD"):
        return [
            Chain(account, campaigns[a.campaign_id], groups[a.ad_group_id], a)
            for a in ads
            if a.ad_group_id in groups and wanted("ad_ids", a.id)
        ]
    return []


# Id-list query parameter -> the level of the objects it names.
ID_KEY_LEVEL = {"campaign_ids": "CAMPAIGN", "ad_group_ids": "AD_GROUP", "ad_ids": "AD"}


def not_of_account(key: str, ids: Sequence[str], account: AdAccount, *, code: int) -> ApiError:
    """A 400 naming the ids of ``key`` that are no object of ``account`` (the code is the API's own)."""
    return ApiError(400, code, f"{key}: {', '.join(ids)} is not an object of ad account {account.id}.")


def check_ids(state: State, account: AdAccount, ids: Mapping[str, Sequence[str]], *, code: int) -> None:
    """Raise ``not_of_account`` for the first key of ``ids`` naming an object that does not exist or is
    not ``account``'s: a campaign, ad group or ad of another account is as unknown as a made-up id."""
    for key, asked in ids.items():
        found = {c.leaf.id for c in chains(state, account, ID_KEY_LEVEL[key], {key: asked})}
        if missing := [i for i in dict.fromkeys(asked) if i not in found]:
            raise not_of_account(key, missing, account, code=code)


def row(
    chain: Chain,
    bucket: Bucket,
    columns: Iterable[str],
    today: dt.date,
    *,
    id_column: str,
    granularity: str,
    leading: Iterable[str] = (),
    known: Mapping[str, Any] | None = None,
    entity: Entity | None = None,
) -> dict[str, Any]:
    """One row: the id column, ``leading`` attribute columns, DATE (and HOUR), then ``columns``.

    ``known`` adds attribute columns the chain does not have (a breakdown's ``PIN_ID`` or
    ``PRODUCT_GROUP_ID``); ``entity`` seeds the metrics instead of the chain's own (one
    targeting value's share of an object, a Pin within a campaign).
    """
    attributes = _attributes(chain) | {column: _constant(v) for column, v in (known or {}).items()}
    out: dict[str, Any] = {id_column: attributes[id_column]()}
    for column in leading:
        if column in attributes:
            out[column] = attributes[column]()
    if granularity != "TOTAL":
        out["DATE"] = bucket.start.isoformat()
        if bucket.hour is not None:
            out["HOUR"] = bucket.hour
    for column in columns:
        if column in out:
            continue
        if column in attributes:
            out[column] = attributes[column]()
        elif not is_attribute(column):
            out[column] = metric(chain, bucket, column, today, entity)
    return out


def metric(chain: Chain, bucket: Bucket, column: str, today: dt.date, entity: Entity | None = None) -> Number:
    """A metric of a row: an ad's own; an account's, campaign's or ad group's counts and spend
    the sum of its ads' (so account = campaigns = ad groups = ads, as on Pinterest), its
    count rates recomputed from those sums. Prices, durations and other ratios do not sum:
    each object has its own. ``entity`` (a breakdown's share) seeds the numbers instead."""
    kind = metric_values.kind(column)
    if entity is not None or chain.ads is None or kind in (Kind.PRICE, Kind.RATIO):
        return metric_values.value(entity or chain.entity, bucket, column, today)
    leaves = [Chain(chain.account, ad=ad).entity for ad in chain.ads]

    def total(name: str) -> Number:
        return sum(metric_values.value(leaf, bucket, name, today) for leaf in leaves)

    if kind in (Kind.IMPRESSIONS, Kind.COUNT):
        return total(column)
    if kind is Kind.SPEND:
        return total(column) if "MICRO_DOLLAR" in column else round(total(column), 2)
    numerator = column.removesuffix("_RATE")  # a RATE
    if numerator != column and metric_values.kind(numerator) in (Kind.COUNT, Kind.IMPRESSIONS):
        impressions = total("IMPRESSION")
        return round(total(numerator) / impressions, 6) if impressions else 0.0
    return metric_values.value(chain.entity, bucket, column, today)


def passes(chain: Chain, bucket: Bucket, filters: Iterable[MetricFilter], today: dt.date) -> bool:
    """Whether a row meets every filter (SPEND_IN_DOLLAR GREATER_THAN 1, ...)."""
    for found in filters:
        current = metric(chain, bucket, found.field, today)
        if not OPERATORS[found.operator](current, found.value):
            return False
    return True


OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "GREATER_THAN": lambda a, b: a > b,
    "LESS_THAN": lambda a, b: a < b,
    "GREATER_THAN_OR_EQUAL": lambda a, b: a >= b,
    "LESS_THAN_OR_EQUAL": lambda a, b: a <= b,
    "EQUAL": lambda a, b: a == b,
    "NOT_EQUAL": lambda a, b: a != b,
}
