"""Serve the Pinterest API to AI agents over stdio or HTTP (Model Context Protocol).

An MCP client (Claude Desktop, an IDE, an agent framework) starts this command and talks to
it on stdin/stdout; the log goes to stderr. With --http HOST:PORT it serves hosted agents at
http://HOST:PORT/mcp instead, behind a bearer token (PINTEREST_MCP_TOKEN, or one generated
and printed once; an address other than loopback needs PINTEREST_MCP_TOKEN). It uses the
token the other commands use (the environment, then the token file, refreshed and saved
back) and never opens a browser: save a token first with get_access_token -w.

Read-only unless --allow-writes; deleting (or archiving) also needs --allow-deletes, and what
can spend money also --allow-spend. Answers are trimmed to --max-chars characters; lists
answer a page at a time (limit, bookmark). docs/mcp-security.md says more. Needs the
optional dependency: pip install 'pinterest-tools[mcp]'.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pinterest_tools.cli.shared.common import add_common_arguments, config_from_args, run
from pinterest_tools.cli.shared.organic import CommandParser
from pinterest_tools.errors import ConfigError, UsageError
from pinterest_tools.mcp_server.tools import DEFAULT_TOOLSETS, TOOLSETS


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of characters of at least 1000")
    return int(text)


def _seconds(text: str) -> float:
    import argparse
    import math

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _stop_on_sigterm(scratch: str) -> None:
    """On SIGTERM (how MCP clients and service managers stop a server) remove the scratch folder
    for reports, then end as SIGTERM's default would (at once, exit 128 + 15).

    Unwinding instead (``sys.exit`` from the handler) waits for the thread blocked reading
    stdin, which never returns while the client keeps it open; without a handler the folder
    was left in the temporary directory at every stop.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: object) -> None:
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _main(argv: Sequence[str]) -> int:
    parser = CommandParser("mcp", __doc__)
    parser.add_argument("--allow-writes", action="store_true", help="let the tools create and change boards, pins, ads")
    parser.add_argument(
        "--allow-deletes", action="store_true", help="let the tools delete too (only with --allow-writes)"
    )
    parser.add_argument(
        "--allow-spend",
        action="store_true",
        help="let the tools create or activate campaigns, ad groups and ads and change budgets and bids "
        "(only with --allow-writes)",
    )
    parser.add_argument(
        "--toolsets",
        default=",".join(DEFAULT_TOOLSETS),
        metavar="LIST",
        help=f"the curated tools to offer: {', '.join(TOOLSETS)} or all, comma-separated "
        f"(default {','.join(DEFAULT_TOOLSETS)}); the generic three are always there",
    )
    parser.add_argument(
        "--http",
        default=None,
        metavar="HOST:PORT",
        help="serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (loopback unless PINTEREST_MCP_TOKEN)",
    )
    parser.add_argument(
        "--oauth",
        action="store_true",
        help="with --http: be an OAuth 2.1 authorization server for MCP clients; each user signs in with "
        "Pinterest and the tools use that user's own token",
    )
    parser.add_argument(
        "--max-chars",
        type=_positive,
        default=20_000,
        metavar="N",
        help="longest answer in characters; longer lists are cut (default 20000)",
    )
    parser.add_argument(
        "--call-timeout",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="longest a tool call may take before it is answered with an error (default 120); "
        "run_ads_report adds its wait_seconds",
    )
    parser.add_argument(
        "--upload-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the one folder whose images and videos the pin tools may read (default: none; no file is read)",
    )
    parser.add_argument(
        "--no-confirm",
        action="store_true",
        help="publish pins without asking the user through the client (for clients without MCP elicitation)",
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
    if args.allow_spend and not args.allow_writes:
        raise UsageError("mcp: --allow-spend needs --allow-writes too")
    toolsets = tuple(name.strip() for name in args.toolsets.split(",") if name.strip())
    unknown = sorted(set(toolsets) - {*TOOLSETS, "all"})
    if unknown or not toolsets:
        raise UsageError(
            f"mcp: --toolsets: no toolset {', '.join(unknown) or '(none given)'}",
            hint=f"toolsets: {', '.join(TOOLSETS)}, all",
        )
    address = None
    if args.http is not None:
        from pinterest_tools.mcp_server.http import bearer_token, parse_address

        address = parse_address(args.http)
        if not args.oauth:
            bearer_token(address[0])  # refuses a reachable address without PINTEREST_MCP_TOKEN before anything starts
    elif args.oauth:
        raise UsageError("mcp: --oauth needs --http HOST:PORT (MCP clients sign in over HTTP)")
    config = config_from_args(args)
    if config.version != 5:
        raise UsageError("mcp: the MCP server speaks API v5 only (drop -v 3)")
    try:
        import mcp  # noqa: F401 - only to say what to install
    except ImportError:
        raise ConfigError("mcp: the MCP SDK is not installed", hint="pip install 'pinterest-tools[mcp]'") from None

    from pinterest_tools.mcp_server.safety import Policy
    from pinterest_tools.mcp_server.server import build_server, run_stdio
    from pinterest_tools.rest import Pinterest

    policy = Policy(
        args.allow_writes,
        args.allow_deletes,
        args.max_chars,
        allow_spend=args.allow_spend,
        confirm_pins=not args.no_confirm,
    )
    if args.upload_dir is not None and not args.upload_dir.is_dir():
        raise UsageError(f"mcp: --upload-dir {args.upload_dir}: not a folder")
    if address is None and sys.stdout is None:
        raise UsageError("mcp: stdout is closed; an MCP client reads the server's answers there")
    options: dict[str, Any] = {"toolsets": toolsets, "deadline": args.call_timeout, "upload_dir": args.upload_dir}
    if address is not None and args.oauth:
        # No token of the server's own: each user who signs in brings theirs.
        from pinterest_tools.mcp_server.http import run_oauth_http
        from pinterest_tools.mcp_server.oauth_server import PinterestSignIn

        host, port = address
        config.require_app_credentials()  # the Pinterest sign-in trades codes with the app's credentials
        provider = PinterestSignIn(config, f"http://{f'[{host}]' if ':' in host else host}:{port}")
        with tempfile.TemporaryDirectory(prefix="pinterest-reports-") as scratch:
            _stop_on_sigterm(scratch)
            try:
                server = build_server(
                    None, policy, args.report_dir or Path(scratch), client_for=provider.client_for, **options
                )
                run_oauth_http(server, host, port, provider)
            finally:
                provider.close()
        return 0
    with Pinterest(token_name=args.access_token, sandbox=config.sandbox) as client:
        if address is None and sys.stdin is None:
            return 0  # a closed stdin is the end of input, as for the other commands: no client to serve
        # run_ads_report's default folder: removed at exit with its reports, so no run leaves one behind.
        with tempfile.TemporaryDirectory(prefix="pinterest-reports-") as scratch:
            _stop_on_sigterm(scratch)
            report_dir = args.report_dir or Path(scratch)
            server = build_server(client, policy, report_dir, **options)
            if address is None:
                run_stdio(server)
            else:
                from pinterest_tools.mcp_server.http import run_http

                run_http(server, *address)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(_main, argv)


if __name__ == "__main__":
    raise SystemExit(main())
