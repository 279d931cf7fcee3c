"""Ads v4 delivery metrics: definitions, synchronous metrics at four levels, async reports.

Synchronous metrics take the quickstart's query (``start_date``, ``end_date``, ``columns``
comma-separated, ``granularity``, the attribution windows) and answer, under ``data``, the
same rows as v5's analytics (``analytics.ad_metric_rows``), with the level's id column; an id
that is no object of the advertiser is a 400 naming it, as in v5, in v4's envelope with
v4's code for invalid parameters (1). Async reports are ``analytics.async_reports``' (ids
refused as in the synchronous metrics; the same polls, outcomes, download URLs and expiry
as v5), with v4's request body: ``filters`` narrow the rows, ``entity_fields`` add attribute
columns.
"""

from __future__ import annotations

from collections.abc import Callable

from pinterest_api_v3.models.async_report_request_entity_fields_item import AsyncReportRequestEntityFieldsItem
from pinterest_api_v3.models.async_report_request_level import AsyncReportRequestLevel
from pinterest_api_v3.models.async_report_request_tag_version import AsyncReportRequestTagVersion
from pinterest_api_v3.models.async_report_status import AsyncReportStatus
from pinterest_api_v3.models.async_report_token import AsyncReportToken
from pinterest_api_v3.models.attribution_types import AttributionTypes
from pinterest_api_v3.models.conversion_report_time import ConversionReportTime
from pinterest_api_v3.models.metric_definition import MetricDefinition
from pinterest_api_v3.models.metric_definitions import MetricDefinitions
from starlette.responses import Response

from pinterest_tools.emulator.analytics import ad_metric_rows, async_reports, metric_values
from pinterest_tools.emulator.analytics.ad_metric_rows import V4_UNKNOWN_ID_CODE, Chain
from pinterest_tools.emulator.analytics.metric_definitions import CATALOG
from pinterest_tools.emulator.analytics.report_dates import date_range
from pinterest_tools.emulator.analytics.report_request_bodies import WINDOW_DAYS, ReportRules, parse
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.v3.ads import advertiser, ids
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import invalid
from pinterest_tools.emulator.wire.model_responses import with_nulls

CONVERSION_TIMES = [member.value for member in ConversionReportTime]
RULES = ReportRules(
    levels=[member.value for member in AsyncReportRequestLevel],
    columns=None,
    conversion_report_times=CONVERSION_TIMES,
    filters_key="filters",
    filter_fields=None,
    filter_operators=list(ad_metric_rows.OPERATORS),
    entity_fields=[member.value for member in AsyncReportRequestEntityFieldsItem],
    tag_versions=[member.value for member in AsyncReportRequestTagVersion],
)


def ads_metric_definitions_list(call: Call) -> Response:
    found = [MetricDefinition(name=metric.name, definition=metric.definition) for metric in CATALOG]
    return answers.ok(call, MetricDefinitions(metrics=found))


def _metrics(call: Call, level: str, id_column: str, id_key: str | None) -> Response:
    account = advertiser(call)
    start, end = date_range(call.query)
    columns = call.query_list("columns")
    if not columns:
        raise invalid("columns: this parameter is required.")
    if bad := [column for column in columns if not column.replace("_", "").isalnum() or not column.isupper()]:
        raise invalid(f"columns: {', '.join(bad)} is not a metric name.")
    granularity = request_fields.choice(call.query, "granularity", metric_values.GRANULARITIES, "")
    for key in ("click_window_days", "engagement_window_days", "view_window_days"):
        request_fields.int_choice(call.query, key, WINDOW_DAYS)
    request_fields.choice(call.query, "conversion_report_time", CONVERSION_TIMES, CONVERSION_TIMES[0])
    request_fields.choice(call.query, "attribution_types", [member.value for member in AttributionTypes], "INDIVIDUAL")
    wanted: dict[str, list[str]] = {}
    if id_key is not None:
        wanted[id_key] = ids(call, id_key)
        if not wanted[id_key]:
            raise invalid(f"{id_key}: this parameter is required.")
    ad_metric_rows.check_ids(call.state, account, wanted, code=V4_UNKNOWN_ID_CODE)
    today = call.clock.utcnow().date()
    chains: list[Chain] = ad_metric_rows.chains(call.state, account, level, wanted)
    rows = [
        ad_metric_rows.row(chain, bucket, columns, today, id_column=id_column, granularity=granularity)
        for bucket in metric_values.buckets(start, end, granularity)
        for chain in chains
    ]
    return answers.ok(call, rows)


def _level(level: str, id_column: str, id_key: str | None) -> Callable[[Call], Response]:
    def handler(call: Call) -> Response:
        return _metrics(call, level, id_column, id_key)

    return handler


def ads_async_report_create(call: Call) -> Response:
    account = advertiser(call)
    request = parse(call.object_body(), RULES)
    report = async_reports.create(call.services, account, request, unknown_id_code=V4_UNKNOWN_ID_CODE)
    return answers.ok(call, AsyncReportToken(token=report.token))


def ads_async_report_get(call: Call) -> Response:
    account = advertiser(call)
    token = request_fields.required_text(call.query, "token", min_length=1)
    report = async_reports.find(call.state, account, token)
    if report is None:
        return answers.ok(call, with_nulls(AsyncReportStatus(report_status="DOES_NOT_EXIST"), "url"))
    async_reports.poll(call.services, report)
    status = AsyncReportStatus(report_status=report.status, url=async_reports.url(str(call.request.base_url), report))
    return answers.ok(call, with_nulls(status, "url"))


ROUTES = [
    operation(V3, "ads_metric_definitions_list", ads_metric_definitions_list),
    operation(V3, "ads_advertiser_delivery_metrics", _level("ADVERTISER", "ADVERTISER_ID", None)),
    operation(V3, "ads_campaign_delivery_metrics", _level("CAMPAIGN", "CAMPAIGN_ID", "campaign_ids")),
    operation(V3, "ads_ad_group_delivery_metrics", _level("AD_GROUP", "AD_GROUP_ID", "ad_group_ids")),
    operation(V3, "ads_ad_delivery_metrics", _level("AD", "AD_ID", "ad_ids")),
    operation(V3, "ads_async_report_create", ads_async_report_create),
    operation(V3, "ads_async_report_get", ads_async_report_get),
]
