"""The facade's calls against ``httpx.MockTransport``: one sample per resource, and the behaviours.

The sample per resource is derived from the description: path parameters get ``ID-<name>``,
required query parameters a value of their type (enums as their *string*, to exercise the
``Literal`` path), bodies and responses an instance sampled from their schemas. Each call
must send the documented method, path, query and body, and return the documented model.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import inspect
import json
import types
import typing
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from support.schema_samples import merged, resolve

from pinterest_tools import Pinterest
from pinterest_tools.rest import Page, Paginator
from pinterest_tools.rest.resources import RESOURCES
from pinterest_tools.rest.resources.operations import FACADE
from specgen import facade

BASE = "https://api.example.test"
Handler = Callable[[httpx.Request], httpx.Response]


def client_with(handler: Handler, **options: Any) -> Pinterest:
    return Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler), **options)


# ---------------------------------------------------------------- samples from the description


def sample(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """A request body or an answer that fits ``schema``, for calls that the facade checks strictly.

    Unlike :func:`schema_samples.sample` (every property, for the drift tests): no ``null``
    alternatives, every property down to depth 3 and then only required ones (a deep
    optional part could make a body the facade refuses), dates with their UTC offset.
    """
    schema = merged(spec, schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return sample(spec, next(s for s in schema[key] if resolve(spec, s).get("type") != "null"), depth)
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    kind = schema.get("type", "object" if "properties" in schema else None)
    if kind == "object":
        required = set(schema.get("required") or ())
        names = [n for n in (schema.get("properties") or {}) if depth < 3 or n in required]
        return {name: sample(spec, schema["properties"][name], depth + 1) for name in names}
    if kind == "array":
        return [sample(spec, schema.get("items") or {}, depth + 1)]
    if kind == "integer":
        return 7
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "string":
        return {"date": "2026-01-02", "date-time": "2026-01-02T03:04:05+00:00"}.get(schema.get("format"), "text")
    return {}


def argument(tp: Any) -> Any:
    """A value for a parameter of the generated function's type (enums as strings)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in typing.get_args(tp) if a is not type(None) and a.__name__ != "Unset")
    if typing.get_origin(tp) is list:
        return [argument(typing.get_args(tp)[0])]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    return {str: "v", int: 7, float: 1.5, bool: True, dt.date: dt.date(2026, 1, 2)}.get(tp, "v")


def as_model(tp: Any, value: Any) -> Any:
    """``value`` (JSON) as the generated type ``tp``: the first alternative that reads it."""
    for alternative in typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,):
        if typing.get_origin(alternative) is list and isinstance(value, list):
            return [as_model(typing.get_args(alternative)[0], item) for item in value]
        if hasattr(alternative, "from_dict") and isinstance(value, dict):
            return alternative.from_dict(value)
    return value


