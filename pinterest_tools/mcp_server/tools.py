"""The tools an agent sees: curated ones over the facade, in toolsets, and three that reach every other operation.

A curated tool is one facade method with a name and a description written for an agent;
its schema is the method's (:mod:`~pinterest_tools.mcp_server.schemas`), with paging as
``limit`` (items per answer) and ``bookmark`` (from the previous answer), every parameter
described (:mod:`~pinterest_tools.mcp_server.descriptions`). Some tools need more than one
call or a different shape: ``create_pin`` (a pin from an image URL), ``run_ads_report``
(request an async report, wait for it, read its rows) and the generic
``list_operations``/``describe_operation``/``call_operation``.

Tools come in toolsets (``organic``, ``analytics``, ``ads``, ``catalogs``); the generic three
are always there. The default is ``organic`` and ``analytics``: the tool list is read whole
by the agent at every turn, so it stays short, and ``call_operation`` reaches the rest.

Every call is checked before anything is sent: the arguments against the schema, and the
operation's effects (:mod:`~pinterest_tools.mcp_server.effects`), on the arguments actually
given, against the server's :class:`~.safety.Policy`.
"""

from __future__ import annotations

import base64
import binascii
import csv
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pinterest_tools import filekind
from pinterest_tools.errors import UsageError
from pinterest_tools.mcp_server import descriptions, effects, media, operations, schemas
from pinterest_tools.mcp_server.effects import DELETE, EFFECTS, READ, SPEND, WRITE, Effect
from pinterest_tools.mcp_server.safety import Listing, Noted, Policy, to_json
from pinterest_tools.paging import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from pinterest_tools.mcp_server.schemas import Schema
    from pinterest_tools.rest import Pinterest

DEFAULT_LIMIT = 25
TOOLSETS = ("organic", "analytics", "ads", "catalogs")
DEFAULT_TOOLSETS = ("organic", "analytics")
GENERIC = "generic"
_PAGING = frozenset({"bookmark", "page_size"})
_LIMIT: Schema = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
_BOOKMARK: Schema = {"type": "string"}
_CURSOR = "mcp1."  # a bookmark of the server's own: a page of Pinterest's, and how many of its items were shown


@dataclass(frozen=True)
class Context:
    """What a tool call runs with: the client, the policy, and the folders of report files and uploads."""

    client: Pinterest
    policy: Policy
    report_dir: Path
    upload_dir: Path | None = None


Runner = Callable[[Context, dict[str, Any]], Any]


@dataclass(frozen=True)
class Tool:
    """One tool: its name, description, input schema, effect, toolset, and what it runs.

    ``operation_id`` is the operation whose reviewed effect and ``delete_when`` values apply
    to the call's arguments; ``own`` marks answers of the server's own (not Pinterest's data).
    """

    name: str
    description: str
    effect: Effect
    schema: Callable[[], Schema]
    run: Runner
    what: str = ""  # the operation named in errors (defaults to the tool's name)
    toolset: str = GENERIC
    operation_id: str | None = None
    idempotent: bool = False
    own: bool = False
    http_method: str = ""
    publishes_pin: bool = False  # the user confirms each pin (Pinterest's developer guidelines)
    validate: Callable[[Context, dict[str, Any]], None] | None = None  # more checks before anything is asked or sent

    def listed_schema(self) -> Schema:
        """The schema shown in tools/list: described, long enums shortened (the check uses the full one)."""
        where = self.operation_id or self.name
        return descriptions.shortened(descriptions.with_descriptions(self.schema()), where)

    def check(self, context: Context, arguments: Mapping[str, Any]) -> dict[str, Any]:
        """The arguments as the run takes them, once the policy, the schema and ``validate`` agree; nothing is sent."""
        early = effects.of_call(self.operation_id, arguments) if self.operation_id else {self.effect}
        context.policy.require({self.effect, *early}, self.what or self.name)
        schema = self.schema()
        arguments = schemas.normalize(schema, arguments)
        schemas.check(schema, arguments, self.name)
        coerced = schemas.coerce(schema, arguments)
        if self.operation_id is not None:
            context.policy.require(effects.of_call(self.operation_id, coerced), self.what or self.name)
        if self.validate is not None:
            self.validate(context, coerced)
        return coerced

    def call(self, context: Context, arguments: Mapping[str, Any]) -> Any:
        """Check (:meth:`check`), then run; the result as JSON values (or a :class:`Listing`, an :class:`Image`)."""
        return self.run(context, self.check(context, arguments))


