"""What get_analytics asks for: the object, the dates, the metrics and the granularity, checked before any call.

Light at import (``--help`` must not load httpx): the generated enum classes that say which
metric and granularity names exist are imported when a query is checked. They come from
the parameters of the operation each ``-o`` object calls (v5: ``metric_types`` of
``/user_account/analytics`` and ``/pins/{pin_id}/analytics``, ``columns`` of the four ads
``.../analytics`` operations; ``granularity`` of both versions). v3 and ads v4 list no
metric names, so with ``-v 3`` a metric only has to look like one (``IMPRESSION``).

Dates are ``YYYY-MM-DD`` and compared as dates (upstream compared the strings); the
default range is the last 30 days in UTC, as Pinterest's documentation says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Sequence

from pinterest_tools.cli.adapter.analytics_query import AnalyticsQuery
from pinterest_tools.errors import UsageError

OBJECTS = ("user", "pin", "ad_account_user", "ad_account", "campaign", "ad_group", "ad")
ADS_OBJECTS = ("ad_account", "campaign", "ad_group", "ad")
# upstream's metrics per object
DEFAULT_METRICS = {
    "user": ("IMPRESSION", "PIN_CLICK_RATE"),
    "ad_account_user": ("IMPRESSION", "PIN_CLICK_RATE"),
    "pin": ("IMPRESSION", "PIN_CLICK"),
    **{obj: ("SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH") for obj in ADS_OBJECTS},
}
DEFAULT_GRANULARITY = "DAY"
DEFAULT_DAYS = 30
HOURLY_DEFAULT_DAYS = 2  # today and the two days before: the 3 days hourly analytics may span
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_METRIC = re.compile(r"[A-Z][A-Z0-9_]*")


def parse_date(text: str) -> dt.date:
    """An argparse type: a real calendar date written ``YYYY-MM-DD``."""
    value = text.strip()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD format") from None


parse_date.__name__ = "date"


def last_days(days: int = DEFAULT_DAYS, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """``(today - days, today)``, today in UTC."""
    end = today or dt.datetime.now(dt.UTC).date()
    return end - dt.timedelta(days=days), end


def split_metrics(text: str | None) -> tuple[str, ...] | None:
    """``--metrics a,B`` as sorted, unique, upper-case names (None when not given)."""
    if text is None:
        return None
    names = sorted({name.strip().upper() for name in text.split(",") if name.strip()})
    if not names:
        raise UsageError("--metrics needs at least one metric name")
    return tuple(names)


def allowed_metrics(version: int, obj: str) -> list[str] | None:
    """The metric names the description lists for ``-o obj`` (None: it lists none, as v3)."""
    if version == 3:
        from pinterest_tools.cli.adapter.v3_ads import allowed_metrics as v3_metrics

        return v3_metrics(obj)
    from pinterest_tools.cli.adapter.v5_ads import allowed_metrics as v5_metrics

    return v5_metrics(obj)


def allowed_granularities(version: int) -> list[str]:
    if version == 3:
        from pinterest_tools.cli.adapter.v3_ads import allowed_granularities as v3_granularities

        return v3_granularities()
    from pinterest_tools.cli.adapter.v5_ads import allowed_granularities as v5_granularities

    return v5_granularities()


def build_query(
    version: int,
    obj: str,
    *,
    start: dt.date | None,
    end: dt.date | None,
    metrics: Sequence[str] | None,
    granularity: str | None,
    today: dt.date | None = None,
) -> AnalyticsQuery:
    """The query for ``-o obj``, defaults filled in; UsageError (one line) for anything the API would refuse."""
    # Hourly data reaches 8 days back, over at most 3 days (the v5 descriptions): its default range is 3 days.
    hourly = obj in ADS_OBJECTS and (granularity or "").upper() == "HOUR"
    days = HOURLY_DEFAULT_DAYS if hourly else DEFAULT_DAYS
    default_start, default_end = last_days(days, today=today)
    if start is None and end is not None:
        start = end - dt.timedelta(days=days)
    start, end = start or default_start, end or default_end
    if start > end:
        raise UsageError(f"the start date {start} is after the end date {end}")
    names = tuple(metrics) if metrics else DEFAULT_METRICS[obj]
    known = allowed_metrics(version, obj)
    for name in names:
        if known is not None and name not in known:
            raise UsageError(
                f"unknown metric {name} for -o {obj} with API v{version} "
                f"(--metrics help lists the {len(known)} known ones)"
            )
        if known is None and not _METRIC.fullmatch(name):
            raise UsageError(f"{name!r} is not a metric name (upper-case letters, digits and _)")
    if obj in ADS_OBJECTS:
        granularity = (granularity or DEFAULT_GRANULARITY).upper()
        choices = allowed_granularities(version)
        if granularity not in choices:
            raise UsageError(f"unknown granularity {granularity}: it must be one of {', '.join(choices)}")
    elif granularity is not None:
        raise UsageError(f"--granularity applies to ads analytics ({', '.join(ADS_OBJECTS)}), not to -o {obj}")
    return AnalyticsQuery(start, end, tuple(sorted(set(names))), granularity if obj in ADS_OBJECTS else None)
