"""``pinterest_api_v5/schemas.json``: what the emulator needs of the description at run time.

The emulator answers every v5 operation with bodies synthesized from the description's
schemas (see ``pinterest_tools.emulator.described.synth``), but the description itself is never
committed or shipped. This table carries, per operation, its method and path, the first
documented 2xx status, the JSON schemas of that response and of the request body, and
the parameters; plus the component schemas those reach (``{"$ref": "Name"}`` points into
``schemas``). Prose (descriptions, titles) is dropped; string examples are kept, they
give synthesized values a realistic look.

It is built from the description as published, not the generator's normalized copy,
because the emulator must satisfy the description as published (the suite's contract
check validates against it). One defect is read as meant, as the contract check reads
it: a ``oneOf`` of string enums that share values is an ``anyOf``.
"""

from __future__ import annotations

import json
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
COMPONENT = "#/components/schemas/"
# Keywords that do not constrain a value.
PROSE = frozenset({"description", "title", "externalDocs", "xml", "deprecated", "x-sensitive", "x-ignore"})


def _target(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _deref(spec: dict[str, Any], node: Any) -> Any:
    """A parameter, request body or response, with its (chain of) non-schema $ref followed."""
    while isinstance(node, dict) and "$ref" in node:
        node = _target(spec, node["$ref"])
    return node


def _compact(node: Any, reached: set[str]) -> Any:
    """A schema without prose; component $refs become their names (collected in ``reached``)."""
    if isinstance(node, list):
        return [_compact(item, reached) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].removeprefix(COMPONENT)
        reached.add(name)
        return {"$ref": name}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in PROSE or key.startswith("x-"):
            continue
        if key == "example" and not isinstance(value, str):
            continue
        if key == "properties":
            out[key] = {name: _compact(prop, reached) for name, prop in value.items()}
        else:
            out[key] = _compact(value, reached)
    _overlapping_enums_as_any_of(out)
    return out


def _overlapping_enums_as_any_of(node: dict[str, Any]) -> None:
    members = node.get("oneOf")
    if isinstance(members, list) and members and all(isinstance(m, dict) and "enum" in m for m in members):
        values = [value for member in members for value in member["enum"]]
        if len(values) != len(set(values)):
            node["anyOf"] = node.pop("oneOf")


def _json_schema(content: Any) -> tuple[str | None, Any]:
    """(kind, schema) of a request or response ``content``: json, form or none."""
    if not content:
        return None, None
    if "application/json" in content:
        return "json", content["application/json"].get("schema")
    if "application/x-www-form-urlencoded" in content:
        return "form", content["application/x-www-form-urlencoded"].get("schema")
    return "other", None


def _operation(spec: dict[str, Any], path: str, method: str, item: dict[str, Any], reached: set[str]) -> Any:
    op = item[method]
    statuses = [code for code in op["responses"] if code.startswith("2")]
    status = statuses[0]
    response = _deref(spec, op["responses"][status])
    response_kind, response_schema = _json_schema(response.get("content"))
    body = _deref(spec, op.get("requestBody")) or {}
    request_kind, request_schema = _json_schema(body.get("content"))
    parameters = []
    for raw in [*item.get("parameters", []), *op.get("parameters", [])]:
        parameter = _deref(spec, raw)
        parameters.append(
            {
                "name": parameter["name"],
                "in": parameter["in"],
                "required": bool(parameter.get("required")),
                "schema": _compact(parameter.get("schema", {}), reached),
            }
        )
    return {
        "method": method.upper(),
        "path": path,
        "status": int(status),
        "statuses": [int(code) for code in statuses],
        "response_kind": response_kind,
        "response": _compact(response_schema, reached),
        "request_kind": request_kind,
        "request_required": bool(body.get("required")),
        "request": _compact(request_schema, reached),
        "parameters": parameters,
    }


def build_schema_table(spec: dict[str, Any], normalized: dict[str, Any]) -> dict[str, Any]:
    """The table as a JSON-ready mapping: ``{"operations": {...}, "schemas": {...}}``.

    Operations are keyed by the generated packages' names (the normalized description's
    operation ids, e.g. ``feeds_get`` for the published ``feeds/get``).
    """
    reached: set[str] = set()
    operations = {}
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                name = normalized["paths"][path][method]["operationId"]
                operations[name] = _operation(spec, path, method, item, reached)
    schemas: dict[str, Any] = {}
    pending = sorted(reached)
    while pending:
        name = pending.pop()
        if name in schemas:
            continue
        found: set[str] = set()
        schemas[name] = _compact(spec["components"]["schemas"][name], found)
        pending.extend(sorted(found - set(schemas)))
    return {"operations": operations, "schemas": schemas}


def render_schema_table(spec: dict[str, Any], normalized: dict[str, Any]) -> str:
    """The table as the text of ``schemas.json`` (stable: sorted keys, one value per line)."""
    return json.dumps(build_schema_table(spec, normalized), indent=0, sort_keys=True, ensure_ascii=False) + "\n"