def _is_paged(schema: Schema) -> bool:
    return "bookmark" in schema.get("properties", {})


def facade_schema(
    operation_id: str,
    keep: frozenset[str] | None = None,
    required: Sequence[str] = (),
    drop: frozenset[str] = frozenset(),
) -> Schema:
    """The schema of an operation's facade method (only ``keep``, if given), paging as ``limit``/``bookmark``.

    ``required`` adds body fields the facade takes as keywords with a default (its ``body``
    alternative makes them optional there) but Pinterest requires, so an agent sees them.
    """
    schema = operations.find(operation_id).schema()
    properties = {
        name: spec
        for name, spec in schema["properties"].items()
        if (keep is None or name in keep) and name not in _PAGING and name not in drop
    }
    if _is_paged(schema):
        properties |= {"limit": _LIMIT, "bookmark": _BOOKMARK}
    needed = [name for name in [*schema.get("required", ()), *required] if name in properties]
    return {**schema, "properties": properties, "required": list(dict.fromkeys(needed))}


# ---------------------------------------------------------------- bookmarks that never skip an item


def encode_cursor(api_bookmark: str | None, skip: int, page_size: int | None) -> str:
    """A bookmark of the server's own: re-read the page ``api_bookmark`` opened (of ``page_size``), skip ``skip``."""
    data = json.dumps({"b": api_bookmark, "s": skip, "n": page_size}, separators=(",", ":"))
    return _CURSOR + base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def decode_cursor(bookmark: str | None) -> tuple[str | None, int, int | None]:
    """``(api_bookmark, skip, page_size)`` of a bookmark: one of Pinterest's is ``(it, 0, None)``."""
    if not bookmark or not bookmark.startswith(_CURSOR):
        return bookmark or None, 0, None
    raw = bookmark[len(_CURSOR) :]
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
        api, skip, size = data["b"], data["s"], data["n"]
        if not (api is None or isinstance(api, str)) or not isinstance(skip, int) or skip < 0:
            raise ValueError
        if size is not None and not (isinstance(size, int) and 0 < size <= MAX_PAGE_SIZE):
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise UsageError(
            "bookmark: not a bookmark this server gave", hint="pass back the bookmark of the previous answer as it was"
        ) from None
    return api, skip, size


def call_facade(client: Pinterest, operation_id: str, arguments: dict[str, Any], *, limit: int | None = None) -> Any:
    """Call an operation's facade method; a listing answers one page as a :class:`Listing`.

    ``limit``: the items per answer of a curated listing (its page size where the method
    takes one); None for ``call_operation``, whose arguments are the method's own. When an
    answer shows fewer items than the page had (the limit, or trimmed to ``--max-chars``),
    its bookmark is one of the server's own that reads the same page again and skips what
    was shown, so no item is ever left out.
    """
    from pinterest_tools.paging import Paginator

    operation = operations.find(operation_id)
    takes_page_size = "page_size" in operation.schema()["properties"]
    api_bookmark, skip, cursor_size = decode_cursor(arguments.pop("bookmark", None))
    if api_bookmark is not None:
        arguments["bookmark"] = api_bookmark
    page_size = cursor_size or (limit if limit is not None else arguments.get("page_size"))
    if takes_page_size and page_size is not None:
        arguments["page_size"] = page_size
    result = operation.bound(client)(**arguments)
    if not isinstance(result, Paginator):
        return to_json(result)
    page = result.first_page()
    items = to_json(page.items[skip:])
    cut = DEFAULT_LIMIT if limit is None and not takes_page_size else limit
    size = page_size if takes_page_size else None
    if cut is not None and len(items) > cut:
        return Listing(
            items[:cut],
            encode_cursor(api_bookmark, skip + cut, size),
            lambda n: encode_cursor(api_bookmark, skip + n, size),
        )
    return Listing(items, page.bookmark, lambda n: encode_cursor(api_bookmark, skip + n, size))


