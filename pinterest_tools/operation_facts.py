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
import re

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
