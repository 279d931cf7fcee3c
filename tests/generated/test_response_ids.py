"""Ids Pinterest always sends are ``str`` on the models it returns (normalization rule R12); a missing one parses."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

from specgen.normalize import r12_response_ids_required

RETURNED = [
    ("audience", "Audience"),
    ("customer_list", "CustomerList"),
    ("ad_group_response", "AdGroupResponse"),
    ("ad_response", "AdResponse"),
    ("campaign_response", "CampaignResponse"),
    ("pin", "Pin"),
    ("board", "Board"),
]


def model(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"pinterest_api_v5.models.{module}"), name)


@pytest.mark.parametrize(("module", "name"), RETURNED)
def test_the_id_of_a_returned_object_is_str(module: str, name: str) -> None:
    cls = model(module, name)
    # as written (the annotations are lazy strings): "str", not "str | None"
    assert inspect.signature(cls.__init__).parameters["id"].annotation == "str"


@pytest.mark.parametrize(("module", "name"), RETURNED)
def test_a_missing_id_still_parses(module: str, name: str) -> None:
    parsed = model(module, name).from_dict({})
    assert parsed.id is None


def test_a_model_a_request_uses_too_keeps_an_optional_id() -> None:
    """``ProductGroupPromotion`` is created without an id (inside the create request) and updated with one."""
    cls = model("product_group_promotion", "ProductGroupPromotion")
    assert inspect.signature(cls.__init__).parameters["id"].annotation == "str | None"
    assert cls().to_dict() == {}


def component(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, **extra}


def spec_with(components: dict[str, Any], request: str | None, responses: dict[str, str]) -> dict[str, Any]:
    def answer(schema: dict[str, Any]) -> dict[str, Any]:
        return {"2XX": {"content": {"application/json": {"schema": schema}}}}

    ref = "#/components/schemas/"
    paths: dict[str, Any] = {}
    for path, name in responses.items():
        schema: dict[str, Any] = {"$ref": ref + name}
        if path.endswith("/list"):
            schema = {"type": "array", "items": schema}
        paths[path] = {"get": {"operationId": path, "responses": answer(schema)}}
    if request is not None:
        body = {"content": {"application/json": {"schema": {"$ref": ref + request}}}}
        paths["/create"] = {"post": {"operationId": "create", "requestBody": body, "responses": {}}}
    return {"paths": paths, "components": {"schemas": components}}


def test_the_rule_on_its_cases() -> None:
    string_id = {"id": {"type": "string"}}
    spec = spec_with(
        {
            "Answer": component(string_id),  # returned only: required
            "Listed": component(string_id),  # a top-level array's item: required
            "Shared": component(string_id),  # also a request body: left alone
            "Nullable": component({"id": {"type": "string", "nullable": True}}),  # may be null: left alone
            "Numbered": component({"id": {"type": "integer"}}),  # not a string: left alone
            "Combined": {"allOf": [component({"name": {"type": "string"}}), component(string_id)]},
        },
        "Shared",
        {
            "/a": "Answer",
            "/b/list": "Listed",
            "/c": "Shared",
            "/d": "Nullable",
            "/e": "Numbered",
            "/f": "Combined",
        },
    )
    assert r12_response_ids_required(spec) == 3
    schemas = spec["components"]["schemas"]
    required = [name for name, schema in schemas.items() if "id" in schema.get("required", [])]
    assert required == ["Answer", "Listed", "Combined"]
    assert "required" not in schemas["Combined"]["allOf"][1]  # a member may be shared: the component requires it
    assert r12_response_ids_required(spec) == 0  # idempotent


def test_a_read_only_id_of_a_shared_component_is_left_alone() -> None:
    spec = spec_with({"Section": component({"id": {"type": "string", "readOnly": True}})}, "Section", {"/s": "Section"})
    assert r12_response_ids_required(spec) == 0
    assert "required" not in spec["components"]["schemas"]["Section"]
