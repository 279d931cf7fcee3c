"""The reviewed table of what each operation does (effects.toml), checked against the v5 description.

The server's flags are only as safe as this table: an operation that deletes or spends and is
filed as a write passes under ``--allow-writes`` alone. So every entry is held to what the
description says of the operation: its method, its path and operationId, its summary, the
enum values of its body (``DELETE``, ``REMOVE``, ``ARCHIVED``) and the money fields of its
body (budgets, bids, spend caps).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from pinterest_tools.mcp_server import effects, operations
from pinterest_tools.mcp_server.effects import DELETE, READ, SPEND, WRITE
from pinterest_tools.mcp_server.safety import Policy, RefusedError
from pinterest_tools.mcp_server.server import tool_annotations
from pinterest_tools.mcp_server.tools import Toolbox

DESTRUCTIVE_VALUES = {"DELETE", "REMOVE", "ARCHIVED"}
MONEY_FIELD = re.compile(r"budget|(^|_)bid(_|$)|^bid|spend_cap|billing")
DELETE_WORDS = re.compile(r"delet|remov|revok|terminat|cancel|unverif", re.IGNORECASE)
READ_WORDS = re.compile(r"\b(get|list|read|report|estimat|sizing|query|export|download|bid floors)", re.IGNORECASE)
# Where creating or changing an entity can start paid delivery or commit money.
SPEND_PATHS = re.compile(
    r"^/ad_accounts/\{ad_account_id\}/(campaigns|ad_groups|ads|keywords|bulk/upsert|ads_credit/redeem|"
    r"ssio/insertion_orders|product_group_promotions|schedules)$"
)


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        operation["operationId"]: (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "patch", "delete")
    }


def _walk(schema: Any, spec: dict[str, Any], seen: frozenset[str] = frozenset()) -> Any:
    """(field name, schema) of every property of ``schema``, at any depth, refs followed once."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        yield from _walk(spec["components"]["schemas"].get(name, {}), spec, seen | {name})
        return
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            yield from _walk(sub, spec, seen)
    for name, sub in schema.get("properties", {}).items():
        yield name, sub, seen
        yield from _walk(sub, spec, seen)
    if isinstance(schema.get("items"), dict):
        yield from _walk(schema["items"], spec, seen)


