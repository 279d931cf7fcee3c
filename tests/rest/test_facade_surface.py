"""Every operation of the description is one facade method, nested by its URL's nouns (specgen/facade_naming.py)."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.rest.resource import Nested
from pinterest_tools.rest.resources import RESOURCES
from pinterest_tools.rest.resources.operations import FACADE
from specgen import facade
from specgen.facade.write import MAX_MODULE_LINES
from specgen.facade_naming import Endpoint, Names, NamingError, name_all
from specgen.generate import v5_source_label

ROOT = Path(__file__).resolve().parents[2]
RESOURCES_DIR = ROOT / "pinterest_tools" / "rest" / "resources"
METHODS = ("get", "put", "post", "delete", "patch")


def operations(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(operationId as published, HTTP method, path) of every operation."""
    return [
        (op["operationId"], method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def top_class(client_class: type, resource: str) -> type:
    """The class ``client.<resource>`` is an instance of (from the accessors' table)."""
    prefix = "Async" if client_class is AsyncPinterest else ""
    module = importlib.import_module(f"pinterest_tools.rest.resources.{resource}")
    return getattr(module, prefix + RESOURCES[resource])  # type: ignore[no-any-return]


def walk(cls: type, dotted: str) -> Iterator[tuple[str, str, Any]]:
    """``(namespace, method name, function)`` of every method under ``cls``, nested namespaces included."""
    for name, member in sorted(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, Nested):
            child = member.target()
            assert child.__module__ == f"{cls.__module__}.{name}", "a nested namespace is its parent's submodule"
            yield from walk(child, f"{dotted}.{name}")
        elif inspect.isfunction(member):
            yield dotted, name, member


def surface(client_class: type) -> list[tuple[str, str, Any]]:
    return [found for resource in RESOURCES for found in walk(top_class(client_class, resource), resource)]


@pytest.mark.parametrize("client_class", [Pinterest, AsyncPinterest])
def test_every_operation_is_found_exactly_once(v5_spec: dict[str, Any], client_class: type) -> None:
    ops = operations(v5_spec)
    assert len(ops) == 266  # the published 231 and the supplement's 35
    methods = surface(client_class)
    for operation_id, method, path in ops:
        found = [
            (namespace, name, function)
            for namespace, name, function in methods
            if f"operation ``{operation_id}``." in (inspect.getdoc(function) or "")
        ]
        assert len(found) == 1, (operation_id, [f"{ns}.{name}" for ns, name, _ in found])
        ((_, _, function),) = found
        assert f"``{method} {path}``" in (inspect.getdoc(function) or ""), operation_id
        if client_class is AsyncPinterest:
            returned = str(inspect.signature(function).return_annotation)
            assert inspect.iscoroutinefunction(function) or "Paginator" in returned, operation_id
    # nothing beyond the description: every public method is one of its operations
    assert len(methods) == len(ops)


def test_the_issues_examples_are_where_a_reader_looks() -> None:
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    for dotted in (
        "ad_accounts.campaigns.list",
        "ad_accounts.ad_groups.create",
        "ad_accounts.audiences.list",
        "boards.sections.list_pins",
        "user_account.analytics.top_pins",
        "catalogs.feeds.list",
        "catalogs.items.batch.create",
        "pins.save",
        "ad_accounts.lead_forms.test",
        "oauth.token.revoke",
    ):
        target: Any = client
        for part in dotted.split("."):
            target = getattr(target, part)
        assert callable(target), dotted
    client.close()


def test_no_top_level_namespace_holds_a_single_method_unless_declared_a_noun() -> None:
    counts: dict[str, int] = {}
    for namespace, _, _ in surface(Pinterest):
        top = namespace.split(".")[0]
        counts[top] = counts.get(top, 0) + 1
    single = {top for top, count in counts.items() if count == 1}
    assert single <= Names.load().nouns, single
    assert len(counts) <= 20, sorted(counts)


def test_methods_are_verbs_not_the_http_method() -> None:
    names = {name for _, name, _ in surface(Pinterest)}
    assert not names & {"post", "patch", "put", "del_by_id", "get_by_id", "get_list"}


def names_of(*endpoints: Endpoint, table: Names | None = None) -> dict[str, str]:
    placed = name_all(list(endpoints), table or Names())
    return {op_id: ".".join((*namespace, method)) for op_id, (namespace, method) in placed.items()}


def test_the_rule_reads_nouns_and_a_verb_off_the_url() -> None:
    found = names_of(
        Endpoint("a", "GET", "/things", collection=True),
        Endpoint("b", "POST", "/things"),
        Endpoint("c", "GET", "/things/{id}"),
        Endpoint("d", "PATCH", "/things/{id}"),
        Endpoint("e", "DELETE", "/things/{id}"),
        Endpoint("f", "GET", "/things/{id}/parts"),  # a collection: /things/{id}/parts/{part_id} exists
        Endpoint("g", "GET", "/things/{id}/parts/{part_id}"),
        Endpoint("h", "POST", "/things/{id}/save"),
        Endpoint("i", "GET", "/things/{id}/owner"),  # a namespace of one method: folded into its parent
        table=Names(actions=frozenset({"save"})),
    )
    assert found == {
        "a": "things.list",
        "b": "things.create",
        "c": "things.get",
        "d": "things.update",
        "e": "things.delete",
        "f": "things.parts.list",
        "g": "things.parts.get",
        "h": "things.save",
        "i": "things.get_owner",
    }


def test_the_table_names_what_the_rule_cannot() -> None:
    table = Names(operations={"x": "things.archive"}, segments={"old_things": "things"})
    found = names_of(
        Endpoint("x", "POST", "/things/{id}/archived"),
        Endpoint("y", "GET", "/old_things/{id}"),
        table=table,
    )
    assert found == {"x": "things.archive", "y": "things.get"}


@pytest.mark.parametrize(
    ("endpoints", "message"),
    [
        ([Endpoint("a", "GET", "/things/{id}"), Endpoint("b", "GET", "/things/{other}")], "both become things.get"),
        ([Endpoint("a", "GET", "/lonely")], "not declared nouns: \\['lonely'\\]"),
        ([Endpoint("a", "GET", "/class/{id}"), Endpoint("b", "POST", "/class")], "gives the name 'class'"),
        ([Endpoint("a", "GET", "/x")], None),
    ],
)
def test_the_rule_refuses_what_it_cannot_name(endpoints: list[Endpoint], message: str | None) -> None:
    if message is None:
        assert name_all(endpoints, Names(nouns=frozenset({"x"}))) == {"a": (("x",), "get")}
        return
    with pytest.raises(NamingError, match=message):
        name_all(endpoints, Names())


def test_every_table_entry_names_an_operation(v5_spec: dict[str, Any]) -> None:
    ids = {operation_id for operation_id, _, _ in operations(v5_spec)}
    table = Names.load()
    assert set(table.operations) <= ids
    with pytest.raises(NamingError, match="lacks"):
        name_all([Endpoint("pins/get", "GET", "/pins/{pin_id}")], Names(operations={"gone/op": "pins.gone"}))


def test_resources_are_made_on_first_access_and_kept() -> None:
    client = Pinterest("TOKEN", base_url="http://127.0.0.1:9")
    assert "pins" not in vars(client)
    assert client.pins is client.pins and type(client.pins).__name__ == "PinsResource"
    assert type(client.ad_accounts.campaigns).__name__ == "AdAccountsCampaignsResource"
    assert client.ad_accounts.campaigns._client is client
    copy = client.with_options(timeout=1)
    assert copy.pins is not client.pins and copy.pins._client is copy
    with pytest.raises(AttributeError, match="'Pinterest' object has no attribute 'pinz'"):
        client.pinz  # type: ignore[attr-defined]  # noqa: B018
    client.close()


def test_committed_resources_are_what_the_generator_writes(
    v5_spec: dict[str, Any], v5_normalized: dict[str, Any], tmp_path: Path
) -> None:
    """The drift check of ``python -m specgen.generate --check``, for the facade alone (generated/ as committed)."""
    files = facade.render_package(v5_spec, v5_normalized, v5_source_label("v5.23.0"))
    facade.write_package(files, tmp_path / "resources", ROOT / "pyproject.toml")
    stale = facade.differences(tmp_path / "resources", RESOURCES_DIR)
    assert stale == [], "run python -m specgen.generate (nox -s generate)"


def test_no_resource_module_is_longer_than_a_reader_pages_through() -> None:
    """One module per namespace, nested as the namespaces nest; none longer than the generator's bound."""
    sizes = {str(p.relative_to(RESOURCES_DIR)): len(p.read_text().splitlines()) for p in RESOURCES_DIR.rglob("*.py")}
    assert {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}
    assert MAX_MODULE_LINES == 2500
    # the namespaces that were one file each are packages, one module per nested namespace
    for top in ("ad_accounts", "catalogs", "businesses"):
        assert f"{top}/__init__.py" in sizes, top
    assert "ad_accounts/campaigns.py" in sizes and "ad_accounts/ad_groups/dynamic_titles.py" in sizes


def test_each_namespace_is_the_module_its_name_says(v5_spec: dict[str, Any]) -> None:
    """``client.a.b`` is in ``resources/a/b.py`` (or ``a/b/__init__.py``), and every such module is a namespace."""
    namespaces = {tuple(namespace.split(".")) for namespace, _ in FACADE.values()}
    namespaces |= {ns[:depth] for ns in namespaces for depth in range(1, len(ns))}
    found = set()
    for path in RESOURCES_DIR.rglob("*.py"):
        parts = path.relative_to(RESOURCES_DIR).with_suffix("").parts
        if parts in (("__init__",), ("operations",)):
            continue  # the clients' accessors and the operations table
        found.add(parts[:-1] if parts[-1] == "__init__" else parts)
    assert found == namespaces
    for namespace in namespaces:
        module = importlib.import_module(facade.module_name(namespace))
        assert getattr(module, facade.class_name(namespace)).__module__ == module.__name__


def test_a_namespace_imports_its_nested_namespaces_only_when_used() -> None:
    code = (
        "import sys; from pinterest_tools import Pinterest; client = Pinterest('T', base_url='http://127.0.0.1:9'); "
        "client.ad_accounts; loaded = {m for m in sys.modules if m.startswith('pinterest_tools.rest.resources.')}; "
        "assert loaded == {'pinterest_tools.rest.resources.ad_accounts'}, sorted(loaded); "
        "client.ad_accounts.campaigns; assert 'pinterest_tools.rest.resources.ad_accounts.campaigns' in sys.modules; "
        "assert 'pinterest_tools.rest.resources.ad_accounts.ads' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
