"""What every command shares: common arguments, one error handler, prompts, and a ready client.

Light at import on purpose: ``python -m pinterest_tools.get_pin --help`` must not pay for
httpx or a generated package, so those are imported inside :func:`client_from_args`; nor for
``logging``, ``dataclasses`` or ``pathlib`` (the configuration, the error tree, the log
setup), which are imported once a command has something to run.

A command (``commands/get_pin.py``, with :mod:`~pinterest_tools.cli.shared.organic`'s helpers)
looks like::

    SCOPES = scopes("pins:read,boards:read", "read_pins")  # v5 scopes, v3 scopes

    def _main(argv: Sequence[str]) -> int:
        parser = CommandParser("get_pin", __doc__)
        parser.add_argument("-p", "--pin-id", required=True, type=numeric_id("pin id"), help="pin identifier")
        add_common_arguments(parser)
        args = parser.parse_args(argv)
        with open_api(args, SCOPES) as api:  # the v3 or v5 adapter, for -v
            emit(pin_summary(api.pin(args.pin_id), api.version), print)
        return 0

    def main(argv: Sequence[str] | None = None) -> int:
        return run(_main, argv)

:func:`run` configures logging from ``-l`` before the command parses anything, turns a
``PinterestError`` into ``error: ...``/``hint: ...`` on stderr and its exit code, Ctrl-C
into exit 130 and an early end of input into exit 1, and shows a traceback only at ``-l 3``;
characters the output's encoding lacks are escaped, never an error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pinterest_tools.parsing import is_digits
from pinterest_tools.terminal import read_line

if TYPE_CHECKING:
    import logging

    from pinterest_tools.config import Config
    from pinterest_tools.connection import PinterestClient


def _log() -> logging.Logger:
    from pinterest_tools.library_log import get_logger

    return get_logger(__name__)


def _api_version(text: str) -> int:
    from pinterest_tools.config import parse_version

    try:
        return parse_version(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def token_name(text: str) -> str:
    """An argparse type for token names (``-a``, copy_board's ``-s``/``-t``): checked before any request."""
    from pinterest_tools.errors import PinterestError
    from pinterest_tools.oauth.token import check_token_name

    try:
        return check_token_name(text)
    except PinterestError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """``-a``, ``-l``, ``-v`` and ``--sandbox``, added after a command's own (so they print last, as upstream)."""
    parser.add_argument(
        "-a",
        "--access-token",
        metavar="NAME",
        type=token_name,
        help="token name: environment variable NAME.upper(), file NAME.json",
    )
    parser.add_argument(
        "-l",
        "--log-level",
        type=int,
        choices=range(4),
        default=2,
        metavar="{0..3}",
        help="0 errors only ... 3 headers and bodies (default 2)",
    )
    parser.add_argument(
        "-v",
        "--api-version",
        type=_api_version,
        default=None,
        metavar="{3,5}",
        help="API version (default: PINTEREST_API_VERSION, else 5)",
    )
    parser.add_argument("--sandbox", action="store_true", help="use Pinterest's API sandbox (also PINTEREST_SANDBOX=1)")


def _peek(argv: Sequence[str]) -> tuple[int, bool]:
    """``-l`` from argv before the command parses it (bad values are left for argparse to report),
    and whether ``-h``/``--help`` is there (the command will print its help and end: no logging)."""
    peek = argparse.ArgumentParser(add_help=False)
    peek.add_argument("-l", "--log-level", type=int, default=2)
    peek.add_argument("-h", "--help", action="store_true")
    try:
        known, _ = peek.parse_known_args(list(argv))
    except SystemExit:
        return 2, False
    return (int(known.log_level) if 0 <= known.log_level <= 3 else 2), bool(known.help)


def _report(message: str, hint: str | None = None) -> None:
    from pinterest_tools.logs import redact

    sys.stderr.write(redact(f"error: {message}\n" + (f"hint: {hint}\n" if hint else "")))


def tolerate_unencodable_output() -> None:
    """Write what stdout and stderr cannot encode as ``\\u25b6``-style escapes instead of failing.

    Under ``PYTHONIOENCODING=ascii`` or ``cp1252``, or a redirected stdout on a Windows or
    C-locale machine, the first pin titled "Details below ▶ 🎉" raised UnicodeEncodeError and
    the rest of the listing was lost. JSON output stays valid on its own terms
    (see ``organic.json_text``); this covers every other line.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # closed or detached: nothing will be written anyway
                reconfigure(errors="backslashreplace")


def run(main_fn: Callable[[Sequence[str]], int | None], argv: Sequence[str] | None = None) -> int:
    """Run ``main_fn(argv)`` as a command: logging set up, errors turned into messages and exit codes."""
    tolerate_unencodable_output()
    args = list(sys.argv[1:] if argv is None else argv)
    level, asks_for_help = _peek(args)
    if not asks_for_help:  # the help ends the command before anything could log
        from pinterest_tools.logs import configure_logging

        configure_logging(level)
    from pinterest_tools.errors import PinterestError

    try:
        return main_fn(args) or 0
    except PinterestError as exc:
        if level >= 3:
            _log().debug("traceback", exc_info=True)
        request_id = getattr(exc, "request_id", None)
        _report(exc.message + (f" (x-pinterest-rid: {request_id})" if request_id else ""), exc.hint)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130
    except EOFError:
        _report("input ended before an answer was given", "answer every prompt, or pipe in enough lines")
        return 1
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug: one line, the traceback at -l 3
        if level >= 3:
            _log().error("unexpected error", exc_info=True)
        _report(f"unexpected {type(exc).__name__}: {exc}", None if level >= 3 else "run with -l 3 for the traceback")
        return 1


def command(main_fn: Callable[[Sequence[str]], int | None]) -> Callable[[Sequence[str] | None], int]:
    """Decorator form of :func:`run`: ``main = command(_main)``."""

    def main(argv: Sequence[str] | None = None) -> int:
        return run(main_fn, argv)

    main.__doc__ = main_fn.__doc__
    return main


def config_from_args(args: argparse.Namespace) -> Config:
    """The configuration for ``-v`` and ``--sandbox`` (the environment for everything else)."""
    from pinterest_tools.config import Config

    return Config.load(version=getattr(args, "api_version", None), sandbox=getattr(args, "sandbox", False))


def client_from_args(
    args: argparse.Namespace,
    scopes: Sequence[str] | None = None,
    *,
    name: str | None = None,
    allow_oauth: bool = True,
    config: Config | None = None,
) -> PinterestClient:
    """A ready client for the token ``-a`` (or ``name``) names: environment, file, else OAuth with ``scopes``."""
    from pinterest_tools.connection import connect

    config = config or config_from_args(args)
    name = name or getattr(args, "access_token", None)
    return connect(config, name, list(scopes) if scopes is not None else None, allow_oauth=allow_oauth)


def prompt_text(prompt: str, default: str | None = None, input_fn: Callable[[str], str] = read_line) -> str:
    """A line of input (``default`` when empty); EOFError (also for a closed stdin, see
    :func:`~pinterest_tools.terminal.read_line`) propagates to :func:`run` (exit 1)."""
    answer = input_fn(f"{prompt} [{default}] " if default is not None else f"{prompt} ").strip()
    return answer or (default or "")


def prompt_yes_no(
    prompt: str, default: bool = True, input_fn: Callable[[str], str] = read_line, *, on_eof: bool | None = None
) -> bool:
    """yes/no (or y/n); ``on_eof`` answers when input has ended, else EOFError reaches :func:`run`."""
    while True:
        try:
            answer = prompt_text(prompt, "yes" if default else "no", input_fn).lower()
        except EOFError:
            if on_eof is None:
                raise
            return on_eof
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")
        _log().warning("please answer yes or no")


def prompt_number(
    prompt: str, low: int, high: int, default: int | None = None, input_fn: Callable[[str], str] = read_line
) -> int:
    """A whole number in ``low..high`` (no question when there is only one choice)."""
    if low == high:
        return low
    while True:
        answer = prompt_text(prompt, str(default if default is not None else low), input_fn)
        if is_digits(answer) and low <= int(answer) <= high:
            return int(answer)
        _log().warning("%s is not a number between %d and %d", answer, low, high)