def curated(
    name: str,
    operation_id: str,
    description: str,
    toolset: str,
    *,
    keep: frozenset[str] | None = None,
    required: Sequence[str] = (),
    drop: frozenset[str] = frozenset({"ad_account_id", "body"}),
) -> Tool:
    """A tool that is one facade method, its effect that of the operation.

    ``drop``: by default the organic tools leave out ``ad_account_id`` (acting for a business
    account; call_operation has it) and ``body`` (the fields are there one by one).
    """
    operation = operations.find(operation_id)
    effect = effects.entry(operation_id).effect
    flags = {WRITE: " (needs --allow-writes)", DELETE: " (needs --allow-deletes)", SPEND: " (needs --allow-spend)"}

    def run(context: Context, arguments: dict[str, Any]) -> Any:
        limit = arguments.pop("limit", DEFAULT_LIMIT) if _is_paged(operation.schema()) else None
        return call_facade(context.client, operation_id, arguments, limit=limit)

    return Tool(
        name,
        f"{description}{flags.get(effect, '')}.",
        effect,
        lambda: facade_schema(operation_id, keep, required, drop),
        run,
        what=name,
        toolset=toolset,
        operation_id=operation_id,
        idempotent=operation.http_method in ("GET", "PUT", "PATCH", "DELETE"),
        http_method=operation.http_method,
    )


# ---------------------------------------------------------------- tools that are more than one call

_PIN_FIELDS = frozenset({"board_id", "board_section_id", "title", "description", "link", "alt_text"})


def _create_pin_schema() -> Schema:
    schema = facade_schema("pins/create", _PIN_FIELDS)
    schema["properties"]["image_url"] = {"type": "string"}
    schema["required"] = ["board_id", "image_url"]
    return schema


def _create_pin(context: Context, arguments: dict[str, Any]) -> Any:
    url = str(arguments.pop("image_url"))
    if not url.startswith(("https://", "http://")):
        raise UsageError("image_url: not an http(s) address", hint="give the image's https address")
    media_source = {"source_type": "image_url", "url": url}
    return to_json(context.client.pins.create(media_source=media_source, **arguments))


_MEDIA_PIN_FIELDS = frozenset({"board_id", "board_section_id", "title", "description", "link"})
PUBLISHING = frozenset({"pins/create", "pins/save"})  # what call_operation publishes, confirmed like the tools


@dataclass(frozen=True)
class Image:
    """A tool's answer that is an image: the agent gets it as an MCP image block, with ``about`` as JSON."""

    content_type: str
    data: bytes
    about: dict[str, Any]


def _media_schema(extra: dict[str, Schema], required: list[str], keep: frozenset[str] = _MEDIA_PIN_FIELDS) -> Schema:
    schema = facade_schema("pins/create", keep)
    schema["properties"] |= extra
    schema["required"] = required
    return schema


def _create_image_pin(context: Context, arguments: dict[str, Any]) -> Any:
    kind, data = media.read_image(context.upload_dir, str(arguments.pop("path")))
    return to_json(context.client.pins.create(media_source=media.image_source(kind, data), **arguments))


def _create_carousel_pin(context: Context, arguments: dict[str, Any]) -> Any:
    paths = [str(name) for name in arguments.pop("paths")]
    low, high = media.CAROUSEL_IMAGES
    if not low <= len(paths) <= high:
        raise UsageError(f"paths: a carousel has {low} to {high} images, not {len(paths)}")
    images = [media.read_image(context.upload_dir, name, f"paths[{i}]") for i, name in enumerate(paths)]
    return to_json(context.client.pins.create(media_source=media.carousel_source(images), **arguments))


def _create_video_pin(context: Context, arguments: dict[str, Any]) -> Any:
    path = media.video_file(context.upload_dir, str(arguments.pop("path")))
    board_id = arguments.pop("board_id")
    return to_json(context.client.create_video_pin(board_id, path, **arguments))


def _get_pin_image(context: Context, arguments: dict[str, Any]) -> Any:
    pin = to_json(context.client.pins.get(arguments["pin_id"]))
    url = media.pin_image_url(pin)
    kind, data = media.fetch_image(url)
    return Image(kind, data, {"pin_id": pin.get("id"), "title": pin.get("title"), "image_url": url})


def _check_image(context: Context, arguments: dict[str, Any]) -> None:
    media.read_image(context.upload_dir, str(arguments.get("path")))


def _check_video(context: Context, arguments: dict[str, Any]) -> None:
    media.video_file(context.upload_dir, str(arguments.get("path")))


