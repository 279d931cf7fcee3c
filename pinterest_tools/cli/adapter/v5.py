"""The commands' calls in API v5 (``/v5/...``, responses are the objects themselves), through the facade.

Each call is one line on :attr:`V5AdsMixin.rest <pinterest_tools.cli.adapter.v5_ads.V5AdsMixin.rest>`
(the ``Pinterest`` facade over the command's own httpx client, auth and retries); the
commands get the JSON of the typed models back, with the field names of the v5 responses.
"""

from __future__ import annotations

from collections.abc import Iterator

from pinterest_tools.cli.adapter.base import Json, json_items
from pinterest_tools.cli.adapter.v5_ads import V5AdsMixin


class V5Api(V5AdsMixin):
    version = 5

    def user(self) -> Json:
        return self.rest.user_account.get().to_dict()

    def pin(self, pin_id: str) -> Json:
        return self.rest.pins.get(pin_id).to_dict()

    def board(self, board_id: str) -> Json:
        return self.rest.boards.get(board_id).to_dict()

    def board_pins(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        # v5 lists a board's section pins too; the commands want the others.
        pins = json_items(self.rest.boards.list_pins(board_id, page_size=page_size))
        return (pin for pin in pins if not pin.get("board_section_id"))

    def sections(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        return json_items(self.rest.boards.sections.list(board_id, page_size=page_size))

    def section_pins(self, board_id: str, section_id: str, page_size: int | None = None) -> Iterator[Json]:
        return json_items(self.rest.boards.sections.list_pins(board_id, section_id, page_size=page_size))

    def user_boards(
        self, page_size: int | None = None, include_empty: bool | None = None, include_archived: bool | None = None
    ) -> Iterator[Json]:
        # v5's /boards has no include_empty/include_archived (upstream sent them unchecked): it lists all boards.
        return json_items(self.rest.boards.list(page_size=page_size))

    def user_pins(self, page_size: int | None = None) -> Iterator[Json]:
        return json_items(self.rest.pins.list(page_size=page_size))

    def create_board(self, board: Json) -> Json:
        return self.rest.boards.create(body=board).to_dict()

    def create_section(self, board_id: str, name: str) -> Json:
        return self.rest.boards.sections.create(board_id, name=name).to_dict()

    def create_pin(self, pin: Json) -> Json:
        return self.rest.pins.create(body=pin).to_dict()

    def save_pin(self, pin_id: str, board_id: str, section_id: str | None = None) -> Json:
        return self.rest.pins.save(pin_id, board_id=board_id, board_section_id=section_id or None).to_dict()

    def delete_board(self, board_id: str) -> None:
        self.rest.boards.delete(board_id)

    def register_media(self) -> Json:
        return self.rest.media.create().to_dict()

    def media_status(self, media_id: str) -> Json:
        return self.rest.media.get(media_id).to_dict()
