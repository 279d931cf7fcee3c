"""Response bodies per API family: v5 answers bare JSON, v3 and ads v4 wrap it.

Which family a request belongs to follows from its path, so shared code (errors raised by
the scope check, the rate limiter, fault injection) answers in the shape the caller's
API uses without knowing which route it is in.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Api(StrEnum):
    V5 = "v5"
    V3 = "v3"
    ADS_V4 = "ads_v4"


PREFIXES = {Api.V5: "/v5/", Api.V3: "/v3/", Api.ADS_V4: "/ads/v4/"}


def api_of(path: str) -> Api | None:
    """The API family a path belongs to, None for the consent page, uploads and the like."""
    for api, prefix in PREFIXES.items():
        if path.startswith(prefix):
            return api
    return None


def v5_error(code: int, message: str) -> dict[str, Any]:
    """Pinterest's v5 error body (``Error`` / ``Pinterest.Lib.Error`` in the description)."""
    return {"code": code, "message": message}


def v3_success(data: Any, *, bookmark: str | None = None, endpoint_name: str | None = None) -> dict[str, Any]:
    """The v3 / ads v4 success envelope; ``bookmark`` only when another page exists."""
    body: dict[str, Any] = {"status": "success", "code": 0, "message": "ok", "data": data}
    if endpoint_name is not None:
        body["endpoint_name"] = endpoint_name
    if bookmark:
        body["bookmark"] = bookmark
    return body


def v3_error(code: int, message: str, *, endpoint_name: str | None = None) -> dict[str, Any]:
    return {"status": "failure", "code": code, "message": message, "data": None, "endpoint_name": endpoint_name}


def error_body(api: Api | None, code: int, message: str) -> dict[str, Any]:
    return v5_error(code, message) if api in (Api.V5, None) else v3_error(code, message)
