"""The checks every client and call option passes before anything is sent, and the default headers.

Each refused value is a :class:`~pinterest_tools.errors.UsageError` naming the option, raised
before a request exists, never the ``ValueError``/``OverflowError``/``UnicodeEncodeError``/
``httpx.InvalidURL`` that would surface from deep inside httpx (or, for a 200 KB header, a
``ReadError`` when the server hangs up), and never an endless poll: NaN passes every ``<``
and ``>`` comparison, so a NaN timeout looked valid to a ``timeout <= 0`` check.

Limits, and why:

- a timeout is a finite number of seconds above 0 (``bool`` is not a number here);
- retries are a non-negative ``int``: ``"3"`` and ``1.5`` are refused, not converted;
- a header name is an RFC 9110 token; a value is printable ASCII (and tab), without CR or
  LF, of at most :data:`MAX_HEADER_VALUE` characters: HTTP/1.1 header values are octets that
  servers read as ASCII (RFC 9110 5.5 marks others obsolete), and servers commonly refuse a
  header section over 8 KiB;
- the request target (path and query) is at most :data:`MAX_REQUEST_TARGET` characters:
  servers commonly refuse a request line over 8 KiB (414), and httpx refuses URLs over
  64 KiB with ``InvalidURL``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import httpx

from pinterest_tools.errors import UsageError

MAX_HEADER_VALUE = 8 * 1024
MAX_REQUEST_TARGET = 8 * 1024 - 64  # room for the method and "HTTP/1.1" within the usual 8 KiB line
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_VALUE = re.compile(r"[\t\x20-\x7e]*")


def check_timeout(value: object, what: str = "timeout") -> float:
    """``value`` as seconds; UsageError unless it is a finite number above 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{what} must be a number of seconds, not {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{what} must be a finite number of seconds above 0, not {value!r}")
    return float(value)


def check_retries(value: object, what: str = "max_retries") -> int:
    """``value`` as a count of retries; UsageError unless it is an ``int`` of 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{what} must be a whole number of retries (an int), not {value!r}")
    if value < 0:
        raise UsageError(f"{what} must be 0 or more, not {value}")
    return value


def check_headers(headers: object, what: str) -> dict[str, str]:
    """``headers`` as a dict; UsageError naming the first header that cannot be sent (never its value)."""
    if not isinstance(headers, Mapping):
        raise UsageError(f"{what} must map header names to strings, not {type(headers).__name__}")
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            raise UsageError(f"{what}: {name!r} is not a header name (ASCII letters, digits and !#$%&'*+.^_`|~-)")
        if not isinstance(value, str):
            raise UsageError(f"{what}: the value of {name} must be a string, not {type(value).__name__}")
        if not _VALUE.fullmatch(value):
            raise UsageError(
                f"{what}: the value of {name} must be printable ASCII without line breaks"
                " (encode other text, e.g. percent-encoding, before sending it in a header)"
            )
        if len(value) > MAX_HEADER_VALUE:
            raise UsageError(
                f"{what}: the value of {name} has {len(value)} characters; servers refuse headers"
                f" over {MAX_HEADER_VALUE}"
            )
        checked[name] = value
    return checked


def check_query(query: object, what: str) -> dict[str, Any]:
    """``query`` as a dict of parameters; UsageError unless it maps strings to values."""
    if not isinstance(query, Mapping) or not all(isinstance(key, str) for key in query):
        raise UsageError(f"{what} must map parameter names (strings) to values")
    return dict(query)


def check_request_target(request: httpx.Request) -> httpx.Request:
    """``request`` unchanged; UsageError when its path and query would not fit a request line."""
    target = request.url.raw_path
    if len(target) > MAX_REQUEST_TARGET:
        shown = request.url.path[:60] + "..."
        raise UsageError(
            f"{request.method} {shown}: the request's path and query have {len(target)} characters;"
            f" servers refuse request lines over 8 KiB (an id or parameter is far too long)"
        )
    return request


def user_agent() -> str:
    """``pinterest-tools/<version> python-httpx/<version>``: Pinterest (and a proxy's log) sees who calls."""
    from pinterest_tools._version import __version__

    return f"pinterest-tools/{__version__} python-httpx/{httpx.__version__}"
