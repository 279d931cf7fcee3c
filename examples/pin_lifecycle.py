"""Create a pin on a board, read it back, update it, save it to another board, then delete both."""

from pinterest_tools import Pinterest


def main(client: Pinterest, board_id: str, other_board_id: str) -> None:
    pin = client.pins.create(
        board_id=board_id,
        title="Weekend project",
        description="Made with pinterest-tools",
        media_source={"source_type": "image_url", "url": "https://images.example.com/project.jpg"},
    )
    print(f"created {pin.id}: {pin.title}")
    again = client.pins.get(pin.id)
    print(f"read back {again.id} on board {again.board_id}")
    updated = client.pins.update(pin.id, title="Weekend project, finished", alt_text="A finished shelf")
    print(f"updated {updated.id}: {updated.title}")
    saved = client.pins.save(pin.id, board_id=other_board_id)
    print(f"saved as {saved.id}")
    for pin_id in {pin.id, saved.id}:
        client.pins.delete(pin_id)
        print(f"deleted {pin_id}")


if __name__ == "__main__":
    import sys

    with Pinterest() as client:
        main(client, sys.argv[1], sys.argv[2])
