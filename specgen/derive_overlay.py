"""Derive the API 5.28.0 overlay from the fact sheet: the three files of ``specs/v5/overlay/``.

Usage (normally ``nox -s overlay``)::

    python -m specgen.derive_overlay --spec PATH [--facts PATH] [--check]

Pinterest has not published its description past 5.23.0; the project builds 5.28.0 as
5.23.0 (published) + ``specs/v5/supplement`` (the 35 new operations, in the project's words)
+ this overlay (what 5.28.0 changed on all 266). The facts come from
``../shared/reference/api-v5-5.28-facts.json``, read from the 5.28.0 description and from
the models of PyPI ``pinterestsdk`` 2.1.0 (generated from 5.28.0). Where the fact sheet names
a schema without giving its fields, its structure is read from that package's model (names,
types, enums and ``required`` only: no descriptive text is taken).

The overlay is an OpenAPI Overlay 1.0.0 document whose targets are normalized JSONPaths
into the merged 5.23.0 + supplement description; every action carries ``x-fact`` (the fact
record it comes from). Fact records it cannot place are listed under ``x-not-applied`` with
the reason, so a reviewer sees all of them. The overlay is committed: ``nox -s generate``
reads it and never needs the fact sheet or ``pinterestsdk``.
"""

from __future__ import annotations

import argparse
import copy
import enum
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from specgen.v5_source import (
    HTTP_METHODS,
    OVERLAY,
    OVERLAY_PARTS,
    ROOT,
    GenerateError,
    load_supplement,
    load_v5_spec,
    merge_supplement,
)

FACTS = ROOT.parent / "shared" / "reference" / "api-v5-5.28-facts.json"
SCHEMA_REF = "#/components/schemas/"
PARAM_REF = "#/components/parameters/"
ERROR_SCHEMA = "Pinterest.Lib.Error"
Json = Any
# The project's words for a status the published description never writes out.
STATUS_WORDS = {
    "200": "The request succeeded.",
    "201": "Created.",
    "204": "Done; the answer has no body.",
    "400": "The request was refused as invalid.",
    "401": "No token, or the token was refused.",
    "403": "The token may not do this.",
    "404": "Not found.",
    "409": "In conflict with the current state.",
    "429": "Too many requests; see the rate-limit headers.",
    "500": "The server failed.",
    "503": "The service is unavailable for now; try again later.",
    "default": "An error.",
}


def jpath(*keys: str | int) -> str:
    """A normalized JSONPath (RFC 9535, section 2.7) for the given keys."""
    parts = []
    for key in keys:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            escaped = key.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "$" + "".join(parts)


class UnplacedFactError(Exception):
    """A fact record whose place in the 5.23.0 description cannot be found."""


# --------------------------------------------------------------------------- types


def _scalar(name: str) -> dict[str, Any] | None:
    base, _, fmt = name.partition("(")
    if base in ("string", "integer", "number", "boolean"):
        schema: dict[str, Any] = {"type": base}
        if fmt:
            schema["format"] = fmt.rstrip(")")
        return schema
    if base == "any":
        return {}
    return None


def _split_top(text: str) -> list[str]:
    """``A,B<C,D>,E`` -> ``[A, B<C,D>, E]`` (commas inside brackets kept)."""
    out, depth, current = [], 0, ""
    for char in text:
        if char in "<(":
            depth += 1
        elif char in ">)":
            depth -= 1
        if char == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        out.append(current.strip())
    return out


