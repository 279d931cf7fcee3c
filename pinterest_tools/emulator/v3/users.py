"""v3 users: a user (``me``, an id or a username), their boards feed, their pins, their businesses.

Another user's boards and pins are the public ones; your own come with v3's filters:
``include_empty`` (default true: boards without pins are listed), ``include_archived``
(default false), ``privacy_filter``, ``collaborative_only``, and ``sort`` (by id unless asked
otherwise). A user's "linked business accounts" are, in the emulator, the user's own
business profile when the account is a BUSINESS one: the emulator models no links
between accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pinterest_api_v3.models.business import Business
from pinterest_api_v3.models.users_boards_feed_group_by import UsersBoardsFeedGroupBy
from pinterest_api_v3.models.users_boards_feed_privacy_filter import UsersBoardsFeedPrivacyFilter
from pinterest_api_v3.models.users_boards_feed_sort import UsersBoardsFeedSort
from pinterest_api_v3.models.users_pins_list_pin_filter import UsersPinsListPinFilter
from starlette.responses import Response

from pinterest_tools.emulator.core.operation_routes import V3, Call, operation
from pinterest_tools.emulator.data.records import Board, User
from pinterest_tools.emulator.v3 import answers
from pinterest_tools.emulator.wire import render_v3, request_fields
from pinterest_tools.emulator.wire.errors import not_found


def target_user(call: Call) -> User:
    """The ``user`` path parameter: ``me``, a numeric id or a username."""
    key = call.path("user")
    found = call.user if key == "me" else call.state.find_user(key)
    if found is None:
        raise not_found(30, "User not found.")
    return found


def _values(enum: Any) -> list[str]:
    return [str(member.value) for member in enum]


def users_get(call: Call) -> Response:
    return answers.ok(call, render_v3.user(call.state, target_user(call)))


def _board_order(call: Call, boards: list[Board], sort: str) -> Callable[[Board], int]:
    """A paging key that follows ``sort`` (ids where the order is by creation)."""
    if sort == "newest":
        return lambda board: -int(board.id)
    if sort == "alphabetical":
        ordered = sorted(boards, key=lambda b: (b.name.casefold(), int(b.id)))
    elif sort == "last_pinned_to":
        latest = {
            b.id: max((p.created_at for p in call.state.pins_on_board(b.id)), default=b.created_at) for b in boards
        }
        ordered = sorted(boards, key=lambda b: (latest[b.id], int(b.id)), reverse=True)
    else:
        return lambda board: int(board.id)
    position = {board.id: index for index, board in enumerate(ordered)}
    return lambda board: position[board.id]


def users_boards_feed(call: Call) -> Response:
    owner = target_user(call)
    include_empty = request_fields.flag(call.query, "include_empty", True)
    include_archived = request_fields.flag(call.query, "include_archived", False)
    collaborative_only = request_fields.flag(call.query, "collaborative_only", False)
    request_fields.flag(call.query, "filter_stories", True)
    privacy = request_fields.choice(call.query, "privacy_filter", _values(UsersBoardsFeedPrivacyFilter), "all")
    sort = request_fields.choice(call.query, "sort", _values(UsersBoardsFeedSort), "custom")
    request_fields.choice(call.query, "group_by", _values(UsersBoardsFeedGroupBy), "mix_public_private")
    mine = owner.id == call.user.id
    boards = [
        board
        for board in call.state.boards_of(owner.id)
        if (mine or (board.privacy == "PUBLIC" and not board.creator_only))
        and privacy in ("all", board.privacy.lower())
        and (include_archived or not board.archived)
        and (include_empty or call.state.pins_on_board(board.id))
        and (not collaborative_only or board.collaborator_count > 0)
    ]
    key = _board_order(call, boards, sort)
    boards.sort(key=key)
    listing = f"v3-boards:{owner.id}:{call.user.id}:{privacy}:{sort}:{include_empty}:{include_archived}"
    page = answers.page(call, boards, listing=listing + f":{collaborative_only}", key=key)
    return answers.ok(call, [render_v3.board(call.state, board) for board in page.items], page.bookmark)


def users_pins_list(call: Call) -> Response:
    owner = target_user(call)
    pin_filter = call.query.get("pin_filter")
    if pin_filter is not None:
        request_fields.choice(call.query, "pin_filter", _values(UsersPinsListPinFilter), "")
    protected = request_fields.flag(call.query, "include_protected_pins", False)
    mine = owner.id == call.user.id
    shown = {"PUBLIC"} | ({"SECRET", "PROTECTED"} if mine and protected else {"SECRET"} if mine else set())
    boards = {
        board.id
        for board in call.state.boards_of(owner.id)
        if board.privacy in shown and (mine or not board.creator_only)
    }
    pins = [
        pin
        for pin in call.state.pins_of(owner.id)
        if pin.board_id in boards
        and not (pin_filter == "exclude_repins" and pin.parent_pin_id is not None)
        and not (pin_filter == "exclude_native" and pin.link is None)  # native: made on Pinterest, no source
    ]
    page = answers.page(call, pins, listing=f"v3-pins:{owner.id}:{call.user.id}:{pin_filter}:{protected}", key=_id)
    repins = render_v3.repin_counts(call.state)
    return answers.ok(call, [render_v3.pin(pin, repins) for pin in page.items], page.bookmark)


def _id(record: Any) -> int:
    return int(record.id)


def users_businesses_list(call: Call) -> Response:
    owner = target_user(call)
    businesses = []
    if owner.id == call.user.id and owner.account_type == "BUSINESS":
        businesses.append(owner)
    page = answers.page(call, businesses, listing=f"v3-businesses:{owner.id}", key=_id)
    found = [
        Business.from_dict(
            {"id": user.id, "full_name": user.business_name or user.full_name, "username": user.username}
        )
        for user in page.items
    ]
    return answers.ok(call, found, page.bookmark)


ROUTES = [
    operation(V3, "users_get", users_get),
    operation(V3, "users_boards_feed", users_boards_feed),
    operation(V3, "users_pins_list", users_pins_list),
    operation(V3, "users_businesses_list", users_businesses_list),
]
