"""v5 synchronous analytics: the user account, a Pin, and an ad account's account, campaigns,
ad groups and ads.

Query parameters are checked as the description states them: dates are real dates in
order, at most 90 days back from today and spanning at most 90 days; enums and metric
or column names must be the description's; id lists are numeric. A 400 names the
parameter. The ids of ``campaign_ids``, ``ad_group_ids`` and ``ad_ids`` must be objects of the ad
account: any other is a 400 naming it, with the code these operations document (400, not
the 1 of a malformed parameter). The numbers come from ``analytics.metric_values`` (deterministic), laid out by
``analytics.organic_metrics`` (user, Pin) and ``analytics.ad_metric_rows`` (ads rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from pinterest_api_v5.models.ad_account_analytics_columns_item import AdAccountAnalyticsColumnsItem
from pinterest_api_v5.models.ad_account_analytics_response_item import AdAccountAnalyticsResponseItem
from pinterest_api_v5.models.ad_groups_analytics_response_item import AdGroupsAnalyticsResponseItem
from pinterest_api_v5.models.ads_analytics_response_item import AdsAnalyticsResponseItem
from pinterest_api_v5.models.analytics_response import AnalyticsResponse
from pinterest_api_v5.models.campaigns_analytics_response_item import CampaignsAnalyticsResponseItem
from pinterest_api_v5.models.conversion_attribution_window_days import ConversionAttributionWindowDays
from pinterest_api_v5.models.conversion_report_time_type import ConversionReportTimeType
from pinterest_api_v5.models.pin_analytics_response import PinAnalyticsResponse
from pinterest_api_v5.models.pins_analytics_app_types import PinsAnalyticsAppTypes
from pinterest_api_v5.models.pins_analytics_metric_types_item_type_0 import PinsAnalyticsMetricTypesItemType0
from pinterest_api_v5.models.pins_analytics_metric_types_item_type_1 import PinsAnalyticsMetricTypesItemType1
from pinterest_api_v5.models.pins_analytics_split_field import PinsAnalyticsSplitField
from pinterest_api_v5.models.reporting_time_zone import ReportingTimeZone
from pinterest_api_v5.models.user_account_analytics_app_types import UserAccountAnalyticsAppTypes
from pinterest_api_v5.models.user_account_analytics_content_type import UserAccountAnalyticsContentType
from pinterest_api_v5.models.user_account_analytics_from_claimed_content import (
    UserAccountAnalyticsFromClaimedContent,
)
from pinterest_api_v5.models.user_account_analytics_metric_types_item import UserAccountAnalyticsMetricTypesItem
from pinterest_api_v5.models.user_account_analytics_pin_format import UserAccountAnalyticsPinFormat
from pinterest_api_v5.models.user_account_analytics_source import UserAccountAnalyticsSource
from pinterest_api_v5.models.user_account_analytics_split_field import UserAccountAnalyticsSplitField
from starlette.responses import Response

from pinterest_tools.emulator.analytics import ad_metric_rows, metric_values, organic_metrics
from pinterest_tools.emulator.analytics.ad_metric_rows import V5_UNKNOWN_ID_CODE
from pinterest_tools.emulator.analytics.metric_values import Entity
from pinterest_tools.emulator.analytics.report_dates import date_range
from pinterest_tools.emulator.core.access import own_ad_account, visible_pin
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.v5.ads import ids_filter
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import forbidden, invalid
from pinterest_tools.emulator.wire.model_responses import Model, list_response, model_response

MAX_DAYS_BACK = 90  # "Cannot be more than 90 days back from today."
MAX_SPAN_DAYS = 90  # "Cannot be more than 90 days past start_date."
# "If granularity is HOUR, you can pull data from up to 8 days before the current date in UTC
# time, with a maximum time range of 3 days" (campaigns, ad groups, ads); the ad account
# operation states the 8 days only.
HOURLY_DAYS_BACK = 8
HOURLY_SPAN_DAYS = 3
MAX_ID_LENGTH = 18  # ad_account_id: maxLength 18
COLUMNS = [member.value for member in AdAccountAnalyticsColumnsItem]  # the four ads operations share them
WINDOW_DAYS = [member.value for member in ConversionAttributionWindowDays]


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


def _dates(call: Call, *, hourly: bool = False, hourly_span: int | None = HOURLY_SPAN_DAYS) -> tuple[dt.date, dt.date]:
    """The range, within the description's limits: 90 days back and long, or for HOUR 8 back and 3 long."""
    today = call.clock.utcnow().date()
    if hourly:
        return date_range(
            call.query, today, max_back=HOURLY_DAYS_BACK, max_span=hourly_span, what="with granularity HOUR"
        )
    return date_range(call.query, today, max_back=MAX_DAYS_BACK, max_span=MAX_SPAN_DAYS)


