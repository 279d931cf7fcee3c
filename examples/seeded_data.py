"""Print a user's boards, their sections and pins: run against an emulator seeded with test data."""

from pinterest_tools import Pinterest


def main(client: Pinterest) -> None:
    me = client.user_account.get()
    print(f"{me.username}: {me.board_count} boards")
    for board in client.boards.list():
        sections = [section.name or "" for section in client.boards.sections.list(board.id)]
        pins = [pin.title or "" for pin in client.boards.list_pins(board.id)]
        print(f"{board.name}: sections {sections}, pins {pins}")


if __name__ == "__main__":
    with Pinterest() as client:
        main(client)