def _enum(schema: dict[str, Any], spec: dict[str, Any], seen: frozenset[str]) -> set[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return set() if name in seen else _enum(spec["components"]["schemas"].get(name, {}), spec, seen | {name})
    found = {str(value) for value in schema.get("enum", [])}
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            found |= _enum(sub, spec, seen)
    if isinstance(schema.get("items"), dict):
        found |= _enum(schema["items"], spec, seen)
    return found


def _body_fields(operation: dict[str, Any], spec: dict[str, Any]) -> list[tuple[str, set[str]]]:
    """(field name, its enum values) of every field of the operation's request body."""
    fields = []
    for content in operation.get("requestBody", {}).get("content", {}).values():
        for name, schema, seen in _walk(content.get("schema", {}), spec):
            fields.append((name, _enum(schema, spec, seen)))
    return fields


def test_every_operation_has_an_entry_with_a_reason(v5_spec: dict[str, Any]) -> None:
    described = _operations(v5_spec)
    table = effects.table()
    assert len(described) == 266
    assert sorted(table) == sorted(described)
    for operation_id, entry in table.items():
        assert entry.effect in (READ, WRITE, DELETE, SPEND), operation_id
        assert len(entry.reason) > 10, operation_id


def test_the_table_agrees_with_each_operation_s_method_path_summary_and_body(v5_spec: dict[str, Any]) -> None:
    wrong: list[str] = []
    for operation_id, (method, path, operation) in sorted(_operations(v5_spec).items()):
        entry = effects.table()[operation_id]
        summary = operation.get("summary", "")
        if method == "GET" and entry.effect != READ:
            wrong.append(f"{operation_id}: a GET is a read")
        if method == "DELETE" and entry.effect != DELETE:
            wrong.append(f"{operation_id}: a DELETE is a delete")
        if entry.effect == READ and method != "GET" and not READ_WORDS.search(summary):
            wrong.append(f"{operation_id}: a {method} read whose summary ({summary!r}) does not say it reads")
        said_delete = DELETE_WORDS.search(f"{operation_id} {path} {summary}")
        if said_delete and entry.effect != DELETE and not entry.delete_when and entry.effect != READ:
            wrong.append(f"{operation_id}: {said_delete.group(0)!r} in its name or summary, and not a delete")
        fields = _body_fields(operation, v5_spec)
        for name, values in fields:
            for value in sorted(values & DESTRUCTIVE_VALUES):
                covered = (
                    entry.effect in (DELETE, READ)
                    or value in entry.delete_when.get(name, ())
                    or value in entry.harmless.get(name, ())
                )
                if not covered:
                    wrong.append(f"{operation_id}: body field {name} can be {value}, and the table says nothing")
        money = sorted({name for name, _ in fields if MONEY_FIELD.search(name)} - {"billing_contact_email"})
        if money and entry.effect not in (SPEND, READ):
            wrong.append(f"{operation_id}: body fields {money} are money, and it is not a spend")
        if SPEND_PATHS.match(path) and method in ("POST", "PATCH", "PUT") and entry.effect not in (SPEND, READ):
            wrong.append(f"{operation_id}: {method} {path} creates or changes what delivers paid ads")
        for name in entry.delete_when:
            assert any(field == name for field, _ in fields), f"{operation_id}: no body field {name}"
    assert wrong == []


@pytest.mark.parametrize(
    ("operation_id", "arguments", "expected"),
    [
        ("items_batch/post", {"body": {"operation": "UPDATE", "items": []}}, {WRITE}),
        ("items_batch/post", {"body": {"operation": "DELETE", "items": [{"item_id": "1"}]}}, {WRITE, DELETE}),
        ("items_batch/post", {"body": {"items": [{"operation": "DELETE", "item_id": "1"}]}}, {WRITE, DELETE}),
        ("campaigns/update", {"body": [{"id": "1", "status": "PAUSED"}]}, {SPEND}),
        ("campaigns/update", {"body": [{"id": "1", "status": "ARCHIVED"}]}, {SPEND, DELETE}),
        ("audiences/update", {"body": {"operation_type": "REMOVE"}}, {WRITE, DELETE}),
        ("customer_list_uploads/create", {"body": {"operation": "REMOVE"}}, {WRITE, DELETE}),
        ("labels/update", {"body": {"labels": [{"id": "1", "status": "ARCHIVED"}]}}, {WRITE, DELETE}),
        ("product_tags/bulk_delete", {"pin_id": "1"}, {DELETE}),
        ("conversion_deletion_requests/create", {}, {DELETE}),
        ("ads_credit/redeem", {}, {SPEND}),
        ("analytics/create_report", {"body": {"campaign_statuses": ["ARCHIVED"]}}, {READ}),
        ("boards/list", {}, {READ}),
    ],
)
def test_a_call_is_judged_on_its_arguments(operation_id: str, arguments: dict[str, Any], expected: set[str]) -> None:
    assert effects.of_call(operation_id, arguments) == expected


def test_what_the_break_it_pass_did_under_allow_writes_is_refused() -> None:
    """Each of these passed as a write before: now each needs --allow-deletes (or --allow-spend)."""
    writes = Policy(allow_writes=True)
    for operation_id, arguments in [
        ("product_tags/bulk_delete", {"pin_id": "1"}),
        ("items_batch/post", {"body": {"operation": "DELETE", "items": []}}),
        ("labels/remove", {}),
        ("conversion_deletion_requests/create", {}),
        ("customer_segments/update", {"body": {"operation_type": "REMOVE"}}),
        ("targeting_template/update", {"body": {"operation_type": "REMOVE"}}),
        ("campaigns/update", {"body": [{"status": "ARCHIVED"}]}),
        ("campaigns/create", {"body": [{"name": "c"}]}),
        ("bulk_upsert/create", {}),
    ]:
        with pytest.raises(RefusedError):
            writes.require(effects.of_call(operation_id, arguments), operation_id)
    writes.require(effects.of_call("items_batch/post", {"body": {"operation": "UPSERT"}}), "items_batch/post")


def test_annotations_are_true_to_the_effect() -> None:
    toolbox = Toolbox.build(["all"]).tools
    read = tool_annotations(toolbox["list_boards"])
    assert (read.read_only_hint, read.destructive_hint, read.idempotent_hint, read.open_world_hint) == (
        True,
        False,
        True,
        True,
    )
    create = tool_annotations(toolbox["create_board"])
    assert (create.read_only_hint, create.destructive_hint, create.idempotent_hint) == (False, False, False)
    update = tool_annotations(toolbox["update_board"])
    assert (update.read_only_hint, update.destructive_hint, update.idempotent_hint) == (False, False, True)
    delete = tool_annotations(toolbox["delete_board"])
    assert (delete.read_only_hint, delete.destructive_hint) == (False, True)
    own = tool_annotations(toolbox["list_operations"])
    assert (own.read_only_hint, own.open_world_hint) == (True, False)
    assert toolbox["run_ads_report"].effect == READ
    for tool in toolbox.values():
        if tool.operation_id and tool.name != "create_pin":
            assert tool.effect == effects.entry(tool.operation_id).effect, tool.name


@pytest.mark.parametrize(
    ("policy", "read_only", "destructive"),
    [
        (Policy(), True, False),
        (Policy(allow_writes=True), False, False),
        (Policy(allow_writes=True, allow_deletes=True), False, True),
        (Policy(allow_writes=True, allow_spend=True), False, True),
    ],
)
def test_call_operation_is_annotated_as_what_it_can_do(policy: Policy, read_only: bool, destructive: bool) -> None:
    hints = tool_annotations(Toolbox.build(policy=policy).tools["call_operation"])
    assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint) == (read_only, destructive, read_only)


def test_list_operations_counts_what_it_lists() -> None:
    catalog = operations.catalog()
    description = Toolbox.build().tools["list_operations"].description
    assert f"the {len(catalog)} Pinterest v5 operations" in description and len(catalog) == 263
