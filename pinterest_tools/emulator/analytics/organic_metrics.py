"""Organic analytics (a user's or a Pin's impressions, saves, clicks ...) as daily records
plus a summary, the layout v5's user and Pin analytics share and v3's partner metrics reuse.

Each daily record says how ready its numbers are, as Pinterest's ``data_status`` does:
READY for past days, PROCESSING for today and later (whose numbers are zeros, or
partial for today), and the caller's status (e.g. BEFORE_PIN_CREATED) for days before the
object existed. The summary is over the whole range, recomputed rather than summed, so
rates stay rates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pinterest_tools.emulator.analytics import metric_values
from pinterest_tools.emulator.analytics.metric_values import Bucket, Entity, Number
from pinterest_tools.emulator.analytics.report_dates import days


@dataclass(frozen=True, slots=True)
class Daily:
    date: dt.date
    data_status: str
    values: dict[str, Number]


def data_status(entity: Entity, day: dt.date, today: dt.date, before: str) -> str:
    if entity.since is not None and day < entity.since:
        return before
    return "PROCESSING" if day >= today else "READY"


def series(
    entity: Entity,
    start: dt.date,
    end: dt.date,
    names: Sequence[str],
    today: dt.date,
    *,
    before: str = "READY",
) -> tuple[list[Daily], dict[str, Number]]:
    """Daily records for ``start``..``end`` and the summary over the range."""
    records = [
        Daily(day, data_status(entity, day, today, before), metric_values.values(entity, Bucket((day,)), names, today))
        for day in days(start, end)
    ]
    summary = metric_values.values(entity, Bucket(tuple(days(start, end))), names, today)
    return records, summary
