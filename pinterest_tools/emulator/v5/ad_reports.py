"""v5 delivery metric definitions and async reports (``/v5/ad_accounts/{id}/reports``).

The report lifecycle (polls, outcome, download URL, expiry) is ``analytics.async_reports``'; this module
reads v5's request body with v5's enums (rows are filtered by ``metrics_filters``, the
description's name; upstream's ``filters`` is not part of v5 and is ignored) and answers
with v5's models. A campaign, ad group or ad id the ad account lacks is a 400 naming it,
as in the synchronous analytics, and queues nothing.
"""

from __future__ import annotations

from enum import Enum

from pinterest_api_v5.models.ad_group_summary_status import AdGroupSummaryStatus
from pinterest_api_v5.models.ads_analytics_create_async_response import AdsAnalyticsCreateAsyncResponse
from pinterest_api_v5.models.ads_analytics_filter_column import AdsAnalyticsFilterColumn
from pinterest_api_v5.models.ads_analytics_filter_operator import AdsAnalyticsFilterOperator
from pinterest_api_v5.models.ads_analytics_get_async_response import AdsAnalyticsGetAsyncResponse
from pinterest_api_v5.models.bulk_reporting_job_status import BulkReportingJobStatus
from pinterest_api_v5.models.campaign_summary_status import CampaignSummaryStatus
from pinterest_api_v5.models.conversion_report_attribution_type import ConversionReportAttributionType
from pinterest_api_v5.models.conversion_report_time_type import ConversionReportTimeType
from pinterest_api_v5.models.delivery_metrics_get_report_type import DeliveryMetricsGetReportType
from pinterest_api_v5.models.delivery_metrics_response import DeliveryMetricsResponse
from pinterest_api_v5.models.delivery_metrics_response_items_item import DeliveryMetricsResponseItemsItem
from pinterest_api_v5.models.delivery_metrics_response_items_item_category import (
    DeliveryMetricsResponseItemsItemCategory,
)
from pinterest_api_v5.models.metrics_reporting_level import MetricsReportingLevel
from pinterest_api_v5.models.objective_type import ObjectiveType
from pinterest_api_v5.models.pin_promotion_summary_status import PinPromotionSummaryStatus
from pinterest_api_v5.models.product_group_summary_status import ProductGroupSummaryStatus
from pinterest_api_v5.models.reporting_column_async import ReportingColumnAsync
from pinterest_api_v5.models.targeting_type_filter_targeting_types_item import TargetingTypeFilterTargetingTypesItem
from starlette.responses import Response

from pinterest_tools.emulator.analytics import async_reports
from pinterest_tools.emulator.analytics.ad_metric_rows import V5_UNKNOWN_ID_CODE
from pinterest_tools.emulator.analytics.metric_definitions import CATALOG
from pinterest_tools.emulator.analytics.report_request_bodies import ReportRules, parse
from pinterest_tools.emulator.core.access import own_ad_account
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.model_responses import model_response


def _values(enum: type[Enum]) -> list[str]:
    return [str(member.value) for member in enum]


RULES = ReportRules(
    levels=[member.value for member in MetricsReportingLevel],
    columns=[member.value for member in ReportingColumnAsync],
    conversion_report_times=[member.value for member in ConversionReportTimeType],
    filters_key="metrics_filters",
    filter_fields=[member.value for member in AdsAnalyticsFilterColumn],
    filter_operators=[member.value for member in AdsAnalyticsFilterOperator],
    # The description of analytics/create_report: "If granularity is not HOUR, you can pull data from
    # up to 914 days before the current date in UTC time, with a maximum time range of 186 days";
    # HOUR: 8 and 3; level PRODUCT_ITEM: 92 and 31, and "ad_ids and ad_statuses parameters are not allowed".
    window=(914, 186),
    hourly_window=(8, 3),
    level_windows={"PRODUCT_ITEM": (92, 31)},
    level_forbids={"PRODUCT_ITEM": ("ad_ids", "ad_statuses")},
    # minItems/maxItems of the request body's lists (the id lists' 1..500 are checked with the ids).
    list_sizes={
        "campaign_statuses": (1, 6),
        "campaign_objective_types": (1, 7),
        "ad_group_statuses": (1, 6),
        "ad_statuses": (1, 6),
        "product_group_ids": (1, 500),
        "product_group_statuses": (1, 6),
        "product_item_ids": (1, 500),
        "targeting_types": (1, 5),
        "metrics_filters": (1, None),
    },
    targeting_levels={"AUDIENCE_MULTIPLIER": "CAMPAIGN_TARGETING", "MEDIA_TYPE": "PRODUCT_ITEM_TARGETING"},
    list_values={
        "campaign_statuses": _values(CampaignSummaryStatus),
        "campaign_objective_types": _values(ObjectiveType),
        "ad_group_statuses": _values(AdGroupSummaryStatus),
        "ad_statuses": _values(PinPromotionSummaryStatus),
        "product_group_statuses": _values(ProductGroupSummaryStatus),
        "targeting_types": _values(TargetingTypeFilterTargetingTypesItem),
        "attribution_types": _values(ConversionReportAttributionType),
    },
)


def delivery_metrics_get(call: Call) -> Response:
    request_fields.choice(call.query, "report_type", [member.value for member in DeliveryMetricsGetReportType], "SYNC")
    items = [
        DeliveryMetricsResponseItemsItem(
            category=DeliveryMetricsResponseItemsItemCategory.ADS,
            definition=metric.definition,
            display_name=metric.display_name,
            name=metric.name,
        )
        for metric in CATALOG
    ]
    return model_response(DeliveryMetricsResponse(items=items))


def analytics_create_report(call: Call) -> Response:
    account = own_ad_account(call, call.path("ad_account_id"))
    request = parse(call.object_body(), RULES, call.clock.utcnow().date())
    # Its 400 is documented as {"code": 400, "message": "Invalid ad account ads analytics parameters."}:
    # the code the synchronous ads analytics give an id the account lacks.
    report = async_reports.create(call.services, account, request, unknown_id_code=V5_UNKNOWN_ID_CODE)
    status = BulkReportingJobStatus(report.status)
    response = AdsAnalyticsCreateAsyncResponse(token=report.token, report_status=status)
    # API 5.28.0 no longer lets ``message`` be null: a report without one leaves it out.
    return model_response(response)


def analytics_get_report(call: Call) -> Response:
    account = own_ad_account(call, call.path("ad_account_id"))
    token = request_fields.required_text(call.query, "token", min_length=1)
    report = async_reports.find(call.state, account, token)
    if report is None:
        return model_response(AdsAnalyticsGetAsyncResponse(report_status=BulkReportingJobStatus.DOES_NOT_EXIST))
    async_reports.poll(call.services, report)
    url = async_reports.url(str(call.request.base_url), report)
    size = float(len(async_reports.content(call.state, report))) if url else None
    status = BulkReportingJobStatus(report.status)
    # API 5.28.0 no longer lets ``url`` and ``size`` be null: a report still running leaves them out.
    response = AdsAnalyticsGetAsyncResponse(report_status=status)
    if url is not None and size is not None:
        response.url, response.size = url, size
    return model_response(response)


ROUTES = [
    operation(V5, "delivery_metrics_get", delivery_metrics_get),
    operation(V5, "analytics_create_report", analytics_create_report),
    operation(V5, "analytics_get_report", analytics_get_report),
]
