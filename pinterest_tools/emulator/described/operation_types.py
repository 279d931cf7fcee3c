"""What a bulk PATCH element's ``operation_type`` does to the object it names.

Customer segments are changed with ``{"id", "operation_type": "UPDATE" | "REMOVE", ...}``:
UPDATE replaces the fields sent (``audience_ids``), REMOVE deletes the segment, which
Pinterest then shows with ``status: DELETED`` (the field says whether a segment is active
or deleted). ``operation_type`` itself is an instruction, never a field of the object.
"""

from __future__ import annotations

from typing import Any

REMOVE = "REMOVE"
# The families whose bulk PATCH elements carry an operation_type in this sense.
FAMILIES = frozenset({"/ad_accounts/{ad_account_id}/customer_segments"})


def applied(fields: dict[str, Any], element: dict[str, Any]) -> dict[str, Any]:
    """``fields`` after the element's change, its ``operation_type`` carried out rather than stored."""
    change = {key: value for key, value in element.items() if key != "operation_type"}
    if element.get("operation_type") == REMOVE:
        change = {"status": "DELETED"}
    return fields | change
