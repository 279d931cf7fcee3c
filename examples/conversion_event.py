"""Send one checkout to Pinterest's Conversions API, its user data hashed as Pinterest asks.

``hash_user_data`` normalises each field by Pinterest's rule (an email trimmed and lower
case, a phone as digits without leading zeros, ...) and sends its SHA-256: an email hashed
as typed, ``" Ana@Example.com"``, would match no Pinterest user (and the emulator, like
Pinterest, refuses a value that is not hashed at all).

Run it with a token that has ``ads:write`` (``ACCESS_TOKEN`` or the token file)::

    python examples/conversion_event.py AD_ACCOUNT_ID
"""

from __future__ import annotations

import sys
import time

from pinterest_tools import Pinterest
from pinterest_tools.conversions import hash_user_data


def send_checkout(client: Pinterest, ad_account_id: str, order_id: str) -> int:
    """Send the checkout of ``order_id``; the number of events Pinterest processed."""
    event = {
        "event_name": "checkout",
        "action_source": "web",
        "event_time": int(time.time()),
        "event_id": order_id,  # the same id from the Pinterest tag and this call counts once
        "user_data": hash_user_data(
            {
                "em": " Ana@Example.com",
                "ph": "+1 (555) 010-0200",
                "client_ip_address": "203.0.113.9",
                "client_user_agent": "Mozilla/5.0",
            }
        ),
        "custom_data": {"currency": "USD", "value": "42.50", "order_id": order_id},
    }
    answer = client.ad_accounts.events.create(ad_account_id, data=[event])
    return int(answer.num_events_processed)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: conversion_event.py AD_ACCOUNT_ID\n")
        return 2
    with Pinterest() as client:
        processed = send_checkout(client, argv[0], order_id=f"order-{int(time.time())}")
    sys.stdout.write(f"events processed: {processed}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
