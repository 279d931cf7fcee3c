"""v3 boards and board sections: get, create (PUT), delete, their pins; sections under the
singular ``/v3/board/`` prefix.

Creation takes v3's form fields (JSON too, as v3 accepted both): ``name``, ``description``,
``privacy`` (public, protected, secret), ``category``, ``layout``, event dates, and
``return_existing`` to get the board of that name back instead of a conflict. A board's
pins leave out those in a section unless ``filter_section_pins=false``, as v3 did; a new
section can take ``initial_pins`` from its board. Boards and sections are the same records
v5 serves.
"""

from __future__ import annotations

from typing import Any

from pinterest_api_v3.models.board_create_request_layout import BoardCreateRequestLayout
from pinterest_api_v3.models.board_create_request_privacy import BoardCreateRequestPrivacy
from pinterest_api_v3.models.board_section_create_request_title_source import BoardSectionCreateRequestTitleSource
from starlette.responses import Response

from pinterest_tools.emulator.analytics.report_dates import parse
from pinterest_tools.emulator.core.access import own_board, visible_board
from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.data.records import Board, Section
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.wire import render_v3, request_fields
from pinterest_tools.emulator.wire.errors import conflict, invalid, not_found

MAX_NAME = 180


def _id(record: Any) -> int:
    return int(record.id)


def _body(call: Call) -> dict[str, Any]:
    return call.object_body() if call.body is not None else {}


def boards_get(call: Call) -> Response:
    return answers.ok(call, render_v3.board(call.state, visible_board(call, call.path("board"))))


def boards_create(call: Call) -> Response:
    body = _body(call)
    name = request_fields.required_text(body, "name", min_length=1, max_length=MAX_NAME)
    existing = next((b for b in call.state.boards_of(call.user.id) if b.name.lower() == name.lower()), None)
    privacy = request_fields.choice(body, "privacy", [m.value for m in BoardCreateRequestPrivacy], "public")
    request_fields.choice(body, "layout", [m.value for m in BoardCreateRequestLayout], "default")
    for key in ("event_date", "event_start_date"):
        if body.get(key):
            parse(body[key], key)
    for key in ("collaborator_invites_enabled", "protected"):
        request_fields.flag(body, key)
    if existing is not None:
        if request_fields.flag(body, "return_existing"):
            return answers.ok(call, render_v3.board(call.state, existing))
        raise conflict(f"You already have a board named {name!r}.")
    board = Board(
        id=call.state.new_id(),
        owner_id=call.user.id,
        name=name,
        description=request_fields.text(body, "description", max_length=500) or "",
        privacy="PROTECTED" if request_fields.flag(body, "protected") else privacy.upper(),
        created_at=call.clock.utcnow(),
        category=request_fields.text(body, "category") or None,
    )
    call.state.boards[board.id] = board
    return answers.ok(call, render_v3.board(call.state, board))


def boards_delete(call: Call) -> Response:
    board = own_board(call, call.path("board"))
    request_fields.flag(call.query, "soft_delete")
    call.state.delete_board(board.id)
    return answers.ok(call, None)


def boards_pins_list(call: Call) -> Response:
    board = visible_board(call, call.path("board"))
    skip_sections = request_fields.flag(call.query, "filter_section_pins", True)
    request_fields.flag(call.query, "filter_stories", False)
    pins = call.state.pins_on_board(board.id)
    if skip_sections:
        pins = [pin for pin in pins if pin.section_id is None]
    page = answers.page(call, pins, listing=f"v3-board-pins:{board.id}:{skip_sections}", key=_id)
    repins = render_v3.repin_counts(call.state)
    return answers.ok(call, [render_v3.pin(pin, repins) for pin in page.items], page.bookmark)


# ---------------------------------------------------------------------------- sections
def board_sections_list(call: Call) -> Response:
    board = visible_board(call, call.path("board"))
    page = answers.page(call, call.state.sections_of(board.id), listing=f"v3-sections:{board.id}", key=_id)
    return answers.ok(call, [render_v3.section(call.state, s) for s in page.items], page.bookmark)


def _pin_ids(body: dict[str, Any], key: str) -> list[str]:
    """``initial_pins`` as a list or a comma-separated string (SPEC accepts both)."""
    value = body.get(key)
    if value is None or value == "":
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and digits(item.strip()) for item in items):
        raise invalid(f"{key}: expected pin ids.")
    return [item.strip() for item in items]


def board_sections_create(call: Call) -> Response:
    board = own_board(call, call.path("board"))
    body = _body(call)
    title = request_fields.required_text(body, "title", min_length=1, max_length=MAX_NAME)
    request_fields.int_choice(body, "title_source", [m.value for m in BoardSectionCreateRequestTitleSource])
    if any(section.name.lower() == title.lower() for section in call.state.sections_of(board.id)):
        raise conflict(f"This board already has a section named {title!r}.")
    moving = []
    for pin_id in _pin_ids(body, "initial_pins"):
        pin = call.state.pins.get(pin_id)
        if pin is None or pin.board_id != board.id:
            raise invalid(f"initial_pins: pin {pin_id} is not on this board.")
        moving.append(pin)
    section = Section(call.state.new_id(), board.id, title, call.clock.utcnow())
    call.state.sections[section.id] = section
    for pin in moving:
        pin.section_id = section.id
    return answers.ok(call, render_v3.section(call.state, section))


def board_sections_pins_list(call: Call) -> Response:
    section = call.state.sections.get(call.path("section"))
    if section is None:
        raise not_found(404, "Board section not found.")
    visible_board(call, section.board_id)
    request_fields.flag(call.query, "filter_stories", False)
    offset = call.query.get("pin_offset", "0")
    if not digits(offset):
        raise invalid(f"pin_offset: {offset!r} is not a non-negative integer.")
    pins = call.state.pins_in_section(section.id)[int(offset) :]
    page = answers.page(call, pins, listing=f"v3-section-pins:{section.id}:{offset}", key=_id)
    repins = render_v3.repin_counts(call.state)
    return answers.ok(call, [render_v3.pin(pin, repins) for pin in page.items], page.bookmark)


ROUTES = [
    operation(V3, "boards_create", boards_create),
    operation(V3, "boards_get", boards_get),
    operation(V3, "boards_delete", boards_delete),
    operation(V3, "boards_pins_list", boards_pins_list),
    operation(V3, "board_sections_list", board_sections_list),
    operation(V3, "board_sections_create", board_sections_create),
    operation(V3, "board_sections_pins_list", board_sections_pins_list),
]
