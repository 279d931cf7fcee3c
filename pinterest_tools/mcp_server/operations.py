"""Every v5 operation of the facade, found by its operationId, with what it does to the account.

The table of operations is the facade's own (:data:`pinterest_tools.rest.resources.operations.FACADE`:
operationId -> namespace and method), and so are the HTTP method and path
(:data:`~pinterest_tools.rest.resources.operations.HTTP`, rendered from the description
beside it). What an operation does to the account is not read off its method but from the
reviewed table of :mod:`~pinterest_tools.mcp_server.effects`.

The ``oauth`` operations are not offered: the server holds the token itself, refreshes it
and saves it back. An agent exchanging codes, minting tokens from the app's credentials or
refreshing would leave the saved token stale (Pinterest rotates refresh tokens), so a later
refresh of the commands' token file would fail.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pinterest_tools.errors import UsageError
from pinterest_tools.mcp_server import effects
from pinterest_tools.mcp_server.effects import Effect

if TYPE_CHECKING:
    from pinterest_tools.mcp_server.schemas import Schema
    from pinterest_tools.rest import Pinterest

HELD_BY_THE_SERVER = "oauth"  # the top-level namespace of the operations an agent may not call


@dataclass(frozen=True)
class Operation:
    """One operation: ``client.<namespace>.<method>``, its HTTP method and path, and its summary."""

    operation_id: str
    namespace: str
    method: str
    http_method: str
    path: str
    summary: str

    @property
    def kind(self) -> Effect:
        """The operation's reviewed effect (a call's values may add ``delete``: :func:`.effects.of_call`)."""
        return effects.entry(self.operation_id).effect

    @property
    def facade_name(self) -> str:
        return f"client.{self.namespace}.{self.method}"

    def bound(self, client: Pinterest) -> Callable[..., Any]:
        """The facade method on ``client``."""
        target: Any = client
        for part in self.namespace.split("."):
            target = getattr(target, part)
        method: Callable[..., Any] = getattr(target, self.method)
        return method

    def schema(self) -> Schema:
        """The JSON schema of its arguments (see :mod:`~pinterest_tools.mcp_server.schemas`)."""
        return _schema(self.operation_id)

    def summary_row(self) -> dict[str, str]:
        return {
            "operation_id": self.operation_id,
            "method": self.facade_name,
            "http": f"{self.http_method} {self.path}",
            "effect": self.kind,
            "summary": self.summary,
        }


def _unbound_client() -> Pinterest:
    """A client object whose resources can be walked for their methods; it holds no token and sends nothing."""
    from pinterest_tools.rest import Pinterest

    return Pinterest.__new__(Pinterest)


@functools.cache
def catalog() -> dict[str, Operation]:
    """operationId -> :class:`Operation`, for every operation the facade has."""
    from pinterest_tools.rest.resources.operations import FACADE, HTTP

    client = _unbound_client()
    found: dict[str, Operation] = {}
    for operation_id, (namespace, method) in sorted(FACADE.items()):
        if namespace.split(".")[0] == HELD_BY_THE_SERVER:
            continue
        http_method, path = HTTP[operation_id]
        probe = Operation(operation_id, namespace, method, http_method, path, "")
        doc = probe.bound(client).__doc__ or ""
        summary = doc.strip().splitlines()[0].strip() if doc.strip() else ""
        found[operation_id] = Operation(operation_id, namespace, method, http_method, path, summary)
    return found


def deprecated_name(operation_id: str) -> str | None:
    """A note when ``operation_id`` is a former name of an operation (``ALIASES``), else None."""
    from pinterest_tools.rest.resources.operations import ALIASES

    today = ALIASES.get(operation_id)
    if today is None:
        return None
    return f"{operation_id} is a deprecated name of {today}, Pinterest's operationId since API 5.28.0: use {today}"


def find(operation_id: str) -> Operation:
    """The operation ``operation_id`` (or the one a former name stands for); UsageError (with close names) when none."""
    from pinterest_tools.rest.resources.operations import ALIASES

    operations = catalog()
    operation_id = ALIASES.get(operation_id, operation_id)
    if operation_id in operations:
        return operations[operation_id]
    if _held_by_the_server(operation_id):
        raise UsageError(
            f"{operation_id} is not offered to agents: the server holds the token and refreshes it itself",
            hint="the pinterest://token resource shows the token's scopes",
        )
    import difflib

    close = difflib.get_close_matches(operation_id, list(operations), n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "list_operations lists them"
    raise UsageError(f"no operation {operation_id!r}", hint=hint)


@functools.cache
def _schema(operation_id: str) -> Schema:
    from pinterest_tools.mcp_server.schemas import method_schema

    return method_schema(catalog()[operation_id].bound(_unbound_client()))


def _held_by_the_server(operation_id: str) -> bool:
    from pinterest_tools.rest.resources.operations import FACADE

    entry = FACADE.get(operation_id)
    return entry is not None and entry[0].split(".")[0] == HELD_BY_THE_SERVER
