"""Per-call options of every facade method: ``timeout=``, ``max_retries=``, ``extra_headers=``, ``extra_query=``.

As in openai-python: one call may need a longer timeout than the client's (a large
report), fewer retries (a health check that must answer fast) or more, a header the API
documents only for some calls, or a query parameter this version of the description does
not know yet. They apply to that call only (each page of a paging call); the client's
auth and defaults stay as they are. Values are checked (:mod:`pinterest_tools.http.options`):
a NaN timeout, ``max_retries="3"`` or a non-ASCII header value is a UsageError before sending.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx

from pinterest_tools.http.options import check_headers, check_query, check_retries, check_timeout
from pinterest_tools.http.retry import MAX_RETRIES


class CallOptions(TypedDict, total=False):
    """The per-call options a resource method hands to its client's send."""

    timeout: float | None
    max_retries: int | None
    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, Any] | None


def apply_call_options(
    request: dict[str, Any],
    timeout: float | None = None,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, Any] | None = None,
    max_retries: int | None = None,
) -> dict[str, Any]:
    """``request`` (a generated ``_get_kwargs()``) with the options merged in; given values win.

    ``max_retries`` travels to the retry layer as the request's ``MAX_RETRIES`` extension.
    """
    if timeout is None and max_retries is None and extra_headers is None and extra_query is None:
        return request
    merged = dict(request)
    if timeout is not None:
        merged["timeout"] = httpx.Timeout(check_timeout(timeout))
    if max_retries is not None:
        merged["extensions"] = {**dict(request.get("extensions") or {}), MAX_RETRIES: check_retries(max_retries)}
    if extra_headers is not None:
        merged["headers"] = {**dict(request.get("headers") or {}), **check_headers(extra_headers, "extra_headers")}
    if extra_query is not None:
        merged["params"] = {**dict(request.get("params") or {}), **check_query(extra_query, "extra_query")}
    return merged
