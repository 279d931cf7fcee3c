"""Two facts Pinterest's description gives per v5 operation: its rate-limit category and
whether Pinterest's API sandbox serves it. Read by the emulator (limits, sandbox) and by
the client (``sandbox=True`` warns before sending what the sandbox does not serve).

Every operation of API 5.28.0 carries ``x-ratelimit-category`` (``org_read``,
``ads_write``, ...) and ``x-sandbox`` (``enabled``/``disabled``); the generated operation
table (``pinterest_api_v5.operations.OPERATIONS``) holds them as ``category`` and
``sandbox`` for all 266 (the 35 the published description lacks from the 5.28.0 overlay).
Every reader goes through :func:`category` and :func:`sandbox_enabled`.
"""

from __future__ import annotations

import functools

from pinterest_api_v5.operations import OPERATIONS


def category(operation_id: str) -> str | None:
    """The v5 operation's rate-limit category; None for an id v5 does not have."""
    operation = OPERATIONS.get(operation_id)
    return operation.category or None if operation is not None else None


def sandbox_enabled(operation_id: str) -> bool:
    """False for the v5 operations Pinterest's sandbox does not serve (``x-sandbox: disabled``)."""
    operation = OPERATIONS.get(operation_id)
    return operation.sandbox if operation is not None else True


@functools.cache
def _shapes() -> dict[tuple[str, int], list[tuple[tuple[str, ...], str]]]:
    """Per (method, number of path segments): each operation's segments ("" for a parameter)
    and id, literal paths first.

    Segments, not regular expressions: compiling one per operation cost a one-shot command
    milliseconds before its first request (the client looks up every request's category).
    """
    table: dict[tuple[str, int], list[tuple[tuple[str, ...], str]]] = {}
    for operation_id, operation in OPERATIONS.items():
        segments = tuple("" if part.startswith("{") else part for part in operation.path.strip("/").split("/"))
        table.setdefault((operation.method, len(segments)), []).append((segments, operation_id))
    for rows in table.values():
        rows.sort(key=lambda row: row[0].count(""))
    return table


def operation_at(method: str, path: str) -> str | None:
    """The v5 operation a request for ``path`` (relative to ``/v5``, no query) calls, if any."""
    parts = path.split("?", 1)[0].strip("/").split("/")
    for segments, operation_id in _shapes().get((method.upper(), len(parts)), ()):
        if all(want == part or (not want and part) for want, part in zip(segments, parts, strict=True)):
            return operation_id
    return None
