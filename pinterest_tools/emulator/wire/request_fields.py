"""Reading request fields with Pinterest-style 400s (code 1) for wrong types and sizes.

The emulator validates what the description constrains and a route relies on, so a
client that sends an over-long title or a bad enum value learns it here, as it would
from Pinterest, instead of later from a contract test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.wire.errors import invalid


def text(
    body: Mapping[str, Any], key: str, *, required: bool = False, max_length: int | None = None, min_length: int = 0
) -> str | None:
    value = body.get(key)
    if value is None:
        if required:
            raise invalid(f"{key}: this field is required.")
        return None
    if not isinstance(value, str):
        raise invalid(f"{key}: expected a string.")
    if max_length is not None and len(value) > max_length:
        raise invalid(f"{key}: must be at most {max_length} characters.")
    if len(value) < min_length:
        raise invalid(f"{key}: must be at least {min_length} character(s).")
    return value


def required_text(body: Mapping[str, Any], key: str, *, max_length: int | None = None, min_length: int = 0) -> str:
    value = text(body, key, required=True, max_length=max_length, min_length=min_length)
    assert value is not None
    return value


def numeric_id(body: Mapping[str, Any], key: str) -> str | None:
    value = text(body, key)
    if value is not None and not digits(value):
        raise invalid(f"{key}: ids are numeric strings.")
    return value


def flag(body: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = body.get(key, default)
    if isinstance(value, str):  # query strings and form fields
        if value.lower() in ("true", "1"):
            return True
        if value.lower() in ("false", "0"):
            return False
    if not isinstance(value, bool):
        raise invalid(f"{key}: expected true or false.")
    return value


def choice(body: Mapping[str, Any], key: str, allowed: Iterable[str], default: str) -> str:
    value = body.get(key, default)
    options = list(allowed)
    if value not in options:
        raise invalid(f"{key}: {value!r} is not one of {', '.join(options)}.")
    assert isinstance(value, str)
    return value


def choices(values: Iterable[str], key: str, allowed: Iterable[str]) -> list[str]:
    options = set(allowed)
    found = [value for raw in values for value in raw.split(",") if value]
    if bad := [value for value in found if value not in options]:
        raise invalid(f"{key}: {', '.join(bad)} not in {', '.join(sorted(options))}.")
    return found


def ai_disclosures(body: Mapping[str, Any], key: str = "ai_disclosures") -> tuple[str, ...] | None:
    """A pin's ``ai_disclosures`` (API 5.28.0): ``{"values": [...]}`` of ``AI_MODIFIED``/``SYNTHETIC_PERFORMER``.

    None when the body leaves it out; ``{"values": null}`` (the update form) clears it to no values.
    """
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"values"}:
        raise invalid(f'{key}: expected {{"values": [...]}}.')
    values = value.get("values")
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise invalid(f"{key}.values: a list of AI disclosures.")
    allowed = ("AI_MODIFIED", "SYNTHETIC_PERFORMER")
    if bad := [v for v in values if v not in allowed]:
        raise invalid(f"{key}.values: {', '.join(bad)} not in {', '.join(allowed)}.")
    return tuple(dict.fromkeys(values))


def int_choice(body: Mapping[str, Any], key: str, allowed: Iterable[int], default: int | None = None) -> int | None:
    """An integer enum, from JSON (a number) or a query string (digits)."""
    value = body.get(key)
    if value is None:
        return default
    options = list(allowed)
    number = int(value) if isinstance(value, str) and digits(value.removeprefix("-")) else value
    if isinstance(number, bool) or number not in options:
        raise invalid(f"{key}: {value!r} is not one of {', '.join(map(str, options))}.")
    assert isinstance(number, int)
    return number


def first_header(scope: MutableMapping[str, Any], name: bytes) -> str | None:
    """The request's first header ``name`` (lower-case bytes), as Starlette's ``Headers.get`` finds it,
    read off the raw ASGI headers: the hot path asks without building a ``Headers`` per request."""
    for key, value in scope["headers"]:
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None
