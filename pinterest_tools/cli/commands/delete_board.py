"""Delete one board or all boards, after typed confirmation.

Deletes the board -b names, or with --all-boards every board of the token's user, with
all their sections and pins: DELETE /v5/boards/{board_id} (or DELETE /v3/boards/{board}/
with -v 3). Nothing is deleted until the confirmation line it shows is typed back exactly
("Delete this board: /<user>/<board name>/" or "Delete all boards for <user>"); in a
terminal each board is then asked about once more. A wrong line, end of input or Ctrl-C
cancels without deleting anything. Board ids are the "Board ID:" lines of get_user_boards.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pinterest_tools.cli.shared.common import add_common_arguments, prompt_yes_no, run
from pinterest_tools.cli.shared.organic import CommandParser, emit, interactive, numeric_id, open_api, scopes
from pinterest_tools.cli.shared.summaries import board_summary, board_text_id
from pinterest_tools.terminal import read_line

SCOPES = scopes("user_accounts:read,boards:read,boards:write", "read_users,read_boards,write_boards")
CANCELED = "...Canceling deletion."


def _confirmed(confirmation: str) -> bool | None:
    """The typed confirmation: True if it matches, False if not, None when input ended or was interrupted."""
    print("WARNING: This script permanently deletes pins and boards from Pinterest!")
    print("To acknowledge this warning, enter the following information at the prompt:")
    print(f"  {confirmation}")
    try:
        sys.stdout.flush()
        answer = read_line("> ")
    except (EOFError, KeyboardInterrupt):
        print()
        return None
    if not interactive():  # no echo of the answer: end the prompt's line
        print()
    return answer.strip() == confirmation


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("delete_board", __doc__)
    parser.add_argument("-b", "--board-id", type=numeric_id("board id"), help="board identifier")
    parser.add_argument("--all-boards", action="store_true", help="delete all boards of the user")
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    if bool(args.board_id) == args.all_boards:
        parser.error("specify exactly one of --board-id and --all-boards")
    with open_api(args, SCOPES) as api:
        if args.all_boards:
            username = api.user().get("username", "")
            boards = list(api.user_boards())  # all of them first: deleting while paging would skip some
            confirmation = f"Delete all boards for {username}"
        else:
            boards = [api.board(args.board_id)]
            confirmation = f"Delete this board: {board_text_id(boards[0], api.version)}"
        confirmed = _confirmed(confirmation)
        if confirmed is None:
            print(CANCELED)
            return 0
        if not confirmed:
            print("Deletion not confirmed. Exiting.")
            return 0
        ask = interactive()
        for board in boards:
            emit(board_summary(board, api.version), print)
            text_id = board_text_id(board, api.version)
            if ask:
                try:
                    if not prompt_yes_no(f"Delete board: {text_id}?", default=True):
                        continue
                except (EOFError, KeyboardInterrupt):
                    print(f"\n{CANCELED}")
                    return 0
            api.delete_board(str(board["id"]))
            print(f"deleted board: {text_id}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
