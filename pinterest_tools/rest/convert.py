"""The conversions every generated resource method shares, kept tiny because they run per call.

- arguments: the facade's ``None`` ("not given") becomes the generated ``UNSET``; an enum
  parameter takes the member or its string (:func:`enum_of`; a bad string is a
  :class:`~pinterest_tools.errors.UsageError` that lists the allowed values);
- bodies: :func:`body_model` merges ``body=`` (the model, a dict or a TypedDict) with the
  body's top-level fields given as keywords and builds the request model with its
  ``from_dict``, so what is sent is still checked by the generated model;
- responses: :func:`invalid_response` is the error for a 2xx body that could not be read.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pinterest_api_v5.types import UNSET, Unset

from pinterest_tools.errors import InvalidResponseError, UsageError

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M")

# What reading a body can raise: JSONDecodeError is a ValueError; a model's from_dict raises the others.
PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError)


def opt(value: T | None) -> T | Unset:
    """``None`` (the facade's "not given") as the generated functions' ``UNSET``."""
    return UNSET if value is None else value


def enum_of(kind: type[E], value: E | str | int) -> E:
    """The member of ``kind`` for a member or its value; UsageError naming the allowed values otherwise."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise UsageError(f"{value!r} is not a valid {kind.__name__} (one of: {allowed})") from None


def opt_enum(kind: type[E], value: E | str | int | None) -> E | Unset:
    return UNSET if value is None else enum_of(kind, value)


def enums(kinds: tuple[type[enum.Enum], ...], values: Sequence[enum.Enum | str | int]) -> list[Any]:
    """Each value as a member of the first of ``kinds`` that has it (a list of a union of enums)."""
    return [_first_enum(kinds, value) for value in values]


def opt_enums(kinds: tuple[type[enum.Enum], ...], values: Sequence[enum.Enum | str | int] | None) -> list[Any] | Unset:
    return UNSET if values is None else enums(kinds, values)


def _first_enum(kinds: tuple[type[enum.Enum], ...], value: enum.Enum | str | int) -> enum.Enum:
    if isinstance(value, kinds):
        return value
    for kind in kinds:
        try:
            return kind(value)
        except ValueError:
            continue
    allowed = ", ".join(dict.fromkeys(str(member.value) for kind in kinds for member in kind))
    raise UsageError(f"{value!r} is not a valid {kinds[0].__name__} (one of: {allowed})")


def opt_list(values: Sequence[T] | None) -> list[T] | Unset:
    return UNSET if values is None else list(values)


def to_json(value: Any) -> Any:
    """A keyword argument as JSON: models via ``to_dict``, enums by value, dates ISO 8601, containers deeply."""
    if value is None or isinstance(value, bool | int | float) or type(value) is str:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dt.date):  # datetime is a date
        return value.isoformat()
    return value


def body_model(
    kind: type[M],
    body: M | Mapping[str, Any] | None,
    fields: Mapping[str, Any],
    where: str,
    defaults: Mapping[str, Any] | None = None,
) -> M:
    """The request model from ``body`` and the top-level ``fields`` (JSON keys; ``None`` = not given).

    A model passed alone is used as it is. Otherwise the body's JSON and the given fields
    (which win) go through ``kind.from_dict``; ``defaults`` fill one-value discriminators.

    Raises:
        UsageError: the result is not a valid ``kind`` (a required field missing, a bad enum value).
    """
    given = {key: value for key, value in fields.items() if value is not None}
    if isinstance(body, kind) and not given:
        return body
    payload: dict[str, Any] = dict(to_json(body)) if body is not None else {}
    payload.update((key, to_json(value)) for key, value in given.items())
    for key, value in (defaults or {}).items():
        payload.setdefault(key, value)
    try:
        model: M = getattr(kind, "from_dict")(payload)  # noqa: B009  (M is any generated model)
    except PARSE_ERRORS as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise UsageError(f"{where}: the request body is not a valid {kind.__name__}: {detail}") from None
    return model


def bookmark_of(value: object) -> str | None:
    """A page's bookmark: a non-empty string, else None (the last page)."""
    return value if isinstance(value, str) and value else None


def invalid_response(where: str, response: httpx.Response, exc: Exception) -> InvalidResponseError:
    """The error for a 2xx body that is not JSON or not the documented shape."""
    return InvalidResponseError(
        f"{where}: the response body (HTTP {response.status_code}) could not be read ({type(exc).__name__}: {exc})"
    )


def json_or_none(response: httpx.Response, where: str) -> Any:
    """The JSON of a response the description gives no schema for; None for an empty body (204)."""
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        raise invalid_response(where, response, exc) from exc
