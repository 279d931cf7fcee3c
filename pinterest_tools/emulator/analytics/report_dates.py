"""Report dates from requests: real dates, in order, and within the documented limits.

Every analytics call and report takes ``start_date`` and ``end_date`` (YYYY-MM-DD, UTC).
v5's description says how far back and how long a range may be ("Cannot be more than 90
days back from today", "... 90 days past start_date"); the routes pass those limits in,
read against the emulator's clock, so a client learns about a bad range here with a 400
that names the field instead of getting numbers for dates Pinterest would refuse.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from pinterest_tools.emulator.wire.errors import invalid

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def parse(value: object, key: str) -> dt.date:
    if value is None or value == "":
        raise invalid(f"{key}: this field is required.")
    if not isinstance(value, str) or not _DATE.match(value):
        raise invalid(f"{key}: {value!r} is not a date in YYYY-MM-DD format.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(f"{key}: {value!r} is not a date in YYYY-MM-DD format.") from None


def date_range(
    source: Mapping[str, Any],
    today: dt.date | None = None,
    *,
    max_back: int | None = None,
    max_span: int | None = None,
    what: str = "",
) -> tuple[dt.date, dt.date]:
    """``start_date`` and ``end_date`` from a query or body, checked; limits in days (None: none).

    ``max_back`` counts back from ``today``, which it needs; ``what`` says when the limits apply
    ("with granularity HOUR"), for the message.
    """
    when = f" {what}" if what else ""
    start = parse(source.get("start_date"), "start_date")
    end = parse(source.get("end_date"), "end_date")
    if start > end:
        raise invalid(f"start_date ({start}) is after end_date ({end}).")
    if max_back is not None and today is not None and start < today - dt.timedelta(days=max_back):
        raise invalid(f"start_date: {start} is more than {max_back} days before today ({today}){when}.")
    if max_span is not None and end > start + dt.timedelta(days=max_span):
        raise invalid(f"end_date: {end} is more than {max_span} days after start_date ({start}){when}.")
    return start, end


def days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
