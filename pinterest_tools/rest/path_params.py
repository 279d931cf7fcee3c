"""Refuse a path parameter that would make the request reach another endpoint.

The generated ``_get_kwargs`` percent-encodes each path parameter (``/``, ``?`` and ``#``
cannot escape its segment), but ``.`` and ``..`` are not changed by encoding, and httpx
removes dot segments from every URL as RFC 3986 says: ``boards.sections.delete(board_id,
"..")`` would send ``DELETE /boards/{board_id}`` and delete the whole board. An empty
parameter leaves an empty segment (``GET /boards/`` is not ``GET /boards/{id}``). So a
request whose formatted path has such a segment is a ``UsageError`` before anything is sent.
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.errors import UsageError

_NOT_A_SEGMENT = {"": "an empty value", ".": "'.'", "..": "'..'"}


def check_path_segments(request: dict[str, Any]) -> dict[str, Any]:
    """``request`` (a generated ``_get_kwargs()``) unchanged; UsageError when its path has an unsafe segment."""
    url = str(request.get("url", ""))
    for segment in url.split("/")[1:]:
        if segment in _NOT_A_SEGMENT:
            method = str(request.get("method", "")).upper()
            raise UsageError(
                f"{method} {url}: a path parameter cannot be {_NOT_A_SEGMENT[segment]}"
                " (it would reach another endpoint); pass the object's id"
            )
    return request