def _check_carousel(context: Context, arguments: dict[str, Any]) -> None:
    paths = [str(name) for name in arguments.get("paths") or []]
    low, high = media.CAROUSEL_IMAGES
    if not low <= len(paths) <= high:
        raise UsageError(f"paths: a carousel has {low} to {high} images, not {len(paths)}")
    for i, name in enumerate(paths):
        media.read_image(context.upload_dir, name, f"paths[{i}]")


def media_tools() -> list[Tool]:
    """The tools that read the user's files: offered only when the server has an upload folder."""
    path: Schema = {"type": "string"}
    return [
        Tool(
            "create_image_pin",
            "Create a pin from an image file in the server's upload folder (needs --allow-writes; the user "
            "confirms each pin).",
            WRITE,
            lambda: _media_schema({"path": path, "alt_text": {"type": "string"}}, ["board_id", "path"]),
            _create_image_pin,
            toolset="organic",
            operation_id="pins/create",
            publishes_pin=True,
            validate=_check_image,
        ),
        Tool(
            "create_video_pin",
            "Create a pin from a video file in the server's upload folder: uploads it and waits for Pinterest "
            "to process it (needs --allow-writes; the user confirms each pin).",
            WRITE,
            lambda: _media_schema({"path": path, "cover_image_url": {"type": "string"}}, ["board_id", "path"]),
            _create_video_pin,
            toolset="organic",
            operation_id="pins/create",
            publishes_pin=True,
            validate=_check_video,
        ),
        Tool(
            "create_carousel_pin",
            "Create a carousel pin from 2 to 5 image files in the server's upload folder (needs --allow-writes; "
            "the user confirms each pin).",
            WRITE,
            lambda: _media_schema(
                {"paths": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 5}},
                ["board_id", "paths"],
            ),
            _create_carousel_pin,
            toolset="organic",
            operation_id="pins/create",
            publishes_pin=True,
            validate=_check_carousel,
        ),
    ]


MAX_WAIT_SECONDS = 900
_REPORT_OWN: Schema = {
    "wait_seconds": {"type": "number", "minimum": 1, "maximum": MAX_WAIT_SECONDS},
    "max_rows": {"type": "integer", "minimum": 1, "maximum": 1000},
}
_ACCOUNT_ID = re.compile(r"^\d{1,30}$")


def _report_schema() -> Schema:
    schema = facade_schema("analytics/create_report", drop=frozenset({"body"}))
    schema["properties"] |= _REPORT_OWN
    schema["required"] = ["ad_account_id", "start_date", "end_date", "granularity", "level", "columns"]
    return schema


def _run_report(context: Context, arguments: dict[str, Any]) -> Any:
    """Every argument is checked before a file is made; the file is named by the server and removed on failure."""
    import os
    import tempfile

    wait = float(arguments.pop("wait_seconds", None) or 300)
    max_rows = int(arguments.pop("max_rows", None) or 50)
    ad_account_id = str(arguments.pop("ad_account_id"))
    if not _ACCOUNT_ID.match(ad_account_id):
        raise UsageError("ad_account_id: an ad account id is digits only", hint="list_ad_accounts gives them")
    suffix = ".csv" if str(arguments.get("report_format", "JSON")).upper() == "CSV" else ".json"
    context.report_dir.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix="ads-report-", suffix=suffix, dir=context.report_dir)
    os.close(handle)
    target = Path(name)
    try:
        path = context.client.download_report(ad_account_id, arguments, target, timeout=wait)
        rows = read_rows(path)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
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
        "query": {"type": "string"},
        "kind": {"type": "string", "enum": list(EFFECTS)},
        "limit": {"type": "integer", "minimum": 1, "maximum": 250},
        "bookmark": {"type": "string"},
    },
    "additionalProperties": False,
}


def _row(operation: operations.Operation, policy: Policy) -> dict[str, Any]:
    return {**operation.summary_row(), "allowed": policy.allows(operation.kind)}


def _list_operations(context: Context, arguments: dict[str, Any]) -> Any:
    words = str(arguments.get("query") or "").lower().split()
    rows = [
        _row(operation, context.policy)
        for operation in operations.catalog().values()
        if (not arguments.get("kind") or operation.kind == arguments["kind"])
        and all(word in " ".join(operation.summary_row().values()).lower() for word in words)
    ]
    bookmark = str(arguments.get("bookmark") or "0")
    if not re.fullmatch(r"[0-9]{1,6}", bookmark):  # str.isdigit() takes "²", which int() refuses
        raise UsageError("bookmark: not a bookmark list_operations gave", hint="leave it out for the first page")
    start = int(bookmark)
    end = start + int(arguments.get("limit") or 50)
    return Listing(
        rows[start:end],
        str(end) if end < len(rows) else None,
        lambda shown: str(start + shown),
        extra={"total": len(rows)},
        own=True,
    )


