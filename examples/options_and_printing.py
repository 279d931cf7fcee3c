"""Per-client and per-call options, the raw answer behind a call, and models printed as JSON."""

from pinterest_tools import Pinterest


def main(client: Pinterest) -> None:
    patient = client.with_options(max_retries=5, timeout=60)
    me = patient.user_account.get(timeout=10)
    print(me.to_json(indent=2))
    raw = client.with_raw_response.boards.list(page_size=2, extra_headers={"X-Trace": "everyday"})
    print(f"HTTP {raw.status_code}, request id {raw.request_id}")
    print(f"rate limit remaining: {raw.headers.get('x-ratelimit-remaining')}")
    for board in raw.parsed.items:
        print(f"{board.id}: {board.name}")
    first = client.pins.list(page_size=1, extra_query={"pin_metrics": "false"}).first_page()
    print(f"one pin: {[pin.to_dict() for pin in first.items][:1]}")


if __name__ == "__main__":
    with Pinterest() as client:
        main(client)
