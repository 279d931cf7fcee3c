"""The commands' calls in API v5 (``/v5/...``, responses are the objects themselves)."""

from __future__ import annotations

from collections.abc import Iterator

from pinterest_tools.api.base import Json
from pinterest_tools.api.v5_ads import V5AdsMixin


class V5Api(V5AdsMixin):
    version = 5

    def user(self) -> Json:
        from pinterest_api_v5.api.user_account import user_account_get

        return self.json(user_account_get)

    def pin(self, pin_id: str) -> Json:
        from pinterest_api_v5.api.pins import pins_get

        return self.json(pins_get, pin_id=pin_id)

    def board(self, board_id: str) -> Json:
        from pinterest_api_v5.api.boards import boards_get

        return self.json(boards_get, board_id=board_id)

    def board_pins(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v5.api.boards import boards_list_pins

        # v5 lists a board's section pins too; the commands want the others.
        pins = self.items(boards_list_pins, page_size, board_id=board_id)
        return (pin for pin in pins if not pin.get("board_section_id"))

    def sections(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v5.api.boards import board_sections_list

        return self.items(board_sections_list, page_size, board_id=board_id)

    def section_pins(self, board_id: str, section_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v5.api.boards import board_sections_list_pins

        return self.items(board_sections_list_pins, page_size, board_id=board_id, section_id=section_id)

    def user_boards(
        self, page_size: int | None = None, include_empty: bool | None = None, include_archived: bool | None = None
    ) -> Iterator[Json]:
        from pinterest_api_v5.api.boards import boards_list

        # v5's /boards has no include_empty/include_archived (upstream sent them unchecked): it lists all boards.
        return self.items(boards_list, page_size=page_size)

    def user_pins(self, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v5.api.pins import pins_list

        return self.items(pins_list, page_size=page_size)

    def create_board(self, board: Json) -> Json:
        from pinterest_api_v5.api.boards import boards_create
        from pinterest_api_v5.models import BoardCreate

        return self.json(boards_create, body=BoardCreate.from_dict(board))

    def create_section(self, board_id: str, name: str) -> Json:
        from pinterest_api_v5.api.boards import board_sections_create
        from pinterest_api_v5.models import BoardSection

        return self.json(board_sections_create, board_id=board_id, body=BoardSection(name=name))

    def create_pin(self, pin: Json) -> Json:
        from pinterest_api_v5.api.pins import pins_create
        from pinterest_api_v5.models import PinCreate

        return self.json(pins_create, body=PinCreate.from_dict(pin))

    def save_pin(self, pin_id: str, board_id: str, section_id: str | None = None) -> Json:
        from pinterest_api_v5.api.pins import pins_save
        from pinterest_api_v5.models import PinsSaveBody

        body = PinsSaveBody.from_dict(
            {"board_id": board_id, **({"board_section_id": section_id} if section_id else {})}
        )
        return self.json(pins_save, pin_id=pin_id, body=body)

    def delete_board(self, board_id: str) -> None:
        from pinterest_api_v5.api.boards import boards_delete

        boards_delete.sync_detailed(board_id=board_id, client=self.api)

    def register_media(self) -> Json:
        from pinterest_api_v5.api.media import media_create
        from pinterest_api_v5.models import MediaUploadCreate, MediaUploadType

        return self.json(media_create, body=MediaUploadCreate(media_type=MediaUploadType.VIDEO))

    def media_status(self, media_id: str) -> Json:
        from pinterest_api_v5.api.media import media_get

        return self.json(media_get, media_id=media_id)
