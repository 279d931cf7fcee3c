"""JSON schemas of facade methods, derived from their signatures, and the check of arguments against them.

An agent sees each tool's parameters as a JSON schema; the schema is read from the facade
method the tool calls (``inspect.signature`` and ``typing.get_type_hints``), so that it says
exactly what the method takes: path parameters and keyword parameters, ``Literal`` and enum
values, lists, and which ones are required. The per-call options (``timeout``,
``extra_headers``, ``extra_query``) and ``max_pages`` are the server's business and are left
out.

The facade's hints name generated models that its modules import only for type checkers;
they are resolved from ``pinterest_api_v5.models``, which loads each model on first use.

:func:`problems` checks an agent's arguments against a schema *before* anything is sent
(unknown names, missing required ones, wrong JSON types, values outside an enum), and
:func:`coerce` turns the JSON values into what the method takes (ISO dates into
``datetime.date``).
"""

from __future__ import annotations

import builtins
import datetime
import enum
import inspect
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pinterest_tools.errors import UsageError

Schema = dict[str, Any]

# The facade's per-call options and the paginator's bound: never an agent's to set.
SERVER_OWNED = frozenset({"timeout", "max_retries", "extra_headers", "extra_query", "max_pages"})
_JSON_TYPES: dict[type, str] = {bool: "boolean", int: "integer", float: "number", str: "string"}


class _Names(dict[str, Any]):
    """The names a facade module's hints use: its globals, the builtins, then the generated models."""

    def __init__(self, module_globals: Mapping[str, Any]) -> None:
        super().__init__(datetime=datetime, builtins=builtins)
        self._globals = module_globals

    def __missing__(self, name: str) -> Any:
        if name in self._globals:
            return self._globals[name]
        if hasattr(builtins, name):
            return getattr(builtins, name)
        import pinterest_api_v5.models as models

        try:
            return getattr(models, name)
        except AttributeError:
            raise KeyError(name) from None


def type_hints(method: Callable[..., Any]) -> dict[str, Any]:
    """The resolved type hints of a facade method (bound or not)."""
    func = getattr(method, "__func__", method)
    module_globals = vars(sys.modules[func.__module__])
    return typing.get_type_hints(func, globalns=dict(module_globals), localns=_Names(module_globals))


def _merge(schemas: list[Schema]) -> Schema:
    """One schema for the members of a union: enums joined, one JSON type kept, else ``anyOf``."""
    unique: list[Schema] = []
    for schema in schemas:
        if schema not in unique:
            unique.append(schema)
    if any(not schema for schema in unique):
        return {}
    if len(unique) == 1:
        return unique[0]
    kinds = {schema.get("type") for schema in unique}
    if len(kinds) == 1 and None not in kinds:
        merged: Schema = {"type": kinds.pop()}
        if all("enum" in schema for schema in unique):
            merged["enum"] = list(dict.fromkeys(value for schema in unique for value in schema["enum"]))
        elif kinds == {"array"} or merged["type"] == "array":
            merged["items"] = _merge([schema.get("items", {}) for schema in unique])
        return merged
    return {"anyOf": unique}