class SchemaBuilder:
    """Turns the fact sheet's type strings into schemas, defining the components they name."""

    def __init__(self, merged: Json, facts: Json, sdk_schema: Any) -> None:
        self.known: set[str] = set(merged["components"]["schemas"])
        self.new_schemas: dict[str, Any] = facts["new_schemas_used_by_new_operations"]
        self.sdk_schema = sdk_schema  # name -> JSON Schema of pinterestsdk's model, or None
        self.defined: dict[str, Any] = {}  # components this overlay adds
        self.undefined: list[str] = []

    def type_schema(self, text: str, enum: list[Any] | None = None) -> dict[str, Any]:
        text = text.strip()
        scalar = _scalar(text)
        if scalar is not None:
            if enum and scalar.get("type") == "number" and all(isinstance(v, int) for v in enum):
                # openapi-python-client types an enum by its values' Python type: a "number" enum
                # of whole numbers (the attribution windows) is generated as an integer enum.
                scalar["type"] = "integer"
            if enum:
                scalar["enum"] = list(enum)
            return scalar
        if text.startswith("array<") and text.endswith(">"):
            return {"type": "array", "items": self.type_schema(text[6:-1], enum)}
        if text.startswith("map<") and text.endswith(">"):
            value = _split_top(text[4:-1])[-1]
            return {"type": "object", "additionalProperties": self.type_schema(value) or True}
        if text.startswith("oneOf(") and text.endswith(")"):
            return {"oneOf": [self.type_schema(member) for member in _split_top(text[6:-1])]}
        match = re.fullmatch(r"enum(?:\((\w[\w.]*)\)| (\w[\w.]*))?(?:<(\w+)>)?", text)
        if match:
            name = match.group(1) or match.group(2)
            base = match.group(3) or "string"
            if name and name not in ("string", "integer", "number") and self.ensure(name):
                return {"$ref": SCHEMA_REF + name}
            if name in ("integer", "number"):
                base = name
            schema = {"type": base}
            if enum:
                schema["enum"] = list(enum)
            return schema
        if re.fullmatch(r"[A-Za-z][\w.]*", text):
            if self.ensure(text):
                return {"$ref": SCHEMA_REF + text}
            return {"type": "object", "additionalProperties": True}
        raise UnplacedFactError(f"type {text!r} is not one the fact sheet's grammar allows")

    def ensure(self, name: str) -> bool:
        """True once ``name`` is a component (known, or defined here from the facts or the SDK)."""
        if name in self.known or name in self.defined:
            return True
        fact = self.new_schemas.get(name)
        if fact is not None:
            self.defined[name] = {}  # a placeholder that stops recursion through self-references
            self.defined[name] = self._from_fact(fact)
            return True
        sdk = self.sdk_schema(name) if self.sdk_schema else None
        if sdk is not None:
            self.defined[name] = {}
            self.defined[name] = self._from_sdk(sdk, sdk.get("$defs", {}))
            return True
        self.undefined.append(name)
        return False

    def _from_fact(self, fact: Json) -> dict[str, Any]:
        kind = fact["kind"]
        if kind == "enum":
            return {"type": fact.get("base", "string"), "enum": list(fact["values"])}
        if kind in ("oneOf", "anyOf"):
            return {kind: [self.type_schema(member) for member in fact.get("members", [])]}
        properties: dict[str, Any] = {}
        required = []
        for item in fact.get("fields", []):
            schema = self.type_schema(item["type"], item.get("enum"))
            for key in ("nullable", "readOnly", "pattern", "format"):
                if key in item:
                    schema[key] = item[key]
            properties[item["name"]] = schema
            if item.get("required"):
                required.append(item["name"])
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        return out

    def _from_sdk(self, schema: Json, defs: dict[str, Any]) -> dict[str, Any]:
        """A pinterestsdk (pydantic) JSON Schema as an OpenAPI 3.0 schema: structure only, no text."""
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in self.known and name not in self.defined and name in defs:
                self.defined[name] = {}
                self.defined[name] = self._from_sdk(defs[name], defs)
            elif name not in self.known and name not in self.defined:
                self.ensure(name)
            return {"$ref": SCHEMA_REF + name}
        if "anyOf" in schema:
            members = [m for m in schema["anyOf"] if m.get("type") != "null"]
            nullable = len(members) < len(schema["anyOf"])
            out: dict[str, Any] = (
                self._from_sdk(members[0], defs)
                if len(members) == 1
                else {"anyOf": [self._from_sdk(m, defs) for m in members]}
            )
            if nullable:
                out = {"allOf": [out], "nullable": True} if "$ref" in out else {**out, "nullable": True}
            return out
        out = {key: schema[key] for key in ("type", "enum", "format", "pattern", "required") if key in schema}
        if "items" in schema:
            out["items"] = self._from_sdk(schema["items"], defs)
        if "properties" in schema:
            out["properties"] = {name: self._from_sdk(value, defs) for name, value in schema["properties"].items()}
        if isinstance(schema.get("additionalProperties"), dict):
            out["additionalProperties"] = self._from_sdk(schema["additionalProperties"], defs)
        if out.get("type") == "object" and "properties" not in out and "additionalProperties" not in out:
            out["additionalProperties"] = True
        return out


def sdk_schema_reader() -> Any:
    """``name -> JSON Schema`` of pinterestsdk 2.1.0's model of that name (None without the package)."""
    try:
        import pinterestsdk.models as models  # type: ignore[import-not-found]
    except ImportError:
        return None

    def read(name: str) -> Any:
        model = getattr(models, name.replace(".", ""), None)
        if isinstance(model, type) and issubclass(model, enum.Enum):
            values = [member.value for member in model]
            kind = "integer" if all(isinstance(v, int) for v in values) else "string"
            return {"type": kind, "enum": values}
        if model is None or not hasattr(model, "model_json_schema"):
            return None
        try:
            schema = model.model_json_schema()
        except Exception:  # an SDK model pydantic cannot render is a fact we do not have
            return None
        _add_validated_enums(model, schema)
        return _without_sdk_holder(schema)

    return read