def ad_account_id_of(value: str | None) -> str | None:
    return request_fields.text({"ad_account_id": value}, "ad_account_id", max_length=MAX_ID_LENGTH)


def _business_access(call: Call) -> None:
    """``ad_account_id`` makes its owner the "operation user_account": here, always the caller."""
    ad_account_id = ad_account_id_of(call.query.get("ad_account_id"))
    if ad_account_id is not None:
        own_ad_account(call, ad_account_id)


def _metric_types(call: Call, allowed: Sequence[str], *, required: bool) -> list[str]:
    names = request_fields.choices(call.query_list("metric_types"), "metric_types", allowed)
    if required and not names:
        raise invalid("metric_types: this parameter is required.")
    return list(dict.fromkeys(names)) or list(allowed)


def _organic(
    entity: Entity, call: Call, names: Sequence[str], split_keys: Iterable[str], before: str
) -> dict[str, Any]:
    start, end = _dates(call)
    today = call.clock.utcnow().date()
    out: dict[str, Any] = {}
    for key in split_keys:
        part = Entity(f"{entity.key}:{key}", entity.since)
        daily, summary = organic_metrics.series(part, start, end, names, today, before=before)
        out[key] = {
            "daily_metrics": [
                {"date": d.date.isoformat(), "data_status": d.data_status, "metrics": d.values} for d in daily
            ],
            "summary_metrics": summary,
        }
    return out


def _split_keys(split: str, chosen: dict[str, str], options: dict[str, list[str]]) -> list[str]:
    """NO_SPLIT: "all"; else one group per value of the split's filter (only the chosen one if filtered)."""
    if split == "NO_SPLIT":
        return ["all"]
    values = [value for value in options[split] if value not in ("ALL", "BOTH")]
    return [chosen[split]] if chosen.get(split, "ALL") not in ("ALL", "BOTH") else values


def user_account_analytics(call: Call) -> Response:
    _business_access(call)
    filters = {
        "from_claimed_content": request_fields.choice(
            call.query, "from_claimed_content", _values(UserAccountAnalyticsFromClaimedContent), "BOTH"
        ),
        "pin_format": request_fields.choice(call.query, "pin_format", _values(UserAccountAnalyticsPinFormat), "ALL"),
        "app_types": request_fields.choice(call.query, "app_types", _values(UserAccountAnalyticsAppTypes), "ALL"),
        "content_type": request_fields.choice(
            call.query, "content_type", _values(UserAccountAnalyticsContentType), "ALL"
        ),
        "source": request_fields.choice(call.query, "source", _values(UserAccountAnalyticsSource), "ALL"),
    }
    split = request_fields.choice(call.query, "split_field", _values(UserAccountAnalyticsSplitField), "NO_SPLIT")
    names = _metric_types(call, _values(UserAccountAnalyticsMetricTypesItem), required=False)
    options = {
        "APP_TYPE": _values(UserAccountAnalyticsAppTypes),
        "OWNED_CONTENT": _values(UserAccountAnalyticsFromClaimedContent),
        "SOURCE": _values(UserAccountAnalyticsSource),
        "PIN_FORMAT": _values(UserAccountAnalyticsPinFormat),
    }
    chosen = {
        "APP_TYPE": filters["app_types"],
        "OWNED_CONTENT": filters["from_claimed_content"],
        "SOURCE": filters["source"],
        "PIN_FORMAT": filters["pin_format"],
    }
    seed = "user:" + call.user.id + ":" + ":".join(filters.values())
    entity = Entity(seed, call.user.created_at.date())
    body = _organic(entity, call, names, _split_keys(split, chosen, options), "READY")
    return model_response(AnalyticsResponse.from_dict(body))


def pins_analytics(call: Call) -> Response:
    _business_access(call)
    pin = visible_pin(call, call.path("pin_id"))
    if pin.owner_id != call.user.id:
        raise forbidden("Analytics are only available for your own Pins.")
    app_types = request_fields.choice(call.query, "app_types", _values(PinsAnalyticsAppTypes), "ALL")
    split = request_fields.choice(call.query, "split_field", _values(PinsAnalyticsSplitField), "NO_SPLIT")
    standard, video = _values(PinsAnalyticsMetricTypesItemType0), _values(PinsAnalyticsMetricTypesItemType1)
    allowed = list(dict.fromkeys(standard + video))
    names = _metric_types(call, allowed, required=True)
    keys = _split_keys(split, {"APP_TYPE": app_types}, {"APP_TYPE": _values(PinsAnalyticsAppTypes)})
    lifetime = [name for name in names if name in ("TOTAL_COMMENTS", "TOTAL_REACTIONS")]
    entity = Entity(f"pin:{pin.id}:{app_types}", pin.created_at.date())
    body = _organic(entity, call, [n for n in names if n not in lifetime], keys, "BEFORE_PIN_CREATED")
    for part in body.values():
        part["lifetime_metrics"] = {name: int(metric_values.unit(pin.id, name) * 50) for name in lifetime}
    return model_response(PinAnalyticsResponse.from_dict(body))


