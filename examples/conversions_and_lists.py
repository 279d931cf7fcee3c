"""Send a conversion event, and create a customer list of hashed emails, then add to it."""

import hashlib
import time

from pinterest_tools import Pinterest


def hashed(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def main(client: Pinterest, ad_account_id: str) -> str:
    sent = client.ad_accounts.events.create(
        ad_account_id,
        data=[
            {
                "event_name": "checkout",
                "action_source": "web",
                "event_time": int(time.time()),
                "event_id": "order-1001",
                "user_data": {"em": [hashed("ana@example.com")]},
                "custom_data": {"currency": "USD", "value": "42.00"},
            }
        ],
    )
    print(f"events: {sent.num_events_received} received, {sent.num_events_processed} processed")
    made = client.ad_accounts.customer_lists.create(
        ad_account_id, name="Newsletter", records=hashed("ana@example.com"), list_type="EMAIL"
    )
    print(f"customer list {made.name} ({made.id})")
    client.ad_accounts.customer_lists.update(
        ad_account_id, made.id, operation_type="ADD", records=hashed("bo@example.com")
    )
    names = [customer_list.name for customer_list in client.ad_accounts.customer_lists.list(ad_account_id)]
    print(f"lists: {', '.join(name or '' for name in names)}")
    return made.id


if __name__ == "__main__":
    import sys

    with Pinterest() as client:
        main(client, sys.argv[1])
