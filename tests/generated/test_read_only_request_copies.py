"""R13: a board section's answer has a ``str`` id, its request body has no id at all."""

from __future__ import annotations

import typing
from typing import Any

import attrs
from pinterest_api_v5.models import BoardSection, BoardSectionRequest



def test_the_answer_requires_the_id_and_the_request_has_none() -> None:
    assert typing.get_type_hints(BoardSection)["id"] is str
    assert [field.name for field in attrs.fields(BoardSectionRequest) if not field.name.startswith("_")] == [
        "name",
        "additional_properties",
        "unparsed",
    ]
    assert BoardSectionRequest(name="Bars").to_dict() == {"name": "Bars"}


def test_a_missing_id_still_parses() -> None:
    section = BoardSection.from_dict({"name": "Bars"})
    assert section.name == "Bars" and section.id is None


def test_a_section_created_through_the_facade_comes_back_with_its_id(pinterest_emulator: Any) -> None:
    with pinterest_emulator.client() as client:
        board = next(iter(client.boards.list()))
        created = client.boards.sections.create(board.id, name="Bars")
        section_id: str = created.id  # typed str: no assert needed to pass it on
        assert [s.name for s in client.boards.sections.list(board.id) if s.id == section_id] == ["Bars"]
