"""What the MCP server does without a server: schemas from the facade, the argument check, the policy, trimming."""

from __future__ import annotations

import datetime
import json
from typing import Literal

import pytest
from support.core import restore_logging  # noqa: F401 - the fixture

from pinterest_tools.errors import UsageError
from pinterest_tools.logs import register_secret
from pinterest_tools.mcp_server import operations, schemas, tools
from pinterest_tools.mcp_server.safety import DELETE, READ, WRITE, Policy, RefusedError, render, to_json


def test_every_operation_has_a_schema_and_a_kind() -> None:
    catalog = operations.catalog()
    # the published 231 and the supplement's 35, less the three OAuth operations the server keeps to itself
    assert len(catalog) == 263
    assert not [name for name, op in catalog.items() if op.namespace.split(".")[0] == "oauth"]
    for operation in catalog.values():
        schema = operation.schema()
        assert schema["type"] == "object" and not {"timeout", "max_retries", "extra_headers", "extra_query"} & set(
            schema["properties"]
        )
        assert operation.kind == {"GET": READ, "DELETE": DELETE}.get(operation.http_method, WRITE)
    assert catalog["boards/delete"].kind == DELETE and catalog["boards/create"].kind == WRITE
    assert catalog["boards/list"].http_method == "GET" and catalog["boards/list"].path == "/boards"


def test_a_schema_follows_the_signature() -> None:
    schema = operations.find("pins/analytics").schema()
    assert schema["required"] == ["pin_id", "start_date", "end_date", "metric_types"]
    assert schema["properties"]["start_date"] == {"type": "string", "format": "date"}
    metric = schema["properties"]["metric_types"]
    assert metric["type"] == "array" and "IMPRESSION" in metric["items"]["enum"]
    board = operations.find("boards/list").schema()["properties"]
    assert board["privacy"]["enum"] == ["ALL", "PROTECTED", "PUBLIC", "PUBLIC_AND_SECRET", "SECRET"]
    assert board["page_size"] == {"type": "integer"} and board["bookmark"] == {"type": "string"}


def test_type_schema_of_unions_and_literals() -> None:
    assert schemas.type_schema(int | None) == {"type": "integer"}
    assert schemas.type_schema(Literal[0, 1, 7]) == {"type": "integer", "enum": [0, 1, 7]}
    assert schemas.type_schema(Literal["A"] | Literal["B"]) == {"type": "string", "enum": ["A", "B"]}
    assert schemas.type_schema(str | int) == {"anyOf": [{"type": "string"}, {"type": "integer"}]}
    assert schemas.type_schema(list[str]) == {"type": "array", "items": {"type": "string"}}
    assert schemas.type_schema(dict[str, int]) == {"type": "object"}


def test_arguments_are_checked_and_coerced() -> None:
    schema = operations.find("user_account/analytics").schema()
    problems = schemas.problems(schema, {"start_date": 3, "colour": "red", "app_types": "PHONE"})
    assert problems == [
        "unknown argument 'colour'",
        "missing required argument 'end_date'",
        "start_date: expected a string, got an integer",
        "app_types: 'PHONE' is not one of ALL, MOBILE, TABLET, WEB",
    ]
    with pytest.raises(UsageError, match="bad arguments for x: unknown argument 'colour'"):
        schemas.check(schema, {"colour": 1, "start_date": "2026-01-01", "end_date": "2026-01-02"}, "x")
    coerced = schemas.coerce(schema, {"start_date": "2026-01-01", "end_date": "2026-01-02"})
    assert coerced["start_date"] == datetime.date(2026, 1, 1)
    with pytest.raises(UsageError, match="is not a date"):
        schemas.coerce(schema, {"start_date": "soon"})
    assert schemas.problems({"properties": {"n": {"type": "integer"}}}, {"n": True}) == [
        "n: expected an integer, got a boolean"
    ]


def test_the_bounds_a_schema_declares_are_checked() -> None:
    """The tools' schemas declare ``minimum``/``maximum`` (a page of 1 to 250; at least one row of a
    report); unchecked, ``limit: 10**12`` went to Pinterest and ``max_rows: -1`` cut the last row off."""
    toolbox = tools.Toolbox.build().tools
    assert schemas.problems(toolbox["list_boards"].schema(), {"limit": 10**12}) == [
        "limit: 1000000000000 is more than 250"
    ]
    assert schemas.problems(toolbox["list_boards"].schema(), {"limit": 0}) == ["limit: 0 is less than 1"]
    assert schemas.problems(toolbox["list_boards"].schema(), {"limit": 250}) == []
    report = toolbox["run_ads_report"].schema()
    assert "max_rows: -1 is less than 1" in schemas.problems(report, {"max_rows": -1})
    assert "wait_seconds: 0.5 is less than 1" in schemas.problems(report, {"wait_seconds": 0.5})
    assert schemas.problems(toolbox["list_operations"].schema(), {"limit": 251}) == ["limit: 251 is more than 250"]


def test_the_policy() -> None:
    assert Policy().allows(READ) and not Policy().allows(WRITE) and not Policy().allows(DELETE)
    assert Policy(allow_writes=True).allows(WRITE) and not Policy(allow_writes=True).allows(DELETE)
    assert not Policy(allow_deletes=True).allows(DELETE)  # deletes need writes too
    assert Policy(allow_writes=True, allow_deletes=True).allows(DELETE)
    with pytest.raises(RefusedError) as refused:
        Policy().require(WRITE, "create_board")
    assert "read-only" in refused.value.message and "--allow-writes" in (refused.value.hint or "")
    with pytest.raises(RefusedError) as refused:
        Policy(allow_writes=True).require(DELETE, "delete_board")
    assert "--allow-deletes" in (refused.value.hint or "")


def test_render_trims_long_listings_and_redacts() -> None:
    items = [{"id": str(i), "title": "x" * 200} for i in range(100)]
    text = render({"items": items, "bookmark": "b"}, 3000)
    shown = json.loads(text)
    assert len(text) <= 3000 and 0 < len(shown["items"]) < 100 and shown["bookmark"] == "b"
    assert shown["omitted"].startswith(f"{100 - len(shown['items'])} of 100 items left out")
    assert render("y" * 50, 20).endswith("(cut at 20 characters)")
    register_secret("sekrit-token-value-123")
    assert "sekrit-token-value-123" not in render({"note": "a sekrit-token-value-123 b"}, 1000)
    assert to_json(None) == {"ok": True} and to_json([1, "a"]) == [1, "a"]


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--allow-deletes"], "--allow-deletes needs --allow-writes too"),
        (["-v", "3"], "API v5 only"),
        (["--max-chars", "12"], "at least 1000"),
    ],
)
def test_the_command_refuses_flags_that_cannot_work(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pinterest_tools.cli.commands import mcp

    monkeypatch.setenv("ACCESS_TOKEN", "a-token-never-sent")
    assert mcp.main(["-l", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("operation_id", ["oauth/token", "token/revoke", "oauth/conversion_token"])
def test_the_oauth_operations_are_the_server_s_own(operation_id: str) -> None:
    """An agent refreshing through call_operation would leave the saved (rotated) refresh token stale."""
    with pytest.raises(UsageError) as refused:
        operations.find(operation_id)
    assert refused.value.message == (
        f"{operation_id} is not offered to agents: the server holds the token and refreshes it itself"
    )
