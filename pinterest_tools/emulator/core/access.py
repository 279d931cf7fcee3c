"""Who may see and change what: the visibility rules every route shares, v5 and v3 alike.

Others' public boards and their pins are readable (but not a board created by an app with
Trial access, which Pinterest shows to its creator alone, "as Sandbox entities", per its
page "Understanding our access tiers") (that is how ``save_pin`` and copying a
board from another account work); secret and protected boards are their owner's alone,
and only owners change anything. Ad accounts (and everything in them) are their owner's
alone: the emulator models no shared business access. Hidden objects answer 404, as
Pinterest does, so a caller cannot probe for them. The error's envelope follows the
request's path, so v3 routes get v3 errors from the same checks.
"""

from __future__ import annotations

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import AdAccount, Board, Pin, Section
from pinterest_tools.emulator.wire.errors import ApiError, forbidden, not_found


def board_not_found() -> ApiError:
    return not_found(40, "Board not found.")


def pin_not_found() -> ApiError:
    return not_found(50, "Pin not found.")


def visible_board(call: Call, board_id: str) -> Board:
    board = call.state.boards.get(board_id)
    if board is None or (board.owner_id != call.user.id and (board.privacy != "PUBLIC" or board.creator_only)):
        raise board_not_found()
    return board


def own_board(call: Call, board_id: str) -> Board:
    board = visible_board(call, board_id)
    if board.owner_id != call.user.id:
        raise forbidden("Not authorized to change this board.")
    return board


def section_of(call: Call, board: Board, section_id: str) -> Section:
    section = call.state.sections.get(section_id)
    if section is None or section.board_id != board.id:
        raise not_found(404, "Board section not found.")
    return section


def visible_pin(call: Call, pin_id: str) -> Pin:
    pin = call.state.pins.get(pin_id)
    if pin is None:
        raise pin_not_found()
    try:
        visible_board(call, pin.board_id)
    except ApiError:
        raise pin_not_found() from None
    return pin


def own_ad_account(call: Call, ad_account_id: str) -> AdAccount:
    account = call.state.ad_accounts.get(ad_account_id)
    if account is None or account.owner_id != call.user.id:
        raise not_found(404, f"Ad account {ad_account_id} not found.")
    return account
