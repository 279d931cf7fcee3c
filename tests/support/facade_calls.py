"""Calling a facade method with a request `v5_requests.RequestBuilder` built for its operation.

`arguments(request, operation_id, module)` turns a sample request (path, query pairs,
JSON body) into the positional path parameters and keyword arguments of the facade
method whose lower layer is `module`, converting query text to the types its signature
takes; `facade_call` finds the method and calls it.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import inspect
import re
import types
import typing
from collections.abc import Callable
from typing import Any

from pinterest_api_v5.types import Unset

from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.rest import Pinterest
from specgen.facade import squash
from support.v5_requests import SampleRequest

LOWER_LAYER = re.compile(r"Lower layer: ``(pinterest_api_v5\.api\.[\w.]+)``")


def bare(tp: Any) -> list[Any]:
    """The members of a type without None and Unset."""
    found = typing.get_args(tp) if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union else (tp,)
    return [member for member in found if member not in (type(None), Unset)]


def coerce(tp: Any, values: list[str]) -> Any:
    """Query values as sent (text) converted to the generated signature's type ``tp``."""
    (kind, *_) = bare(tp)
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        return [coerce(item, [value]) for value in values]
    (value,) = values
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return value  # the facade takes an enum's value as a string (a Literal)
    converters: dict[Any, Callable[[str], Any]] = {
        int: int,
        float: float,
        bool: lambda text: text == "true",
        dt.date: dt.date.fromisoformat,
        dt.datetime: dt.datetime.fromisoformat,
        str: str,
    }
    return converters[kind](value)


def deep_object(pairs: list[tuple[str, str]], model: Any) -> Any:
    """``name[field]=value`` pairs back into the model the facade takes for a deepObject parameter."""
    document: dict[str, Any] = {}
    for key, value in pairs:
        *parents, last = re.findall(r"\[([^\]]*)\]", key)
        node = document
        for parent in parents:
            node = node.setdefault(parent, {})
        node.setdefault(last, []).append(value)
    flat = {key: value if len(value) > 1 else value[0] for key, value in document.items()}
    return model.from_dict(flat)


def arguments(request: SampleRequest, operation_id: str, module: Any) -> tuple[list[Any], dict[str, Any]]:
    """The facade method's positional path parameters and keyword arguments for ``request``."""
    signature = inspect.signature(module._get_kwargs)
    hints = typing.get_type_hints(module._get_kwargs)
    by_squashed = {squash(name): name for name in signature.parameters}
    template = table().operations[operation_id].path
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    match = re.fullmatch(pattern, request.path)
    assert match, (operation_id, template, request.path)
    path = {by_squashed[squash(name)]: value for name, value in match.groupdict().items()}
    positional = [path[name] for name, p in signature.parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
    sent: dict[str, list[tuple[str, str]]] = {}
    for key, value in request.params:
        sent.setdefault(key.split("[", 1)[0], []).append((key, value))
    keywords: dict[str, Any] = {}
    for name, pairs in sent.items():
        python = by_squashed[squash(name)]
        if any("[" in key for key, _ in pairs):
            keywords[python] = deep_object(pairs, bare(hints[python])[0])
        else:
            keywords[python] = coerce(hints[python], [value for _, value in pairs])
    if request.json is not None:
        keywords["body"] = request.json
    if request.data is not None:
        keywords["body"] = request.data
    return positional, keywords


def bound_method(client: Pinterest, resource: str, method: str) -> tuple[Callable[..., Any], Any]:
    """``client.<resource>.<method>`` and the generated module it calls."""
    bound = getattr(functools.reduce(getattr, resource.split("."), client), method)
    found = LOWER_LAYER.search(inspect.getdoc(bound) or "")
    assert found, f"{resource}.{method} names no lower layer"
    return bound, importlib.import_module(found.group(1))


def facade_call(client: Pinterest, resource: str, method: str, request: SampleRequest, operation_id: str) -> Any:
    """Send `request` through ``client.<resource>.<method>``; its parsed answer."""
    bound, module = bound_method(client, resource, method)
    positional, keywords = arguments(request, operation_id, module)
    return bound(*positional, **keywords)
