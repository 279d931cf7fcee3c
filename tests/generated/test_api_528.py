"""The client is API 5.28.0: the generated operation table, the description and the models against the fact sheet.

The fact sheet (``../shared/reference/api-v5-5.28-facts.json``) was read from Pinterest's
5.28.0 description and from ``pinterestsdk`` 2.1.0; it is not committed, so these tests
run where it is (every developer machine and CI) and say so where it is not. Everything is
derived from the facts: every operation, every added parameter, field and enum value.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from specgen.derive_overlay import Places, UnplacedFactError
from specgen.v5_source import (
    apply_release_overlay,
    load_overlay,
    load_supplement,
    merge_supplement,
    supplement_operations,
)

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT.parent / "shared" / "reference" / "api-v5-5.28-facts.json"
SCHEMA_REF = "#/components/schemas/"


@pytest.fixture(scope="module")
def facts() -> dict[str, Any]:
    if not FACTS.exists():
        pytest.skip(f"the 5.28.0 fact sheet is not at {FACTS}")
    loaded: dict[str, Any] = json.loads(FACTS.read_text(encoding="utf-8"))
    return loaded


def snake(operation_id: str) -> str:
    return re.sub("[^0-9a-zA-Z]+", "_", operation_id).strip("_").lower()


def attribute_name(field: str) -> str:
    """The generator's attribute name for a property (``GEO_EXCLUDE`` -> ``geo_exclude``)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field).lower()


def class_name(component: str) -> str:
    """The generator's class name for a component (``Pinterest.Lib.Error`` -> ``PinterestLibError``)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9a-zA-Z]+", component) if part)


def test_the_operation_table_is_api_528(facts: dict[str, Any]) -> None:
    from pinterest_api_v5.operations import OPERATIONS

    assert len(facts["operations"]) == len(OPERATIONS) == 266
    for fact in facts["operations"]:
        op = OPERATIONS[snake(fact["operationId"])]
        assert (op.method, op.path) == (fact["method"], fact["path"]), fact["operationId"]
        assert op.scopes == tuple(fact["security"].get("pinterest_oauth2", ())), fact["operationId"]
        assert op.category == fact["x-ratelimit-category"], fact["operationId"]
        assert op.sandbox is (fact["x-sandbox"] == "enabled"), fact["operationId"]


def test_the_eleven_former_operation_ids_resolve_as_aliases(facts: dict[str, Any]) -> None:
    from pinterest_api_v5.operations import ALIASES, OPERATIONS

    renamed = {
        snake(fact["project_supplement_operationId"]): snake(fact["operationId"])
        for fact in facts["operations"]
        if fact.get("project_supplement_operationId", fact["operationId"]) != fact["operationId"]
    }
    # Two of Pinterest's renames snake-case to the id the client already had.
    renamed = {old: new for old, new in renamed.items() if old != new}
    assert renamed == ALIASES
    assert len(renamed) == 10
    assert all(new in OPERATIONS and old not in OPERATIONS for old, new in ALIASES.items())


def _parameters(spec: dict[str, Any], operation: dict[str, Any]) -> set[tuple[str, str]]:
    out = set()
    for param in operation.get("parameters", []):
        if "$ref" in param:
            param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        out.add((param["name"], param["in"]))
    return out


def test_every_operation_has_pinterests_parameters(facts: dict[str, Any], v5_spec: dict[str, Any]) -> None:
    assert v5_spec["info"]["version"] == "5.28.0"
    for fact in facts["operations"]:
        operation = v5_spec["paths"][fact["path"]][fact["method"].lower()]
        assert operation["operationId"] == fact["operationId"]
        assert _parameters(v5_spec, operation) == {(p["name"], p["in"]) for p in fact["parameters"]}, fact[
            "operationId"
        ]
        assert operation["x-ratelimit-category"] == fact["x-ratelimit-category"]
        assert operation["x-sandbox"] == fact["x-sandbox"]
        assert set(operation["responses"]) == set(fact["responses"]), fact["operationId"]


def test_trending_keywords_no_longer_send_include_prediction() -> None:
    import inspect

    from pinterest_api_v5.api.keywords import trending_keywords_list

    assert "include_prediction" not in inspect.signature(trending_keywords_list.sync_detailed).parameters
    assert "include_prediction" not in inspect.getsource(trending_keywords_list)


def _not_applied(facts_label: str) -> bool:
    overlay = load_overlay()
    return any(entry["fact"].startswith(facts_label) for entry in overlay["x-not-applied"])


PRIMITIVES = {"string": "str", "boolean": "bool", "integer": "int", "number": "float"}


def _expected_annotation(fact_type: str) -> str | None:
    """What the generated attribute's annotation must mention for a fact-sheet type (None: any)."""
    if fact_type in PRIMITIVES:
        return PRIMITIVES[fact_type]
    if fact_type.startswith("array<"):
        return "list["
    match = re.fullmatch(r"enum\((\w+)\)", fact_type)
    if match and match.group(1) != "string":
        return class_name(match.group(1))
    if re.fullmatch(r"[A-Z][\w.]*", fact_type):
        return class_name(fact_type)
    return None