def _add_validated_enums(model: Any, schema: dict[str, Any]) -> None:
    """Enums and patterns the SDK checks in a ``field_validator`` (``if value not in set([...])``,
    ``re.match(r"...", value)``) into the schema.

    openapi-generator writes a string enum or pattern of a model's field as such a validator,
    which pydantic's JSON Schema does not show; without the enums the union members of a
    ``oneOf`` (``TargetingSpecOperationGeo``: ``field`` is ``GEO``) cannot be told apart, and
    without the patterns a request 5.28.0 refuses (a minimum age of ``"abc"``) is taken.
    """
    import ast
    import inspect

    decorators = getattr(model, "__pydantic_decorators__", None)
    properties = schema.get("properties", {})
    for decorator in getattr(decorators, "field_validators", {}).values():
        try:
            source = inspect.getsource(decorator.func)
        except (OSError, TypeError):
            continue
        match = re.search(r"not in set\((\[.*?\])\)", source)
        pattern = re.search(r're\.match\(r"(.*?)", value\)', source)
        if not match and not pattern:
            continue
        for name in decorator.info.fields:
            info = model.model_fields.get(name)
            wire = info.alias if info is not None and info.alias else name
            target = properties.get(wire)
            if not isinstance(target, dict) or "$ref" in target:
                continue
            if pattern and not match:  # a string's pattern (``^\d+\+?$`` for an age), nullable or not
                members = target.get("anyOf", [target])
                for member in [m for m in members if isinstance(m, dict) and m.get("type") == "string"]:
                    member["pattern"] = pattern.group(1)
            elif match and "anyOf" not in target:
                element = target["items"] if target.get("type") == "array" else target
                element["enum"] = list(ast.literal_eval(match.group(1)))


def _without_sdk_holder(schema: Any) -> Any:
    """Drop the ``additional_properties`` field openapi-generator adds to a model that allows more keys.

    It is the SDK's holder of unknown keys, not a field of the wire format; the schema
    allows additional properties instead.
    """
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict) and "additional_properties" in properties:
            del properties["additional_properties"]
            schema["additionalProperties"] = True
        for value in schema.values():
            _without_sdk_holder(value)
    elif isinstance(schema, list):
        for value in schema:
            _without_sdk_holder(value)
    return schema


# --------------------------------------------------------------------------- places


def operations(spec: Json) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield method, path, item[method]


def resolve(spec: Json, schema: Any) -> tuple[Any, tuple[str | int, ...] | None]:
    """Follow ``$ref`` and single-member allOf; the schema and its component location (if any)."""
    location: tuple[str | int, ...] | None = None
    seen = 0
    while isinstance(schema, dict) and seen < 20:
        seen += 1
        if "$ref" in schema and schema["$ref"].startswith(SCHEMA_REF):
            name = schema["$ref"][len(SCHEMA_REF) :]
            location = ("components", "schemas", name)
            schema = spec["components"]["schemas"][name]
        elif isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1 and "properties" not in schema:
            schema = schema["allOf"][0]
            location = None if location is None else (*location, "allOf", 0)
        else:
            break
    return schema, location


