"""v3 partner analytics: a user's organic metrics (``/v3/partners/analytics/users/{user}/metrics/``).

Only the caller's own metrics (``me`` or their id). Dates are checked for format and order
(v3 documents no range limit); ``metric_types`` is a comma-separated list of SPEC's metric
names plus the ones the quickstart asks for. The shape of v3's answer was never
recorded, so ``data`` uses v5's layout without the split: `{"summary_metrics": {...},
"daily_metrics": [{"date", "data_status", "metrics"}]}`, with the numbers v5 gives.
"""

from __future__ import annotations

from pinterest_api_v3.models.analytics_filter_value import AnalyticsFilterValue
from pinterest_api_v3.models.analytics_user_metrics_app_types import AnalyticsUserMetricsAppTypes
from pinterest_api_v3.models.analytics_user_metrics_pin_format import AnalyticsUserMetricsPinFormat
from pinterest_api_v3.models.analytics_user_metrics_publish_types import AnalyticsUserMetricsPublishTypes
from pinterest_api_v3.models.user_metrics_response_data import UserMetricsResponseData
from starlette.responses import Response

from pinterest_tools.emulator.analytics import organic_metrics
from pinterest_tools.emulator.analytics.metric_values import Entity
from pinterest_tools.emulator.analytics.report_dates import date_range
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.v3.users import target_user
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import forbidden, invalid

METRICS = (
    "IMPRESSION", "ENGAGEMENT", "ENGAGEMENT_RATE", "CLOSEUP", "CLOSEUP_RATE", "CLICKTHROUGH",
    "CLICKTHROUGH_RATE", "SAVE", "SAVE_RATE", "PIN_CLICK", "PIN_CLICK_RATE", "OUTBOUND_CLICK",
    "OUTBOUND_CLICK_RATE",
)  # fmt: skip
FILTERS = ("downstream", "from_owned_content", "in_profile", "include_curated", "paid")


def analytics_user_metrics(call: Call) -> Response:
    owner = target_user(call)
    if owner.id != call.user.id:
        raise forbidden("Partner analytics are only available for your own account.")
    start, end = date_range(call.query)
    names = list(dict.fromkeys(request_fields.choices(call.query_list("metric_types"), "metric_types", METRICS)))
    if not names:
        raise invalid("metric_types: this parameter is required.")
    chosen = [
        request_fields.choice(call.query, "app_types", [m.value for m in AnalyticsUserMetricsAppTypes], "all"),
        request_fields.choice(call.query, "pin_format", [m.value for m in AnalyticsUserMetricsPinFormat], "all"),
        request_fields.choice(call.query, "publish_types", [m.value for m in AnalyticsUserMetricsPublishTypes], "all"),
    ]
    for key in FILTERS:
        chosen.append(str(request_fields.int_choice(call.query, key, [m.value for m in AnalyticsFilterValue], 0)))
    entity = Entity(f"user:{owner.id}:v3:{':'.join(chosen)}", owner.created_at.date())
    daily, summary = organic_metrics.series(entity, start, end, names, call.clock.utcnow().date())
    data = {
        "summary_metrics": summary,
        "daily_metrics": [
            {"date": d.date.isoformat(), "data_status": d.data_status, "metrics": d.values} for d in daily
        ],
    }
    return answers.ok(call, UserMetricsResponseData.from_dict(data))


ROUTES = [operation(V3, "analytics_user_metrics", analytics_user_metrics)]
