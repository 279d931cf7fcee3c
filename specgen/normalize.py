"""Mechanical rewrites of Pinterest's v5 description before openapi-python-client sees it.

Run as-is, openapi-python-client 0.29.1 produces a package that does not import,
drops 14 operations and 39 schemas, and silently mistypes paginated lists and
nullable fields (see ``specs/v5/CORRECTIONS.md``). Each rule below is a pure
function ``(spec) -> sites`` that rewrites the parsed document in place and
returns how many places it touched; ``normalize`` applies them in order. The
rules are generic (they look for shapes, not names) so that a future release of
the description is normalized the same way, and they are deterministic: the
same input always gives byte-identical output.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

Json = Any
SCHEMA_REF = "#/components/schemas/"
PARAM_REF = "#/components/parameters/"
# Keywords that only annotate a schema; an allOf member made of these adds no structure.
ANNOTATIONS = frozenset(
    {"description", "default", "example", "title", "type", "nullable", "deprecated", "readOnly", "writeOnly"}
)


def walk(node: Json) -> Iterator[dict[str, Any]]:
    """Yield every mapping in the document, parents before children."""
    if isinstance(node, dict):
        yield node
        for value in list(node.values()):
            yield from walk(value)
    elif isinstance(node, list):
        for value in list(node):
            yield from walk(value)


def combinations(spec: Json) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Every schema whose ``allOf`` combines two or more members, with those members."""
    for node in walk(spec):
        members = node.get("allOf")
        if isinstance(members, list) and len(members) >= 2:
            yield node, members


def single_ref_allof(node: dict[str, Any]) -> bool:
    """``allOf: [{$ref}]``: the shape the generator passes straight through to its target."""
    members = node.get("allOf")
    return isinstance(members, list) and len(members) == 1 and "$ref" in members[0]


def schema_slots(node: dict[str, Any]) -> Iterator[tuple[Any, Any]]:
    """Yield (container, key) of every place that holds a schema used *as a value*.

    These are property values, array ``items``, ``additionalProperties`` and the
    ``schema`` of a parameter or media type; allOf/oneOf/anyOf members are not
    included (a nullable allOf member is meaningless to the generator).
    """
    for parent in walk(node):
        props = parent.get("properties")
        if isinstance(props, dict):
            for name in props:
                yield props, name
        for key in ("items", "additionalProperties", "schema"):
            if isinstance(parent.get(key), dict):
                yield parent, key