def wire(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def operation_of(spec: dict[str, Any], operation_id: str) -> tuple[str, str, dict[str, Any]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return method.upper(), path, op
    raise LookupError(operation_id)


ENDPOINTS = facade.endpoint_modules()


def resource_class(resource: str) -> type:
    """The sync class of a dotted namespace (``ad_accounts.campaigns``), in its own module."""
    namespace = tuple(resource.split("."))
    module = importlib.import_module(facade.module_name(namespace))
    return getattr(module, facade.class_name(namespace))  # type: ignore[no-any-return]


# sent as the app with form bodies: tests/rest/test_facade_oauth.py calls them
APP_CREDENTIALS = ("oauth/token", "token/revoke")


def samples() -> list[str]:
    """One operation per operationId family (its first segment) and per namespace, first by name."""
    chosen: dict[str, str] = {}
    for operation_id, (resource, _) in sorted(FACADE.items(), key=lambda kv: kv[1]):
        if operation_id in APP_CREDENTIALS:
            continue
        chosen.setdefault(operation_id.partition("/")[0], operation_id)
        chosen.setdefault(resource, operation_id)
    return sorted(set(chosen.values()))


def test_one_sample_per_resource() -> None:
    assert {FACADE[op][0] for op in samples()} == {ns for op, (ns, _) in FACADE.items() if op not in APP_CREDENTIALS}
    assert {FACADE[op][0].split(".")[0] for op in samples()} == set(RESOURCES)


@pytest.mark.parametrize("operation_id", samples())
def test_sample_call(operation_id: str, v5_spec: dict[str, Any], v5_normalized: dict[str, Any]) -> None:
    resource, name = FACADE[operation_id]
    http, path, _ = operation_of(v5_spec, operation_id)
    _, _, op = operation_of(v5_normalized, facade.normalized_id(operation_id))
    module = importlib.import_module(ENDPOINTS[facade.normalized_id(operation_id)])
    facade_method = getattr(resource_class(resource), name)
    signature = inspect.signature(module._get_kwargs)
    hints = typing.get_type_hints(module._get_kwargs)
    path_params = {
        p: argument(hints[p]) if hints[p] is not str else f"ID-{p}"
        for p, param in signature.parameters.items()
        if param.kind is param.POSITIONAL_OR_KEYWORD
    }
    positional = list(path_params.values())
    keywords = {
        p: argument(hints[p])
        for p, param in signature.parameters.items()
        if param.kind is param.KEYWORD_ONLY and param.default is param.empty and p != "body"
    }
    body = None
    if "body" in signature.parameters and op.get("requestBody"):
        content = resolve(v5_normalized, op["requestBody"])["content"]
        body = sample(v5_normalized, next(iter(content.values()))["schema"])
        keywords["body"] = body
        if "Mapping" not in str(inspect.signature(facade_method).parameters["body"].annotation):
            keywords["body"] = as_model(hints["body"], body)  # a body the facade takes as models only
    success = next((code, resolve(v5_normalized, r)) for code, r in op["responses"].items() if code.startswith("2"))
    media = (success[1].get("content") or {}).get("application/json")
    answer = sample(v5_normalized, media["schema"]) if media and media.get("schema") else None
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if answer is None:
            return httpx.Response(204)
        return httpx.Response(200 if success[0] in ("2XX", "204") else int(success[0]), json=answer)

    with client_with(handler) as client:
        result = getattr(functools.reduce(getattr, resource.split("."), client), name)(*positional, **keywords)
        if isinstance(result, Paginator):
            page = result.first_page()
            assert isinstance(page, Page) and page.items, operation_id
            result = page.items[0]
    (request,) = seen
    assert request.method == http
    expected_path = "/v5" + path
    for p, value in path_params.items():
        expected_path = expected_path.replace("{" + p + "}", str(value))
    assert request.url.path == expected_path
    for key, value in keywords.items():
        if key == "body":
            continue
        sent = request.url.params.get_list(key)
        assert sent == ([wire(v) for v in value] if isinstance(value, list) else [wire(value)]), key
    if body is not None:
        assert json.loads(request.content) == body
    returns = str(inspect.signature(facade_method).return_annotation)
    if answer is None or returns == "None":
        assert result is None
    elif returns.startswith("Paginator["):
        assert type(result).__name__ in returns.removeprefix("Paginator[").removesuffix("]").split(" | ")
    elif all(alt.isidentifier() for alt in returns.split(" | ")):
        assert type(result).__name__ in returns.split(" | "), operation_id
    else:
        assert result is not None


# ---------------------------------------------------------------- bodies that are an object or a list of objects


def test_a_body_that_is_an_object_or_a_list_takes_dicts_in_both_forms() -> None:
    """notification/post documents ``oneOf`` an object and an array of objects: dicts in either form are sent."""
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"success": True, "received_at": 1677003860})

    with client_with(handler) as client:
        one = client.notifications.create(body={"event": "created", "id": "1"})
        many = client.notifications.create(body=[{"event": "a"}, {"event": "b"}])
    assert sent == [{"event": "created", "id": "1"}, [{"event": "a"}, {"event": "b"}]]
    assert one.success is True and many.received_at == 1677003860


def test_a_list_of_a_union_of_models_takes_dicts_and_refuses_an_object() -> None:
    """catalogs_product_groups/create_many: each dict becomes the product group request it fits."""
    from pinterest_tools.errors import UsageError

    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(201, json=["1", "2"])

    group = {"feed_id": "7", "name": "Shoes", "filters": {"any_of": [{"MIN_PRICE": {"values": 10, "inclusion": True}}]}}
    with client_with(handler) as client:
        assert client.catalogs.product_groups.create_many(body=[group]) == ["1", "2"]
        with pytest.raises(UsageError, match="create_many: the body must be a list of"):
            client.catalogs.product_groups.create_many(body=group)  # type: ignore[arg-type]
    assert sent == [[group]]