class Places:
    """Where a 5.23.0 schema (named or inline) and one of its fields are, as JSON locations."""

    def __init__(self, spec: Json) -> None:
        self.spec = spec
        self.by_id = {op["operationId"]: (method, path) for method, path, op in operations(spec)}

    def node(self, location: tuple[str | int, ...]) -> Any:
        value = self.spec
        for key in location:
            value = value[key]
        return value

    def _follow(self, location: tuple[str | int, ...]) -> tuple[str | int, ...]:
        schema = self.node(location)
        _, target = resolve(self.spec, schema)
        return target if target is not None else location

    def _member(self, location: tuple[str | int, ...], name: str) -> tuple[str | int, ...]:
        """The oneOf/anyOf/allOf member named ``name`` (by component name or title)."""
        schema = self.node(location)
        for keyword in ("oneOf", "anyOf", "allOf"):
            for index, member in enumerate(schema.get(keyword, [])):
                ref = member.get("$ref", "")
                if ref.endswith("/" + name) or member.get("title") == name:
                    return self._follow((*location, keyword, index))
        raise UnplacedFactError(f"no union member {name!r}")

    def _property(self, location: tuple[str | int, ...], name: str) -> tuple[str | int, ...]:
        """The location of property ``name`` of the schema at ``location`` (searching allOf members)."""
        location = self._follow(location)
        schema = self.node(location)
        if name in schema.get("properties", {}):
            return (*location, "properties", name)
        for keyword in ("allOf", "oneOf", "anyOf"):
            for index, _member in enumerate(schema.get(keyword, [])):
                try:
                    return self._property((*location, keyword, index), name)
                except UnplacedFactError:
                    continue
        raise UnplacedFactError(f"no property {name!r}")

    def walk(self, location: tuple[str | int, ...], steps: str) -> tuple[str | int, ...]:
        """Follow ``a.b[]{}|Member`` from the schema at ``location``; the slot the last step names.

        The slot, not what it refers to: a change at one position must not reach every other
        use of a shared component.
        """
        for step in filter(None, re.split(r"\.(?![^(]*\))", steps)):
            step = re.sub(r" \(.*\)$", "", step)
            head, *members = step.split("|")
            name = re.sub(r"(\[\]|\{\})+$", "", head)
            suffix = head[len(name) :]
            if name:
                location = self._property(location, name)
            for mark in re.findall(r"\[\]|\{\}", suffix):
                location = self._follow(location)
                location = (*location, "items" if mark == "[]" else "additionalProperties")
            for member in members:
                location = self._member(self._follow(location), member)
        return location

    def schema(self, name: str) -> tuple[str | int, ...]:
        """The location of a 5.23.0 schema: a component name or ``inline:<operationId>.<where>...``."""
        if not name.startswith("inline:"):
            if name not in self.spec["components"]["schemas"]:
                raise UnplacedFactError(f"no component {name!r}")
            return ("components", "schemas", name)
        rest = name[len("inline:") :]
        match = re.match(r"(.+?)\.(body|\d{3})((?:[.|].*)?)$", rest)
        if not match or match.group(1) not in self.by_id:
            raise UnplacedFactError(f"cannot read the place {name!r}")
        method, path = self.by_id[match.group(1)]
        where = match.group(2)
        if where == "body":
            base: tuple[str | int, ...] = (
                "paths",
                path,
                method,
                "requestBody",
                "content",
                "application/json",
                "schema",
            )
        else:
            base = ("paths", path, method, "responses", where, "content", "application/json", "schema")
        try:
            self.node(base)
        except (KeyError, TypeError):
            raise UnplacedFactError(f"{name!r}: the operation has no such JSON schema") from None
        steps = match.group(3)
        if steps.startswith("|"):
            head, _, tail = steps[1:].partition(".")
            base = self._member(self._follow(base), re.sub(r" \(.*\)$", "", head))
            steps = "." + tail if tail else ""
        return self._follow(self.walk(base, steps.lstrip(".")))

    def field(self, schema_name: str, field: str) -> tuple[str | int, ...]:
        """The location of ``field`` (``name``, ``name[]``, ``name{}[]``) of a 5.23.0 schema."""
        return self.walk(self.schema(schema_name), field) if field else self.schema(schema_name)


# --------------------------------------------------------------------------- derivation


PROSE = frozenset({"description", "example", "examples", "summary", "title"})


def facts_only(value: Any) -> Any:
    """A copy of ``value`` without prose (descriptions, examples, titles): the overlay carries
    facts only, and the published text it came from is never committed (specs/README.md)."""
    if isinstance(value, dict):
        return {key: facts_only(item) for key, item in value.items() if key not in PROSE}
    if isinstance(value, list):
        return [facts_only(item) for item in value]
    return value


def _fact_label(record: Json) -> str:
    where = record.get("schema_5_23") or record.get("operationId")
    return f"{where}: {record.get('field') or record.get('param', '')} {record.get('change', '')}".strip()


