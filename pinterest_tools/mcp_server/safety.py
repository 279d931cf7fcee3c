"""Safe by default: what the server may do, and what its answers may hold.

The server starts read-only. ``--allow-writes`` lets it create and change things;
deleting also needs ``--allow-deletes``, since a deleted board takes its pins with it and
cannot be brought back. A refused call sends nothing to Pinterest.

Answers are JSON, trimmed to ``max_chars`` characters (an agent reads every character it
is given, and a listing of 250 pins with their media runs to megabytes): a list keeps as
many items as fit and says how many it left out. Every text that leaves the server (a
result, an error) goes through :func:`pinterest_tools.logs.redact`, which replaces the
tokens and secrets registered as they became known, and anything shaped like a credential.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pinterest_tools.errors import PinterestError
from pinterest_tools.logs import redact

Kind = Literal["read", "write", "delete"]
READ: Kind = "read"
WRITE: Kind = "write"
DELETE: Kind = "delete"
DEFAULT_MAX_CHARS = 20_000


class RefusedError(PinterestError):
    """A call the server's flags do not allow; nothing was sent."""


@dataclass(frozen=True)
class Policy:
    """The server's switches (``--allow-writes``, ``--allow-deletes``) and the size of its answers."""

    allow_writes: bool = False
    allow_deletes: bool = False
    max_chars: int = DEFAULT_MAX_CHARS

    def allows(self, kind: Kind) -> bool:
        if kind == READ:
            return True
        if kind == WRITE:
            return self.allow_writes
        return self.allow_writes and self.allow_deletes

    def require(self, kind: Kind, what: str) -> None:
        """RefusedError when ``what`` (a ``kind`` call) is not allowed."""
        if self.allows(kind):
            return
        if kind == WRITE:
            raise RefusedError(
                f"{what} changes the Pinterest account and this server is read-only",
                hint="the user can restart the server with --allow-writes",
            )
        raise RefusedError(
            f"{what} deletes from the Pinterest account and this server does not allow deletes",
            hint="the user can restart the server with --allow-writes --allow-deletes",
        )


def to_json(value: Any) -> Any:
    """A facade result as JSON values: models by ``to_dict()``, lists item by item, None as ``{"ok": true}``."""
    if value is None:
        return {"ok": True}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _text(value: Any) -> str:
    return redact(json.dumps(value, ensure_ascii=False, default=str, indent=1))


def render(value: Any, max_chars: int) -> str:
    """``value`` (JSON values) as redacted JSON text of at most about ``max_chars`` characters.

    The longest list in a ``{"items": [...]}`` answer (or a list answer) is cut to what fits,
    with ``"omitted"`` saying how many items were left out; anything else too long is cut
    and marked.
    """
    text = _text(value)
    if len(text) <= max_chars:
        return text
    items = value.get("items") if isinstance(value, dict) else value if isinstance(value, list) else None
    if isinstance(items, list) and items:
        kept = len(items)
        while kept > 0:
            kept = kept * 2 // 3 if kept > 3 else kept - 1
            shown: dict[str, Any] = dict(value) if isinstance(value, dict) else {}
            shown["items"] = items[:kept]
            shown["omitted"] = (
                f"{len(items) - kept} of {len(items)} items left out to keep the answer short; "
                "ask for fewer with a smaller limit"
            )
            text = _text(shown)
            if len(text) <= max_chars:
                return text
    return text[:max_chars] + f"\n... (cut at {max_chars} characters)"
