"""Copy one board or all boards with their sections and pins, optionally across accounts.

Creates a new board (POST /v5/boards; with -v 3 PUT /v3/boards/) for the board -b names,
or with --all for every board of the source account, then its sections (POST
/v5/boards/{id}/sections) and its pins (POST /v5/pins), in the source's order. Within one
account give the new board's name with -n; across accounts name a source token with -s
and a target token with -t (get_access_token -w -a NAME saves them). --dry-run reads
everything and prints what it would create. Prints upstream's lines ("source board:",
"target board:", "source section #1:", Board ID: ..., Section ID: ...) in board order and
a closing summary of boards, sections and pins copied, skipped and failed (exit 1 if any
failed). Pins that are not plain pins, or that Pinterest refuses as spam, are skipped
with a note.

Beyond upstream: --concurrency N copies up to N boards at once (default 4; each board's
pins are still created one after another, in order), requests are paced by the rate-limit
headers, and a journal records which source board, section and pin became which target
one. If the copy is interrupted, run the same command again: it finishes from the journal
without creating any board, section or pin twice. The journal is --journal FILE, or by
default a file under PINTEREST_OAUTH_TOKEN_DIR/journals/ named after the copy, removed
once the copy has finished. While a copy runs its journal is locked: the same copy
started again meanwhile stops at once with a message instead of copying every pin twice.
A progress line shows on stderr when it is a terminal. Copying boards is for API
developers; it is not what Pinterest users do.

Board ids are the "Board ID:" lines of get_user_boards (-b is the board to copy).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pinterest_tools.cli.shared.common import add_common_arguments, client_from_args, config_from_args, run, token_name
from pinterest_tools.cli.shared.organic import CommandParser, bounded_int, emit, numeric_id, scopes
from pinterest_tools.cli.shared.outfile import file_argument
from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter import PinterestApi
    from pinterest_tools.config import Config

log = logging.getLogger("pinterest_tools.copy_board")

READ = scopes("user_accounts:read,boards:read,pins:read", "read_users,read_boards,read_pins")
WRITE = scopes("user_accounts:read,boards:read,boards:write,pins:write", "read_users,write_boards,write_pins")
MAX_CONCURRENCY = 32


def rule_violations(args: argparse.Namespace) -> list[str]:
    """Upstream's argument rules, every one that is broken (upstream reported only the last)."""
    problems = []
    if args.name is not None and not args.name.strip():
        problems.append("target board name (-n) is empty")
    if args.target_access_token:
        if args.access_token:
            problems.append("generic access token (-a) may not be specified when using a target access token (-t)")
        if not args.source_access_token:
            problems.append("source access token (-s) must be specified when using a target access token (-t)")
    else:
        if args.all_boards:
            problems.append("copying all boards (--all) requires a target access token (-t)")
        if args.name is None and not args.all_boards:
            problems.append("target board name (-n) must be specified when copying within one account (no -t)")
        if args.source_access_token and args.access_token:
            problems.append("source access token (-s) may not be specified with a generic access token (-a)")
    if args.all_boards and args.name:
        problems.append("--all and -n/--name may not be specified together")
    if args.all_boards and args.board_id:
        problems.append("--all and -b/--board-id may not be specified together")
    if not args.all_boards and not args.board_id:
        problems.append("-b/--board-id must be specified unless --all is given")
    if args.dry_run and args.journal:
        problems.append("--journal and --dry-run may not be specified together (a dry run records nothing)")
    return problems


def default_journal(config: Config, identity: dict[str, Any]) -> Path:
    """A journal file per copy (what, from whom, to whom, where), beside the token files."""
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]
    return config.store_dir / "journals" / f"copy_board-{digest}.json"


