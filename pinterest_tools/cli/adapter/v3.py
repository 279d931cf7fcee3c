"""The commands' calls in API v3 (``/v3/...``; every response is wrapped in ``{status, code, data, ...}``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from types import ModuleType
from typing import Any

from pinterest_tools.cli.adapter.base import Json
from pinterest_tools.cli.adapter.v3_ads import V3AdsMixin


class V3Api(V3AdsMixin):
    version = 3

    def data(self, operation: ModuleType, **kwargs: Any) -> Json:
        """The ``data`` of a v3 envelope."""
        result: Json = self.json(operation, **kwargs).get("data") or {}
        return result

    @cached_property
    def user_id(self) -> str:
        # v3 lists a user's boards and pins by id, which upstream read from GET users/me first.
        return str(self.user()["id"])

    def user(self) -> Json:
        from pinterest_api_v3.api.users import users_get

        user = self.data(users_get, user="me")
        if user.get("id"):
            self.__dict__.setdefault("user_id", str(user["id"]))  # the cached_property below: no second GET
        return user

    def pin(self, pin_id: str) -> Json:
        from pinterest_api_v3.api.pins import pins_get

        return self.data(pins_get, pin=pin_id)

    def board(self, board_id: str) -> Json:
        from pinterest_api_v3.api.boards import boards_get

        return self.data(boards_get, board=board_id)

    def board_pins(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v3.api.boards import boards_pins_list

        pins = self.items(boards_pins_list, page_size, board=board_id)
        return (pin for pin in pins if not pin.get("board_section_id"))

    def sections(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v3.api.board_sections import board_sections_list

        return self.items(board_sections_list, page_size, board=board_id)

    def section_pins(self, board_id: str, section_id: str, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v3.api.board_sections import board_sections_pins_list

        return self.items(board_sections_pins_list, page_size, section=section_id)

    def user_boards(
        self, page_size: int | None = None, include_empty: bool | None = None, include_archived: bool | None = None
    ) -> Iterator[Json]:
        from pinterest_api_v3.api.users import users_boards_feed

        # None leaves a filter to the API's default (empty boards in, archived out), as upstream sent only True.
        flags = {"include_empty": include_empty, "include_archived": include_archived}
        chosen = {name: value for name, value in flags.items() if value is not None}
        return self.items(users_boards_feed, page_size=page_size, user=self.user_id, **chosen)

    def user_pins(self, page_size: int | None = None) -> Iterator[Json]:
        from pinterest_api_v3.api.users import users_pins_list

        return self.items(users_pins_list, page_size=page_size, user=self.user_id)

    def create_board(self, board: Json) -> Json:
        from pinterest_api_v3.api.boards import boards_create
        from pinterest_api_v3.models import BoardCreateRequest

        return self.data(boards_create, body=BoardCreateRequest.from_dict(board))

    def create_section(self, board_id: str, name: str) -> Json:
        from pinterest_api_v3.api.board_sections import board_sections_create
        from pinterest_api_v3.models import BoardSectionCreateRequest

        return self.data(board_sections_create, board=board_id, body=BoardSectionCreateRequest(title=name))

    def create_pin(self, pin: Json) -> Json:
        from pinterest_api_v3.api.pins import pins_create
        from pinterest_api_v3.models import PinCreateRequest

        return self.data(pins_create, body=PinCreateRequest.from_dict(pin))

    def save_pin(self, pin_id: str, board_id: str, section_id: str | None = None) -> Json:
        from pinterest_api_v3.api.pins import pins_save
        from pinterest_api_v3.models import PinSaveRequest

        body = PinSaveRequest.from_dict(
            {"board_id": board_id, **({"board_section_id": section_id} if section_id else {})}
        )
        return self.data(pins_save, pin=pin_id, body=body)

    def delete_board(self, board_id: str) -> None:
        from pinterest_api_v3.api.boards import boards_delete

        boards_delete.sync_detailed(board=board_id, client=self.api)

    def register_media(self) -> Json:
        from pinterest_api_v3.api.media import media_register
        from pinterest_api_v3.models import MediaRegisterRequest

        registered = self.data(media_register, body=MediaRegisterRequest.from_dict({"type": "video"}))
        return {**registered, "media_id": str(registered.get("upload_id", ""))}

    def media_status(self, media_id: str) -> Json:
        from pinterest_api_v3.api.media import media_get

        record: Json = self.data(media_get, upload_ids=media_id).get(media_id) or {}
        return record
