"""Responses that drift from Pinterest's description parse, keep every value and go back unchanged.

For every documented 2xx JSON response of every v5 operation, a valid sample is built
from the description (``support.schema_samples``) and mutated at every place: each field
dropped (required ones included), set to null, given an unknown string (every enum and
discriminator gets a value the description does not list), int and str swapped, an
object where a string was documented and a string where an object was, plus an extra
field in every object. Each mutation is parsed by the operation's generated
``_parse_response`` under the documented status and under its 200/201 twin. Parsing
must not raise and ``to_dict()`` must give back exactly what came.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import httpx
import pinterest_api_v5.api
import pytest
from support.schema_samples import sample

UNKNOWN = "__a_value_from_a_later_release__"


def jsonable(value: Any) -> Any:
    """What a parsed response says, as JSON (the form it arrived in)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def endpoint_modules() -> dict[str, Any]:
    """Generated endpoint module per (snake_case) operationId."""
    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(pinterest_api_v5.api.__path__, "pinterest_api_v5.api."):
        if not info.ispkg:
            found[info.name.rsplit(".", 1)[1]] = info.name
    return found


def success_responses(spec: dict[str, Any]) -> Iterator[tuple[str, int, Any]]:
    """(snake operationId, status, schema) of every documented 2xx JSON response."""
    for item in spec["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            success = {status: resolve_response(spec, ref) for status, ref in operation["responses"].items()}
            if any(status.startswith("2") and "content" not in answer for status, answer in success.items()):
                continue  # a bodiless 2xx documented beside a body: the client parses every 2xx as None (R11)
            for status, ref in operation["responses"].items():
                response = resolve_response(spec, ref)
                content = response.get("content", {}).get("application/json") if status.startswith("2") else None
                if content and "schema" in content:
                    snake = "".join(c if c.isalnum() else "_" for c in operation["operationId"]).strip("_").lower()
                    yield snake, int(status), content["schema"]


def resolve_response(spec: dict[str, Any], response: Any) -> Any:
    while isinstance(response, dict) and "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path into ``value`` (list items by index)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*path, index))


def objects(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths of every JSON object in ``value``, the root included."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from objects(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from objects(item, (*path, index))


def replaced(body: Any, path: tuple[Any, ...], new: Any, *, drop: bool = False) -> Any:
    copy = json.loads(json.dumps(body))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


def other_values(value: Any) -> list[tuple[str, Any]]:
    """The wrong-but-plausible values a field might arrive with instead of ``value``."""
    if isinstance(value, bool):
        return [("str for bool", "true"), ("int for bool", 1)]
    if isinstance(value, int):
        return [("str for int", str(value)), ("float for int", value + 0.5)]
    if isinstance(value, float):
        return [("str for number", str(value))]
    if isinstance(value, str):
        return [("unknown string/enum", UNKNOWN), ("int for str", 12345), ("object for str", {"unexpected": [1]})]
    return [("string for object/array", "unexpected text")]


def mutations(body: Any) -> Iterator[tuple[str, Any]]:
    yield "valid", body
    for path in places(body):
        yield f"drop {path}", replaced(body, path, None, drop=not isinstance(path[-1], int))
        yield f"null {path}", replaced(body, path, None)
        parent = body
        for step in path:
            parent = parent[step]
        for kind, new in other_values(parent):
            yield f"{kind} at {path}", replaced(body, path, new)
    for path in objects(body):
        if path:
            yield f"extra field in {path}", replaced(body, (*path, "__extra__"), {"later": ["field"]})
        else:
            yield "extra field at the root", {**body, "__extra__": {"later": ["field"]}}


def twin(status: int) -> int:
    return {200: 201, 201: 200}.get(status, 200)


CLIENT = pinterest_api_v5.AuthenticatedClient(base_url="http://127.0.0.1:9", token="unused")


def test_every_success_response_survives_drift(v5_spec: dict[str, Any], record_property: Any) -> None:
    modules = endpoint_modules()
    responses = list(success_responses(v5_spec))
    # 246 of 266 (API 5.28.0): the 20 others answer 204 or a 200 without a body, or document
    # a bodiless 2xx beside one with a body (the deletes that 5.28.0 lets answer the deleted object).
    assert len({operation for operation, _, _ in responses}) == 246
    failures: list[str] = []
    run = 0
    for operation, status, schema in responses:
        module = importlib.import_module(modules[operation])
        for index, (what, body) in enumerate(mutations(sample(v5_spec, schema))):
            answer_status = status if index % 2 == 0 else twin(status)
            response = httpx.Response(answer_status, json=body)
            run += 1
            try:
                parsed = module._parse_response(client=CLIENT, response=response)
            except Exception as exc:  # every failure is reported below
                failures.append(f"{operation} {answer_status} {what}: {type(exc).__name__}: {exc}")
                continue
            if jsonable(parsed) != body:
                failures.append(f"{operation} {answer_status} {what}: to_dict() differs from what came")
    record_property("drift_mutations", run)  # the session summary prints it (tests/conftest.py)
    assert not failures, f"{len(failures)} of {run} mutations failed:\n" + "\n".join(failures[:40])
    assert run > 10_000


@pytest.mark.parametrize("status", [200, 201, 202, 206])
def test_any_2xx_parses_with_the_success_schema(status: int) -> None:
    """pins/save documents 201 and board_sections/create 201; the live API answered 200."""
    from pinterest_api_v5.api.boards import board_sections_create
    from pinterest_api_v5.api.pins import pins_save
    from pinterest_api_v5.models import BoardSection, Pin

    pin = pins_save._parse_response(client=CLIENT, response=httpx.Response(status, json={"id": "4400000000000000001"}))
    assert isinstance(pin, Pin) and pin.id == "4400000000000000001"
    section = board_sections_create._parse_response(
        client=CLIENT, response=httpx.Response(status, json={"id": "4400000000000000002", "name": "Weekend"})
    )
    assert isinstance(section, BoardSection)
    assert (section.id, section.name) == ("4400000000000000002", "Weekend")


def test_a_204_operation_answering_200_with_no_body_is_none() -> None:
    from pinterest_api_v5.api.pins import pins_delete

    assert pins_delete._parse_response(client=CLIENT, response=httpx.Response(204)) is None
    assert pins_delete._parse_response(client=CLIENT, response=httpx.Response(200)) is None