def ref_name(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and schema["$ref"].startswith(SCHEMA_REF):
        return str(schema["$ref"][len(SCHEMA_REF) :])
    return None


def components(spec: Json) -> dict[str, Any]:
    return spec["components"]["schemas"]  # type: ignore[no-any-return]


def r1_drop_component_titles(spec: Json) -> int:
    """R1: name every class after its unique component key, not its (duplicated) title."""
    sites = 0
    for schema in components(spec).values():
        if "title" in schema:
            del schema["title"]
            sites += 1
    return sites


def r2_resolve_parameter_refs(spec: Json) -> int:
    """R2: a component parameter that is itself a $ref is replaced by a copy of its target."""
    params = spec["components"].get("parameters", {})
    sites = 0
    for name, param in params.items():
        seen = set()
        while "$ref" in param and param["$ref"].startswith(PARAM_REF) and name not in seen:
            seen.add(name)
            param = copy.deepcopy(params[param["$ref"][len(PARAM_REF) :]])
            params[name] = param
            sites += 1
    return sites


def r4_collapse_annotation_allof(spec: Json) -> int:
    """R4: allOf[$ref, {description, default, ...}] becomes allOf[$ref] with the annotations hoisted."""
    sites = 0
    for node, members in combinations(spec):
        refs = [m for m in members if isinstance(m, dict) and "$ref" in m]
        rest = [m for m in members if not (isinstance(m, dict) and "$ref" in m)]
        if len(refs) != 1 or not all(isinstance(m, dict) and set(m) <= ANNOTATIONS for m in rest):
            continue
        node["allOf"] = refs
        for member in rest:
            for key, value in member.items():
                node.setdefault(key, value)
        sites += 1
    return sites


def _nullable_component_names(spec: Json) -> list[str]:
    names = []
    for name, schema in components(spec).items():
        if schema.get("nullable") and (schema.get("type") == "object" or "properties" in schema or "enum" in schema):
            names.append(name)
    return names


def _wrap_ref(slot: dict[str, Any]) -> dict[str, Any]:
    """``{$ref: X, ...}`` -> ``{allOf: [{$ref: X}], nullable: true, ...}`` (``type`` dropped, see R3c)."""
    wrapped: dict[str, Any] = {"allOf": [{"$ref": slot["$ref"]}]}
    for key, value in slot.items():
        if key not in ("$ref", "type", "nullable"):
            wrapped[key] = value
    wrapped["nullable"] = True
    return wrapped


def r3_nullable_components_to_use_sites(spec: Json) -> int:
    """R3: a nullable object/enum component becomes non-nullable; each value use of it becomes nullable.

    The generator turns a nullable component into a union and then cannot allOf
    it; nullability belongs to the place that holds the value anyway.
    """
    names = set(_nullable_component_names(spec))
    for name in names:
        schema = components(spec)[name]
        del schema["nullable"]
        if "enum" in schema:
            schema["enum"] = [v for v in schema["enum"] if v is not None]
    sites = 0
    for container, key in list(schema_slots(spec)):
        slot = container[key]
        if ref_name(slot) in names:
            container[key] = _wrap_ref(slot)
            sites += 1
    return sites


def r3d_nullable_ref_siblings(spec: Json) -> int:
    """R3d: ``$ref`` beside ``nullable: true`` (siblings of $ref are ignored) becomes a nullable allOf."""
    sites = 0
    for container, key in list(schema_slots(spec)):
        slot = container[key]
        if isinstance(slot, dict) and "$ref" in slot and slot.get("nullable") is True:
            container[key] = _wrap_ref(slot)
            sites += 1
    return sites


def r3c_untyped_nullable_allof(spec: Json) -> int:
    """R3c: drop ``type`` from a nullable single-$ref allOf so the generator emits ``X | None``."""
    sites = 0
    for node in walk(spec):
        if node.get("nullable") is True and "type" in node and single_ref_allof(node):
            del node["type"]
            sites += 1
    return sites


def r5_own_properties_into_allof(spec: Json) -> int:
    """R5: own ``properties`` beside a single-$ref allOf move into a second allOf member (else they are lost)."""
    sites = 0
    for node in walk(spec):
        if single_ref_allof(node) and "properties" in node:
            own = {"type": "object"}
            for key in ("properties", "required", "additionalProperties"):
                if key in node:
                    own[key] = node.pop(key)
            node["allOf"].append(own)
            sites += 1
    return sites


def _deep_merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def r6_flatten_pagination(spec: Json) -> int:
    """R6: ``allOf[$ref Paginated, {items: ...}]`` becomes one object, so ``items`` keeps its real type.

    The generator merges allOf properties by keeping the first, which is
    Paginated's untyped ``items``. A deep merge because some overrides (e.g.
    board pins) omit ``type: array``.
    """
    sites = 0
    schemas = components(spec)
    for node, members in combinations(spec):
        if ref_name(members[0]) != "Paginated" or not all(isinstance(m, dict) and "$ref" not in m for m in members[1:]):
            continue
        flat: dict[str, Any] = copy.deepcopy(schemas["Paginated"])
        for member in members[1:]:
            flat["properties"] = _deep_merge(flat.get("properties", {}), member.get("properties", {}))
            flat["required"] = sorted(set(flat.get("required", [])) | set(member.get("required", [])))
            for key, value in member.items():
                if key not in ("properties", "required", "type"):
                    flat.setdefault(key, copy.deepcopy(value))
        del node["allOf"]
        node.update(flat)
        sites += 1
    return sites


def _resolve(spec: Json, schema: Any) -> Any:
    while (name := ref_name(schema)) is not None:
        schema = components(spec)[name]
    return schema


def _all_properties(spec: Json, schema: Any) -> dict[str, Any]:
    """Properties of a schema, including those of its allOf members (resolved)."""
    schema = _resolve(spec, schema)
    props = dict(schema.get("properties", {}))
    for member in schema.get("allOf", []):
        for name, value in _all_properties(spec, member).items():
            props.setdefault(name, value)
    return props


def r8_allof_nullability_agrees(spec: Json) -> int:
    """R8: a property redeclared across allOf members is nullable everywhere if it is nullable anywhere."""
    sites = 0
    for _node, members in combinations(spec):
        nullable: set[str] = set()
        for member in members:
            for name, prop in _all_properties(spec, member).items():
                if isinstance(prop, dict) and prop.get("nullable") is True:
                    nullable.add(name)
        for member in members:
            if "$ref" in member:
                continue
            for name, prop in member.get("properties", {}).items():
                if name in nullable and isinstance(prop, dict) and prop.get("nullable") is not True:
                    prop["nullable"] = True
                    sites += 1
    return sites


def r9_enums_with_null(spec: Json) -> int:
    """R9: an inline enum listing ``null`` becomes ``nullable`` + ``oneOf[{enum without null}]``.

    Otherwise the generator emits three identical enum classes per site. Union
    members that are only ``enum: [null]`` are removed.
    """
    sites = 0
    for node in walk(spec):
        for key in ("oneOf", "anyOf"):
            members = node.get(key)
            if isinstance(members, list):
                kept = [m for m in members if not (isinstance(m, dict) and m.get("enum") == [None])]
                if len(kept) != len(members):
                    node[key] = kept
                    node["nullable"] = True
                    sites += 1
        enum = node.get("enum")
        if isinstance(enum, list) and None in enum and len(enum) > 1:
            member = {"type": node.pop("type", "string"), "enum": [v for v in enum if v is not None]}
            del node["enum"]
            node["oneOf"] = [member]
            node["nullable"] = True
            sites += 1
    return sites


def _snake(name: str) -> str:
    return re.sub("[^0-9a-zA-Z]+", "_", re.sub("([a-z0-9])([A-Z])", r"\1_\2", name)).strip("_").lower()


def r10_titles_shadowing_properties(spec: Json) -> int:
    """R10: drop an inline title that names its own property (``all_of`` holding ``all_of``).

    The generated ``from_dict`` binds both the model and the field to the same
    local name, which mypy rejects; without the title the class is named after
    its path instead.
    """
    sites = 0
    for node in walk(spec):
        title, props = node.get("title"), node.get("properties")
        if isinstance(title, str) and isinstance(props, dict) and _snake(title) in props:
            del node["title"]
            sites += 1
    return sites


def r7_snake_case_operation_ids(spec: Json) -> int:
    """R7: ``pins/get`` -> ``pins_get``, so modules read ``api/pins/pins_get.py``."""
    sites = 0
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                new = _snake_id(operation["operationId"])
                if new != operation["operationId"]:
                    operation["operationId"] = new
                    sites += 1
                if "x-operation-aliases" in operation:  # the ids an operation had before, spelled alike
                    operation["x-operation-aliases"] = [_snake_id(alias) for alias in operation["x-operation-aliases"]]
    return sites


def _snake_id(operation_id: str) -> str:
    return re.sub("[^0-9a-zA-Z]+", "_", operation_id).strip("_").lower()


def r11_any_success_status(spec: Json) -> int:
    """R11: an operation's documented 2xx responses become one ``2XX`` response with their schema.

    Pinterest does not always answer the documented success status: it answered 200
    to ``pins/save`` and ``board_sections/create`` (documented 201), and the generated
    parser then read the pin as an ``Error``. Where several 2xx codes are
    documented they share one schema (v5.23.0: seven operations, 200 and 201 or 206);
    the lowest code's response is kept. Operations answering 204 keep their empty
    body: a 2xx with no content is parsed as ``None``. Where a bodiless 2xx is documented
    beside one with a body (5.28.0's deletes: 200 with the deleted object, or 204), the
    bodiless one is kept: an answer may come without a body, and only ``None`` parses both.
    """
    sites = 0
    for item in spec["paths"].values():
        for method in ("get", "put", "post", "delete", "patch"):
            responses = item.get(method, {}).get("responses")
            if not isinstance(responses, dict):
                continue
            success = sorted(code for code in responses if re.fullmatch("2[0-9][0-9]", str(code)))
            if not success:
                continue
            bodiless = [code for code in success if "content" not in responses[code]]
            kept = responses[bodiless[0] if bodiless else success[0]]
            for code in success:
                del responses[code]
            responses["2XX"] = kept
            _hoist_inline_schema(spec, item[method]["operationId"], kept)
            sites += 1
    return sites


def _hoist_inline_schema(spec: Json, operation_id: str, response: Any) -> None:
    """Name an inline object schema of a success response ``<Operation>Response`` (a component).

    The generator names inline response models after the status (``BoardsListResponse200``);
    with the status gone (R11) it would say ``Response2XX``. ``boards/list`` gets
    ``BoardsListResponse`` instead (``...SuccessResponse`` if a component has that name).
    """
    media = response.get("content", {}).get("application/json") if isinstance(response, dict) else None
    if not isinstance(media, dict):
        return
    schema = media.get("schema")
    if not isinstance(schema, dict) or "$ref" in schema or not ({"properties", "allOf"} & schema.keys()):
        return
    base = "".join(part.capitalize() for part in re.split("[^0-9a-zA-Z]+", operation_id) if part)
    taken = {name.lower() for name in components(spec)}
    name = next(n for n in (f"{base}Response", f"{base}SuccessResponse") if n.lower() not in taken)
    schema.pop("title", None)
    components(spec)[name] = schema
    media["schema"] = {"$ref": SCHEMA_REF + name}


def _operations(spec: Json) -> Iterator[dict[str, Any]]:
    for item in spec["paths"].values():
        for method in ("get", "put", "post", "delete", "patch"):
            if isinstance(item.get(method), dict):
                yield item[method]


def _json_schema(holder: Any) -> Any:
    """The ``application/json`` schema of a request body or response, else None."""
    content = holder.get("content") if isinstance(holder, dict) else None
    media = content.get("application/json") if isinstance(content, dict) else None
    return media.get("schema") if isinstance(media, dict) else None


def _success_schemas(spec: Json) -> Iterator[Any]:
    """The ``application/json`` schema (or None) of every operation's 2xx responses: what an answer is."""
    for op in _operations(spec):
        for code, response in (op.get("responses") or {}).items():
            if str(code).startswith("2"):
                yield _json_schema(response)


def _referenced(spec: Json, roots: list[Any]) -> set[str]:
    """The names of every component reachable from ``roots`` through ``$ref``."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        for node in walk(stack.pop()):
            name = ref_name(node)
            if name is not None and name not in seen and name in components(spec):
                seen.add(name)
                stack.append(components(spec)[name])
    return seen


def r13_read_only_request_copies(spec: Json) -> int:
    """R13: a request body that is a component an answer also is gets a copy without its ``readOnly`` fields.

    ``POST /boards/{board_id}/sections`` sends a ``BoardSection`` and gets one back; its
    ``id`` is ``readOnly`` (OpenAPI: sent in answers, never in requests). One class for both
    cannot type ``id`` as the ``str`` every answer carries (R12) and still be built without
    one for the request. The request body then points at ``<Name>Request``: the component
    less its ``readOnly`` properties (and their ``required`` entries). Only a body that is a
    ``$ref`` to such a component is copied; the answer keeps the component itself.
    """
    returned = {name for schema in _success_schemas(spec) if (name := ref_name(schema))}
    sites = 0
    for op in _operations(spec):
        body = _json_schema(op.get("requestBody"))
        name = ref_name(body)
        schema = components(spec).get(name or "")
        if not name or name not in returned or not isinstance(schema, dict):
            continue
        props = schema.get("properties") or {}
        read_only = {key for key, prop in props.items() if isinstance(prop, dict) and prop.get("readOnly")}
        if not read_only:
            continue
        copy_name = f"{name}Request"
        if copy_name not in components(spec):
            copy = {key: value for key, value in schema.items() if key not in ("properties", "required")}
            copy["properties"] = {key: prop for key, prop in props.items() if key not in read_only}
            required = [key for key in schema.get("required") or () if key not in read_only]
            if required:
                copy["required"] = required
            components(spec)[copy_name] = copy
        elif any(key in (components(spec)[copy_name].get("properties") or {}) for key in read_only):
            raise ValueError(f"R13: {copy_name} exists in the description and is not {name} less {sorted(read_only)}")
        body["$ref"] = SCHEMA_REF + copy_name
        sites += 1
    return sites


def r12_response_ids_required(spec: Json) -> int:
    """R12: the ``id`` of an object an operation returns is required (typed ``str``, not ``str | None``).

    Pinterest identifies every object it returns: a board section, an audience or a
    campaign always comes with its ``id`` (the live API and the emulator both send it), yet
    the description marks it optional on most of them, so user code needed an ``assert`` to
    pass an id on. The objects are those an operation's success answer *is*: the response's
    component, or the item component of its ``items`` array (pages, lists) or of a top-level
    array. Only a non-nullable ``string`` ``id``, declared by the component or a member of its
    ``allOf``, is touched; the component's own ``required`` lists it. A component a request
    body uses too is left alone (``ProductGroupPromotion``: created without an id, updated
    with one): a required field is a required argument of the model's constructor.
    ``BoardSection``'s requests use the copy R13 makes. A missing id still parses: the
    tolerant models read a missing required field as None (and log it
    once).
    """
    requests = _referenced(spec, [_json_schema(op.get("requestBody")) for op in _operations(spec)])
    returned: set[str] = set()
    for schema in _success_schemas(spec):
        if not isinstance(schema, dict):
            continue
        names = [ref_name(schema)]
        if schema.get("type") == "array":
            names.append(ref_name(schema.get("items")))
        target = components(spec).get(ref_name(schema) or "", {})
        items = (target.get("properties") or {}).get("items") if isinstance(target, dict) else None
        if isinstance(items, dict) and items.get("type") == "array":
            names.append(ref_name(items.get("items")))
        returned.update(name for name in names if name)
    sites = 0
    for name in sorted(returned):
        schema = components(spec)[name]
        if name in requests:
            continue  # a request uses the model too, and its constructor must not need an id
        # declared by the component, or by a member of its allOf (CampaignResponse: allOf[CampaignId, ...],
        # a member a request shares): the component requires it, the member is left as it is
        declared = [schema, *(_resolve(spec, m) for m in schema.get("allOf") or () if isinstance(m, dict))]
        props = [(node.get("properties") or {}).get("id") for node in declared if isinstance(node, dict)]
        if not any(isinstance(p, dict) and p.get("type") == "string" and not p.get("nullable") for p in props):
            continue
        required = schema.setdefault("required", [])
        if "id" not in required:
            required.append("id")
            sites += 1
    return sites


RULES: list[tuple[str, Callable[[Json], int]]] = [
    ("R1", r1_drop_component_titles),
    ("R2", r2_resolve_parameter_refs),
    ("R4", r4_collapse_annotation_allof),
    ("R3", r3_nullable_components_to_use_sites),
    ("R3d", r3d_nullable_ref_siblings),
    ("R3c", r3c_untyped_nullable_allof),
    ("R5", r5_own_properties_into_allof),
    ("R6", r6_flatten_pagination),
    ("R8", r8_allof_nullability_agrees),
    ("R9", r9_enums_with_null),
    ("R10", r10_titles_shadowing_properties),
    ("R11", r11_any_success_status),
    ("R13", r13_read_only_request_copies),
    ("R12", r12_response_ids_required),
    ("R7", r7_snake_case_operation_ids),
]


def normalize(spec: Json) -> dict[str, int]:
    """Apply every rule in order to ``spec`` (in place); return the sites each rule touched."""
    return {name: rule(spec) for name, rule in RULES}
