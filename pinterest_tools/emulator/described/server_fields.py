"""The fields Pinterest sets on stored objects of the description-driven families, from state.

A created object keeps what the caller sent (``engine``); these are the fields the
response declares read-only that Pinterest fills itself, worked out from what the
emulator holds rather than made up:

- every family: the defaults the create request's schema documents for the fields the
  request left out (a feed's ``status`` ``ACTIVE``, a product group's ``is_featured``
  ``false``), as Pinterest applies them, rather than a value picked at random (``defaulted``).
- audiences: ``created_timestamp`` and ``updated_timestamp`` from the emulator's clock,
  ``type`` ``audience``; an audience built on customer lists (``rule.customer_list_id``
  or ``customer_list_ids``) has the lists' records as its ``size`` and is ``READY``, or
  ``TOO_SMALL`` under 100 people (Pinterest's minimum for an audience to be targeted);
  an audience of any other kind (visitors, engagement, act-alike) has no size the
  emulator could know, so ``size`` is null and its status ``READY``.
- conversion tags: ``status`` ``ACTIVE``; ``configs``, the description's defaults of
  ``ConversionTagConfigs`` overlaid with the ``aem_*`` and ``md_frequency`` settings sent
  at creation (the create request has them at the top level, the answer under
  ``configs``); ``code_snippet``, Pinterest's base tag code loading this tag's id.
- every family: the creation and update times its answer declares (``created_at``,
  ``created_time``, ``created_timestamp``, ``creation_time``, ``updated_*``, ``last_updated_time``) from the
  emulator's clock when the object is created, the update times again on every update, in
  the form the answer's schema gives (a ``date-time`` string, or epoch seconds for an
  integer), rather than a time made up years before the clock (``stamped``).
- product groups: ``type`` ``MERCHANT_CREATED`` (a group made through the API is the
  merchant's own; Pinterest's automatic groups are the other types) unless sent, and the
  ``catalog_id`` and ``catalog_type`` of the feed it is made from when the request named a
  feed, not a catalog (the vertical is the feed's, never one picked at random).
- campaign ad previews: ``uuid``, the preview's new id; ``user_id``, the caller; ``url``,
  Pinterest's preview page for that uuid; ``is_active`` true and ``expires_at`` a week after
  creation on the emulator's clock (Pinterest documents no lifetime; the emulator's choice).
- customer lists: ``created_time``/``updated_time`` from the clock; ``num_batches``,
  ``num_uploaded_user_records`` and ``num_removed_user_records`` count the batches and
  records of the create and of every update (``operation_type`` ``ADD`` or ``REMOVE``);
  ``type`` ``customerlist``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import schemas

AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"
CONVERSION_TAGS = "/ad_accounts/{ad_account_id}/conversion_tags"
CUSTOMER_LISTS = "/ad_accounts/{ad_account_id}/customer_lists"
CAMPAIGN_AD_PREVIEWS = "/ad_accounts/{ad_account_id}/campaign_ad_preview"
PREVIEW_URL = "https://ads.pinterest.com/web-ad-preview/{uuid}/"  # the description's form of a preview's page
PREVIEW_SECONDS = 7 * 24 * 3600
FEEDS = "/catalogs/feeds"
PRODUCT_GROUPS = "/catalogs/product_groups"
# Pinterest: an audience needs at least 100 people to be used for targeting.
MIN_AUDIENCE = 100
# Pinterest's base tag code (the snippet its Ads Manager gives for a tag), for one tag id.
BASE_CODE = (
    "<!-- Pinterest Tag -->\n<script>\n!function(e){{if(!window.pintrk){{window.pintrk = function () {{\n"
    "window.pintrk.queue.push(Array.prototype.slice.call(arguments))}};var\n"
    '  n=window.pintrk;n.queue=[],n.version="3.0";var\n'
    '  t=document.createElement("script");t.async=!0,t.src=e;var\n'
    '  r=document.getElementsByTagName("script")[0];\n'
    '  r.parentNode.insertBefore(t,r)}}}}("https://s.pinimg.com/ct/core.js");\n'
    "pintrk('load', '{tag_id}');\npintrk('page');\n</script>\n<noscript>\n"
    '<img height="1" width="1" style="display:none;" alt=""\n'
    '  src="https://ct.pinterest.com/v3/?event=init&tid={tag_id}&noscript=1" />\n'
    "</noscript>\n<!-- end Pinterest Tag -->"
)

Json = dict[str, Any]
CREATED_TIMES = ("created_at", "created_time", "created_timestamp", "creation_time")
UPDATED_TIMES = ("updated_at", "updated_time", "updated_timestamp", "last_updated_time")


def _time_value(schema: Json, now: float) -> Any:
    """``now`` in the form a time field's schema takes, or None for a form that is not a time."""
    resolved = table().resolve(schema)
    members = [table().resolve(m) for m in resolved.get("allOf", ())] + [resolved]
    kinds = {m.get("type") for m in members} - {None}
    if "integer" in kinds or "number" in kinds:
        return int(now)
    if "string" in kinds:
        return dt.datetime.fromtimestamp(int(now), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _defaults(schema: Json, record: Json) -> Json:
    """The documented defaults of the properties of ``schema`` (of the alternatives ``record`` matches)."""
    resolved = table().resolve(schema)
    if resolved.get("type") == "array":
        return _defaults(resolved.get("items", {}), record)
    found: Json = {}
    members = resolved.get("oneOf", []) + resolved.get("anyOf", [])
    for member in resolved.get("allOf", []) + [m for m in members if schemas().problem(m, record, "request") is None]:
        found |= _defaults(member, record)
    for name, prop in resolved.get("properties", {}).items():
        parts = [prop, table().resolve(prop), *(table().resolve(m) for m in table().resolve(prop).get("allOf", ()))]
        default = next((part["default"] for part in parts if part.get("default") is not None), None)
        if default is not None:
            found[name] = default
    return found


def defaulted(request: Json | None, record: Json) -> Json:
    """``record`` with the create request's documented defaults for what it left out."""
    return record if request is None else _defaults(request, record) | record


def stamped(call: Call, resource: Resource, properties: dict[str, Any], *, created: bool) -> None:
    """Creation and update times from the clock, where the answer declares them (see above)."""
    now = call.clock.now()
    for name in CREATED_TIMES + UPDATED_TIMES if created else UPDATED_TIMES:
        if name not in properties or (created and name in resource.fields):
            continue
        if (value := _time_value(properties[name], now)) is not None:
            resource.fields[name] = value


def record_count(change: Json) -> int:
    """How many user records a customer list create or update carries (``records`` is
    comma-separated, ``records_v2`` a list of rows)."""
    text = change.get("records")
    rows = change.get("records_v2")
    count = len([r for r in text.split(",") if r.strip()]) if isinstance(text, str) else 0
    return count + (len(rows) if isinstance(rows, list) else 0)


def _config_defaults() -> Json:
    configs = table().resolve({"$ref": "ConversionTagConfigs"})
    return {name: prop["default"] for name, prop in configs.get("properties", {}).items() if "default" in prop}


def _audience_size(call: Call, resource: Resource) -> int | None:
    rule = resource.fields.get("rule")
    if not isinstance(rule, dict):
        return None
    named = rule.get("customer_list_ids")
    ids = [str(i) for i in named] if isinstance(named, list) else []
    if isinstance(rule.get("customer_list_id"), str):
        ids.append(rule["customer_list_id"])
    lists = [call.state.resources.get(i) for i in ids]
    found = [r for r in lists if r is not None and r.family == CUSTOMER_LISTS]
    if not found:
        return None
    return sum(
        int(r.fields.get("num_uploaded_user_records", 0)) - int(r.fields.get("num_removed_user_records", 0))
        for r in found
    )


def created(call: Call, family: str, resource: Resource) -> None:
    """Sets the fields Pinterest sets on a new object of ``family``."""
    now = int(call.clock.now())
    fields = resource.fields
    if family == AUDIENCES:
        fields |= {"created_timestamp": now, "updated_timestamp": now, "type": "audience"}
        refresh(call, family, resource)
    elif family == CONVERSION_TAGS:
        sent = {k: fields.pop(k) for k in list(fields) if k in _config_defaults()}
        fields |= {
            "status": "ACTIVE",
            "configs": _config_defaults() | {k: v for k, v in sent.items() if v is not None},
            "code_snippet": BASE_CODE.format(tag_id=resource.id),
        }
    elif family == CUSTOMER_LISTS:
        count = record_count(fields)
        fields |= {"created_time": now, "updated_time": now, "type": "customerlist"}
        fields |= {"num_batches": 1 if count else 0, "num_uploaded_user_records": count, "num_removed_user_records": 0}
        _drop_records(fields)
    elif family == CAMPAIGN_AD_PREVIEWS:
        fields |= {
            "uuid": resource.id,
            "user_id": int(call.user.id),
            "url": PREVIEW_URL.format(uuid=resource.id),
            "is_active": True,
            "expires_at": now + PREVIEW_SECONDS,
        }
    elif family == PRODUCT_GROUPS:
        fields.setdefault("type", "MERCHANT_CREATED")
        feed = call.state.resources.get(str(fields.get("feed_id")))
        if feed is not None and feed.family == FEEDS:
            inherited = ("catalog_id", "catalog_type")
            fields |= {k: feed.fields[k] for k in inherited if k in feed.fields and k not in fields}


def updated(call: Call, family: str, resource: Resource, change: Json) -> None:
    """Moves what an update changes beyond the fields sent (counters, update times)."""
    fields = resource.fields
    if family == AUDIENCES:
        fields["updated_timestamp"] = int(call.clock.now())
        refresh(call, family, resource)
    elif family == CUSTOMER_LISTS:
        count = record_count(change)
        counter = (
            "num_removed_user_records" if change.get("operation_type") == "REMOVE" else "num_uploaded_user_records"
        )
        fields[counter] = int(fields.get(counter, 0)) + count
        fields["num_batches"] = int(fields.get("num_batches", 0)) + (1 if count else 0)
        fields["updated_time"] = int(call.clock.now())
        _drop_records(fields)
        fields.pop("operation_type", None)


def refresh(call: Call, family: str, resource: Resource) -> None:
    """An audience's size and status from the customer lists it is built on, as they are now."""
    if family != AUDIENCES:
        return
    size = _audience_size(call, resource)
    resource.fields["size"] = size
    resource.fields["status"] = "TOO_SMALL" if size is not None and size < MIN_AUDIENCE else "READY"


def _drop_records(fields: Json) -> None:
    """The records themselves are not part of a customer list's answer (only their counts)."""
    fields.pop("records", None)
    fields.pop("records_v2", None)
