"""What the organic commands share: id and page-size arguments, scopes per version, JSON, paged listing.

Light at import like :mod:`pinterest_tools.cli.shared.common` (``--help`` must not load httpx): the
client and the API facade are imported inside :func:`open_api`.

Listing follows upstream's ``print_multiple``: ``[n] `` before each summary, and after
every ``page_size`` items, when another item exists, the question ``Continue printing
<noun> list?``. It is asked only when stdin is a terminal (and neither ``--all`` nor
``--json`` was given); end of input or Ctrl-C at the question stops the listing cleanly.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from pinterest_tools.cli.shared.common import client_from_args, config_from_args, prompt_yes_no
from pinterest_tools.errors import UsageError
from pinterest_tools.page_size import MAX_PAGE_SIZE
from pinterest_tools.parsing import is_digits

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter import PinterestApi

Json = dict[str, Any]
Scopes = dict[int, list[str]]
Out = Callable[[str], None]
DEFAULT_PAGE_SIZE = 25


class CommandParser(argparse.ArgumentParser):
    """argparse with the command's docstring as description, and usage errors as one line (exit 2).

    ``error`` raises :class:`UsageError`, which :func:`pinterest_tools.cli.shared.common.run` prints as
    one line ``error: <prog>: ...`` instead of the usage block argparse prints.
    """

    def __init__(self, prog: str, doc: str | None) -> None:
        super().__init__(prog=prog, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def scopes(v5: str, v3: str) -> Scopes:
    """The scopes a command asks for when it has to run OAuth, per API version (comma-separated)."""
    return {5: [s for s in v5.split(",") if s], 3: [s for s in v3.split(",") if s]}


ADS_ID_MAX_LENGTH = 18  # the description: ad account, campaign, ad group and ad ids are ^\d+$, maxLength 18


def numeric_id(what: str, max_length: int | None = None) -> Callable[[str], str]:
    """An argparse type for Pinterest ids, which are numbers (the description says ``^[0-9]+$``: ASCII digits).

    ``-p abc`` and ``-p ١٢٣`` are usage errors (exit 2), and so is an id longer than
    ``max_length`` digits where the description gives one (ads ids: 18).
    """

    def parse(text: str) -> str:
        value = text.strip()
        if not is_digits(value):
            raise argparse.ArgumentTypeError(f"{what} must be a number (the ASCII digits of its id), not {text!r}")
        if max_length is not None and len(value) > max_length:
            raise argparse.ArgumentTypeError(f"{what} has at most {max_length} digits, not {len(value)}")
        return value

    parse.__name__ = what.replace(" ", "_")  # argparse names the type in its messages
    return parse


def bounded_int(what: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        digits = text.strip().removeprefix("-")
        try:
            if not is_digits(digits):  # int() would also take "١٢" and "1_0"
                raise ValueError(text)
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, not {value}")
        return value

    parse.__name__ = what.replace(" ", "_")
    return parse


page_size = bounded_int("page size", 1, MAX_PAGE_SIZE)  # -ps


def add_json_argument(parser: argparse.ArgumentParser, *, lines: bool = False) -> None:
    what = "one JSON object per line" if lines else "one JSON document"
    parser.add_argument("--json", action="store_true", help=f"print {what} instead of the summaries")


def add_listing_arguments(parser: argparse.ArgumentParser, noun: str) -> None:
    """``-ps``, ``--all`` and ``--json`` of the listing commands."""
    parser.add_argument(
        "-ps",
        "--page-size",
        type=page_size,
        default=DEFAULT_PAGE_SIZE,
        metavar="PAGE_SIZE",
        help=f"{noun}s per page, 1..{MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE})",
    )
    parser.add_argument("--all", action="store_true", help="list everything without asking to continue")
    add_json_argument(parser, lines=True)


def json_text(value: Any, stream: TextIO | None = None) -> str:
    """``value`` as one line of JSON for ``stream`` (default stdout): its characters as they are when
    the stream's encoding has them all, else ``\\uXXXX`` escapes (still valid JSON, whatever the
    encoding: ``PYTHONIOENCODING=ascii``, cp1252, a redirected stdout on Windows)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return json.dumps(value, ensure_ascii=True, default=str)
    return text


def interactive() -> bool:
    """Whether a person can answer questions: stdin is a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stdin
        return False


def ask_to_continue(question: str) -> bool:
    """yes/no (default yes); end of input or Ctrl-C mean no."""
    try:
        return prompt_yes_no(question, default=True, on_eof=False)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return False


@contextlib.contextmanager
def open_api(args: argparse.Namespace, needed: Scopes, *, name: str | None = None) -> Iterator[PinterestApi]:
    """The API facade for ``-v``, with the token ``-a`` (or ``name``) names; closed on exit."""
    from pinterest_tools.cli.adapter import api_for

    config = config_from_args(args)
    with client_from_args(args, needed[config.version], name=name, config=config) as client:
        yield api_for(client)


def print_numbered(lines: Sequence[str], number: int, out: Out) -> None:
    """Upstream's ``[n] `` before the first line of a summary."""
    if lines:
        out(f"[{number}] {lines[0]}")
        for line in lines[1:]:
            out(line)


def list_items(
    items: Iterable[Json],
    *,
    noun: str,
    page_size: int,
    render: Callable[[Json], Sequence[str]],
    out: Out,
    ask: Callable[[str], bool] | None,
) -> int:
    """Print numbered summaries; with ``ask``, ask to continue after each full page. Returns how many."""
    iterator = iter(items)
    count = 0
    upcoming = next(iterator, None)
    while upcoming is not None:
        count += 1
        print_numbered(render(upcoming), count, out)
        upcoming = next(iterator, None)
        if ask and upcoming is not None and count % page_size == 0 and not ask(f"Continue printing {noun} list?"):
            break
    return count


def list_json(items: Iterable[Json], out: Out) -> int:
    """JSON lines: one object per line."""
    count = 0
    for count, item in enumerate(items, 1):  # noqa: B007 - the count is the result
        out(json_text(item))
    return count


def show_listing(
    items: Iterable[Json], args: argparse.Namespace, noun: str, render: Callable[[Json], Sequence[str]], out: Out
) -> int:
    """What the listing commands print: JSON lines with --json, else numbered summaries (asking in a terminal)."""
    if args.json:
        return list_json(items, out)
    ask = ask_to_continue if interactive() and not args.all else None
    return list_items(items, noun=noun, page_size=args.page_size, render=render, out=out, ask=ask)


def emit(lines: Iterable[str], out: Out) -> None:
    for line in lines:
        out(line)
