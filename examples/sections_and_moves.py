"""A board with a section, three pins, one moved into the section, then the board deleted."""

from pinterest_tools import Pinterest

IMAGE = "https://images.example.com/{}.jpg"


def main(client: Pinterest) -> list[str]:
    board = client.boards.create(name="Kitchen ideas", description="Made with pinterest-tools")
    section = client.boards.sections.create(board.id, name="Shelves")
    print(f"board {board.id} with section {section.name}")
    pins = [
        client.pins.create(
            board_id=board.id, title=title, media_source={"source_type": "image_url", "url": IMAGE.format(title)}
        )
        for title in ("Open shelf", "Spice rack", "Pot rail")
    ]
    moved = client.pins.update(pins[1].id, board_id=board.id, board_section_id=section.id)
    print(f"moved {moved.title} into {section.name}")
    on_board = list(client.boards.list_pins(board.id))
    in_section = [pin.title or "" for pin in on_board if pin.board_section_id == section.id]
    print(f"{section.name}: {', '.join(in_section)}")
    print(f"{board.name}: {len(on_board)} pins")
    client.boards.delete(board.id)
    print(f"deleted board {board.id}")
    return [pin.id for pin in pins]


if __name__ == "__main__":
    with Pinterest() as client:
        main(client)
