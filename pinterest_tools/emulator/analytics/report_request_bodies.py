"""Reading an async report request body into a ``ReportRequest``, with each API's rules.

v5 (``POST /v5/ad_accounts/{id}/reports``) and ads v4 (``POST .../delivery_metrics/async``)
take nearly the same JSON body; they differ in their enums and in where row filters go
(v5 ``metrics_filters``, v4 ``filters``). Each route passes its ``ReportRules``, built from its
own description, and gets a 400 naming the field for anything off it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pinterest_tools.emulator.analytics import metric_values
from pinterest_tools.emulator.analytics.report_dates import date_range
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.data.records import MetricFilter, ReportRequest
from pinterest_tools.emulator.wire import request_fields
from pinterest_tools.emulator.wire.errors import invalid

WINDOW_DAYS = (0, 1, 7, 14, 30, 60)
MAX_IDS = 500
_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True, slots=True)
class ReportRules:
    levels: Sequence[str]
    columns: Sequence[str] | None  # None: any upper-case metric name
    conversion_report_times: Sequence[str]
    filters_key: str
    filter_fields: Sequence[str] | None  # None: any metric name
    filter_operators: Sequence[str]
    entity_fields: Sequence[str] = ()  # empty: not part of this API's request
    tag_versions: Sequence[int] = ()  # empty: not part of this API's request
    # Date windows as (days back from today, longest range in days), when the description states them:
    # for every report, for hourly ones, and per level (each that applies is checked).
    window: tuple[int, int] | None = None
    hourly_window: tuple[int, int] | None = None
    level_windows: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    list_sizes: Mapping[str, tuple[int, int | None]] = field(default_factory=dict)  # key: (minItems, maxItems)
    level_forbids: Mapping[str, Sequence[str]] = field(default_factory=dict)  # level: fields it does not allow
    list_values: Mapping[str, Sequence[str]] = field(default_factory=dict)  # key: the enum of its items
    # targeting_types: "Requires ``level`` to be a value ending in ``_TARGETING``", some types at one level only.
    targeting_levels: Mapping[str, str] | None = None  # type: the only level it is available at


def _names(body: Mapping[str, Any], key: str, allowed: Sequence[str] | None, *, required: bool) -> list[str]:
    value = body.get(key)
    if value is None:
        if required:
            raise invalid(f"{key}: this field is required.")
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise invalid(f"{key}: expected a list of names.")
    if required and not value:
        raise invalid(f"{key}: at least one is required.")
    if allowed is not None:
        return request_fields.choices(value, key, allowed)
    if bad := [item for item in value if not _NAME.match(item)]:
        raise invalid(f"{key}: {', '.join(bad)} is not a metric name.")
    return list(value)


def _filters(body: Mapping[str, Any], rules: ReportRules) -> tuple[MetricFilter, ...]:
    raw = body.get(rules.filters_key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise invalid(f"{rules.filters_key}: expected a list of filters.")
    found = []
    for index, item in enumerate(raw):
        where = f"{rules.filters_key}[{index}]"
        if not isinstance(item, dict):
            raise invalid(f"{where}: expected an object with field, operator and values.")
        field = request_fields.required_text(item, "field")
        if rules.filter_fields is not None and field not in rules.filter_fields:
            raise invalid(f"{where}.field: {field!r} is not one of {', '.join(rules.filter_fields)}.")
        if rules.filter_fields is None and not _NAME.match(field):
            raise invalid(f"{where}.field: {field!r} is not a metric name.")
        operator = request_fields.choice(item, "operator", rules.filter_operators, "")
        values = item.get("values")
        if not isinstance(values, list) or not values or not all(_is_number(v) for v in values):
            raise invalid(f"{where}.values: expected a non-empty list of numbers.")
        found.append(MetricFilter(field, operator, float(values[0])))
    return tuple(found)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ids(body: Mapping[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found = []
    for key in ("campaign_ids", "ad_group_ids", "ad_ids"):
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) and digits(v) for v in value):
            raise invalid(f"{key}: expected a list of ids (numeric strings).")
        if not 1 <= len(value) <= MAX_IDS:
            raise invalid(f"{key}: between 1 and {MAX_IDS} ids.")
        found.append((key, tuple(value)))
    return tuple(found)


def _windows(body: Mapping[str, Any], rules: ReportRules, granularity: str, level: str, today: dt.date | None) -> None:
    """Every date window of ``rules`` that applies to this granularity and level."""
    applying = [("", rules.window)]
    if granularity == "HOUR":
        applying.append(("with granularity HOUR", rules.hourly_window))
    applying.append((f"with level {level}", rules.level_windows.get(level)))
    for what, window in applying:
        if window is not None:
            date_range(body, today, max_back=window[0], max_span=window[1], what=what)


def _lists(body: Mapping[str, Any], rules: ReportRules, level: str) -> None:
    """The body's lists: allowed at this level, with as many items as stated, each one of the enum."""
    for key in rules.level_forbids.get(level, ()):
        if body.get(key) is not None:
            raise invalid(f"{key}: not allowed with level {level}.")
    targeting = body.get("targeting_types")
    if rules.targeting_levels is not None and isinstance(targeting, list) and targeting:
        if not level.endswith("_TARGETING"):
            raise invalid(f"targeting_types: requires a level ending in _TARGETING, not {level}.")
        for kind in targeting:
            only = rules.targeting_levels.get(kind) if isinstance(kind, str) else None
            if only is not None and level != only:
                raise invalid(f"targeting_types: {kind} is only available at level {only}.")
    for key in dict.fromkeys([*rules.list_sizes, *rules.list_values]):
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise invalid(f"{key}: expected a list.")
        low, high = rules.list_sizes.get(key, (0, None))
        if len(value) < low or (high is not None and len(value) > high):
            most = f"at most {high}" if high is not None else "no limit"
            raise invalid(f"{key}: at least {low} and {most} items, not {len(value)}.")
        if key in rules.list_values:
            if not all(isinstance(item, str) for item in value):
                raise invalid(f"{key}: expected a list of names.")
            request_fields.choices(value, key, rules.list_values[key])


