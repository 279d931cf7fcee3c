"""``api.md`` lists every facade method once, with its parameters, and is what the generator writes now."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

from support.schema_samples import resolve

from pinterest_tools import Pinterest
from pinterest_tools.rest.resources.operations import FACADE
from specgen import facade
from specgen.generate import v5_source_label
from specgen.v5_source import load_supplement, supplement_operations

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "api.md"
HEADING = re.compile(r"^#{2,4} client\.([\w.]+)$")
ROW = re.compile(
    r"^\| `(\w+)` \| (?:`(.*)`|—) \| `(.+)` \| `(GET|POST|PUT|PATCH|DELETE) (\S+)` \| \[`([^`]+)`\]\(([^)]+)\) \|$"
)


def rows() -> list[tuple[str, re.Match[str]]]:
    """``(namespace, row)`` of every method's row, the namespace read off the heading above it."""
    found: list[tuple[str, re.Match[str] | None]] = []
    namespace = ""
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        if heading := HEADING.match(line):
            namespace = heading[1]
        elif line.startswith("| `"):
            found.append((namespace, ROW.match(line)))
    assert all(match for _, match in found), "every table row has the index's shape"
    return [(namespace, match) for namespace, match in found if match]


def parameters(cell: str | None) -> dict[str, tuple[str, bool]]:
    """A row's parameters: name -> (type, required); ``name?: type`` is optional."""
    found: dict[str, tuple[str, bool]] = {}
    for part in re.split(r", (?=\w+\??: )", cell) if cell else ():
        name, kind = part.split(": ", 1)
        found[name.rstrip("?")] = (kind.replace("\\|", "|"), not name.endswith("?"))
    return found


def test_the_index_is_what_the_generator_writes(v5_spec: dict[str, Any], v5_normalized: dict[str, Any]) -> None:
    source = v5_source_label("v5.23.0")
    _, index = facade.render_all(v5_spec, v5_normalized, source)
    assert INDEX.read_text(encoding="utf-8") == index, "run python -m specgen.generate (nox -s generate)"


def test_every_operation_is_listed_exactly_once_where_the_facade_has_it(v5_spec: dict[str, Any]) -> None:
    published = [
        (op["operationId"], method.upper(), path)
        for path, item in v5_spec["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    ]
    supplement = supplement_operations(load_supplement())
    listed = {match[6]: (namespace, match) for namespace, match in rows()}
    assert len(rows()) == len(listed) == len(published) == 266
    # The supplement's 35 are listed under Pinterest's 5.28.0 operationIds (the overlay gives them).
    assert len(supplement) == 35
    assert {v5_spec["paths"][path][method.lower()]["operationId"] for method, path, _ in supplement} < set(listed)
    for operation_id, method, path in published:
        namespace, match = listed[operation_id]
        assert (namespace, match[1]) == FACADE[operation_id]
        assert (match[4], match[5]) == (method, path)
        # Every operationId is Pinterest's own (5.28.0), so every row links to Pinterest's reference.
        assert match[7] == f"https://developers.pinterest.com/docs/api/v5/{operation_id}"


def test_every_parameter_is_listed_with_its_type_and_whether_it_is_required(v5_spec: dict[str, Any]) -> None:
    """The names are the methods' own (but the per-call options); required: the description's required ones."""
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    listed = {match[6]: (namespace, match) for namespace, match in rows()}
    operations = {
        op["operationId"]: op
        for item in v5_spec["paths"].values()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    }
    for operation_id, (namespace, match) in listed.items():
        target: Any = client
        for part in (*namespace.split("."), match[1]):
            target = getattr(target, part)
        shown = parameters(match[2])
        names = set(inspect.signature(target).parameters) - {"timeout", "max_retries", "extra_headers", "extra_query"}
        assert set(shown) == names, operation_id
        by_key = {facade.squash(name): required for name, (_, required) in shown.items()}
        for parameter in operations[operation_id].get("parameters") or ():
            parameter = resolve(v5_spec, parameter)
            if parameter["in"] in ("path", "query"):
                required = parameter["in"] == "path" or bool(parameter.get("required"))
                assert by_key[facade.squash(parameter["name"])] == required, (operation_id, parameter["name"])
    client.close()
    boards_create = parameters(listed["boards/create"][1][2])
    assert boards_create["name"] == ("str", True) and boards_create["description"] == ("str", False)
    assert boards_create["body"] == ("BoardCreate", False)
    assert parameters(listed["pins/get"][1][2])["pin_id"] == ("str", True)


def test_return_types_are_the_sync_methods() -> None:
    by_method = {(namespace, match[1]): match[3] for namespace, match in rows()}
    assert by_method[("ad_accounts.campaigns", "list")] == "Paginator[CampaignResponse]"
    assert by_method[("pins", "get")] == "Pin"
    assert by_method[("pins", "delete")] == "None"
    assert by_method[("boards.sections", "list_pins")] == "Paginator[Pin]"


def test_the_readme_links_the_index() -> None:
    assert "[api.md](api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_link_within_the_index_finds_its_heading() -> None:
    """Anchors as GitHub makes them from a heading: lower case, punctuation but ``-`` and ``_`` dropped."""
    text = INDEX.read_text(encoding="utf-8")
    headings = {
        re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in text.splitlines()
        if line.startswith("#")
    }
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert "clientad_accounts" in links and "clientad_accountsleadssubscriptions" in links
    assert links <= headings, sorted(links - headings)