class Deriver:
    def __init__(self, merged: Json, facts: Json, sdk_schema: Any) -> None:
        self.merged = merged
        self.facts = facts
        self.places = Places(merged)
        self.types = SchemaBuilder(merged, facts, sdk_schema)
        self.actions: list[dict[str, Any]] = []
        self.not_applied: list[dict[str, str]] = []
        # What earlier actions already add to a list or mapping (several fact records can name
        # the same enum component or schema): each value is added once.
        self.added: dict[tuple[str, str], set[Any]] = {}
        # ``required`` lists are rewritten whole, once per schema (removing by index would shift).
        self.required_plan: dict[tuple[str | int, ...], dict[str, list[str]]] = {}

    def fresh(self, location: tuple[str | int, ...], key: str, values: list[Any]) -> list[Any]:
        """``values`` that no earlier action adds to ``key`` at ``location``; remembers them."""
        seen = self.added.setdefault((jpath(*location), key), set())
        out = [v for v in values if json.dumps(v, sort_keys=True) not in seen]
        seen.update(json.dumps(v, sort_keys=True) for v in out)
        return out

    def act(self, location: tuple[str | int, ...], fact: str, **action: Any) -> None:
        self.actions.append({"target": jpath(*location), **action, "x-fact": fact})

    def skip(self, fact: str, reason: str) -> None:
        self.not_applied.append({"fact": fact, "reason": reason})

    # ---- operations

    def derive_operations(self) -> None:
        by_place = {(method.upper(), path): op for method, path, op in operations(self.merged)}
        error_responses = self._error_responses()
        for fact in self.facts["operations"]:
            op = by_place.get((fact["method"], fact["path"]))
            label = f"{fact['operationId']} ({fact['method']} {fact['path']})"
            if op is None:
                self.skip(label, "the operation is in neither the published description nor the supplement")
                continue
            at = ("paths", fact["path"], fact["method"].lower())
            update: dict[str, Any] = {}
            if op["operationId"] != fact["operationId"]:
                update["operationId"] = fact["operationId"]
                update["x-operation-aliases"] = [op["operationId"]]
            security = [{scheme: list(scopes)} for scheme, scopes in fact["security"].items()]
            if op.get("security") != security:
                if "security" in op:
                    self.act((*at, "security"), f"{label}: security", remove=True)
                update["security"] = security
            for key in ("x-ratelimit-category", "x-sandbox"):
                if op.get(key) != fact[key]:
                    update[key] = fact[key]
            if update:
                self.act(at, f"{label}: operationId, security, category, sandbox", update=update)
            self._parameters(at, op, fact, label)
            self._responses(at, op, fact, label, error_responses)

    def _error_responses(self) -> dict[str, Any]:
        """One response object per error status, as the published description already writes it."""
        found: dict[str, Any] = {}
        for _, _, op in operations(self.merged):
            for code, response in op.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if schema.get("$ref") == SCHEMA_REF + ERROR_SCHEMA:
                    found.setdefault(code, response)
        return found

    def _param(self, param: Json) -> Json:
        if "$ref" in param and param["$ref"].startswith(PARAM_REF):
            return self.merged["components"]["parameters"][param["$ref"][len(PARAM_REF) :]]
        return param

    def _param_schema(self, fact: Json) -> dict[str, Any]:
        schema = self.types.type_schema(fact["type"], fact.get("enum"))
        constraints = dict(fact.get("constraints") or {})
        default = constraints.pop("default", None)
        explode = constraints.pop("explode", None)
        target = (
            schema["items"]
            if schema.get("type") == "array" and ("maxLength" in constraints or "pattern" in constraints)
            else schema
        )
        for key in ("minimum", "maximum", "maxLength", "minLength", "pattern"):
            if key in constraints and "$ref" not in target:
                target[key] = constraints[key]
        for key in ("minItems", "maxItems"):
            if key in constraints and schema.get("type") == "array":
                schema[key] = constraints[key]
        if default is not None and "$ref" not in schema:
            schema["default"] = _default_value(default, schema)
        del explode  # style and explode stay as the operation's existing parameter writes them
        return schema

    def _parameters(self, at: tuple[str | int, ...], op: Json, fact: Json, label: str) -> None:
        current = [self._param(p) for p in op.get("parameters", [])]
        have = {(p["name"], p["in"]): index for index, p in enumerate(current)}
        want = {(p["name"], p["in"]): p for p in fact["parameters"]}
        changes = {(c["param"], c["in"]): c for c in fact.get("changes_since_5_23", {}).get("params", [])}
        added = []
        removed: dict[int, str] = {}
        for key, index in have.items():
            if key not in want:
                removed[index] = f"{label}: parameter {key[0]} removed"
        for key, param in want.items():
            if key not in have:
                added.append(
                    {
                        "name": param["name"],
                        "in": param["in"],
                        "required": bool(param["required"]),
                        "schema": self._param_schema(param),
                        "x-added-in": "5.28.0",
                    }
                )
                continue
            change = changes.get(key)
            if change is None or change["change"] != "changed":
                continue
            index = have[key]
            replaced = self._changed_param(current[index], change, f"{label}: parameter {key[0]}")
            if replaced is not None:
                # The published parameter may be a shared component: this operation gets its own copy.
                removed[index] = f"{label}: parameter {key[0]} changed"
                added.append(replaced)
        # Last first, so removing one never moves another that is still to go.
        for index in sorted(removed, reverse=True):
            self.act((*at, "parameters", index), removed[index], remove=True)
        if added:
            self.act(at, f"{label}: parameters added or changed", update={"parameters": added})

    def _changed_param(self, old: Json, change: Json, label: str) -> dict[str, Any] | None:
        """A copy of ``old`` with only what the fact record changed (its type names stay as they were).

        Keeping the published schema keeps the generated enum classes users already import;
        only defaults, new enum values and constraints are applied.
        """
        param = facts_only(old)
        schema = param.setdefault("schema", {})
        target, _ = resolve(self.merged, schema)
        if target is not schema and target is not None:
            target = copy.deepcopy(target)  # a shared enum component: extended at this place only
        changed = False
        if "default" in change and change["default"][1] is not None:
            schema["default"] = _default_value(str(change["default"][1]), target or schema)
            changed = True
        if "enum" in change:
            enum_holder = schema["items"] if schema.get("type") == "array" else schema
            enum_target, location = resolve(self.merged, enum_holder)
            values = [v for v in change["enum"]["added"] if v not in enum_target.get("enum", [])]
            if values and location is not None:
                fresh = self.fresh(location, "enum", values)
                if fresh:
                    self.act(location, f"{label}: enum values added", update={"enum": fresh})
            elif values:
                enum_holder.setdefault("enum", []).extend(values)
                changed = True
        for key, (_, new) in (change.get("constraints") or {}).items():
            if new is None:
                schema.pop(key, None)
            else:
                schema[key] = new
            changed = True
        if "type" in change and "default" not in change:
            before, after = change["type"]
            if {before, after} <= {"enum<integer>", "enum<number>"}:
                self.skip(
                    label + f" {before} -> {after}",
                    "a number enum of whole numbers is generated as the same integer enum",
                )
            else:
                self.skip(label + f" {before} -> {after}", "a parameter retype the facts give without its new schema")
        return param if changed else None

    def _responses(self, at: tuple[str | int, ...], op: Json, fact: Json, label: str, errors: dict[str, Any]) -> None:
        have = op.get("responses", {})
        success = next((have[c] for c in sorted(have) if c.startswith("2") and "content" in have[c]), None)
        update: dict[str, Any] = {}
        for code, kind in fact["responses"].items():
            if code in have:
                continue
            words = STATUS_WORDS.get(code, f"HTTP {code}.")
            if kind is None:
                update[code] = {"description": STATUS_WORDS.get(code, "Done; the answer has no body.")}
            elif code.startswith("2") and success is not None:
                update[code] = {"description": words, "content": facts_only(success["content"])}
            elif code in errors:
                update[code] = {"description": words, "content": facts_only(errors[code]["content"])}
            elif re.fullmatch(r"[A-Za-z][\w.]*", kind) and self.types.ensure(kind):
                update[code] = {
                    "description": STATUS_WORDS.get(code, f"HTTP {code}."),
                    "content": {"application/json": {"schema": {"$ref": SCHEMA_REF + kind}}},
                }
            else:
                self.skip(f"{label}: response {code}", f"no response of this status to model it on ({kind})")
        for code in have:
            if code not in fact["responses"]:
                self.act((*at, "responses", code), f"{label}: response {code} removed", remove=True)
        if update:
            self.act((*at, "responses"), f"{label}: responses added", update=update)

    # ---- schemas

    def derive_schemas(self) -> None:
        for record in self.facts["schema_changes"]:
            label = _fact_label(record)
            try:
                self._schema_change(record, label)
            except UnplacedFactError as exc:
                self.skip(label, str(exc))
        # Enum components whose list grew, matched by name.
        for name, change in self.facts["enum_schema_changes"].items():
            component = self.merged["components"]["schemas"].get(name)
            if component is None:
                self.skip(f"{name}: enum values", "no component of that name")
                continue
            missing = [v for v in change["added"] if v not in component.get("enum", [])]
            missing = self.fresh(("components", "schemas", name), "enum", missing)
            if missing:
                self.act(("components", "schemas", name), f"{name}: enum values added", update={"enum": missing})

    def _schema_change(self, record: Json, label: str) -> None:
        change = record["change"]
        field = record["field"]
        name = field.split("[")[0].split("{")[0]
        if change == "field added":
            holder = self.places.schema(record["schema_5_23"])
            holder = self._properties_holder(holder)
            if name in self.places.node(holder).get("properties", {}) or not self.fresh(holder, "properties", [name]):
                return  # the supplement or an earlier record has it already
            schema = self.namesake(holder, name) or self.types.type_schema(record["type"], record.get("enum"))
            update: dict[str, Any] = {"properties": {name: {**schema, "x-added-in": "5.28.0"}}}
            if record.get("required"):
                plan = self.required_plan.setdefault(holder, {"labels": [], "add": [], "drop": []})
                plan["labels"].append(label)
                plan["add"].append(name)
            present = jpath(*holder, "properties", name)
            self.act(holder, label, update=update, **{"x-drop-if-present": present})
        elif change == "field removed":
            location = self.places.field(record["schema_5_23"], name)
            # Kept, marked deprecated: a server that still sends it parses, code that reads it runs.
            self.act(location, label, update={"deprecated": True, "x-removed-in": "5.28.0"})
            holder = location[:-2]
            if name in self.places.node(holder).get("required", []):
                # ... but no longer required: a 5.28.0 client (which has no such field) never sends it.
                plan = self.required_plan.setdefault(holder, {"labels": [], "add": [], "drop": []})
                plan["labels"].append(label)
                plan["drop"].append(name)
        elif change == "type changed":
            location = self.places.field(record["schema_5_23"], name)
            old = self.places.node(location)
            new = self.types.type_schema(record["type_5_28"], record.get("enum"))
            if field.endswith("[]"):  # the fact sheet's ``field[]``: the type of the array's items changed
                new = {"type": "array", "items": new}
            keep = {k: v for k, v in old.items() if k in ("nullable", "readOnly")}
            self.act(location, label, remove=True)
            parent = location[:-1]
            self.act(parent, label, update={name: {**new, **keep}})
        elif change == "enum values changed":
            target = self.places._follow(self.places.field(record["schema_5_23"], field))
            node = self.places.node(target)
            if "oneOf" in node and len(node["oneOf"]) == 1:
                target = self.places._follow((*target, "oneOf", 0))
                node = self.places.node(target)
            if "enum" not in node:
                raise UnplacedFactError("the field has no enum to extend")
            missing = [v for v in record["values_added"] if v not in node["enum"]]
            missing = self.fresh(target, "enum", missing)
            if missing:
                self.act(target, label, update={"enum": missing})
            for value in record["values_removed"]:
                # Kept: a removed enum value that a server still sends must parse.
                self.skip(f"{label}: {value!r}", "a removed enum value stays accepted (responses are tolerant)")
        elif change in ("required added", "required dropped"):
            holder = self._required_holder(record["schema_5_23"], name)
            plan = self.required_plan.setdefault(holder, {"labels": [], "add": [], "drop": []})
            plan["labels"].append(label)
            plan["add" if change == "required added" else "drop"].append(name)
        elif change == "readOnly dropped":
            # 5.28.0 splits these schemas into request and response schemas; in 5.23.0's one
            # schema the field stays server-set, so requests still leave it out.
            raise UnplacedFactError("5.23.0's schema serves requests and answers: the field stays read-only there")
        elif change in ("readOnly added", "nullable added", "nullable dropped"):
            location = self.places.field(record["schema_5_23"], name)
            own = self.places.schema(record["schema_5_23"])
            if location[: len(own)] != own or "allOf" in location[len(own) :]:
                # 5.28.0 writes these schemas flat; 5.23.0 composes them of parts that other
                # schemas share, so the change would reach schemas 5.28.0 left alone (and the
                # generator refuses members that disagree on a field's nullability).
                raise UnplacedFactError("the field lives in an allOf part other 5.23.0 schemas share")
            keyword = change.split()[0]
            self.act(location, label, update={keyword: change.endswith("added")})
        elif change == "union members changed":
            location = self.places._follow(self.places.field(record["schema_5_23"], field))
            node = self.places.node(location)
            keyword = next((k for k in ("oneOf", "anyOf") if k in node), None)
            if keyword is None:
                raise UnplacedFactError("the field is not a union")
            members = {m.get("$ref", "").rsplit("/", 1)[-1] for m in node[keyword]}
            fresh = self.fresh(location, keyword, [m for m in record["members_added"] if m not in members])
            added = [self.types.type_schema(m) for m in fresh]
            if added:
                self.act(location, label, update={keyword: added})
        else:
            detail = record.get("detail", "")
            raise UnplacedFactError(f"a {change!r} record ({detail}) changes no field the client types")

    def derive_required(self) -> None:
        """One rewrite of each ``required`` list the fact records change (OpenAPI 3.0 forbids an empty one)."""
        for holder, plan in self.required_plan.items():
            before = list(self.places.node(holder).get("required", []))
            after = [name for name in before if name not in plan["drop"]]
            after += [name for name in dict.fromkeys(plan["add"]) if name not in after]
            if after == before:
                continue
            label = "; ".join(plan["labels"])
            if before:
                self.act((*holder, "required"), label, remove=True)
            if after:
                self.act(holder, label, update={"required": after})

    def _properties_holder(self, location: tuple[str | int, ...]) -> tuple[str | int, ...]:
        node = self.places.node(location)
        if "properties" in node or "allOf" not in node:
            return location
        members = node["allOf"]
        for index in range(len(members) - 1, -1, -1):
            if "properties" in members[index]:
                return (*location, "allOf", index)
        return location

    def _required_holder(self, schema_name: str, name: str) -> tuple[str | int, ...]:
        location = self.places.field(schema_name, name)
        # .../properties/<name> -> the schema holding those properties
        return location[:-2]

    def namesake(self, holder: tuple[str | int, ...], name: str) -> dict[str, Any] | None:
        """The schema of ``name`` as another part of an object that includes ``holder`` declares it.

        5.23.0 composes objects of shared parts (``allOf``); a field the fact sheet lists as
        added to one part may already be declared by another part of an object that includes
        both. The generator refuses two declarations that disagree (``int | None`` against
        ``int``), and the older declaration is the better evidence of the wire type.
        """
        if holder[:2] != ("components", "schemas"):
            return None
        part = str(holder[2])
        schemas = self.merged["components"]["schemas"]
        for schema_name in sorted(schemas):
            declared = list(_declarations(schemas, schemas[schema_name], {schema_name}))
            if part != schema_name and part not in _parts(schemas, schemas[schema_name], set()):
                continue
            for field_name, decl in declared:
                if field_name == name:
                    return {
                        k: copy.deepcopy(v) for k, v in decl.items() if k not in ("description", "example", "title")
                    }
        return None

    def overlay(self) -> dict[str, Any]:
        for name in sorted(self.types.defined):
            self.act(
                ("components", "schemas"),
                f"{name}: schema used by a changed field",
                update={name: self.types.defined[name]},
            )
        return {
            "overlay": "1.0.0",
            "info": {"title": "Pinterest REST API v5: what 5.28.0 changed since 5.23.0", "version": "5.28.0"},
            "extends": "pinterest-api-v5.23.0.json with specs/v5/supplement/openapi.yaml",
            "x-derived-from": "api-v5-5.28-facts.json (by specgen.derive_overlay); schemas the facts name "
            "without fields: pinterestsdk 2.1.0 models (structure only)",
            "actions": self.actions,
            "x-not-applied": self.not_applied,
            "x-undefined-schemas": sorted(set(self.types.undefined)),
        }