def _user_key(api: PinterestApi, backoff: float) -> str:
    from pinterest_tools.cli.copying.copy_retry import read_with_retries

    user = read_with_retries("read the user account", api.user, backoff=backoff)
    return str(user.get("id") or user.get("username") or "")


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("copy_board", __doc__)
    parser.add_argument("-b", "--board-id", type=numeric_id("board id"), help="source board identifier")
    parser.add_argument("-n", "--name", help="target board name")
    parser.add_argument(
        "-s", "--source-access-token", type=token_name, metavar="SOURCE_ACCESS_TOKEN", help="source access token name"
    )
    parser.add_argument(
        "-t", "--target-access-token", type=token_name, metavar="TARGET_ACCESS_TOKEN", help="target access token name"
    )
    parser.add_argument("--all", dest="all_boards", action="store_true", help="copy all boards from source to target")
    parser.add_argument("--dry-run", action="store_true", help="print changes but do not execute them")
    parser.add_argument(
        "--concurrency",
        type=bounded_int("concurrency", 1, MAX_CONCURRENCY),
        default=4,
        metavar="N",
        help=f"boards copied at once, 1..{MAX_CONCURRENCY} (default 4)",
    )
    parser.add_argument("--journal", type=file_argument, metavar="FILE", help="where to record the copy (to resume it)")
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    problems = rule_violations(args)
    if problems:
        raise UsageError("copy_board: " + "; ".join(problems) + " (see copy_board --help)")
    config = config_from_args(args)

    from pinterest_tools.cli.adapter import api_for
    from pinterest_tools.cli.copying.board_copy import PAGE, BoardCopier, CopyOptions
    from pinterest_tools.cli.copying.copy_journal import Journal
    from pinterest_tools.cli.copying.copy_report import ProgressLine
    from pinterest_tools.cli.copying.copy_retry import read_with_retries

    with contextlib.ExitStack() as stack:
        if args.target_access_token:  # upstream fetched the target's token first
            target_client = stack.enter_context(
                client_from_args(args, WRITE[config.version], name=args.target_access_token, config=config)
            )
            source_client = stack.enter_context(
                client_from_args(args, READ[config.version], name=args.source_access_token, config=config)
            )
        else:
            both = sorted(set(READ[config.version]) | set(WRITE[config.version]))
            name = args.source_access_token or args.access_token
            source_client = target_client = stack.enter_context(client_from_args(args, both, name=name, config=config))
        source, target = api_for(source_client), api_for(target_client)
        backoff = config.retry_backoff
        if args.all_boards:
            boards = read_with_retries(
                "list the boards", lambda: list(source.user_boards(page_size=PAGE)), backoff=backoff
            )
        else:
            boards = [read_with_retries("read the board", lambda: source.board(args.board_id), backoff=backoff)]
        source_user = _user_key(source, backoff)
        identity = {
            "api": config.api_uri,
            "version": config.version,
            "source_user": source_user,
            "target_user": _user_key(target, backoff) if target_client is not source_client else source_user,
            "boards": "all" if args.all_boards else [args.board_id],
            "name": args.name,
        }
        if args.dry_run:
            journal = Journal(None, identity)
        else:
            sources = [str(board.get("id")) for board in boards]
            journal = Journal.open(args.journal or default_journal(config, identity), identity, sources)
            stack.callback(journal.close)  # until the end: a second run of this copy meanwhile is refused
            if journal.resumed:
                log.warning("resuming the copy recorded in %s", journal.path)
        progress = ProgressLine(sys.stderr.write, sys.stderr.flush) if sys.stderr.isatty() else None
        options = CopyOptions(
            name=args.name, dry_run=args.dry_run, concurrency=args.concurrency, backoff=config.retry_backoff
        )
        copier = BoardCopier(
            source, target, journal, options, write=print, progress=progress.update if progress else None
        )
        finished = False
        try:
            summary = copier.run(boards)
            finished = True
        finally:
            if progress is not None:
                progress.close()
            emit(copier.summary.lines(args.dry_run), print)
            if not finished and journal.path is not None:
                log.warning("the journal is %s: run the same command again to finish the copy", journal.path)
        if not summary.failed and args.journal is None:
            journal.delete()  # done (and still locked): the next copy of the same boards starts afresh
    if summary.failed:
        log.warning("the journal is %s: run the same command again to retry what failed", journal.path)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
