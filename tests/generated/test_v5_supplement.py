"""The project's supplement to Pinterest's v5 description: valid on its own, and merged only where it adds.

``specgen.v5_source`` joins the two for the generator, the emulator and the tests; a
later published release that contains one of the supplement's operations (or a schema of
the same name with other content) must stop the merge with one line, never shadow it.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from openapi_spec_validator import validate

from specgen.v5_source import SUPPLEMENT, GenerateError, load_supplement, merge_supplement, supplement_operations


def test_the_supplement_is_a_valid_openapi_description() -> None:
    validate(load_supplement())  # raises on the first problem
    assert SUPPLEMENT.name == "openapi.yaml"


def test_the_supplement_describes_35_operations_each_saying_where_its_facts_came_from() -> None:
    supplement = load_supplement()
    operations = supplement_operations(supplement)
    assert len(operations) == len({op_id for _, _, op_id in operations}) == 35
    for method, path, _ in operations:
        source = supplement["paths"][path][method.lower()]["x-source"]
        assert source.startswith("pinterestsdk 2.1.0 "), (method, path)


def test_the_merge_adds_every_operation_and_leaves_the_published_ones_alone(v5_spec: dict[str, Any]) -> None:
    supplement = load_supplement()
    for method, path, op_id in supplement_operations(supplement):
        operation = v5_spec["paths"][path][method.lower()]
        # The 5.28.0 overlay gives the supplement's operations Pinterest's own ids; the old one stays an alias.
        assert op_id in (operation["operationId"], *operation.get("x-operation-aliases", ())), (method, path)
    assert v5_spec["paths"]["/pins/{pin_id}"]["get"]["operationId"] == "pins/get"


def published_without_supplement(v5_spec: dict[str, Any]) -> dict[str, Any]:
    """The merged description with the supplement's operations and new schemas taken out again.

    It says it is release 5.23.0, the one the supplement is written against: an overlap with
    that release is the supplement's own mistake.
    """
    supplement = load_supplement()
    published = copy.deepcopy(v5_spec)
    published["info"]["version"] = "5.23.0"
    for method, path, _ in supplement_operations(supplement):
        del published["paths"][path][method.lower()]
        if not published["paths"][path]:
            del published["paths"][path]
    for name in set(supplement["components"]["schemas"]) - {"Error", "Paginated"}:
        published["components"]["schemas"].pop(name, None)
    return published


def test_an_operation_the_published_description_has_stops_the_merge(v5_spec: dict[str, Any]) -> None:
    published = published_without_supplement(v5_spec)
    later = copy.deepcopy(published)
    later["paths"].setdefault("/pins/{pin_id}/product_tags", {})["get"] = {"operationId": "product_tags/list"}
    with pytest.raises(GenerateError, match=r"GET /pins/\{pin_id\}/product_tags is in the published description"):
        merge_supplement(later, load_supplement())
    assert len(merge_supplement(published, load_supplement())["paths"]) == len(v5_spec["paths"])


def test_a_schema_name_with_other_content_stops_the_merge(v5_spec: dict[str, Any]) -> None:
    published = published_without_supplement(v5_spec)
    published["components"]["schemas"]["CustomerSegment"] = {"type": "object"}
    with pytest.raises(GenerateError, match="schema 'CustomerSegment' differs"):
        merge_supplement(published, load_supplement())


def test_an_operation_id_the_published_description_has_stops_the_merge(v5_spec: dict[str, Any]) -> None:
    published = published_without_supplement(v5_spec)
    published["paths"]["/elsewhere"] = {"get": {"operationId": "schedules/list"}}
    with pytest.raises(GenerateError, match="operationId 'schedules/list' is published already"):
        merge_supplement(published, load_supplement())
