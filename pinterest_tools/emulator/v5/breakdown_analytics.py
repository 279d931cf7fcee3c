"""v5 analytics broken down within an ad account: by targeting value, by product group, by promoted Pin.

The targeting analytics of an ad account, its campaigns, ad groups and ads answer
Pinterest's ``{"data": [{"targeting_type", "targeting_value", "metrics"}]}``: per object
asked for, per requested targeting type, per value of that type
(``analytics.targeting_values``, from the stored objects where they say) and per row of
the granularity, ``metrics`` holds the object's id column, ``DATE`` (unless TOTAL) and
the requested columns. Product group analytics and ad Pin analytics answer a bare array
of rows keyed by ``PRODUCT_GROUP_ID`` or ``PIN_ID``.

Every number is ``analytics.metric_values``' deterministic value for the object, the value
or Pin it is split by, and the dates, so the same question gets the same numbers and a
longer range adds up as the ads analytics do. The query is checked as the description
states it (types, enums, bounds; 400 code 1 naming the parameter), and the dates with the
ads analytics' limits (90 days back and long, HOUR 8 back and 3 long). An id asked for
must name an object of the ad account: a campaign, ad group or ad of it, a catalog product
group of the account's owner, a Pin the caller can see; any other is a 400 naming it, with
code 400 as the ads analytics answer (the description's "invalid parameters" answer of
these operations).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.responses import JSONResponse, Response

from pinterest_tools.emulator.analytics import ad_metric_rows, metric_values, targeting_values
from pinterest_tools.emulator.analytics.ad_metric_rows import V5_UNKNOWN_ID_CODE, Chain
from pinterest_tools.emulator.analytics.metric_values import Entity
from pinterest_tools.emulator.core.access import own_ad_account, visible_pin
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.records import AdAccount
from pinterest_tools.emulator.described.engine import check_request
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.v5.ads import ids_filter
from pinterest_tools.emulator.v5.analytics import HOURLY_SPAN_DAYS, ad_account_id_of, ads_query
from pinterest_tools.emulator.wire.errors import ApiError

PRODUCT_GROUPS = "/catalogs/product_groups"


class Query:
    """What every breakdown shares: the checked request, its ad account, dates, columns and rows."""

    def __init__(self, call: Call, operation_id: str) -> None:
        check_request(call, table().operations[operation_id])
        self.call = call
        self.account: AdAccount = own_ad_account(call, ad_account_id_of(call.path("ad_account_id")) or "")
        self.start, self.end, self.columns, self.granularity = ads_query(call, HOURLY_SPAN_DAYS)
        self.today = call.clock.utcnow().date()

    def buckets(self) -> list[metric_values.Bucket]:
        return metric_values.buckets(self.start, self.end, self.granularity)

    def row(
        self, chain: Chain, bucket: metric_values.Bucket, id_column: str, entity: Entity, **known: Any
    ) -> dict[str, Any]:
        return ad_metric_rows.row(
            chain,
            bucket,
            self.columns,
            self.today,
            id_column=id_column,
            granularity=self.granularity,
            known=known,
            entity=entity,
        )


def _unknown(key: str, ids: Sequence[str], account: AdAccount) -> ApiError:
    return ad_metric_rows.not_of_account(key, ids, account, code=V5_UNKNOWN_ID_CODE)


def _chains(query: Query, level: str, key: str) -> list[Chain]:
    """The account's objects the query's ``key`` (``campaign_ids``, ...) names, each one of them."""
    if level == "ADVERTISER":
        return [Chain(query.account)]
    ids = list(dict.fromkeys(ids_filter(query.call, key)))
    ad_metric_rows.check_ids(query.call.state, query.account, {key: ids}, code=V5_UNKNOWN_ID_CODE)
    found = {c.leaf.id: c for c in ad_metric_rows.chains(query.call.state, query.account, level, {key: ids})}
    return [found[i] for i in ids]


def _targeting(operation_id: str, level: str, key: str) -> Callable[[Call], Response]:
    id_column = (
        "AD_ACCOUNT_ID" if level == "ADVERTISER" else ad_metric_rows.LEVEL_ID_COLUMN[level]
    )  # as ad account analytics

    def serve(call: Call) -> Response:
        query = Query(call, operation_id)
        types = call.query_list("targeting_types")
        data = []
        for chain in _chains(query, level, key):
            for kind, value in targeting_values.breakdown(call.state, chain, types):
                share = Entity(f"{chain.entity.key}:{kind}:{value}", chain.entity.since)
                for bucket in query.buckets():
                    metrics = query.row(chain, bucket, id_column, share)
                    data.append({"targeting_type": kind, "targeting_value": value, "metrics": metrics})
        return JSONResponse({"data": data})

    serve.__name__ = operation_id
    return serve


def product_groups_analytics(call: Call) -> Response:
    """Rows per catalog product group of the account's owner (``PRODUCT_GROUP_ID``)."""
    query = Query(call, "product_groups_analytics")
    ids = list(dict.fromkeys(ids_filter(call, "product_group_ids")))
    owned = {r.id for r in call.state.resources.values() if r.family == PRODUCT_GROUPS}
    owned &= {r.id for r in call.state.resources.values() if r.owner_id == query.account.owner_id}
    if missing := [i for i in ids if i not in owned]:
        raise _unknown("product_group_ids", missing, query.account)
    chain = Chain(query.account)
    rows = [
        query.row(chain, bucket, "PRODUCT_GROUP_ID", Entity(f"product_group:{group}"), PRODUCT_GROUP_ID=group)
        for bucket in query.buckets()
        for group in ids
    ]
    return JSONResponse(rows)


def ad_pins_analytics(call: Call) -> Response:
    """Rows per Pin (``PIN_ID``) as promoted in one campaign of the account."""
    query = Query(call, "ad_pins_analytics")
    campaign = _campaign(query)
    pins = list(dict.fromkeys(ids_filter(call, "pin_ids")))
    if missing := [p for p in pins if not _visible(call, p)]:
        raise ApiError(
            400,
            V5_UNKNOWN_ID_CODE,
            f"pin_ids: {', '.join(missing)} is not a Pin this account can promote.",
        )
    since = campaign.entity.since
    rows = [
        query.row(campaign, bucket, "PIN_ID", Entity(f"{campaign.entity.key}:pin:{pin}", since), PIN_ID=pin)
        for bucket in query.buckets()
        for pin in pins
    ]
    return JSONResponse(rows)


def _campaign(query: Query) -> Chain:
    campaign_id = query.call.query.get("campaign_id", "")
    chains = ad_metric_rows.chains(query.call.state, query.account, "CAMPAIGN", {"campaign_ids": [campaign_id]})
    if not chains:
        raise _unknown("campaign_id", [campaign_id], query.account)
    return chains[0]


def _visible(call: Call, pin_id: str) -> bool:
    try:
        visible_pin(call, pin_id)
    except ApiError:
        return False
    return True


# Targeting analytics: operation id -> the level of its objects and the query parameter naming them.
TARGETING = {
    "ad_account_targeting_analytics_get": ("ADVERTISER", ""),
    "campaign_targeting_analytics_get": ("CAMPAIGN", "campaign_ids"),
    "ad_groups_targeting_analytics_get": ("AD_GROUP", "ad_group_ids"),
    "ad_targeting_analytics_get": ("AD", "ad_ids"),
}

ROUTES = [
    *(operation(V5, op_id, _targeting(op_id, level, key)) for op_id, (level, key) in TARGETING.items()),
    operation(V5, "product_groups_analytics", product_groups_analytics),
    operation(V5, "ad_pins_analytics", ad_pins_analytics),
]
