"""The calls the commands make, once per API version, behind one interface.

A command is written once and runs with ``-v 3`` or ``-v 5``: it asks a
:class:`PinterestApi` for a pin, a board's pins or a new board, and gets plain
JSON-shaped dicts back. Each implementation goes through its generated client
(so requests and responses are typed and validated by the models) and through
:mod:`pinterest_tools.paging` for bookmark paging. The dicts keep the field names
of the version's own responses, which is what the summaries print.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pinterest_tools.client import PinterestClient

Json = dict[str, Any]


class PinterestApi(Protocol):
    """What the organic commands need from an API version."""

    version: int
    client: PinterestClient

    def user(self) -> Json: ...
    def pin(self, pin_id: str) -> Json: ...
    def board(self, board_id: str) -> Json: ...
    def board_pins(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        """Pins of the board that are not in a section."""
        ...

    def sections(self, board_id: str, page_size: int | None = None) -> Iterator[Json]: ...
    def section_pins(self, board_id: str, section_id: str, page_size: int | None = None) -> Iterator[Json]: ...
    def user_boards(
        self, page_size: int | None = None, include_empty: bool = False, include_archived: bool = False
    ) -> Iterator[Json]: ...
    def user_pins(self, page_size: int | None = None) -> Iterator[Json]: ...
    def create_board(self, board: Json) -> Json: ...
    def create_section(self, board_id: str, name: str) -> Json: ...
    def create_pin(self, pin: Json) -> Json: ...
    def save_pin(self, pin_id: str, board_id: str, section_id: str | None = None) -> Json: ...
    def delete_board(self, board_id: str) -> None: ...
    def register_media(self) -> Json:
        """Register a video upload: ``upload_url``, ``upload_parameters`` and the media (v5) or upload (v3) id."""
        ...

    def media_status(self, media_id: str) -> Json:
        """``{"status": ..., "failure_code": ...}`` of a registered upload; status ``succeeded`` when usable."""
        ...


def api_for(client: PinterestClient) -> PinterestApi:
    """The implementation for the client's API version."""
    if client.config.version == 3:
        from pinterest_tools.api.v3 import V3Api

        return V3Api(client)
    from pinterest_tools.api.v5 import V5Api

    return V5Api(client)
