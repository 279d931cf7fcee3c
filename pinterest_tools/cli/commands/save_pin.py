"""Save an existing pin to a board or section.

Saves ("pins") the pin -p names to the board -b names, optionally into its section -s:
POST /v5/pins/{pin_id}/save (with -v 3: POST /v3/partners/pins/{pin}/save/, which Pinterest
opens to partner apps only). Prints the summary of the new pin (--- Pin Summary ---,
Pin ID: ...).

The pin id is a "Pin ID:" line of get_pin, get_user_pins or get_board --pins (any pin the
token can see); the board and section ids are "Board ID:" and "Section ID:" lines of
get_user_boards and get_board (a board of the token's user).
"""

from __future__ import annotations

from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import CommandParser, emit, numeric_id, open_api, scopes
from pinterest_tools.cli.shared.summaries import pin_summary

SCOPES = scopes("pins:read,pins:write,boards:read,boards:write", "read_pins,write_pins,read_boards,write_boards")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("save_pin", __doc__)
    parser.add_argument("-p", "--pin-id", required=True, type=numeric_id("pin id"), help="pin to save")
    parser.add_argument("-b", "--board-id", required=True, type=numeric_id("board id"), help="board to save to")
    parser.add_argument("-s", "--section", type=numeric_id("section id"), help="board section to save to")
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    with open_api(args, SCOPES) as api:
        emit(pin_summary(api.save_pin(args.pin_id, args.board_id, args.section), api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
