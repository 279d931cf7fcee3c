"""The v5 description's operations and schemas as the emulator reads them at run time.

``pinterest_api_v5/schemas.json`` is written by ``python -m specgen.generate`` (see
``specgen.emulator_table``) and checked by its ``--check`` drift check; the description
itself is never shipped. Loaded once, on first use.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

Schema = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    location: str  # path | query | header
    required: bool
    schema: Schema


@dataclass(frozen=True, slots=True)
class OperationShape:
    """One operation: the documented success status, its body schemas and its parameters."""

    operation_id: str
    method: str
    path: str
    status: int  # the first 2xx the description documents
    statuses: tuple[int, ...]  # every 2xx it documents
    response: Schema | None  # the JSON schema of that response (None: no body)
    request_kind: str | None  # json | form | None
    request_required: bool
    request: Schema | None
    parameters: tuple[Parameter, ...]

    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(parameter for parameter in self.parameters if parameter.location == "query")

    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(parameter for parameter in self.parameters if parameter.location == "path")


@dataclass(frozen=True, slots=True)
class SchemaTable:
    operations: dict[str, OperationShape]
    schemas: dict[str, Schema]

    def resolve(self, schema: Schema) -> Schema:
        """``schema`` with its ``$ref`` (a component name) followed."""
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"]]
        return schema


@functools.cache
def table() -> SchemaTable:
    raw = json.loads((resources.files("pinterest_api_v5") / "schemas.json").read_text(encoding="utf-8"))
    operations = {
        operation_id: OperationShape(
            operation_id=operation_id,
            method=entry["method"],
            path=entry["path"],
            status=entry["status"],
            statuses=tuple(entry["statuses"]),
            response=entry["response"],
            request_kind=entry["request_kind"],
            request_required=entry["request_required"],
            request=entry["request"],
            parameters=tuple(Parameter(p["name"], p["in"], p["required"], p["schema"]) for p in entry["parameters"]),
        )
        for operation_id, entry in raw["operations"].items()
    }
    return SchemaTable(operations, raw["schemas"])
