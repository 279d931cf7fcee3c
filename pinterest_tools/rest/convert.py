"""The conversions every generated resource method shares, kept tiny because they run per call.

- arguments: the facade's ``None`` ("not given") becomes the generated ``UNSET``; an enum
  parameter takes the member or its string (:func:`enum_of`; a bad string is a
  :class:`~pinterest_tools.errors.UsageError` that lists the allowed values);
- bodies: :func:`body_model` merges ``body=`` (the model, a dict or a TypedDict) with the
  body's top-level fields given as keywords and builds the request model with its
  ``from_dict``; :func:`check_request` then refuses what the tolerant model only read (an
  unknown enum value, a value that does not fit, a missing required field);
- responses: :func:`invalid_response` is the error for a 2xx body that could not be read.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pinterest_api_v5.types import SHOWN_SECRET, UNSET, Unset, is_secret_field

from pinterest_tools.errors import PARSE_ERRORS, InvalidResponseError, UsageError

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M")


def opt(value: T | None) -> T | Unset:
    """``None`` (the facade's "not given") as the generated functions' ``UNSET``."""
    return UNSET if value is None else value


@functools.cache
def _members(kind: type[enum.Enum]) -> dict[Any, enum.Enum]:
    """The documented members by value (not the pseudo-members a tolerant ``_missing_`` makes for responses)."""
    return {member.value: member for member in kind}


def enum_of(kind: type[E], value: E | str | int) -> E:
    """The member of ``kind`` for a member or its value; UsageError naming the allowed values otherwise.

    Strict although the generated enums accept unknown values (a response may carry values
    newer than the description): what is *sent* must be one the description lists.
    """
    member = _members(kind).get(value.value if isinstance(value, enum.Enum) else value)
    if member is None:
        allowed = ", ".join(str(v) for v in _members(kind))
        raise UsageError(f"{value!r} is not a valid {kind.__name__} (one of: {allowed})")
    return member  # type: ignore[return-value]  # _members(kind) holds members of kind


def opt_enum(kind: type[E], value: E | str | int | None) -> E | Unset:
    return UNSET if value is None else enum_of(kind, value)


def enums(kinds: tuple[type[enum.Enum], ...], values: Sequence[enum.Enum | str | int]) -> list[Any]:
    """Each value as a member of the first of ``kinds`` that has it (a list of a union of enums)."""
    return [_first_enum(kinds, value) for value in as_list(values)]


def opt_enums(kinds: tuple[type[enum.Enum], ...], values: Sequence[enum.Enum | str | int] | None) -> list[Any] | Unset:
    return UNSET if values is None else enums(kinds, values)


def _first_enum(kinds: tuple[type[enum.Enum], ...], value: enum.Enum | str | int) -> enum.Enum:
    raw = value.value if isinstance(value, enum.Enum) else value
    for kind in kinds:
        member = _members(kind).get(raw)
        if member is not None:
            return member
    allowed = ", ".join(dict.fromkeys(str(member.value) for kind in kinds for member in kind))
    raise UsageError(f"{value!r} is not a valid {kinds[0].__name__} (one of: {allowed})")


def as_list(values: Sequence[T]) -> list[T]:
    """A list parameter's values; a bare string (a Sequence too) would be sent letter by letter, so it is refused."""
    if isinstance(values, str | bytes):
        raise UsageError(f"expected a list of values, not the string {values!r} (write [{values!r}])")
    return list(values)


def opt_list(values: Sequence[T] | None) -> list[T] | Unset:
    return UNSET if values is None else as_list(values)


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
    check_request(model, where)
    return model


def check_request(value: Any, where: str, path: str = "body") -> None:
    """UsageError for what a request must not send, anywhere in a request model.

    The generated models read anything (a response may be newer than the description):
    unknown enum values become pseudo-members, values that do not fit land in ``unparsed``
    and a missing required field reads None. A request must not send any of these.
    Extra keys are sent as given.
    """
    if isinstance(value, enum.Enum):
        if value.value not in _members(type(value)):
            allowed = ", ".join(str(v) for v in _members(type(value)))
            raise UsageError(f"{where}: {path} is {value.value!r}, not one of: {allowed}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_request(item, where, f"{path}[{index}]")
    elif hasattr(value, "_required"):  # a generated model (specgen/templates/model.py.jinja)
        for key, raw in value.unparsed.items():
            shown = SHOWN_SECRET if is_secret_field(key, raw) else f"{raw!r:.60}"  # a misfit token is still a token
            raise UsageError(f"{where}: {path}.{key} is not a valid value ({shown})")
        required = value._required
        for name in value.__match_args__:
            item = getattr(value, name)
            if item is None and name in required:
                raise UsageError(f"{where}: {path}.{name} is required")
            check_request(item, where, f"{path}.{name}")


def body_union(kinds: tuple[type[Any], ...], body: Any, where: str) -> Any:
    """A body that is one of several models: a model as it is, a dict as the member that reads it.

    The member chosen is the first whose model gives back exactly the dict (nothing dropped
    or changed), else the first that reads it at all: members that share field names would
    otherwise take each other's bodies (the feeds' RETAIL, HOTEL, CREATIVE_ASSETS).
    """
    if isinstance(body, kinds):
        return body
    if not isinstance(body, Mapping):
        raise UsageError(f"{where}: the body must be one of {', '.join(k.__name__ for k in kinds)} or a dict")
    payload = to_json(body)
    first = None
    for kind in kinds:
        try:
            model = getattr(kind, "from_dict")(payload)  # noqa: B009
            check_request(model, where)
        except (*PARSE_ERRORS, UsageError):
            continue
        if model.to_dict() == payload:
            return model
        first = model if first is None else first
    if first is None:
        raise UsageError(f"{where}: the request body fits none of {', '.join(k.__name__ for k in kinds)}")
    return first


def query_model(kinds: tuple[type[Any], ...], value: object, where: str, name: str) -> Any:
    """An object-valued query parameter: the model as it is, a dict or TypedDict read as one of ``kinds``.

    The generated function serializes the model (``catalogs.reports.stats(parameters=...)``);
    a value of another shape is a UsageError naming the parameter, never an AttributeError
    from deep inside the generated code.
    """
    if isinstance(value, kinds):
        return value
    names = " or ".join(kind.__name__ for kind in kinds)
    if not isinstance(value, Mapping):
        raise UsageError(f"{where}: {name} must be a {names} or a dict, not {type(value).__name__}")
    payload = to_json(value)
    problems: list[str] = []
    for kind in kinds:
        try:
            model = getattr(kind, "from_dict")(payload)  # noqa: B009
            check_request(model, where, name)
        except PARSE_ERRORS as exc:
            problems.append(f"missing {exc}" if isinstance(exc, KeyError) else str(exc))
            continue
        except UsageError as exc:
            problems.append(exc.message.removeprefix(f"{where}: "))
            continue
        return model
    raise UsageError(f"{where}: {name} is not a valid {names}: {'; '.join(problems)}")


def body_nested(models: tuple[type[Any], ...], items: tuple[type[Any], ...], body: Any, where: str) -> Any:
    """A body that may be a model (one of ``models``) or a list of models (each one of ``items``).

    The description's ``oneOf`` of an object and an array (``notification/post``) and arrays of
    a union (``catalogs_product_groups/create_many``): a list becomes a list of ``items``
    models, anything else one of ``models``, each as :func:`body_union` reads it.

    Raises:
        UsageError: the body is neither (a list where none is taken, an object where a list is).
    """
    if items and isinstance(body, Sequence) and not isinstance(body, str | bytes):
        return [body_union(items, one, where) for one in body]
    if not models:
        raise UsageError(f"{where}: the body must be a list of {', '.join(k.__name__ for k in items)} or dicts")
    return body_union(models, body, where)


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
