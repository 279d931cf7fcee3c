"""Two facts Pinterest's description gives per v5 operation: its rate-limit category and
whether Pinterest's API sandbox serves it. Read by the emulator (limits, sandbox) and by
the client (``sandbox=True`` warns before sending what the sandbox does not serve).

Every operation of Pinterest's description carries ``x-ratelimit-category`` (``org_read``,
``ads_write``, ...) and ``x-sandbox`` (``enabled``/``disabled``). The generated operation
table (``pinterest_api_v5.operations.OPERATIONS``) carries them as ``category`` and
``sandbox`` from description 5.28.0 on; before that ``pinterest_api_v5/schemas.json``
(written by ``specgen/emulator_table.py``, read once, on first use) has them for the
operations of the published description. The project's supplement operations
(``specs/v5/supplement/``) carry neither before 5.28.0: :data:`SUPPLEMENT_FACTS` holds
their values as Pinterest's 5.28.0 description gives them (read from that description's
operations, ``x-ratelimit-category`` and ``x-sandbox``). Every reader goes
through :func:`category` and :func:`sandbox_enabled`, so the source can change in one place.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from pinterest_api_v5.operations import OPERATIONS

# operation id -> (x-ratelimit-category, x-sandbox enabled), from Pinterest's 5.28.0 description,
# for the supplement's operations, which the 5.23.0 description lacks.
SUPPLEMENT_FACTS: dict[str, tuple[str, bool]] = {
    "ad_groups_dynamic_titles_process_csv": ("ads_write", False),
    "ad_groups_dynamic_titles_download_csv": ("ads_read", False),
    "ad_groups_dynamic_titles_get_status": ("ads_read", False),
    "ad_groups_dynamic_titles_get_upload_url": ("ads_read", False),
    "advertiser_defined_events_create": ("ads_write", False),
    "advertiser_defined_events_update": ("ads_write", False),
    "advertiser_defined_events_delete": ("ads_write", False),
    "campaign_ad_preview_create": ("ads_write", True),
    "campaign_ad_preview_read": ("ads_read", True),
    "campaign_ad_preview_delete": ("ads_write", True),
    "campaigns_delivery_estimates": ("ads_estimates_read", False),
    "conversion_deletion_requests_list": ("ads_read", False),
    "conversion_deletion_requests_create": ("ads_write", False),
    "conversion_deletion_requests_get": ("ads_read", False),
    "conversion_deletion_requests_delete": ("ads_write", False),
    "customer_segments_list": ("ads_read", False),
    "customer_segments_create": ("ads_write", False),
    "customer_segments_update": ("ads_write", True),
    "labels_apply": ("ads_write", False),
    "labels_remove": ("ads_write", False),
    "promotion_applied_entities_list": ("ads_read", False),
    "schedules_list": ("ads_read", False),
    "schedules_create": ("ads_write", False),
    "schedules_update": ("ads_write", False),
    "catalogs_local_inventory_items_batch_operate": ("catalogs_write", False),
    "catalogs_local_inventory_items_query": ("catalogs_read", False),
    "catalogs_local_stores_list": ("catalogs_read", False),
    "catalogs_local_stores_create": ("catalogs_write", False),
    "catalogs_local_stores_update": ("catalogs_write", False),
    "catalogs_local_stores_delete": ("catalogs_write", False),
    "catalogs_supplemental_items_batch_get": ("catalogs_read", False),
    "product_tags_bulk_add": ("org_write", False),
    "product_tags_list": ("org_read", False),
    "product_tags_bulk_delete": ("org_write", False),
    "trends_editorial_articles_list": ("trends_read", False),
}


@functools.cache
def _described() -> dict[str, Any]:
    """operation id -> {"category": ..., "sandbox": ...} as ``schemas.json`` holds them."""
    raw = json.loads((resources.files("pinterest_api_v5") / "schemas.json").read_text(encoding="utf-8"))
    operations: dict[str, Any] = raw["operations"]
    return operations


@functools.cache
def category(operation_id: str) -> str | None:
    """The v5 operation's rate-limit category; None for an id v5 does not have."""
    found = getattr(OPERATIONS.get(operation_id), "category", None)
    if found:
        return str(found)
    described = _described().get(operation_id) or {}
    if described.get("category"):
        return str(described["category"])
    return SUPPLEMENT_FACTS[operation_id][0] if operation_id in SUPPLEMENT_FACTS else None


@functools.cache
def sandbox_enabled(operation_id: str) -> bool:
    """False for the v5 operations Pinterest's sandbox does not serve (``x-sandbox: disabled``)."""
    flag = getattr(OPERATIONS.get(operation_id), "sandbox", None)  # the generated table's, from 5.28.0 on
    if flag is not None:
        return bool(flag)
    if operation_id in SUPPLEMENT_FACTS:
        return SUPPLEMENT_FACTS[operation_id][1]
    return bool((_described().get(operation_id) or {}).get("sandbox", True))


@functools.cache
def _shapes() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(method, path pattern, operation id) for every v5 operation, literal paths first."""
    found = []
    for operation_id, operation in OPERATIONS.items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
        found.append((operation.method, re.compile(pattern + "/?"), operation_id, operation.path.count("{")))
    return tuple((method, pattern, op_id) for method, pattern, op_id, _ in sorted(found, key=lambda f: f[3]))


def operation_at(method: str, path: str) -> str | None:
    """The v5 operation a request for ``path`` (relative to ``/v5``, no query) calls, if any."""
    path = path.split("?", 1)[0]
    for candidate, pattern, operation_id in _shapes():
        if candidate == method.upper() and pattern.fullmatch(path):
            return operation_id
    return None