def type_schema(hint: Any) -> Schema:
    """The JSON schema of one type hint (``{}``, anything, where JSON cannot say more)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _merge([type_schema(arg) for arg in typing.get_args(hint) if arg is not type(None)])
    if origin is typing.Literal:
        values = list(typing.get_args(hint))
        kinds = {_JSON_TYPES.get(type(value), "string") for value in values}
        return {"type": kinds.pop(), "enum": values} if len(kinds) == 1 else {"enum": values}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        values = [member.value for member in hint]
        return {"type": "integer" if all(isinstance(v, int) for v in values) else "string", "enum": values}
    if hint in _JSON_TYPES:
        return {"type": _JSON_TYPES[hint]}
    if hint is datetime.date:
        return {"type": "string", "format": "date"}
    if hint is datetime.datetime:
        return {"type": "string", "format": "date-time"}
    if origin is not None and isinstance(origin, type):
        if issubclass(origin, Mapping):
            return {"type": "object"}
        if issubclass(origin, Sequence) and origin is not str:
            args = typing.get_args(hint)
            return {"type": "array", "items": type_schema(args[0]) if args else {}}
    if isinstance(hint, type) and (hasattr(hint, "from_dict") or issubclass(hint, Mapping)):
        return {"type": "object"}  # a generated model: sent as its JSON object
    return {}


def required_fields(method: Callable[..., Any]) -> frozenset[str]:
    """The body fields ``method`` requires when it is called without ``body=``.

    A facade method whose request body has required fields has two overloads: the whole
    ``body=``, or the fields as keywords, those the description requires without a default.
    Its implementation takes either, so its own signature shows every field optional; the
    overload without ``body`` is the one that says which fields the description requires.
    """
    func = getattr(method, "__func__", method)
    for overload in typing.get_overloads(func):
        parameters = inspect.signature(overload).parameters
        if "body" not in parameters:
            return frozenset(name for name, p in parameters.items() if p.default is p.empty and name != "self")
    return frozenset()


def method_schema(method: Callable[..., Any], *, drop: frozenset[str] = SERVER_OWNED) -> Schema:
    """The input schema of ``method``: its parameters but ``drop``, required where they have no default.

    The body fields the description requires are required too (:func:`required_fields`):
    an agent is told so before it calls, not by Pinterest's refusal. ``body`` stays a
    property (the fields the method takes no keyword for go there).
    """
    hints = type_hints(method)
    needed = required_fields(method)
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for name, parameter in inspect.signature(method).parameters.items():
        if name in drop or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        properties[name] = type_schema(hints.get(name, Any))
        if parameter.default is parameter.empty or name in needed:
            required.append(name)
    schema: Schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    python = {"string": str, "boolean": bool, "array": list, "object": dict}.get(kind)
    return python is None or isinstance(value, python)


def _value_problems(where: str, value: Any, schema: Schema) -> list[str]:
    if "anyOf" in schema:
        if all(_value_problems(where, value, option) for option in schema["anyOf"]):
            return [f"{where}: {_describe(value)} matches none of the accepted forms"]
        return []
    kind = schema.get("type")
    if kind and not _type_ok(value, kind):
        return [f"{where}: expected {'an' if kind[0] in 'aeiou' else 'a'} {kind}, got {_describe(value)}"]
    if kind in ("integer", "number"):
        if "minimum" in schema and value < schema["minimum"]:
            return [f"{where}: {value!r} is less than {schema['minimum']}"]
        if "maximum" in schema and value > schema["maximum"]:
            return [f"{where}: {value!r} is more than {schema['maximum']}"]
    if "enum" in schema and value not in schema["enum"]:
        shown = ", ".join(map(str, schema["enum"][:12])) + (", ..." if len(schema["enum"]) > 12 else "")
        return [f"{where}: {value!r} is not one of {shown}"]
    if kind == "array" and schema.get("items"):
        return [p for i, item in enumerate(value) for p in _value_problems(f"{where}[{i}]", item, schema["items"])]
    return []


def _describe(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    return "null" if value is None else names.get(type(value), "an object")


def _not_finite(value: Any, where: str) -> list[str]:
    """NaN and infinities anywhere in ``value``: JSON has none, and ``wait_seconds: NaN`` waited forever."""
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{where}: {value!r} is not a finite number"]
    if isinstance(value, Mapping):
        return [p for key, item in value.items() for p in _not_finite(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _not_finite(item, f"{where}[{i}]")]
    return []


def _as_declared(value: Any, spec: Schema) -> Any:
    """An id sent as a number where a string is declared (and digits where an integer is) as the declared type.

    MCP clients send what looks like a number as one (the Inspector CLI sends
    ``board_id=1000000000002`` as an integer); Pinterest's ids are strings of digits.
    """
    kind = spec.get("type")
    if kind == "string" and isinstance(value, int) and not isinstance(value, bool) and "enum" not in spec:
        return str(value)
    if kind == "integer" and isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value):
        return int(value)
    if kind == "array" and isinstance(value, list) and isinstance(spec.get("items"), dict):
        return [_as_declared(item, spec["items"]) for item in value]
    return value


def normalize(schema: Schema, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """``arguments`` with numbers given for string ids (and digit strings for integers) as declared."""
    properties: dict[str, Schema] = schema.get("properties", {})
    return {name: _as_declared(value, properties.get(name, {})) for name, value in arguments.items()}


def problems(schema: Schema, arguments: Mapping[str, Any]) -> list[str]:
    """What is wrong with ``arguments`` for ``schema``, one short line each (empty when nothing is)."""
    properties: dict[str, Schema] = schema.get("properties", {})
    found = [p for name, value in arguments.items() for p in _not_finite(value, name)]
    if found:
        return found
    found = [f"unknown argument {name!r}" for name in arguments if name not in properties]
    found += [f"missing required argument {name!r}" for name in schema.get("required", ()) if name not in arguments]
    for name, value in arguments.items():
        if name in properties and value is not None:
            found += _value_problems(name, value, properties[name])
    return found


def check(schema: Schema, arguments: Mapping[str, Any], what: str) -> None:
    """UsageError naming every problem of ``arguments`` (see :func:`problems`); nothing when they are fine."""
    found = problems(schema, arguments)
    if found:
        known = ", ".join(schema.get("properties", {})) or "none"
        raise UsageError(f"bad arguments for {what}: {'; '.join(found)}", hint=f"its arguments: {known}")


def coerce(schema: Schema, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """``arguments`` as the method takes them: ``format: date`` strings become ``datetime.date``."""
    converted = dict(arguments)
    for name, value in arguments.items():
        spec = schema.get("properties", {}).get(name, {})
        if spec.get("format") == "date" and isinstance(value, str):
            try:
                converted[name] = datetime.date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"{name}: {value!r} is not a date", hint="write dates as YYYY-MM-DD") from None
    return converted
