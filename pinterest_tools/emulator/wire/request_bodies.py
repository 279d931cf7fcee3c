"""Reading a request body, the one place every emulator route that takes a body goes through.

Pinterest answers a body it cannot read with 400 and code 1 in the caller's API family,
never with a crash; so does this, whatever the body (50,000 nested ``[`` would make the
JSON decoder raise RecursionError, a 500 in text/plain). A body is refused
when it is larger than ``MAX_BODY`` bytes, not UTF-8, not JSON (``NaN`` and ``Infinity``
included: Python reads them, JSON has no such values), nested deeper than ``MAX_DEPTH``,
or, for a form, holds more than ``MAX_FORM_FIELDS`` fields.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn
from urllib.parse import parse_qsl

from starlette.requests import Request

from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.wire.errors import invalid

MAX_BODY = 32 * 1024 * 1024  # bytes: room for a base64 image pin (Pinterest takes images up to 20 MB)
MAX_DEPTH = 64  # levels of arrays and objects; Pinterest's request bodies use a handful
MAX_FORM_FIELDS = 100


def _not_a_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` (parsed JSON) nests arrays and objects more than ``limit`` levels deep.

    Iterative, so a value the decoder accepted cannot exhaust the stack here either.
    """
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


async def read_raw(request: Request, limit: int | None = None) -> bytes:
    """The body's bytes; 400 as soon as it is known to be larger than ``limit`` (default ``MAX_BODY``)."""
    limit = MAX_BODY if limit is None else limit
    too_large = invalid(f"The request body is larger than {limit} bytes.")
    declared = request.headers.get("content-length", "")
    if digits(declared) and int(declared) > limit:
        raise too_large
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise too_large
    return bytes(raw)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid("The request body is not UTF-8.") from None


def parse_form(raw: bytes) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as fields (the last of repeated ones)."""
    text = _text(raw)
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS, errors="strict")
    except UnicodeDecodeError:
        raise invalid("The request body's form fields are not UTF-8.") from None
    except ValueError:
        raise invalid(f"The request body has more than {MAX_FORM_FIELDS} form fields.") from None
    return dict(pairs)


def parse_json(raw: bytes) -> Any:
    """A JSON body, refused with 400 when it is not UTF-8, not JSON or nested too deep."""
    text = _text(raw)
    try:
        value = json.loads(text, parse_constant=_not_a_constant)
    except RecursionError:
        raise invalid(f"The request body nests more than {MAX_DEPTH} levels deep.") from None
    except ValueError:
        raise invalid("The request body is not valid JSON.") from None
    if too_deep(value):
        raise invalid(f"The request body nests more than {MAX_DEPTH} levels deep.")
    return value


def is_form(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded")


async def read_body(request: Request) -> Any:
    """The parsed body: form fields (a dict of strings) or JSON; None without a body.

    Raises:
        ApiError: 400, code 1, for a body that is too large or cannot be read (see the module).
    """
    raw = await read_raw(request)
    if not raw:
        return None
    return parse_form(raw) if is_form(request) else parse_json(raw)


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a form body (empty for another content type)."""
    return parse_form(await read_raw(request)) if is_form(request) else {}