def test_every_added_field_is_on_its_model_with_its_type(facts: dict[str, Any], v5_spec: dict[str, Any]) -> None:
    import pinterest_api_v5.models as models

    places = Places(v5_spec)
    checked_models = checked_places = 0
    for record in facts["schema_changes"]:
        if record["change"] != "field added":
            continue
        label = f"{record['schema_5_23']}: {record['field']} field added"
        try:
            location = places.schema(record["schema_5_23"])
        except UnplacedFactError:
            assert _not_applied(label), label
            continue
        # In the description, at the 5.23.0 schema's place (its allOf parts included).
        schema = places.node(location)
        declared = {name for name, _ in _declared(v5_spec, schema)}
        assert record["field"] in declared, label
        checked_places += 1
        if location[:2] != ("components", "schemas") or len(location) != 3:
            continue
        # On the generated model, as a typed attribute.
        model = getattr(models, class_name(str(location[2])))
        field = attrs.fields_dict(model).get(attribute_name(record["field"]))
        assert field is not None, label
        expected = _expected_annotation(record["type"])
        annotation = str(field.type)  # the annotation as written (the models use postponed annotations)
        if expected is not None:
            assert expected in annotation, (label, annotation)
        checked_models += 1
    assert checked_places >= 150 and checked_models >= 100, (checked_places, checked_models)


def _declared(spec: dict[str, Any], schema: Any, seen: frozenset[str] = frozenset()) -> list[tuple[str, Any]]:
    if "$ref" in schema:
        name = schema["$ref"][len(SCHEMA_REF) :]
        return [] if name in seen else _declared(spec, spec["components"]["schemas"][name], seen | {name})
    out = list(schema.get("properties", {}).items())
    for member in schema.get("allOf", []):
        out += _declared(spec, member, seen)
    return out


def _enum_values(spec: dict[str, Any], schema: Any) -> list[Any]:
    while "$ref" in schema or ("allOf" in schema and len(schema["allOf"]) == 1):
        schema = (
            spec["components"]["schemas"][schema["$ref"][len(SCHEMA_REF) :]] if "$ref" in schema else schema["allOf"][0]
        )
    if "items" in schema:
        return _enum_values(spec, schema["items"])
    if isinstance(schema.get("additionalProperties"), dict):
        return _enum_values(spec, schema["additionalProperties"])
    if "oneOf" in schema and len(schema["oneOf"]) == 1:
        return _enum_values(spec, schema["oneOf"][0])
    return list(schema.get("enum", []))


def test_every_added_enum_value_exists(facts: dict[str, Any], v5_spec: dict[str, Any]) -> None:
    import enum

    import pinterest_api_v5.models as models

    places = Places(v5_spec)
    checked = skipped = 0
    records = [r for r in facts["schema_changes"] if r["change"] == "enum values changed" and r["values_added"]]
    for record in records:
        label = f"{record['schema_5_23']}: {record['field']} enum values changed"
        try:
            location = places.field(record["schema_5_23"], record["field"])
        except UnplacedFactError:
            assert _not_applied(label), label
            skipped += 1
            continue
        values = _enum_values(v5_spec, places.node(location))
        if not values:
            assert _not_applied(label), label
            skipped += 1
            continue
        assert set(record["values_added"]) <= set(values), label
        checked += 1
    for name, change in facts["enum_schema_changes"].items():
        generated = getattr(models, class_name(name))
        assert issubclass(generated, enum.Enum)
        assert set(change["added"]) <= {member.value for member in generated}, name
        checked += 1
    assert checked == len(records) - skipped + len(facts["enum_schema_changes"])
    assert skipped <= 1, skipped  # AdPreviewShopping's call-to-action: 5.23.0 gives it no enum to extend


# --------------------------------------------------------------------------- a newer published description


def _published_523(v5_spec: dict[str, Any]) -> dict[str, Any]:
    """The published 5.23.0 description again (the merged one without the supplement's additions)."""
    from support.emulator import spec_path

    from specgen.v5_source import load_v5_spec

    del v5_spec  # only to require the description
    published: dict[str, Any] = json.loads(load_v5_spec(str(spec_path())))
    return published


