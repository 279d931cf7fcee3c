"""Words for every parameter an agent is shown: what it is and where to get its value.

The facade's signatures carry types, not descriptions, and Pinterest's description says
little about path parameters (``ad_account_id`` has none). The names below are those the
tools use; :func:`describe` falls back on rules for the rest (an ``*_id`` is the id of the
thing it names, a ``*_ids`` a list of them) so that ``describe_operation`` describes every
argument of every operation too.
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.mcp_server.schemas import Schema

# Where an agent finds an id: the tool (or operation) that lists the things it names.
_WHERE = {
    "ad_account": "list_ad_accounts",
    "board": "list_boards",
    "pin": "list_pins or list_board_pins",
    "board_section": "list_board_sections",
    "section": "list_board_sections",
    "campaign": "list_campaigns",
    "ad_group": "list_ad_groups",
    "ad": "list_ads",
    "catalog": "list_catalogs",
    "feed": "list_catalog_feeds",
    "product_group": "catalogs_product_groups/list",
    "audience": "audiences/list",
    "customer_list": "customer_lists/list",
    "business": "user_account/businesses",
}

NAMES: dict[str, str] = {
    "ad_account_id": "The id (digits) of an ad account the user owns or was given access to; "
    "list_ad_accounts gives them. On organic tools it acts on behalf of that business account.",
    "board_id": "A board's id (digits), from list_boards.",
    "pin_id": "A pin's id (digits), from list_pins.",
    "board_section_id": "A board section's id, from list_board_sections.",
    "limit": "Items per answer, 1 to 250 (default 25).",
    "bookmark": "The previous answer's bookmark, to go on; none for the first page.",
    "name": "The name, as the user will see it.",
    "description": "A description, as the user will see it.",
    "title": "The pin's title.",
    "link": "The address (https) the pin leads to when clicked.",
    "alt_text": "Text describing the image, for people using screen readers.",
    "privacy": "Who can see the board.",
    "query": "Words to search for.",
    "start_date": "The first day, as YYYY-MM-DD (Pinterest keeps 90 days of metrics).",
    "end_date": "The last day, as YYYY-MM-DD (not in the future).",
    "metric_types": "Which metrics to answer.",
    "columns": "Which metrics (columns) to answer, e.g. SPEND_IN_DOLLAR, IMPRESSION_1, CLICKTHROUGH_1.",
    "granularity": "The period of each row: TOTAL, DAY, HOUR, WEEK or MONTH.",
    "level": "What each row is about: ADVERTISER, CAMPAIGN, AD_GROUP, AD, PIN_PROMOTION, ...",
    "pin_metrics": "Whether to include the pins' metrics.",
    "creative_types": "Only pins of these creative types.",
    "entity_statuses": "Only those with these statuses.",
    "order": "Sort order by id: ASCENDING or DESCENDING.",
    "campaign_ids": "Only these campaigns (ids from list_campaigns).",
    "ad_group_ids": "Only these ad groups (ids from list_ad_groups).",
    "ad_ids": "Only these ads (ids from list_ads).",
    "app_types": "Only metrics from these apps: ALL, MOBILE, TABLET, WEB.",
    "split_field": "Split the metrics by this field (NO_SPLIT for none).",
    "image_url": "The address (https) of the pin's image; Pinterest fetches it.",
    "wait_seconds": "How long to wait for the report, in seconds (1 to 900, default 300).",
    "max_rows": "How many of the report's rows to answer (default 50); the file holds them all.",
    "report_format": "The report file's format: JSON or CSV.",
    "operation_id": "An operationId from list_operations, e.g. boards/list.",
    "arguments": "The operation's arguments by name, as describe_operation gives them.",
    "kind": "Only operations of this effect: read, write, delete or spend.",
    "include_shared_accounts": "Whether to include ad accounts others shared with the user.",
    "pin_filter": "Only some of the user's pins, e.g. exclude_native or has_been_promoted.",
    "include_protected_pins": "Whether to include pins on the user's secret boards.",
    "pin_type": "Only pins of this type (PRIVATE for pins on secret boards).",
    "translate_interests_to_names": "Whether to answer interest names instead of ids.",
    "path": "A file under the server's upload folder, relative to it.",
    "paths": "Files under the server's upload folder, relative to it, in the carousel's order (2 to 5).",
    "max_bytes": "The most bytes of the image to answer.",
    "body": "The whole request body as one object, instead of its fields one by one.",
    "page_size": "How many items per page (1 to 250).",
}

_ABOUT_KEYS = ("description",)


def describe(name: str, schema: Schema | None = None) -> str:
    """The description of a parameter called ``name`` (never empty)."""
    if name in NAMES:
        return NAMES[name]
    if name.endswith("_ids"):
        thing = name[: -len("_ids")]
        where = _WHERE.get(thing)
        return f"Ids of {thing.replace('_', ' ')}s" + (f" ({where} gives them)." if where else ".")
    if name.endswith("_id"):
        thing = name[: -len("_id")]
        where = _WHERE.get(thing)
        return f"The id of the {thing.replace('_', ' ')}" + (f"; {where} gives them." if where else ".")
    kind = (schema or {}).get("type")
    words = name.replace("_", " ")
    if kind == "boolean":
        return f"Whether {words} (true or false)."
    if (schema or {}).get("format") == "date":
        return f"The {words}, as YYYY-MM-DD."
    return f"The {words}" + (f" ({kind})." if isinstance(kind, str) else ".")


def with_descriptions(schema: Schema) -> Schema:
    """``schema`` with a description on every property that has none."""
    properties: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        properties[name] = spec if spec.get("description") else {**spec, "description": describe(name, spec)}
    return {**schema, "properties": properties}


def shortened(schema: Schema, operation: str, longest: int = 8) -> Schema:
    """``schema`` with every enum longer than ``longest`` cut to its first values and a pointer to the rest.

    A tool list is read whole by the agent at every turn; ``run_ads_report``'s 700 columns
    alone would be 22,000 characters of it. The full list stays in ``describe_operation`` and
    in the check of the arguments, so a value left out of the short list is still accepted.
    """
    properties: dict[str, Any] = {}
    for name, spec in schema.get("properties", {}).items():
        properties[name] = _short(spec, operation, longest)
    return {**schema, "properties": properties}


def _short(spec: Schema, operation: str, longest: int) -> Schema:
    if "items" in spec and isinstance(spec["items"], dict):
        inner = _short(spec["items"], operation, longest)
        if inner is not spec["items"]:
            note = inner.pop("x-note", "")
            return {**spec, "items": inner, "description": f"{spec.get('description', '')} {note}".strip()}
    values = spec.get("enum")
    if not isinstance(values, list) or len(values) <= longest:
        return spec
    shown = ", ".join(map(str, values[:5]))
    note = f"One of {len(values)}: {shown}, ... (describe_operation {operation} lists all)."
    short = {key: value for key, value in spec.items() if key != "enum"}
    if "items" in spec or "description" in spec:
        short["description"] = f"{spec.get('description', '')} {note}".strip()
    else:
        short["x-note"] = note
    return short
