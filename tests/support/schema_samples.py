"""Valid JSON samples built from an OpenAPI schema of Pinterest's description.

``sample(spec, schema)`` gives one value that the schema accepts: every property (required
or not), the first member of a ``oneOf``/``anyOf``, the first value of an ``enum``, one
item per array, the ``example`` of a string where it has one. Dates are written so that
Python's ``isoformat`` gives them back unchanged (``2024-05-01T12:30:00``), which lets the
drift tests compare what a model sends back with what came, value for value.
"""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 8


def resolve(spec: dict[str, Any], schema: Any) -> Any:
    """``schema`` with its local ``$ref`` followed (schemas, request bodies, responses, ...)."""
    while isinstance(schema, dict) and "$ref" in schema:
        target: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def merged(spec: dict[str, Any], schema: Any) -> dict[str, Any]:
    """``schema`` with its ``allOf`` members folded in (properties, required, type)."""
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or "allOf" not in schema:
        return schema if isinstance(schema, dict) else {}
    result: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for member in schema["allOf"]:
        part = merged(spec, member)
        result.setdefault("properties", {}).update(part.get("properties", {}))
        result["required"] = [*result.get("required", []), *part.get("required", [])]
        for key in ("type", "enum", "items", "format", "oneOf", "anyOf", "additionalProperties", "example"):
            if key in part and key not in result:
                result[key] = part[key]
    return result


def sample(spec: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    node = merged(spec, schema)
    for key in ("oneOf", "anyOf"):
        if key in node and "properties" not in node:
            return sample(spec, node[key][0], depth + 1)
    if "enum" in node:
        values = [value for value in node["enum"] if value is not None]
        return values[0] if values else None
    kind = node.get("type") or ("object" if "properties" in node else None)
    if kind == "object" or "properties" in node:
        if depth > MAX_DEPTH:
            return {}
        result = {name: sample(spec, prop, depth + 1) for name, prop in node.get("properties", {}).items()}
        extra = node.get("additionalProperties")
        if not node.get("properties") and isinstance(extra, dict):
            result["key1"] = sample(spec, extra, depth + 1)
        return result
    if kind == "array":
        return [] if depth > MAX_DEPTH else [sample(spec, node.get("items", {}), depth + 1)]
    if kind == "integer":
        return int(node.get("minimum", 0) or 0) + 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = node.get("format")
        if fmt == "date-time":
            return "2024-05-01T12:30:00"
        if fmt == "date":
            return "2024-05-01"
        example = node.get("example")
        return example if isinstance(example, str) else "text"
    return "any"