# ---------------------------------------------------------------------------- ads
def ads_query(call: Call, hourly_span: int | None) -> tuple[dt.date, dt.date, list[str], str]:
    """What the four ads analytics operations share: granularity, dates (limits by granularity), columns, windows."""
    granularity = request_fields.choice(call.query, "granularity", metric_values.GRANULARITIES, "")
    start, end = _dates(call, hourly=granularity == "HOUR", hourly_span=hourly_span)
    columns = list(dict.fromkeys(request_fields.choices(call.query_list("columns"), "columns", COLUMNS)))
    if not columns:
        raise invalid("columns: this parameter is required.")
    for key in ("click_window_days", "engagement_window_days", "view_window_days"):
        request_fields.int_choice(call.query, key, WINDOW_DAYS)
    request_fields.choice(call.query, "conversion_report_time", _values(ConversionReportTimeType), "TIME_OF_AD_ACTION")
    request_fields.choice(call.query, "reporting_timezone", _values(ReportingTimeZone), "PINTEREST_TIME_ZONE")
    if request_fields.flag(call.query, "aggregate_report_rows"):
        raise invalid("aggregate_report_rows: this beta feature is not available to this ad account.")
    return start, end, columns, granularity


def _ads_rows(
    call: Call,
    level: str,
    id_column: str,
    item: Callable[..., Model],
    ids: dict[str, list[str]],
    keep: Callable[[ad_metric_rows.Chain], bool] = lambda chain: True,
    hourly_span: int | None = HOURLY_SPAN_DAYS,
) -> Response:
    account = own_ad_account(call, ad_account_id_of(call.path("ad_account_id")) or "")
    start, end, columns, granularity = ads_query(call, hourly_span)
    ad_metric_rows.check_ids(call.state, account, ids, code=V5_UNKNOWN_ID_CODE)
    today = call.clock.utcnow().date()
    chains = [c for c in ad_metric_rows.chains(call.state, account, level, ids) if keep(c)]
    rows = [
        ad_metric_rows.row(chain, bucket, columns, today, id_column=id_column, granularity=granularity)
        for bucket in metric_values.buckets(start, end, granularity)
        for chain in chains
    ]
    return list_response([item(row) for row in rows])


def _required_ids(call: Call, key: str) -> list[str]:
    ids = ids_filter(call, key)
    if not ids:
        raise invalid(f"{key}: this parameter is required.")
    return ids


def ad_account_analytics(call: Call) -> Response:
    item = AdAccountAnalyticsResponseItem.from_dict
    return _ads_rows(call, "ADVERTISER", "AD_ACCOUNT_ID", item, {}, hourly_span=None)  # no hourly span stated


def campaigns_analytics(call: Call) -> Response:
    ids = {"campaign_ids": _required_ids(call, "campaign_ids")}
    return _ads_rows(call, "CAMPAIGN", "CAMPAIGN_ID", CampaignsAnalyticsResponseItem.from_dict, ids)


def ad_groups_analytics(call: Call) -> Response:
    ids = {"ad_group_ids": _required_ids(call, "ad_group_ids")}
    return _ads_rows(call, "AD_GROUP", "AD_GROUP_ID", AdGroupsAnalyticsResponseItem.from_dict, ids)


def ads_analytics(call: Call) -> Response:
    ids = {key: ids_filter(call, key) for key in ("ad_ids", "campaign_ids")}
    pin_ids = ids_filter(call, "pin_ids")
    if len(pin_ids) > 100:
        raise invalid(f"pin_ids: at most 100 ids, not {len(pin_ids)}.")
    if not ids["ad_ids"] and not (ids["campaign_ids"] and pin_ids):
        raise invalid("The request must contain either ad_ids or both campaign_ids and pin_ids.")

    def keep(chain: ad_metric_rows.Chain) -> bool:
        return not pin_ids or (chain.ad is not None and chain.ad.pin_id in pin_ids)

    return _ads_rows(call, "AD", "AD_ID", AdsAnalyticsResponseItem.from_dict, ids, keep)


ROUTES = [
    operation(V5, "user_account_analytics", user_account_analytics),
    operation(V5, "pins_analytics", pins_analytics),
    operation(V5, "ad_account_analytics", ad_account_analytics),
    operation(V5, "campaigns_analytics", campaigns_analytics),
    operation(V5, "ad_groups_analytics", ad_groups_analytics),
    operation(V5, "ads_analytics", ads_analytics),
]
