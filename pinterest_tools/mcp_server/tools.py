"""The tools an agent sees: a curated set over the facade, and three that reach every other operation.

A curated tool is one facade method with a name and a description written for an agent;
its schema is the method's (:mod:`~pinterest_tools.mcp_server.schemas`), with paging as
``limit`` (items per answer) and ``bookmark`` (from the previous answer). Three tools need
more than one call or a different shape: ``create_pin`` (a pin from an image URL),
``run_ads_report`` (request an async report, wait for it, read its rows) and the generic
``list_operations``/``describe_operation``/``call_operation``.

Every call is checked before anything is sent: the arguments against the schema, and the
operation's kind (read, write, delete) against the server's :class:`~.safety.Policy`.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pinterest_tools import filekind
from pinterest_tools.mcp_server import operations, schemas
from pinterest_tools.mcp_server.safety import DELETE, READ, WRITE, Kind, Policy, to_json
from pinterest_tools.paging import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from pinterest_tools.mcp_server.schemas import Schema
    from pinterest_tools.rest import Pinterest

DEFAULT_LIMIT = 25
_PAGING = frozenset({"bookmark", "page_size"})
_LIMIT: Schema = {
    "type": "integer",
    "minimum": 1,
    "maximum": MAX_PAGE_SIZE,
    "description": f"items per answer (default {DEFAULT_LIMIT})",
}
_BOOKMARK: Schema = {"type": "string", "description": "the bookmark of the previous answer, for the next page"}


@dataclass(frozen=True)
class Context:
    """What a tool call runs with: the client, the policy, and where report files go."""

    client: Pinterest
    policy: Policy
    report_dir: Path


Runner = Callable[[Context, dict[str, Any]], Any]


@dataclass(frozen=True)
class Tool:
    """One tool: its name, description, input schema, kind, and what it runs."""

    name: str
    description: str
    kind: Kind
    schema: Callable[[], Schema]
    run: Runner
    what: str = ""  # the operation named in errors (defaults to the tool's name)

    def call(self, context: Context, arguments: Mapping[str, Any]) -> Any:
        """Check the policy and the arguments, then run; the result as JSON values."""
        context.policy.require(self.kind, self.what or self.name)
        schema = self.schema()
        schemas.check(schema, arguments, self.name)
        return self.run(context, schemas.coerce(schema, arguments))


def _is_paged(schema: Schema) -> bool:
    return "bookmark" in schema.get("properties", {})


def facade_schema(operation_id: str, keep: frozenset[str] | None = None) -> Schema:
    """The schema of an operation's facade method (only ``keep``, if given), paging as ``limit``/``bookmark``."""
    schema = operations.find(operation_id).schema()
    properties = {
        name: spec
        for name, spec in schema["properties"].items()
        if (keep is None or name in keep) and name not in _PAGING
    }
    if _is_paged(schema):
        properties |= {"limit": _LIMIT, "bookmark": _BOOKMARK}
    required = [name for name in schema.get("required", ()) if name in properties]
    return {**schema, "properties": properties} | ({"required": required} if required else {"required": []})


def call_facade(client: Pinterest, operation_id: str, arguments: dict[str, Any], *, limit: int | None = None) -> Any:
    """Call an operation's facade method; a listing answers one page: ``{"items", "bookmark"}``.

    ``limit``: the items per answer of a curated listing (its page size where the method
    takes one); None for ``call_operation``, whose arguments are the method's own.
    """
    from pinterest_tools.paging import Paginator

    operation = operations.find(operation_id)
    takes_page_size = "page_size" in operation.schema()["properties"]
    if takes_page_size and limit is not None:
        arguments["page_size"] = limit
    result = operation.bound(client)(**arguments)
    if not isinstance(result, Paginator):
        return to_json(result)
    page = result.first_page()
    items = page.items
    cut = DEFAULT_LIMIT if limit is None and not takes_page_size else limit
    shown = items if cut is None else items[:cut]
    answer: dict[str, Any] = {"items": to_json(shown), "bookmark": page.bookmark}
    if len(shown) < len(items):
        answer["omitted"] = f"{len(items) - len(shown)} more items of this page were left out (limit)"
    return answer


def curated(name: str, operation_id: str, description: str, *, keep: frozenset[str] | None = None) -> Tool:
    """A tool that is one facade method, its kind that of the operation."""
    operation = operations.find(operation_id)

    def run(context: Context, arguments: dict[str, Any]) -> Any:
        limit = arguments.pop("limit", DEFAULT_LIMIT) if _is_paged(operation.schema()) else None
        return call_facade(context.client, operation_id, arguments, limit=limit)

    return Tool(
        name,
        f"{description} ({operation.http_method} {operation.path})",
        operation.kind,
        lambda: facade_schema(operation_id, keep),
        run,
        what=name,
    )


