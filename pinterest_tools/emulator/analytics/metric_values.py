"""Deterministic analytics numbers: the same entity, day and metric always give the same value.

Nothing is stored. A number comes from a hash of (entity, day, metric), so a test can ask
twice and compare, and v5 analytics, ads v4 delivery metrics and async reports all agree.
The numbers are shaped like real ones, so that a chart or a filter on them behaves:

- every active day has a base impression count (200..5000); impression metrics are close
  to it, other counts are small shares of it (0..8 %);
- ``<COUNT>_RATE`` is that count over impressions; other rates and ROAS are small ratios;
- spend and value metrics follow impressions at a per-entity price per mille; prices
  (CPC, CPM, cost per action) and durations are per-entity constants;
- ``..._IN_MICRO_DOLLAR`` is the ``..._IN_DOLLAR`` value times a million, as an integer.

Counts and spend add up over a range (a WEEK row is the sum of its DAY rows, an HOUR row
a 24th of its day); rates are recomputed from the sums. An entity has no activity (zeros)
before the day it was created or after today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pinterest_tools.emulator.analytics.report_dates import days

Number = int | float

GRANULARITIES = ("TOTAL", "DAY", "HOUR", "WEEK", "MONTH")


def unit(*parts: object) -> float:
    """A number in [0, 1) that depends only on ``parts``."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


class Kind(StrEnum):
    IMPRESSIONS = "impressions"
    COUNT = "count"
    RATE = "rate"
    SPEND = "spend"  # additive money: spend, conversion value
    PRICE = "price"  # money per something: CPC, CPM, cost per action
    RATIO = "ratio"  # non-additive numbers: durations, frequencies


def kind(metric: str) -> Kind:
    words = metric.split("_")
    if metric.endswith("_RATE") or "CTR" in words or "ECTR" in words or "ROAS" in words:
        return Kind.RATE
    if "COST" in words or metric.startswith(("CPC", "CPM", "CPV", "ECP")):
        return Kind.PRICE
    if "DOLLAR" in words:
        return Kind.SPEND
    if any(word in words for word in ("AVG", "WATCH", "WATCHTIME", "LENGTH", "FREQUENCY", "MULTIPLIER", "TIME")):
        return Kind.RATIO
    if "IMPRESSION" in words:
        return Kind.IMPRESSIONS
    return Kind.COUNT


@dataclass(frozen=True, slots=True)
class Entity:
    """Whatever has numbers: ``key`` seeds them ("campaign:123"), ``since`` is its first active day."""

    key: str
    since: dt.date | None = None

    def active(self, day: dt.date, today: dt.date) -> bool:
        return (self.since is None or self.since <= day) and day <= today


@dataclass(frozen=True, slots=True)
class Bucket:
    """The days (or one hour of one day) a row or a daily record covers."""

    days: tuple[dt.date, ...]
    hour: int | None = None

    @property
    def start(self) -> dt.date:
        return self.days[0]


def buckets(start: dt.date, end: dt.date, granularity: str) -> list[Bucket]:
    """The rows of a range: one (TOTAL), per day, per hour, per week (from Monday) or per month."""
    all_days = list(days(start, end))
    if granularity == "TOTAL":
        return [Bucket(tuple(all_days))]
    if granularity == "DAY":
        return [Bucket((day,)) for day in all_days]
    if granularity == "HOUR":
        return [Bucket((day,), hour) for day in all_days for hour in range(24)]
    groups: dict[object, list[dt.date]] = {}
    for day in all_days:
        key = day - dt.timedelta(days=day.weekday()) if granularity == "WEEK" else (day.year, day.month)
        groups.setdefault(key, []).append(day)
    return [Bucket(tuple(group)) for group in groups.values()]


def _base(entity: Entity, day: dt.date) -> int:
    return 200 + int(unit(entity.key, day, "IMPRESSION") * 4800)


def _count(entity: Entity, active: Sequence[dt.date], metric: str) -> int:
    if metric in ("IMPRESSION", "TOTAL_IMPRESSION"):
        return sum(_base(entity, day) for day in active)
    if kind(metric) is Kind.IMPRESSIONS:
        return sum(round(_base(entity, day) * (0.85 + 0.15 * unit(entity.key, day, metric))) for day in active)
    return sum(round(_base(entity, day) * 0.08 * unit(entity.key, day, metric)) for day in active)


def _dollars(entity: Entity, active: Sequence[dt.date], metric: str) -> float:
    """The unrounded money value of a SPEND or PRICE metric (micro-dollar metrics share it)."""
    name = metric.replace("_IN_MICRO_DOLLAR", "_IN_DOLLAR")
    if not active:
        return 0.0
    if kind(metric) is Kind.PRICE:
        return 0.1 + 4.9 * unit(entity.key, name)
    price_per_mille = 2 + 10 * unit(entity.key, name)
    return sum(_base(entity, day) for day in active) * price_per_mille / 1000


def value(entity: Entity, bucket: Bucket, metric: str, today: dt.date) -> Number:
    """The value of ``metric`` for ``entity`` over ``bucket``."""
    active = [day for day in bucket.days if entity.active(day, today)]
    metric_kind = kind(metric)
    result: Number
    if metric_kind in (Kind.IMPRESSIONS, Kind.COUNT):
        result = _count(entity, active, metric)
    elif metric_kind is Kind.RATE:
        numerator = metric.removesuffix("_RATE")
        impressions = _count(entity, active, "IMPRESSION")
        if numerator != metric and kind(numerator) in (Kind.COUNT, Kind.IMPRESSIONS) and impressions:
            return round(_count(entity, active, numerator) / impressions, 6)
        return round(0.001 + 0.05 * unit(entity.key, bucket.start, metric), 6) if active else 0.0
    elif metric_kind is Kind.RATIO:
        return round(1 + 29 * unit(entity.key, metric), 2) if active else 0.0
    else:
        dollars = _dollars(entity, active, metric)
        if metric_kind is Kind.SPEND and bucket.hour is not None:
            dollars /= 24
        if "MICRO_DOLLAR" in metric:
            return round(dollars * 1_000_000)
        return round(dollars, 2)
    if bucket.hour is not None:  # an hour's share of the day's count
        quotient, remainder = divmod(int(result), 24)
        result = quotient + (1 if bucket.hour < remainder else 0)
    return result


def values(entity: Entity, bucket: Bucket, metrics: Iterable[str], today: dt.date) -> dict[str, Number]:
    return {metric: value(entity, bucket, metric, today) for metric in metrics}
