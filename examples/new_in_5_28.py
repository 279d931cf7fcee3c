"""What API 5.28.0 added: a pin's AI disclosures, pins filtered by link domain, customer segments."""

from pinterest_tools import Pinterest

IMAGE = {"source_type": "image_url", "url": "https://images.example.com/still-life.jpg"}


def main(client: Pinterest, board_id: str, ad_account_id: str) -> list[str]:
    pin = client.pins.create(
        board_id=board_id,
        title="Still life, generated",
        link="https://shop.example.com/vases/blue",
        media_source=IMAGE,
        ai_disclosures={"values": ["AI_MODIFIED"]},
    )
    stated = client.pins.get(pin.id).ai_disclosures
    print(f"pin {pin.id} discloses: {', '.join(stated.values if stated else [])}")
    from_shop = [found.title or "" for found in client.pins.list(domain="shop.example.com")]
    print(f"pins linking to shop.example.com: {', '.join(from_shop)}")
    audience = client.ad_accounts.audiences.create(
        ad_account_id, name="Vase lovers", rule={"engagement_type": "click"}, audience_type="ENGAGEMENT"
    )
    segment = client.ad_accounts.customer_segments.create(
        ad_account_id, name="Vase lovers segment", audience_ids=[audience.id]
    )
    names = [found.name or "" for found in client.ad_accounts.customer_segments.list(ad_account_id)]
    print(f"customer segments: {', '.join(names)}")
    client.pins.delete(pin.id)
    return [pin.id, segment.id or ""]


if __name__ == "__main__":
    import sys

    with Pinterest() as client:
        main(client, board_id=sys.argv[1], ad_account_id=sys.argv[2])
