"""List my boards and the first pins of each."""

from pinterest_tools import Pinterest


def main(client: Pinterest, pins_per_board: int = 3) -> None:
    for board in client.boards.list():
        print(f"{board.name} ({board.id})")
        first = client.boards.list_pins(board.id, page_size=pins_per_board).first_page()
        for pin in first.items:
            print(f"  pin {pin.id}: {pin.title or '(no title)'}")


if __name__ == "__main__":
    with Pinterest() as client:  # the token from ACCESS_TOKEN or the token file
        main(client)
