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
from pinterest_tools.mcp_server.effects import DELETE, READ, SPEND, WRITE
from pinterest_tools.mcp_server.safety import Listing, Policy, RefusedError, render, render_error, to_json


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
    toolbox = tools.Toolbox.build(["all"]).tools
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
    assert not Policy(allow_spend=True).allows(SPEND)  # and so does spending
    assert Policy(allow_writes=True, allow_deletes=True).allows(DELETE)
    assert not Policy(allow_writes=True, allow_deletes=True).allows(SPEND)
    assert Policy(allow_writes=True, allow_spend=True).allows(SPEND)
    with pytest.raises(RefusedError) as refused:
        Policy().require(WRITE, "create_board")
    assert "read-only" in refused.value.message and "--allow-writes" in (refused.value.hint or "")
    with pytest.raises(RefusedError) as refused:
        Policy(allow_writes=True).require(DELETE, "delete_board")
    assert refused.value.hint == "the user can restart the server with --allow-writes --allow-deletes"
    with pytest.raises(RefusedError) as refused:
        Policy(allow_writes=True, allow_deletes=True).require({SPEND, DELETE}, "campaigns/update")
    assert "spend money" in refused.value.message
    assert refused.value.hint == "the user can restart the server with --allow-writes --allow-deletes --allow-spend"
    Policy(allow_writes=True, allow_deletes=True, allow_spend=True).require({SPEND, DELETE}, "campaigns/update")


def _listing(count: int, size: int = 200) -> Listing:
    items = [{"id": str(i), "title": "x" * size} for i in range(count)]
    return Listing(items, "next-page", lambda shown: f"resume-at-{shown}")


def test_a_trimmed_listing_resumes_at_the_first_item_left_out() -> None:
    text = render(_listing(100), 3000)
    shown = json.loads(text)
    kept = len(shown["untrusted_data"])
    assert len(text) <= 3000 and 0 < kept < 100
    assert shown["bookmark"] == f"resume-at-{kept}"  # not the page's bookmark: that would skip the rest
    assert shown["omitted"].startswith(f"{100 - kept} more items of this page were left out")
    assert [item["id"] for item in shown["untrusted_data"]] == [str(i) for i in range(kept)]
    whole = json.loads(render(_listing(3), 3000))
    assert whole["bookmark"] == "next-page" and "omitted" not in whole and len(whole["untrusted_data"]) == 3
    one_big = json.loads(render(_listing(2, 5000), 2000))
    assert len(one_big["untrusted_data"]) == 1 and one_big["bookmark"] == "resume-at-1" and "cut" in one_big["note"]


def test_a_trimmed_answer_stays_json_and_says_so() -> None:
    long_strings = render({"a": "y" * 5000, "b": "z" * 5000}, 2000)
    parsed = json.loads(long_strings)
    assert len(long_strings) <= 2000 and parsed["untrusted_data"]["a"].startswith("yyy")
    assert parsed["note"].startswith("strings longer than") and parsed["untrusted_data"]["a"].endswith("…")
    many_keys = render({f"k{i}": i for i in range(5000)}, 2000)
    parsed = json.loads(many_keys)
    assert len(many_keys) <= 2000 and parsed["note"].startswith("the answer was too long")
    assert parsed["untrusted_data"].startswith('{"k0":0,"k1":1')
    assert render({"a": 1}, 2000) == '{"untrusted_data":{"a":1}}'  # compact JSON
    assert render({"a": 1}, 2000, untrusted=False) == '{"a":1}'
    register_secret("sekrit-token-value-123")
    assert "sekrit-token-value-123" not in render({"note": "a sekrit-token-value-123 b"}, 1000)
    assert to_json(None) == {"ok": True} and to_json([1, "a"]) == [1, "a"]


def test_an_error_is_trimmed_like_an_answer() -> None:
    huge = "error: " + "q" * 1_300_000
    text = render_error(huge, 2000)
    assert len(text) <= 2000 and text.endswith("(error cut at 2000 characters)")
    assert render_error("error: short", 2000) == "error: short"


def test_ids_sent_as_numbers_are_taken_and_nan_is_refused() -> None:
    schema = operations.find("boards/get").schema()
    assert schemas.normalize(schema, {"board_id": 1000000000002}) == {"board_id": "1000000000002"}
    assert schemas.problems(schema, schemas.normalize(schema, {"board_id": 1000000000002})) == []
    assert schemas.normalize({"properties": {"n": {"type": "integer"}}}, {"n": "25"}) == {"n": 25}
    report = tools.Toolbox.build(["ads"]).tools["run_ads_report"].schema()
    assert schemas.problems(report, {"wait_seconds": float("nan")}) == ["wait_seconds: nan is not a finite number"]
    assert schemas.problems(report, {"wait_seconds": float("inf")}) == ["wait_seconds: inf is not a finite number"]
    assert schemas.problems({"properties": {"a": {"type": "object"}}}, {"a": {"b": [float("-inf")]}}) == [
        "a.b[0]: -inf is not a finite number"
    ]


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--allow-deletes"], "--allow-deletes needs --allow-writes too"),
        (["-v", "3"], "API v5 only"),
        (["--max-chars", "12"], "at least 1000"),
        (["--allow-spend"], "--allow-spend needs --allow-writes too"),
        (["--toolsets", "organic,shopping"], "no toolset shopping"),
        (["--http", "0.0.0.0:8765"], "needs PINTEREST_MCP_TOKEN set"),
        (["--http", "127.0.0.1:http"], "the port is not a number"),
        (["--oauth"], "--oauth needs --http HOST:PORT"),
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
    monkeypatch.delenv("PINTEREST_MCP_TOKEN", raising=False)
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
