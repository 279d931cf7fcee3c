"""v5 boards and board sections: list, create, get, delete, and the pins on them."""

from __future__ import annotations

from pinterest_api_v5.models.board_privacy import BoardPrivacy
from pinterest_api_v5.models.board_privacy_filter import BoardPrivacyFilter
from pinterest_api_v5.models.board_sections_list_pins_response import BoardSectionsListPinsResponse
from pinterest_api_v5.models.board_sections_list_response import BoardSectionsListResponse
from pinterest_api_v5.models.boards_list_pins_response import BoardsListPinsResponse
from pinterest_api_v5.models.boards_list_response import BoardsListResponse
from starlette.responses import Response

from pinterest_tools.emulator.core.access import own_board, section_of, visible_board
from pinterest_tools.emulator.core.operation_routes import V5, Call, operation
from pinterest_tools.emulator.data.records import Board, Section
from pinterest_tools.emulator.v5.pins import pins_page
from pinterest_tools.emulator.wire import render_v5, request_fields
from pinterest_tools.emulator.wire.errors import conflict
from pinterest_tools.emulator.wire.model_responses import model_response, no_content, page_response
from pinterest_tools.emulator.wire.paging import paginate

PRIVACY_FILTERS = {
    "ALL": ("PUBLIC", "PROTECTED", "SECRET"),
    "PUBLIC": ("PUBLIC",),
    "PROTECTED": ("PROTECTED",),
    "SECRET": ("SECRET",),
    "PUBLIC_AND_SECRET": ("PUBLIC", "SECRET"),
}
assert set(PRIVACY_FILTERS) == {member.value for member in BoardPrivacyFilter}


def _by_id(record: Board | Section) -> int:
    return int(record.id)


def boards_list(call: Call) -> Response:
    privacy = request_fields.choice(call.query, "privacy", PRIVACY_FILTERS, "ALL")
    boards = [board for board in call.state.boards_of(call.user.id) if board.privacy in PRIVACY_FILTERS[privacy]]
    page = paginate(boards, call.query, listing=f"boards:{call.user.id}:{privacy}", key=_by_id)
    return page_response(BoardsListResponse, [render_v5.board(call.state, b) for b in page.items], page.bookmark)


def boards_create(call: Call) -> Response:
    body = call.object_body()
    name = request_fields.required_text(body, "name", min_length=1, max_length=180)
    if any(board.name.lower() == name.lower() for board in call.state.boards_of(call.user.id)):
        raise conflict(f"You already have a board named {name!r}.")
    board = Board(
        id=call.state.new_id(),
        owner_id=call.user.id,
        name=name,
        description=request_fields.text(body, "description", max_length=500) or "",
        privacy=request_fields.choice(body, "privacy", [member.value for member in BoardPrivacy], "PUBLIC"),
        is_ads_only=request_fields.flag(body, "is_ads_only"),
        created_at=call.clock.utcnow(),
        creator_only=call.app.trial,
    )
    call.state.boards[board.id] = board
    return model_response(render_v5.board(call.state, board), 201)


def boards_get(call: Call) -> Response:
    return model_response(render_v5.board(call.state, visible_board(call, call.path("board_id"))))


def boards_delete(call: Call) -> Response:
    board = own_board(call, call.path("board_id"))
    call.state.delete_board(board.id)
    return no_content()


def boards_list_pins(call: Call) -> Response:
    board = visible_board(call, call.path("board_id"))
    pins = call.state.pins_on_board(board.id)
    return pins_page(call, pins, f"board-pins:{board.id}", BoardsListPinsResponse)


def board_sections_list(call: Call) -> Response:
    board = visible_board(call, call.path("board_id"))
    page = paginate(call.state.sections_of(board.id), call.query, listing=f"sections:{board.id}", key=_by_id)
    return page_response(BoardSectionsListResponse, [render_v5.section(s) for s in page.items], page.bookmark)


def board_sections_create(call: Call) -> Response:
    board = own_board(call, call.path("board_id"))
    name = request_fields.required_text(call.object_body(), "name", min_length=1, max_length=180)
    if any(section.name.lower() == name.lower() for section in call.state.sections_of(board.id)):
        raise conflict(f"This board already has a section named {name!r}.")
    section = Section(call.state.new_id(), board.id, name, call.clock.utcnow())
    call.state.sections[section.id] = section
    return model_response(render_v5.section(section), 201)


def board_sections_list_pins(call: Call) -> Response:
    board = visible_board(call, call.path("board_id"))
    section = section_of(call, board, call.path("section_id"))
    pins = call.state.pins_in_section(section.id)
    return pins_page(call, pins, f"section-pins:{section.id}", BoardSectionsListPinsResponse)


ROUTES = [
    operation(V5, "boards_list", boards_list),
    operation(V5, "boards_create", boards_create),
    operation(V5, "boards_get", boards_get),
    operation(V5, "boards_delete", boards_delete),
    operation(V5, "boards_list_pins", boards_list_pins),
    operation(V5, "board_sections_list", board_sections_list),
    operation(V5, "board_sections_create", board_sections_create),
    operation(V5, "board_sections_list_pins", board_sections_list_pins),
]