def test_a_newer_published_description_replaces_the_supplement_entries_it_has(v5_spec: dict[str, Any]) -> None:
    supplement = load_supplement()
    later = _published_523(v5_spec)
    later["info"]["version"] = "5.25.0"
    method, path, op_id = supplement_operations(supplement)[0]
    published_op = {"operationId": op_id, "responses": {"200": {"description": "Pinterest's own"}}}
    later["paths"].setdefault(path, {})[method.lower()] = published_op
    later["components"]["schemas"]["CustomerSegment"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    notes: list[str] = []
    merged = merge_supplement(later, supplement, notes)
    assert merged["paths"][path][method.lower()] == published_op
    assert merged["components"]["schemas"]["CustomerSegment"] == later["components"]["schemas"]["CustomerSegment"]
    assert len(notes) == 1 and "\n" not in notes[0]
    assert notes[0] == (
        "the published description 5.25.0 has 1 of the supplement's operations and 1 of its schemas; "
        f"using Pinterest's: {op_id}, CustomerSegment"
    )


def test_a_newer_published_description_drops_the_overlay_entries_it_has(v5_spec: dict[str, Any]) -> None:
    later = merge_supplement(_published_523(v5_spec), load_supplement())
    later["info"]["version"] = "5.26.0"
    later["components"]["schemas"]["Pin"]["properties"]["ai_disclosures"] = {"type": "object"}
    notes: list[str] = []
    apply_release_overlay(later, load_overlay(), notes)
    assert later["info"]["version"] == "5.28.0"
    assert later["components"]["schemas"]["Pin"]["properties"]["ai_disclosures"] == {"type": "object"}
    assert len(notes) == 1 and "\n" not in notes[0]
    assert "dropped 1 the description has already" in notes[0]
    assert "Pin: ai_disclosures field added" in notes[0]
    # The rest still applied: another field 5.28.0 added to Pin.
    assert "is_product" in later["components"]["schemas"]["Pin"]["properties"]


def test_a_published_description_of_528_needs_no_overlay(v5_spec: dict[str, Any]) -> None:
    later = merge_supplement(_published_523(v5_spec), load_supplement())
    later["info"]["version"] = "5.28.0"
    before = copy.deepcopy(later)
    notes: list[str] = []
    apply_release_overlay(later, load_overlay(), notes)
    assert later == before
    assert notes == ["the published description is 5.28.0: the 5.28.0 overlay is not needed, dropped whole"]


def test_a_field_528_removed_is_kept_deprecated_and_still_parses(
    facts: dict[str, Any], v5_spec: dict[str, Any]
) -> None:
    """Code that reads a field 5.28.0 removed keeps running, and an answer that still carries it parses."""
    import pinterest_api_v5.models as models

    places = Places(v5_spec)
    parsed = 0
    for record in facts["schema_changes"]:
        if record["change"] != "field removed":
            continue
        label = f"{record['schema_5_23']}: {record['field']} field removed"
        try:
            location = places.field(record["schema_5_23"], record["field"])
        except UnplacedFactError:
            assert _not_applied(label), label
            continue
        declared = places.node(location)
        assert declared.get("deprecated") is True and declared.get("x-removed-in") == "5.28.0", label
        holder = location[:-2]
        # A 5.28.0 client has no such field, so it never sends it: it cannot stay required.
        assert record["field"] not in places.node(holder).get("required", []), f"{label}: still required"
        if holder[:2] != ("components", "schemas") or len(holder) != 3:
            continue
        model = getattr(models, class_name(str(holder[2])))
        if attribute_name(record["field"]) not in attrs.fields_dict(model):
            continue  # declared in an allOf part: the composed model holds it under the part's name
        fields = attrs.fields_dict(model)
        if any(f.default is attrs.NOTHING for f in fields.values()):
            continue  # a model with required fields needs them beside the removed one; the drift suite covers it
        value = model.from_dict({record["field"]: None})
        assert record["field"] not in value.additional_properties, label
        parsed += 1
    assert parsed >= 4, parsed  # the others are checked in the description above


def test_a_type_528_changed_of_an_arrays_items_keeps_the_array(facts: dict[str, Any], v5_spec: dict[str, Any]) -> None:
    """The fact sheet writes ``field[]`` where the items' type changed: the field stays an array."""
    places = Places(v5_spec)
    checked = 0
    for record in facts["schema_changes"]:
        if record["change"] != "type changed" or not record["field"].endswith("[]"):
            continue
        location = places.field(record["schema_5_23"], record["field"].removesuffix("[]"))
        declared = places.node(location)
        assert declared.get("type") == "array", (record["field"], declared)
        assert declared["items"].get("type") == record["type_5_28"], (record["field"], declared)
        checked += 1
    assert checked >= 1  # TrendingProductCategory.verticals: a list of strings in 5.28.0