_OPERATION_ID: Schema = {"type": "string"}


def _describe_operation(context: Context, arguments: dict[str, Any]) -> Any:
    operation = operations.find(arguments["operation_id"])
    row = _row(operation, context.policy)
    entry = effects.entry(operation.operation_id)
    described = descriptions.with_descriptions(operation.schema())
    described.setdefault("required", [])
    answer = {**row, "effect_reason": entry.reason, "arguments": described}
    if deprecated := operations.deprecated_name(arguments["operation_id"]):
        answer["deprecated"] = deprecated
    if entry.delete_when:
        answer["delete_when"] = {key: list(values) for key, values in entry.delete_when.items()}
    return answer


def _call_operation(context: Context, arguments: dict[str, Any]) -> Any:
    operation = operations.find(arguments["operation_id"])
    given = dict(arguments.get("arguments") or {})
    context.policy.require(effects.of_call(operation.operation_id, given), operation.operation_id)
    schema = operation.schema()
    given = schemas.normalize(schema, given)
    schemas.check(schema, given, operation.operation_id)
    coerced = schemas.coerce(schema, given)
    context.policy.require(effects.of_call(operation.operation_id, coerced), operation.operation_id)
    answer = call_facade(context.client, operation.operation_id, coerced)
    deprecated = operations.deprecated_name(arguments["operation_id"])
    return Noted(answer, {"deprecated": deprecated}) if deprecated else answer


def _fixed(schema: Schema) -> Callable[[], Schema]:
    return lambda: schema


def call_operation_effect(policy: Policy) -> Effect:
    """What ``call_operation`` can do under ``policy``: its annotations say that, not what it usually does."""
    if policy.allows(DELETE):
        return DELETE
    if policy.allows(SPEND):
        return SPEND
    return WRITE if policy.allows(WRITE) else READ