# ---------------------------------------------------------------- tools that are more than one call

_PIN_FIELDS = frozenset({"board_id", "board_section_id", "title", "description", "link", "alt_text"})


def _create_pin_schema() -> Schema:
    schema = facade_schema("pins/create", _PIN_FIELDS)
    schema["properties"]["image_url"] = {"type": "string", "description": "the address of the image (https)"}
    schema["required"] = ["board_id", "image_url"]
    return schema


def _create_pin(context: Context, arguments: dict[str, Any]) -> Any:
    media_source = {"source_type": "image_url", "url": arguments.pop("image_url")}
    return to_json(context.client.pins.create(media_source=media_source, **arguments))


_REPORT_OWN: Schema = {
    "wait_seconds": {"type": "number", "minimum": 1, "description": "how long to wait for the report (default 300)"},
    "max_rows": {"type": "integer", "minimum": 1, "description": "rows returned in the answer (default 50)"},
}


def _report_schema() -> Schema:
    schema = facade_schema("analytics/create_report")
    schema["properties"].pop("body", None)
    schema["properties"] |= _REPORT_OWN
    schema["required"] = ["ad_account_id", "start_date", "end_date", "granularity", "level", "columns"]
    return schema


def _run_report(context: Context, arguments: dict[str, Any]) -> Any:
    wait = float(arguments.pop("wait_seconds", 300))
    max_rows = int(arguments.pop("max_rows", 50))
    ad_account_id = arguments.pop("ad_account_id")
    context.report_dir.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkstemp(prefix=f"report-{ad_account_id}-", dir=context.report_dir)[1])
    path = context.client.download_report(ad_account_id, arguments, target, timeout=wait)
    rows = read_rows(path)
    return {"path": str(path), "row_count": len(rows), "rows": rows[:max_rows]}


def read_rows(path: Path) -> list[Any]:
    """A downloaded report's rows: a JSON report's records (each list of them, flattened), or a CSV's lines."""
    text = filekind.read_regular_text(path, encoding="utf-8-sig")
    if text.lstrip().startswith(("{", "[")):
        data = json.loads(text)
        if isinstance(data, dict):
            return [row for value in data.values() for row in (value if isinstance(value, list) else [value])]
        return list(data) if isinstance(data, list) else [data]
    return list(csv.DictReader(text.splitlines()))


# ---------------------------------------------------------------- every other operation

_LIST_OPERATIONS_SCHEMA: Schema = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "words the operationId, method, path or summary contains"},
        "kind": {"type": "string", "enum": [READ, WRITE, DELETE], "description": "only reads, writes or deletes"},
        "limit": {"type": "integer", "minimum": 1, "maximum": 250, "description": "rows per answer (default 50)"},
        "bookmark": _BOOKMARK,
    },
    "additionalProperties": False,
}


def _list_operations(context: Context, arguments: dict[str, Any]) -> Any:
    words = str(arguments.get("query") or "").lower().split()
    rows = [
        {**operation.summary_row(), "allowed": context.policy.allows(operation.kind)}
        for operation in operations.catalog().values()
        if (not arguments.get("kind") or operation.kind == arguments["kind"])
        and all(word in " ".join(operation.summary_row().values()).lower() for word in words)
    ]
    start = int(arguments.get("bookmark") or 0) if str(arguments.get("bookmark") or "0").isdigit() else 0
    limit = int(arguments.get("limit") or 50)
    end = start + limit
    return {"items": rows[start:end], "total": len(rows), "bookmark": str(end) if end < len(rows) else None}


_OPERATION_ID: Schema = {"type": "string", "description": "an operationId from list_operations, e.g. boards/list"}


def _describe_operation(context: Context, arguments: dict[str, Any]) -> Any:
    operation = operations.find(arguments["operation_id"])
    row = operation.summary_row()
    return {**row, "allowed": context.policy.allows(operation.kind), "arguments": operation.schema()}


def _call_operation(context: Context, arguments: dict[str, Any]) -> Any:
    operation = operations.find(arguments["operation_id"])
    context.policy.require(operation.kind, operation.operation_id)
    given = dict(arguments.get("arguments") or {})
    schema = operation.schema()
    schemas.check(schema, given, operation.operation_id)
    return call_facade(context.client, operation.operation_id, schemas.coerce(schema, given))


def _fixed(schema: Schema) -> Callable[[], Schema]:
    return lambda: schema


