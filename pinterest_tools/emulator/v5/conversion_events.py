"""v5 conversion events (``POST /ad_accounts/{id}/events``): checked one by one, as Pinterest's
Conversions API does, and kept unless ``test=true``.

A body that is not ``{"data": [...]}`` with 1 to 1000 events is a 400 code 1. Each event
is then checked on its own and answered in ``events`` at its index, ``processed`` or
``failed`` with an ``error_message`` naming the first problem:

- the fields the description requires (``event_name``, ``action_source``,
  ``event_time``, ``event_id``, ``user_data``) and its types;
- ``action_source`` one of ``app_android``, ``app_ios``, ``web``, ``offline``;
- ``event_time`` (epoch seconds) at most 7 days before the emulator's clock and at most
  an hour after it (Pinterest's Conversions API refuses older events and clock skew
  beyond that);
- ``user_data``: the identifying fields Pinterest wants hashed (``em``, ``ph``, ``ge``,
  ``db``, ``ln``, ``fn``, ``ct``, ``st``, ``zp``, ``country``, ``external_id``,
  ``hashed_maids``) each a list of SHA-256 digests in lowercase hex, and at least one
  of ``em``, ``hashed_maids`` or ``client_ip_address`` with ``client_user_agent``.

``num_events_received`` is the number of events sent and ``num_events_processed`` the
number answered ``processed``. A processed event's ``error_message`` and
``warning_message`` are ``""``, as Pinterest sends them (the description has them nullable;
Pinterest does not send null). When every event is processed the answer is 200
``ConversionApiResponse``; when one or more failed it is 422 ``DetailedError``, as the
description documents ("Not all events were successfully processed"): code 1 (Pinterest's
"Invalid parameters"), a message counting the failures, and the per-event answer in
``details`` (``num_events_received``, ``num_events_processed``, ``events``), so a client
still learns which events failed and why. Processed events are kept in the state (family
``/ad_accounts/{ad_account_id}/events``, so the data file dumps them) unless the query
says ``test=true``, which checks everything and keeps nothing.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from starlette.responses import JSONResponse, Response

from pinterest_tools.emulator.core.access import own_ad_account
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described.families import CONVERSION_EVENTS
from pinterest_tools.emulator.described.schema_table import Schema, table
from pinterest_tools.emulator.described.synth import schemas
from pinterest_tools.emulator.wire.errors import invalid

MAX_EVENTS = 1000
ACTION_SOURCES = ("app_android", "app_ios", "web", "offline")
MAX_AGE_SECONDS = 7 * 24 * 3600
MAX_SKEW_SECONDS = 3600
HASHED_FIELDS = ("em", "ph", "ge", "db", "ln", "fn", "ct", "st", "zp", "country", "external_id", "hashed_maids")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
FAILED_EVENTS_CODE = 1  # Pinterest's "Invalid parameters", in the description's 422 ``DetailedError``


@functools.cache
def _event_schema() -> Schema:
    """The description's schema of one event (``ConversionEvents.data[]``)."""
    body = table().operations["events_create"].request
    assert body is not None
    data: Schema = schemas().resolve(body)["properties"]["data"]
    item: Schema = schemas().resolve(data)["items"]
    return item


def _user_data_problem(user_data: dict[str, Any]) -> str | None:
    for name in HASHED_FIELDS:
        for index, value in enumerate(user_data.get(name) or ()):
            if not isinstance(value, str) or not SHA256_HEX.match(value):
                return f"user_data.{name}[{index}]: not a SHA-256 hash in lowercase hex"
    identified = user_data.get("em") or user_data.get("hashed_maids")
    if not identified and not (user_data.get("client_ip_address") and user_data.get("client_user_agent")):
        return "user_data: needs em, hashed_maids, or client_ip_address with client_user_agent"
    return None


def event_problem(event: Any, now: float) -> str | None:
    """Why Pinterest would refuse this event (the first reason), or None."""
    if found := schemas().problem(_event_schema(), event, "request"):
        return found
    if event["action_source"] not in ACTION_SOURCES:
        return f"action_source: {event['action_source']!r} is not one of {', '.join(ACTION_SOURCES)}"
    if event["event_time"] < now - MAX_AGE_SECONDS:
        return "event_time: more than 7 days ago"
    if event["event_time"] > now + MAX_SKEW_SECONDS:
        return "event_time: in the future"
    return _user_data_problem(event["user_data"])


def events_create(call: Call) -> Response:
    account = own_ad_account(call, call.path("ad_account_id"))
    body = call.body
    events = body.get("data") if isinstance(body, dict) else None
    if not isinstance(events, list) or not 1 <= len(events) <= MAX_EVENTS:
        raise invalid(f"data: a list of 1 to {MAX_EVENTS} events is required.")
    test = call.query.get("test", "false").lower() == "true"
    now = call.clock.now()
    results: list[dict[str, Any]] = []
    for event in events:
        problem = event_problem(event, now)
        if problem is not None:
            results.append({"status": "failed", "error_message": problem, "warning_message": ""})
            continue
        results.append({"status": "processed", "error_message": "", "warning_message": ""})
        if not test:
            stored = Resource(
                call.state.new_id(), CONVERSION_EVENTS, call.user.id, {"ad_account_id": account.id}, dict(event)
            )
            call.state.resources[stored.id] = stored
    processed = sum(result["status"] == "processed" for result in results)
    answer = {"num_events_received": len(events), "num_events_processed": processed, "events": results}
    if processed == len(events):
        return JSONResponse(answer)
    failed = len(events) - processed
    message = f"Not all events were successfully processed: {failed} of {len(events)} failed."
    return JSONResponse({"code": FAILED_EVENTS_CODE, "message": message, "details": answer}, 422)


ROUTES = [operation(V5, "events_create", events_create)]
