"""Every operation of the description has its facade method, named by specgen/facade.py's rule or its aliases."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.rest.resources import RESOURCES
from specgen import facade

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "put", "post", "delete", "patch")


def operations(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(operationId as published, HTTP method, path) of every operation."""
    return [
        (op["operationId"], method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def expected_name(operation_id: str) -> tuple[str, str]:
    """The naming rule: resource = first segment, method = the rest with / -> _; else the declared alias."""
    if operation_id in facade.ALIASES:
        return facade.ALIASES[operation_id]
    resource, _, rest = operation_id.partition("/")
    return resource, rest.replace("/", "_")


def test_the_rule_on_the_issues_examples() -> None:
    assert expected_name("pins/get") == ("pins", "get")
    assert expected_name("boards/list_pins") == ("boards", "list_pins")
    assert expected_name("board_sections/create") == ("board_sections", "create")
    assert expected_name("user_account/analytics/top_pins") == ("user_account", "analytics_top_pins")
    assert facade.facade_name("user_account/analytics/top_pins") == ("user_account", "analytics_top_pins")
    with pytest.raises(facade.FacadeError, match="ALIASES"):
        facade.facade_name("brand_new_operation_without_a_slash")
    with pytest.raises(facade.FacadeError, match="ALIASES"):
        facade.facade_name("things/del")


def resource_class(client_class: type, resource: str) -> type:
    """The class ``client.<resource>`` is an instance of (from the accessors' table)."""
    prefix = "Async" if client_class is AsyncPinterest else ""
    module = importlib.import_module(f"pinterest_tools.rest.resources.{resource}")
    return getattr(module, prefix + RESOURCES[resource])  # type: ignore[no-any-return]


def test_every_operation_has_its_method_sync_and_async(v5_spec: dict[str, Any]) -> None:
    ops = operations(v5_spec)
    assert len(ops) == 231
    seen: set[tuple[str, str]] = set()
    for operation_id, method, path in ops:
        resource, name = expected_name(operation_id)
        assert (resource, name) not in seen, operation_id
        seen.add((resource, name))
        for client_class in (Pinterest, AsyncPinterest):
            function = getattr(resource_class(client_class, resource), name)
            doc = inspect.getdoc(function) or ""
            assert f"``{method} {path}``" in doc and f"operation ``{operation_id}``" in doc, (operation_id, doc)
        assert inspect.iscoroutinefunction(
            getattr(resource_class(AsyncPinterest, resource), name)
        ) or "Paginator" in str(
            inspect.signature(getattr(resource_class(AsyncPinterest, resource), name)).return_annotation
        )
    # nothing beyond the description: every public method of every resource is one of its operations
    methods = {
        (resource, name)
        for resource in RESOURCES
        for name, _ in inspect.getmembers(resource_class(Pinterest, resource), inspect.isfunction)
        if not name.startswith("_")
    }
    assert methods == seen


def test_resources_are_made_on_first_access_and_kept() -> None:
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    assert "pins" not in vars(client)
    assert client.pins is client.pins and type(client.pins).__name__ == "PinsResource"
    copy = client.with_options(timeout=1)
    assert copy.pins is not client.pins and copy.pins._client is copy
    with pytest.raises(AttributeError, match="'Pinterest' object has no attribute 'pinz'"):
        client.pinz  # type: ignore[attr-defined]  # noqa: B018
    client.close()


def test_every_alias_names_an_operation(v5_spec: dict[str, Any]) -> None:
    ids = {operation_id for operation_id, _, _ in operations(v5_spec)}
    assert set(facade.ALIASES) <= ids


def test_committed_resources_are_what_the_generator_writes(
    v5_spec: dict[str, Any], v5_normalized: dict[str, Any], tmp_path: Path
) -> None:
    """The drift check of ``python -m specgen.generate --check``, for the facade alone (generated/ as committed)."""
    files = facade.render_package(v5_spec, v5_normalized, "Pinterest's v5 description v5.23.0")
    facade.write_package(files, tmp_path / "resources", ROOT / "pyproject.toml")
    committed = ROOT / "pinterest_tools" / "rest" / "resources"
    fresh = {p.name: p.read_text() for p in (tmp_path / "resources").glob("*.py")}
    assert sorted(fresh) == sorted(p.name for p in committed.glob("*.py"))
    stale = [name for name, text in fresh.items() if (committed / name).read_text() != text]
    assert stale == [], "run python -m specgen.generate (nox -s generate)"