def generic_tools(policy: Policy | None = None) -> list[Tool]:
    total = len(operations.catalog())
    return [
        Tool(
            "list_operations",
            f"List the {total} Pinterest v5 operations call_operation reaches, filtered by words or effect "
            "(read, write, delete, spend); each row says whether this server allows it.",
            READ,
            _fixed(_LIST_OPERATIONS_SCHEMA),
            _list_operations,
            idempotent=True,
            own=True,
        ),
        Tool(
            "describe_operation",
            "One operation's arguments (JSON schema with descriptions and required ones), effect and why, "
            "for call_operation.",
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
            idempotent=True,
            own=True,
        ),
        Tool(
            "call_operation",
            "Call any Pinterest v5 operation by its operationId with its arguments (describe_operation gives them); "
            "they are checked before anything is sent, and writes, deletes and spending need the server's flags. "
            "A listing answers one page: pass its bookmark back for the next.",
            call_operation_effect(policy or Policy()),  # the operation's own effects are checked in the call
            _fixed(
                {
                    "type": "object",
                    "properties": {
                        "operation_id": _OPERATION_ID,
                        "arguments": {"type": "object"},
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
    """The tools of the chosen toolsets by name, built once (the facade's resources are imported on first use)."""

    tools: dict[str, Tool] = field(default_factory=dict)

    @classmethod
    def build(
        cls, toolsets: Sequence[str] = DEFAULT_TOOLSETS, policy: Policy | None = None, *, uploads: bool = False
    ) -> Toolbox:
        chosen = set(TOOLSETS) if "all" in toolsets else set(toolsets)
        unknown = chosen - set(TOOLSETS)
        if unknown:
            raise UsageError(f"no toolset {', '.join(sorted(unknown))}", hint=f"toolsets: {', '.join(TOOLSETS)}, all")
        offered = [*curated_tools(), *(media_tools() if uploads else [])]
        picked = [tool for tool in offered if tool.toolset in chosen]
        return cls({tool.name: tool for tool in [*picked, *generic_tools(policy)]})


# Left out of the organic pin tools to keep the tool list short; call_operation takes them.
_LEAN = frozenset({"ad_account_id", "body", "creative_types", "pin_metrics"})


def curated_tools() -> list[Tool]:
    """The curated tools of every toolset, in the order an agent is shown them."""
    organic, analytics, ads, catalogs = TOOLSETS
    return [
        curated("get_user_account", "user_account/get", "The user's account: username, type, counts", organic),
        curated("list_boards", "boards/list", "The user's boards, a page at a time", organic),
        curated("get_board", "boards/get", "One board by id", organic),
        curated("create_board", "boards/create", "Create a board", organic, required=["name"]),
        curated("update_board", "boards/update", "Change a board's name, description or privacy", organic),
        curated("delete_board", "boards/delete", "Delete a board and its pins, for good", organic),
        curated("list_board_sections", "board_sections/list", "The sections of a board", organic),
        curated(
            "create_board_section", "board_sections/create", "Create a section in a board", organic, required=["name"]
        ),
        curated("list_board_pins", "boards/list_pins", "The pins on a board", organic, drop=_LEAN),
        curated("list_pins", "pins/list", "The user's pins, a page at a time", organic, drop=_LEAN),
        curated("get_pin", "pins/get", "One pin by id", organic, drop=_LEAN),
        Tool(
            "create_pin",
            "Create a pin on a board from an image's https address (needs --allow-writes).",
            WRITE,
            _create_pin_schema,
            _create_pin,
            toolset=organic,
            operation_id="pins/create",
            publishes_pin=True,
        ),
        Tool(
            "get_pin_image",
            "A pin's image, to look at (an image block of at most 2 MB).",
            READ,
            lambda: facade_schema("pins/get", frozenset({"pin_id"})),
            _get_pin_image,
            toolset=organic,
            operation_id="pins/get",
            idempotent=True,
        ),
        curated(
            "update_pin",
            "pins/update",
            "Change a pin's title, description, link, alt text or board",
            organic,
            keep=_PIN_FIELDS | {"pin_id"},
        ),
        replace(
            curated("save_pin", "pins/save", "Save a pin to one of the user's boards or sections", organic),
            publishes_pin=True,
        ),
        curated("delete_pin", "pins/delete", "Delete a pin, for good", organic),
        curated("search_my_pins", "search_user_pins/list", "Search the user's own pins by words", organic),
        curated("search_my_boards", "search_user_boards/get", "Search the user's own boards by words", organic),
        curated("get_pin_analytics", "pins/analytics", "A pin's metrics per day between two dates", analytics),
        curated(
            "get_account_analytics",
            "user_account/analytics",
            "The account's metrics between two dates (call_operation user_account/analytics has more filters)",
            analytics,
            keep=frozenset({"start_date", "end_date", "metric_types", "split_field", "app_types"}),
        ),
        curated("list_ad_accounts", "ad_accounts/list", "The ad accounts the user can see", ads),
        curated("get_ad_account", "ad_accounts/get", "One ad account by id", ads, drop=frozenset()),
        curated("list_campaigns", "campaigns/list", "The campaigns of an ad account", ads, drop=frozenset()),
        curated("get_campaign", "campaigns/get", "One campaign", ads, drop=frozenset()),
        curated("list_ad_groups", "ad_groups/list", "The ad groups of an ad account", ads, drop=frozenset()),
        curated("get_ad_group", "ad_groups/get", "One ad group", ads, drop=frozenset()),
        curated("list_ads", "ads/list", "The ads of an ad account", ads, drop=frozenset()),
        curated("get_ad", "ads/get", "One ad", ads, drop=frozenset()),
        curated(
            "get_ad_account_analytics",
            "ad_account/analytics",
            "An ad account's metrics (columns) per day",
            ads,
            drop=frozenset(),
        ),
        Tool(
            "run_ads_report",
            "Request an asynchronous ads report, wait for it, save it to a file and answer its first rows and the "
            "file's path; it only reads data, so it needs no flag.",
            READ,
            _report_schema,
            _run_report,
            toolset=ads,
            operation_id="analytics/create_report",
        ),
        curated("list_catalogs", "catalogs/list", "The user's shopping catalogs", catalogs),
        curated("list_catalog_feeds", "feeds/list", "The feeds that fill the catalogs", catalogs),
        curated("list_product_groups", "catalogs_product_groups/list", "The product groups of a catalog", catalogs),
        curated(
            "list_catalog_items",
            "items/post",
            "Catalog items by their item ids (a read, sent as POST)",
            catalogs,
            required=["country", "language", "filters"],
        ),
    ]
