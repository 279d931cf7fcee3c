"""Show a board, its sections and optionally its pins.

Reads the board (GET /v5/boards/{board_id}), its sections (GET .../sections) and, with
--pins, the pins outside any section and those of each section, following every page;
with -v 3 the v3 endpoints (/v3/boards/{board}/, /v3/board/{board}/sections/, ...).
Prints upstream's summaries (--- Board Summary ---, Board ID: ..., --- Board Section ---,
Section ID: ..., --- Pin Summary ---), or with --json one JSON document
{"board": ..., "pins": [...], "sections": [{"section": ..., "pins": [...]}]}.

The board id is a "Board ID:" line printed by get_user_boards, copy_board or get_pin
(pins name their board in the API's board_id field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import (
    CommandParser,
    add_json_argument,
    emit,
    json_text,
    numeric_id,
    open_api,
    scopes,
)
from pinterest_tools.cli.shared.summaries import board_summary, pin_summary, section_summary

SCOPES = scopes("user_accounts:read,boards:read", "read_users,read_boards")
PIN_SCOPES = scopes("pins:read", "read_pins")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_board", __doc__)
    parser.add_argument("-b", "--board-id", required=True, type=numeric_id("board id"), help="board identifier")
    parser.add_argument("--pins", action="store_true", help="Get the Pins for the Board")
    add_json_argument(parser)
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    needed = {v: SCOPES[v] + (PIN_SCOPES[v] if args.pins else []) for v in SCOPES}
    with open_api(args, needed) as api:
        board = api.board(args.board_id)
        if args.json:
            document: dict[str, Any] = {"board": board}
            if args.pins:
                document["pins"] = list(api.board_pins(args.board_id))
            document["sections"] = [
                {"section": s, **({"pins": list(api.section_pins(args.board_id, s["id"]))} if args.pins else {})}
                for s in api.sections(args.board_id)
            ]
            print(json_text(document))
            return 0
        emit(board_summary(board, api.version), print)
        if args.pins:
            for pin in api.board_pins(args.board_id):
                emit(pin_summary(pin, api.version), print)
        for section in api.sections(args.board_id):
            emit(section_summary(section, api.version), print)
            if args.pins:
                for pin in api.section_pins(args.board_id, section["id"]):
                    emit(pin_summary(pin, api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