def _declarations(schemas: dict[str, Any], schema: Any, seen: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``(property, schema)`` an object declares, through ``$ref`` and ``allOf`` parts."""
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref", "")
    if ref.startswith(SCHEMA_REF):
        name = ref[len(SCHEMA_REF) :]
        if name not in seen and name in schemas:
            yield from _declarations(schemas, schemas[name], seen | {name})
        return
    for name, value in schema.get("properties", {}).items():
        if isinstance(value, dict):
            yield name, value
    for member in schema.get("allOf", []):
        yield from _declarations(schemas, member, seen)


def _parts(schemas: dict[str, Any], schema: Any, seen: set[str]) -> set[str]:
    """The components an object is composed of, through ``$ref`` and ``allOf`` (not property values)."""
    if not isinstance(schema, dict):
        return seen
    ref = schema.get("$ref", "")
    if ref.startswith(SCHEMA_REF):
        name = ref[len(SCHEMA_REF) :]
        if name in seen or name not in schemas:
            return seen
        return _parts(schemas, schemas[name], seen | {name})
    for member in schema.get("allOf", []):
        seen = _parts(schemas, member, seen)
    return seen


def _default_value(text: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "boolean":
        return text.lower() == "true"
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "array" and text.startswith("[") and text.endswith("]"):
        return [item.strip() for item in text[1:-1].split(",") if item.strip()]
    return text


def derive(spec_path: str | None, facts_path: Path) -> dict[str, Any]:
    published = json.loads(load_v5_spec(spec_path))
    merged = merge_supplement(published, load_supplement())
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    deriver = Deriver(merged, facts, sdk_schema_reader())
    deriver.derive_operations()
    deriver.derive_schemas()
    deriver.derive_required()
    return deriver.overlay()


def render(overlay: dict[str, Any]) -> dict[Path, str]:
    """The overlay as three files: the operations' changes, their answers', the schemas' (and what was not applied)."""

    def part(action: dict[str, Any]) -> int:
        if not action["target"].startswith("$['paths']"):
            return 2
        return 1 if "['responses']" in action["target"] else 0

    groups: list[list[dict[str, Any]]] = [[], [], []]
    for action in overlay["actions"]:
        groups[part(action)].append(action)
    head = {key: value for key, value in overlay.items() if not key.startswith("x-") and key != "actions"}
    titles = (": operations", ": answers' status codes")
    files = {
        path: {**head, "info": {**overlay["info"], "title": overlay["info"]["title"] + title}, "actions": actions}
        for path, title, actions in zip(OVERLAY_PARTS, titles, groups[:2], strict=True)
    }
    files[OVERLAY] = overlay | {"actions": groups[2]}
    return {path: json.dumps(document, indent=1, ensure_ascii=False) + "\n" for path, document in files.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", help="Pinterest's published v5 description (5.23.0)")
    parser.add_argument("--facts", type=Path, default=FACTS, help="the 5.28.0 fact sheet (JSON)")
    parser.add_argument("--check", action="store_true", help="fail if the committed overlay differs")
    args = parser.parse_args(argv)
    try:
        overlay = derive(args.spec, args.facts)
    except (GenerateError, OSError) as exc:
        print(f"derive_overlay: {exc}", file=sys.stderr)
        return 1
    files = render(overlay)
    if args.check:
        stale = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"derive_overlay: {path.relative_to(ROOT)} is not what the facts give; run nox -s overlay")
        if not stale:
            print(", ".join(str(path.relative_to(ROOT)) for path in files) + ": match the facts")
        return 1 if stale else 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(
        f"wrote {', '.join(str(path.relative_to(ROOT)) for path in files)}: {len(overlay['actions'])} actions, "
        f"{len(overlay['x-not-applied'])} facts not applied"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
