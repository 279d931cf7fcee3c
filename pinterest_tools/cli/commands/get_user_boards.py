"""List the boards of the authenticated user.

Pages through GET /v5/boards (with -v 3: GET /v3/users/{user}/boards/feed/) with
--page-size boards a page and prints [n] before each board summary (--- Board Summary ---,
Board ID: ...). In a terminal it asks "Continue printing board list?" after each page;
with --all, with --json (one JSON object per line) or when stdin is not a terminal it
prints everything. --include-empty/--no-include-empty and --include-archived/
--no-include-archived are sent to v3 only when given (v3 lists empty boards and leaves out
archived ones by default); v5's /boards has no such filters and lists every board.

The user is the owner of the access token (-a names it). The "Board ID:" lines are what
get_board, copy_board, delete_board, copy_pin and save_pin take as -b.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, run
from pinterest_tools.cli.shared.organic import CommandParser, add_listing_arguments, open_api, scopes, show_listing
from pinterest_tools.cli.shared.summaries import board_summary

SCOPES = scopes("user_accounts:read,boards:read", "read_users,read_boards")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("get_user_boards", __doc__)
    add_listing_arguments(parser, "board")
    parser.add_argument("--include-empty", action=argparse.BooleanOptionalAction, help="Include empty boards? (v3)")
    parser.add_argument(
        "--include-archived", action=argparse.BooleanOptionalAction, help="Include archived boards? (v3)"
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    with open_api(args, SCOPES) as api:
        boards = api.user_boards(
            page_size=args.page_size, include_empty=args.include_empty, include_archived=args.include_archived
        )
        show_listing(boards, args, "board", lambda board: board_summary(board, api.version), print)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