def parse(body: Mapping[str, Any], rules: ReportRules, today: dt.date | None = None) -> ReportRequest:
    """The validated request: dates in format and order, and within the rules' windows (read against ``today``)."""
    start, end = date_range(body)
    granularity = request_fields.choice(body, "granularity", metric_values.GRANULARITIES, "")
    level = request_fields.choice(body, "level", rules.levels, "")
    _windows(body, rules, granularity, level, today)
    _lists(body, rules, level)
    columns = _names(body, "columns", rules.columns, required=True)
    for key in ("click_window_days", "engagement_window_days", "view_window_days"):
        request_fields.int_choice(body, key, WINDOW_DAYS)
    times = rules.conversion_report_times
    request_fields.choice(body, "conversion_report_time", times, times[0])
    for key in ("start_hour", "end_hour"):
        hour = request_fields.int_choice(body, key, range(24))
        if hour is not None and granularity != "HOUR":
            raise invalid(f"{key}: only allowed for hourly (granularity HOUR) reports.")
    entity_fields = _names(body, "entity_fields", rules.entity_fields, required=False) if rules.entity_fields else []
    if rules.tag_versions:
        request_fields.int_choice(body, "tag_version", rules.tag_versions)
    return ReportRequest(
        start=start,
        end=end,
        columns=tuple(dict.fromkeys(columns)),
        level=level,
        granularity=granularity,
        report_format=request_fields.choice(body, "report_format", ("JSON", "CSV"), "JSON"),
        filters=_filters(body, rules),
        entity_fields=tuple(dict.fromkeys(entity_fields)),
        entity_ids=_ids(body),
    )
