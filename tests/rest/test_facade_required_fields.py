"""The body fields the description requires are required keywords of the facade method (or ``body=`` is given).

A method whose request body is an object takes its top-level fields as keywords. Those the
description lists as ``required`` (through ``allOf`` and ``$ref``) must be required, or a
call type-checks and is then refused by Pinterest; the others must not be, or a valid call
fails to type-check. A field whose only allowed value is one enum member is filled in by
the method (its docstring says so), so it is not required of the caller. Each method
whose body has required fields has two overloads: the fields, or the whole ``body=``.

Everything here is read from the description, for every operation: nothing is a hand list.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.schema_samples import resolve
from support.user_scripts import mypy_strict

from pinterest_tools import Pinterest
from pinterest_tools.mcp_server import schemas
from pinterest_tools.rest.resources.operations import FACADE
from specgen.facade import squash

METHODS = ("get", "put", "post", "delete", "patch")
CALL_OPTIONS = frozenset({"timeout", "max_retries", "extra_headers", "extra_query", "max_pages"})


def body_facts(spec: dict[str, Any], operation: dict[str, Any]) -> tuple[dict[str, str], set[str], set[str]]:
    """(squashed name -> key of every top-level property, required keys, keys with a one-value enum) of the body."""
    body = resolve(spec, operation.get("requestBody") or {})
    media: dict[str, Any] = next(iter((body.get("content") or {}).values()), {})
    properties: dict[str, str] = {}
    required: set[str] = set()
    one_value: set[str] = set()

    def visit(node: dict[str, Any]) -> None:
        node = resolve(spec, node)
        required.update(node.get("required") or ())
        for key, schema in (node.get("properties") or {}).items():
            properties.setdefault(squash(key), key)
            if len(enum_values(spec, schema)) == 1:
                one_value.add(key)
        for part in node.get("allOf") or ():
            visit(part)

    visit(media.get("schema") or {})
    return properties, required, one_value


def enum_values(spec: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    """The values a property's enum allows (through ``$ref`` and an ``allOf`` of one), or none."""
    schema = resolve(spec, schema)
    parts = schema.get("allOf") or ()
    if "enum" not in schema and len(parts) == 1:
        return enum_values(spec, parts[0])
    return list(schema.get("enum") or ())


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        op["operationId"]: op for item in spec["paths"].values() for method, op in item.items() if method in METHODS
    }


def method_of(client: Pinterest, operation_id: str) -> Callable[..., Any]:
    namespace, name = FACADE[operation_id]
    target: Any = client
    for part in (*namespace.split("."), name):
        target = getattr(target, part)
    return target  # type: ignore[no-any-return]


def the_fields_signature(method: Callable[..., Any]) -> inspect.Signature:
    """The signature a call without ``body=`` must satisfy: the overload without it, else the method's own."""
    for overload in typing.get_overloads(getattr(method, "__func__", method)):
        signature = inspect.signature(overload)
        if "body" not in signature.parameters:
            return signature.replace(parameters=[p for n, p in signature.parameters.items() if n != "self"])
    return inspect.signature(method)


def parameter_names(spec: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    """The squashed names of the operation's path and query parameters."""
    return {squash(resolve(spec, p)["name"]) for p in operation.get("parameters") or ()}


def test_the_fields_the_description_requires_are_the_required_keywords(v5_spec: dict[str, Any]) -> None:
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    with_fields = with_required = 0
    for operation_id, operation in operations(v5_spec).items():
        properties, required, one_value = body_facts(v5_spec, operation)
        method = method_of(client, operation_id)
        taken = parameter_names(v5_spec, operation)
        own = inspect.signature(method).parameters
        keywords = {name for name in own if squash(name) in properties and squash(name) not in taken}
        signature = the_fields_signature(method)
        if not keywords:  # the body is a list or a union: only body= takes it, and it is required when fields are
            if required:
                assert signature.parameters["body"].default is inspect.Parameter.empty, operation_id
            continue
        with_fields += 1
        must = {name for name in keywords if properties[squash(name)] in required - one_value}
        demanded = {
            name
            for name, p in signature.parameters.items()
            if p.kind is p.KEYWORD_ONLY and p.default is p.empty and name in keywords
        }
        assert demanded == must, operation_id
        with_required += bool(must)
        # every required field is a keyword: none is left to body= alone
        assert required - one_value <= {properties[squash(name)] for name in keywords}, operation_id
        # and body= alone is the other way in: the implementation itself requires no field
        assert not {name for name in keywords if own[name].default is inspect.Parameter.empty}, operation_id
    client.close()
    # the body-taking operations of the description (API 5.28.0), and those of them with a required field
    assert (with_fields, with_required) == (82, 64)


def test_the_mcp_server_declares_them_required(v5_spec: dict[str, Any]) -> None:
    """The tool schemas derive from the signatures: the fields the description requires are required there too."""
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    for operation_id, operation in operations(v5_spec).items():
        if FACADE[operation_id][0].split(".")[0] == "oauth":
            continue  # the server keeps the OAuth operations to itself
        properties, required, one_value = body_facts(v5_spec, operation)
        method = method_of(client, operation_id)
        schema = schemas.method_schema(method)
        needed = {name for name in schema["properties"] if properties.get(squash(name)) in required - one_value}
        needed -= {name for name in needed if squash(name) in parameter_names(v5_spec, operation)}
        assert needed <= set(schema.get("required", ())), operation_id
        assert "body" not in schema.get("required", ()) or not needed, operation_id
    client.close()


def test_mypy_refuses_a_call_without_a_required_field(v5_spec: dict[str, Any], tmp_path: Path) -> None:
    """For every such method: all required arguments type-check; leaving out any one required field does not."""
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    lines = [
        "from typing import Any",
        "from pinterest_tools import Pinterest",
        "",
        "",
        "def calls(client: Pinterest, x: Any) -> None:",
    ]
    expected: list[int] = []
    for operation_id, operation in sorted(operations(v5_spec).items()):
        _, required, one_value = body_facts(v5_spec, operation)
        fields = {squash(key) for key in required - one_value}
        method = method_of(client, operation_id)
        signature = the_fields_signature(method)
        needed = [n for n, p in signature.parameters.items() if p.default is p.empty and n not in CALL_OPTIONS]
        missing = [n for n in needed if squash(n) in fields and squash(n) not in parameter_names(v5_spec, operation)]
        if not missing:
            continue
        namespace, name = FACADE[operation_id]
        positional = [n for n in needed if signature.parameters[n].kind is not inspect.Parameter.KEYWORD_ONLY]

        def call(
            given: list[str], namespace: str = namespace, name: str = name, positional: list[str] = positional
        ) -> str:
            arguments = ["x" for _ in positional] + [f"{n}=x" for n in given if n not in positional]
            return f"    client.{namespace}.{name}({', '.join(arguments)})"

        lines.append(call(needed))
        for field in missing:
            lines.append(call([n for n in needed if n != field]))
            expected.append(len(lines))
    client.close()
    script = tmp_path / "required_fields.py"
    script.write_text("\n".join(lines) + "\n")
    result = mypy_strict([script], "--no-error-summary")
    errors = sorted({int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error:" in line})
    assert len(expected) >= 65  # at least one left-out field per method with required fields
    assert errors == expected, result.stdout[-3000:]
