"""Made-up moments fall near the emulator's clock: never small numbers, never years before it.

For every v5 operation (the derived request of ``support.v5_requests``), every number or ISO
date-time in a 2xx answer whose field names a moment (``created_time``, ``updated_timestamp``,
``shared_on_timestamp``, ``received_at``, ...) must be within a year of the emulator's clock
(numbers in seconds or milliseconds since the epoch, as Pinterest gives them), unless a
request of the run sent that value (a stored object shows what it was given) or the demo
data holds it (the data file's objects carry the times they were written with).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx
import pytest
from pinterest_api_v5.operations import OPERATIONS
from support.description import MISSING, spec_path
from support.v5_requests import RequestBuilder, order, send

from pinterest_tools.emulator.serving import data_file
from pinterest_tools.emulator.testing import start_emulator

pytestmark = pytest.mark.skipif(not spec_path().exists(), reason=MISSING)

MOMENT = re.compile(r"(?:^|_)(?:time|timestamp|at)$")
DURATIONS = {"watch", "average", "avg", "duration", "response", "window", "zone", "times", "count"}
YEAR = 366 * 24 * 60 * 60


def scalars(value: Any) -> set[Any]:
    """Every number anywhere in ``value`` (what a request sent, what the demo data holds)."""
    if isinstance(value, dict):
        return set().union(*(scalars(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(scalars(v) for v in value)) if value else set()
    return {value} if isinstance(value, int | float) and not isinstance(value, bool) else set()


def strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


def moments(value: Any, where: str = "") -> list[tuple[str, float]]:
    """Every number or ISO date-time under a field that names a moment, with where it is."""
    found: list[tuple[str, float]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            name = key.lower()
            if MOMENT.search(name) and not DURATIONS.intersection(name.split("_")):
                if isinstance(item, int | float) and not isinstance(item, bool):
                    found.append((f"{where}.{key}", item))
                elif isinstance(item, str) and (when := _instant(item)) is not None:
                    found.append((f"{where}.{key}", when))
            found += moments(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            found += moments(item, f"{where}[]")
    return found


def _instant(text: str) -> float | None:
    """An ISO 8601 date or date-time as epoch seconds (None for any other text)."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def test_made_up_moments_are_near_the_emulators_clock() -> None:
    far: list[str] = []
    sent: set[Any] = set()
    with start_emulator("inprocess") as emu:
        builder = RequestBuilder(emu)
        token = emu.issue_token()
        demo = data_file.dump(emu.state)  # what the emulator started from, in the data file's form
        known = scalars(demo) | ({_instant(v) for v in strings(demo)} - {None})
        with httpx.Client(base_url=emu.base_url + "/v5", transport=emu.transport) as api:
            for operation_id in order(list(OPERATIONS)):
                request = builder.build(operation_id)
                sent |= scalars(request.json) | {float(v) for _, v in request.params if v.isdigit()}
                sent |= {_instant(v) for v in strings(request.json)} - {None}
                answer = send(api, request, token)
                if answer.status_code >= 300 or not answer.content:
                    continue
                now = emu.clock.now()
                for where, value in moments(answer.json()):
                    seconds = value / 1000 if value > 10**11 else value
                    if value in sent or value in known or abs(seconds - now) <= YEAR:
                        continue
                    far.append(f"{operation_id}: {where} = {value}")
    assert far == []
