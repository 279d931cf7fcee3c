"""``api.md`` lists every facade method once, and is what the generator writes now."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pinterest_tools.rest.resources.operations import FACADE
from specgen import facade
from specgen.v5_source import load_supplement, supplement_operations

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "api.md"
ROW = re.compile(
    r"^\| `client\.([\w.]+)` \| `(\w+)` \| `(GET|POST|PUT|PATCH|DELETE) (\S+)`"
    r" \| \[`([^`]+)`\]\(([^)]+)\) \| `(.+)` \|$"
)


def rows() -> list[re.Match[str]]:
    found = [ROW.match(line) for line in INDEX.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    assert all(found), "every table row has the index's shape"
    return [match for match in found if match]


def test_the_index_is_what_the_generator_writes(v5_spec: dict[str, Any], v5_normalized: dict[str, Any]) -> None:
    source = "Pinterest's v5 description v5.23.0 and specs/v5/supplement"
    _, index = facade.render_all(v5_spec, v5_normalized, source)
    assert INDEX.read_text(encoding="utf-8") == index, "run python -m specgen.generate (nox -s generate)"


def test_every_operation_is_listed_exactly_once_where_the_facade_has_it(v5_spec: dict[str, Any]) -> None:
    published = [
        (op["operationId"], method.upper(), path)
        for path, item in v5_spec["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    ]
    supplement = {op_id for _, _, op_id in supplement_operations(load_supplement())}
    listed = {match[5]: match for match in rows()}
    assert len(rows()) == len(listed) == len(published) == 266
    assert len(supplement) == 35 and supplement < set(listed)
    for operation_id, method, path in published:
        match = listed[operation_id]
        assert (match[1], match[2]) == FACADE[operation_id]
        assert (match[3], match[4]) == (method, path)
        if operation_id in supplement:  # Pinterest's reference has no page of the project's operationId
            assert match[6] == "specs/v5/supplement/openapi.yaml"
        else:
            assert match[6] == f"https://developers.pinterest.com/docs/api/v5/{operation_id}"


def test_return_types_are_the_sync_methods() -> None:
    by_method = {(match[1], match[2]): match[7] for match in rows()}
    assert by_method[("ad_accounts.campaigns", "list")] == "Paginator[CampaignResponse]"
    assert by_method[("pins", "get")] == "Pin"
    assert by_method[("pins", "delete")] == "None"
    assert by_method[("boards.sections", "list_pins")] == "Paginator[Pin]"


def test_the_readme_links_the_index() -> None:
    assert "[api.md](api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