def generic_tools() -> list[Tool]:
    return [
        Tool(
            "list_operations",
            "List the Pinterest v5 operations call_operation reaches (266), filtered by words or kind; "
            "each row says whether this server allows it.",
            READ,
            _fixed(_LIST_OPERATIONS_SCHEMA),
            _list_operations,
        ),
        Tool(
            "describe_operation",
            "The JSON schema of one operation's arguments, for call_operation.",
            READ,
            _fixed(
                {
                    "type": "object",
                    "properties": {"operation_id": _OPERATION_ID},
                    "required": ["operation_id"],
                    "additionalProperties": False,
                }
            ),
            _describe_operation,
        ),
        Tool(
            "call_operation",
            "Call any Pinterest v5 operation by its operationId with its arguments (describe_operation gives them); "
            "the arguments are checked before anything is sent, and writes and deletes need the server's flags. "
            "A listing answers one page: pass its bookmark back for the next.",
            READ,  # the operation's own kind is checked in the call
            _fixed(
                {
                    "type": "object",
                    "properties": {
                        "operation_id": _OPERATION_ID,
                        "arguments": {"type": "object", "description": "the operation's arguments by name"},
                    },
                    "required": ["operation_id"],
                    "additionalProperties": False,
                }
            ),
            _call_operation,
        ),
    ]


@dataclass
class Toolbox:
    """Every tool by name, built once (the facade's resources are imported on first use)."""

    tools: dict[str, Tool] = field(default_factory=dict)

    @classmethod
    def build(cls) -> Toolbox:
        return cls({tool.name: tool for tool in [*curated_tools(), *generic_tools()]})


def curated_tools() -> list[Tool]:
    """The curated tools, in the order an agent is shown them."""
    return [
        curated("get_user_account", "user_account/get", "The authenticated user's account: username, type, counts"),
        curated("list_boards", "boards/list", "The user's boards, a page at a time"),
        curated("get_board", "boards/get", "One board by id"),
        curated("create_board", "boards/create", "Create a board (needs --allow-writes)"),
        curated(
            "update_board", "boards/update", "Change a board's name, description or privacy (needs --allow-writes)"
        ),
        curated("delete_board", "boards/delete", "Delete a board and its pins (needs --allow-writes --allow-deletes)"),
        curated("list_board_sections", "board_sections/list", "The sections of a board"),
        curated("create_board_section", "board_sections/create", "Create a section in a board (needs --allow-writes)"),
        curated("list_board_pins", "boards/list_pins", "The pins on a board"),
        curated("list_pins", "pins/list", "The user's pins, a page at a time"),
        curated("get_pin", "pins/get", "One pin by id"),
        Tool(
            "create_pin",
            "Create a pin on a board from an image URL (needs --allow-writes) (POST /pins)",
            WRITE,
            _create_pin_schema,
            _create_pin,
        ),
        curated(
            "update_pin",
            "pins/update",
            "Change a pin's title, description, link, alt text or board (needs --allow-writes)",
        ),
        curated("save_pin", "pins/save", "Save a pin to one of the user's boards or sections (needs --allow-writes)"),
        curated("delete_pin", "pins/delete", "Delete a pin (needs --allow-writes --allow-deletes)"),
        curated("search_my_pins", "search_user_pins/list", "Search the user's own pins by words"),
        curated("search_my_boards", "search_user_boards/get", "Search the user's own boards by words"),
        curated("get_pin_analytics", "pins/analytics", "A pin's metrics per day between two dates (YYYY-MM-DD)"),
        curated("get_account_analytics", "user_account/analytics", "The account's metrics between two dates"),
        curated("list_ad_accounts", "ad_accounts/list", "The ad accounts the user can see"),
        curated("get_ad_account", "ad_accounts/get", "One ad account by id"),
        curated("list_campaigns", "campaigns/list", "The campaigns of an ad account"),
        curated("get_campaign", "campaigns/get", "One campaign"),
        curated("list_ad_groups", "ad_groups/list", "The ad groups of an ad account"),
        curated("get_ad_group", "ad_groups/get", "One ad group"),
        curated("list_ads", "ads/list", "The ads of an ad account"),
        curated("get_ad", "ads/get", "One ad"),
        curated("get_ad_account_analytics", "ad_account/analytics", "An ad account's metrics (columns) per day"),
        Tool(
            "run_ads_report",
            "Request an asynchronous ads report, wait for it, save it to a file and return its first rows and the "
            "file's path; it only reads data, so it needs no flag (POST then GET /ad_accounts/{ad_account_id}/reports)",
            READ,
            _report_schema,
            _run_report,
        ),
    ]
