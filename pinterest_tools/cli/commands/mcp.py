"""Serve the Pinterest API to AI agents over stdio (Model Context Protocol).

An MCP client (Claude Desktop, an IDE, an agent framework) starts this command and talks to
it on stdin/stdout; the log goes to stderr. It uses the token the other commands use (the
environment, then the token file, refreshed and saved back) and never opens a browser:
save a token first with get_access_token -w.

Read-only unless --allow-writes; deleting also needs --allow-deletes. Answers are trimmed
to --max-chars characters; lists answer a page at a time (limit, bookmark). Needs the
optional dependency: pip install 'pinterest-tools[mcp]'.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser
from pinterest_tools.errors import ConfigError, UsageError


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of characters of at least 1000")
    return int(text)


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("mcp", __doc__)
    parser.add_argument("--allow-writes", action="store_true", help="let the tools create and change boards, pins, ads")
    parser.add_argument(
        "--allow-deletes", action="store_true", help="let the tools delete too (only with --allow-writes)"
    )
    parser.add_argument(
        "--max-chars",
        type=_positive,
        default=20_000,
        metavar="N",
        help="longest answer in characters; longer lists are cut (default 20000)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where run_ads_report saves reports (default: a new temporary directory)",
    )
    add_common_arguments(parser)
    args = parser.parse_args(argv)
    if args.allow_deletes and not args.allow_writes:
        raise UsageError("mcp: --allow-deletes needs --allow-writes too")
    config = config_from_args(args)
    if config.version != 5:
        raise UsageError("mcp: the MCP server speaks API v5 only (drop -v 3)")
    try:
        import mcp  # noqa: F401 - only to say what to install
    except ImportError:
        raise ConfigError("mcp: the MCP SDK is not installed", hint="pip install 'pinterest-tools[mcp]'") from None

    from pinterest_tools.mcp_server.safety import Policy
    from pinterest_tools.mcp_server.server import run_stdio
    from pinterest_tools.rest import Pinterest

    policy = Policy(args.allow_writes, args.allow_deletes, args.max_chars)
    if sys.stdout is None:
        raise UsageError("mcp: stdout is closed; an MCP client reads the server's answers there")
    with Pinterest(token_name=args.access_token, sandbox=config.sandbox) as client:
        if sys.stdin is None:
            return 0  # a closed stdin is the end of input, as for the other commands: no client to serve
        report_dir = args.report_dir or Path(tempfile.mkdtemp(prefix="pinterest-reports-"))
        run_stdio(client, policy, report_dir)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
