"""The fields Pinterest sets on stored objects of the description-driven families, from state.

A created object keeps what the caller sent (``engine``); these are the fields the
response declares read-only that Pinterest fills itself, worked out from what the
emulator holds rather than made up:

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
- customer lists: ``created_time``/``updated_time`` from the clock; ``num_batches``,
  ``num_uploaded_user_records`` and ``num_removed_user_records`` count the batches and
  records of the create and of every update (``operation_type`` ``ADD`` or ``REMOVE``);
  ``type`` ``customerlist``.
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Resource
from pinterest_tools.emulator.described.schema_table import table

AUDIENCES = "/ad_accounts/{ad_account_id}/audiences"
CONVERSION_TAGS = "/ad_accounts/{ad_account_id}/conversion_tags"
CUSTOMER_LISTS = "/ad_accounts/{ad_account_id}/customer_lists"
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
