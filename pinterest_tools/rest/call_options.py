"""Per-call options of every facade method: ``timeout=``, ``extra_headers=``, ``extra_query=``.

As in openai-python: one call may need a longer timeout than the client's (a large
report), a header the API documents only for some calls, or a query parameter this
version of the description does not know yet. They apply to that call only (each page of
a paging call); the client's auth, retries and defaults stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx

from pinterest_tools.errors import UsageError


class CallOptions(TypedDict, total=False):
    """The per-call options a resource method hands to its client's send."""

    timeout: float | None
    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, Any] | None


def apply_call_options(
    request: dict[str, Any],
    timeout: float | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``request`` (a generated ``_get_kwargs()``) with the options merged in; given values win."""
    if timeout is None and not extra_headers and not extra_query:
        return request
    merged = dict(request)
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise UsageError(f"timeout must be a positive number of seconds, not {timeout!r}")
        merged["timeout"] = httpx.Timeout(timeout)
    if extra_headers:
        bad = [key for key, value in extra_headers.items() if not isinstance(key, str) or not isinstance(value, str)]
        if bad:
            raise UsageError(f"extra_headers must map header names to strings; not {bad[0]!r}")
        merged["headers"] = {**dict(request.get("headers") or {}), **extra_headers}
    if extra_query:
        merged["params"] = {**dict(request.get("params") or {}), **extra_query}
    return merged
