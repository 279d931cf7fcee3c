"""``python -m pinterest_tools.emulator``: serve the emulator until interrupted.

The base URL is the first line on stdout, so a script can start the emulator and read
where it listens; everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# The server's packages come with the [emulator] extra: without it, one line saying how to
# install it, not a traceback ending in "No module named 'starlette'".
EXTRA_MODULES = frozenset({"starlette", "uvicorn", "python_multipart", "multipart"})
try:
    from pinterest_tools.emulator.auth.apps import DEMO_APP_ID, DEMO_APP_SECRET
    from pinterest_tools.emulator.auth.tokens import DAY
    from pinterest_tools.emulator.core.services import Services
    from pinterest_tools.emulator.core.settings import REPORT_OUTCOMES, make_settings
    from pinterest_tools.emulator.serving import data_file
    from pinterest_tools.emulator.serving.handle import load_state
    from pinterest_tools.emulator.serving.server import base_url, bind, is_loopback, make_server
    from pinterest_tools.emulator.wire.fault_plan import parse_kinds
    from pinterest_tools.emulator.wire.rate_limits import parse_rate_limit, parse_rate_limits
    from pinterest_tools.errors import PinterestError
except ModuleNotFoundError as missing:
    package = (missing.name or "").partition(".")[0]
    if package not in EXTRA_MODULES:
        raise
    sys.stderr.write(f"the emulator needs {package}: pip install 'pinterest-tools[emulator]'\n")
    raise SystemExit(1) from None

HOUR_MS = 3_600_000


def _say(text: str) -> None:
    """Everything but the base URL goes to stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a probability between 0 and 1")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} must not be negative")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (0 to 65535; 0 picks a free one)")
    return value


def _bounded(minimum: int, maximum: int, unit: str) -> Callable[[str], int]:
    """An integer from ``minimum`` to ``maximum``: beyond, sleeps and dates overflow at the first request."""

    def convert(text: str) -> int:
        value = _positive(text) if minimum else _non_negative(text)
        if value > maximum:
            raise argparse.ArgumentTypeError(f"{text} is more than {maximum} {unit}")
        return value

    return convert


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be a positive integer")
    return value


_delay_ms = _bounded(0, HOUR_MS, "milliseconds")
_lifetime = _bounded(1, 100 * 365 * DAY, "seconds")


def _rate_limit(text: str) -> object:
    try:
        return parse_rate_limit(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _rate_limits(text: str) -> object:
    try:
        return parse_rate_limits(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _kinds(text: str) -> object:
    try:
        kinds = parse_kinds(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not kinds:
        raise argparse.ArgumentTypeError(f"{text!r} names no fault; give one or more, e.g. 503,truncate")
    return kinds


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pinterest_tools.emulator",
        description="A local Pinterest API emulator (v5, v3, ads v4 and the OAuth consent page).",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: loopback)")
    p.add_argument("--port", type=_port, default=0, help="port (default 0: any free port)")
    p.add_argument("--data", type=Path, help="a JSON data file to serve instead of the demo data")
    p.add_argument("--dump", type=Path, help="write the state to this JSON file on exit")
    p.add_argument("--latency-ms", type=_delay_ms, default=0, help="delay every API response")
    p.add_argument("--fault-rate", type=_probability, default=0.0, help="probability of a random fault")
    p.add_argument("--fault-seed", type=int, default=0, help="seed for random faults (deterministic)")
    p.add_argument("--fault-kinds", type=_kinds, help="faults to draw from, e.g. 503,drop-after,truncate")
    p.add_argument("--slow-ms", type=_delay_ms, default=2000, help="how late a `slow` fault answers")
    p.add_argument("--rate-limit", type=_rate_limit, help="per-token burst limit N/WINDOW, e.g. 100/60 or 10/s")
    p.add_argument("--daily-quota", type=_positive, help="requests per app per day")
    p.add_argument(
        "--rate-limits",
        type=_rate_limits,
        help="replace Pinterest's limit of rate-limit categories, e.g. ads_write=10/s,universal=50/s",
    )
    p.add_argument(
        "--sandbox", action="store_true", help="answer as Pinterest's API sandbox (also always under /sandbox/v5)"
    )
    p.add_argument("--control-token", help="require this bearer token on /_emulator/ control requests")
    p.add_argument(
        "--allow-host", action="append", default=[], help="accept this Host name besides loopback (repeatable)"
    )
    p.add_argument("--token-lifetime", type=_lifetime, default=30 * DAY, help="access token lifetime in seconds")
    p.add_argument("--auto-approve", action="store_true", help="the consent page approves at once")
    p.add_argument(
        "--report-polls", type=_non_negative, default=1, help="async report polls answered IN_PROGRESS (default 1)"
    )
    p.add_argument(
        "--report-outcome",
        choices=REPORT_OUTCOMES,
        default="FINISHED",
        help="how async reports end (an ad account's report_outcome in the data file wins)",
    )
    p.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    return p


def main(argv: Sequence[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.dump and not args.dump.parent.is_dir():  # found out now, not when the state is lost at exit
        cli.error(f"argument --dump: {args.dump.parent} is not a directory")
    try:
        state = load_state(args.data)
    except (OSError, data_file.DataFileError) as error:
        _say(f"error: {error}")
        return 1
    settings = make_settings(
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        fault_seed=args.fault_seed,
        fault_kinds=args.fault_kinds,
        slow_ms=args.slow_ms,
        rate_limit=args.rate_limit,
        daily_quota=args.daily_quota,
        rate_limits=args.rate_limits,
        sandbox=args.sandbox,
        control_token=args.control_token,
        allowed_hosts=[*args.allow_host, args.host],  # the name it listens on is its own
        auto_approve=args.auto_approve,
        token_lifetime=args.token_lifetime,
        report_polls=args.report_polls,
        report_outcome=args.report_outcome,
    )
    from pinterest_tools.emulator.serving.app import build_app  # after argument errors, which need no Starlette

    services = Services(settings, state)
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        _say(f"error: cannot listen on {args.host}:{args.port}: {error}")
        return 1
    url = base_url(sock)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    sys.stdout.write(url + "\n")
    sys.stdout.flush()
    users = ", ".join(user.username for user in state.users.values())
    _say(
        f"Pinterest API emulator: v5 {url}/v5, v3 {url}/v3, ads v4 {url}/ads/v4, consent {url}/oauth/\n"
        f"  demo app {DEMO_APP_ID} / {DEMO_APP_SECRET}; users: {users}\n"
        f"  export PINTEREST_API_URI={url} PINTEREST_OAUTH_URI={url}\n"
        "  Ctrl-C to stop"
    )
    if not is_loopback(args.host):
        _say(f"warning: listening on {args.host}, reachable beyond this machine")
    server = make_server(build_app(services), log_level=args.log_level, access_log=args.log_level in ("debug", "info"))
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then re-raises the signal: turn
    # both into KeyboardInterrupt so that the state is still dumped.
    signal.signal(signal.SIGTERM, _interrupt)
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    if args.dump:
        try:
            data_file.write_path(state, args.dump)
        except PinterestError as error:  # one line; the previous file is left whole
            _say(f"error: the state was not written: {error}")
            return 1
        _say(f"state written to {args.dump}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
