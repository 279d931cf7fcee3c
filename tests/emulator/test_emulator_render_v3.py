"""v3's RFC 2822 times, written without ``email.utils`` on the hot path, must read as it writes them."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

from pinterest_tools.emulator.wire.render_v3 import timestamp

ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=-8)), dt.timezone(dt.timedelta(hours=5, minutes=30))]


def moments() -> list[dt.datetime]:
    """Every weekday and month, leap days, year ends and a spread of seeded instants, in three zones."""
    draw = random.Random(2384)
    instants = [
        dt.datetime(2024, 2, 29, 23, 59, 59),
        dt.datetime(1999, 12, 31, 0, 0, 0),
        dt.datetime(2021, 1, 22, 14, 34, 18),
    ]
    instants += [dt.datetime(2026, month, 1 + day, 12) for month in range(1, 13) for day in range(7)]
    instants += [dt.datetime(1970, 1, 1) + dt.timedelta(seconds=draw.randrange(0, 2**32)) for _ in range(300)]
    return [instant.replace(tzinfo=zone) for instant in instants for zone in ZONES]


def test_timestamp_is_what_email_utils_writes_in_utc() -> None:
    wrong = [
        (moment, timestamp(moment))
        for moment in moments()
        if timestamp(moment) != email.utils.format_datetime(moment.astimezone(dt.UTC))
    ]
    assert wrong == []
