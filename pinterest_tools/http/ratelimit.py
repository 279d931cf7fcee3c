"""Rate-limit headers: the wait a 429 asks for, and the latest limit/remaining/reset values.

Pinterest's headers are not documented consistently (nothing says which
ones a 429 carries), so every form seen is accepted, as githubkit does:
``Retry-After`` in seconds or as an HTTP date; ``X-RateLimit-Reset`` (v5) and
``x-userendpoint-ratelimit-reset-seconds`` (v3) in seconds from now or as an epoch time;
``X-RateLimit-Limit``/``-Remaining`` possibly in the IETF draft's ``100, 100;w=60`` form.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass, field


def server_wait(headers: Mapping[str, str], now: float, *, resets: bool = True) -> float | None:
    """Seconds the server asks us to wait, or None when it does not say.

    ``resets=False`` reads only ``Retry-After``: the rate-limit window's reset says when a
    429 is over, not when a failing server (a 5xx) will have recovered.
    """
    retry_after = headers.get("retry-after")
    if retry_after:
        seconds = header_number(retry_after)
        if seconds is not None:
            return max(seconds, 0.0)
        try:
            return max(email.utils.parsedate_to_datetime(retry_after).timestamp() - now, 0.0)
        except (TypeError, ValueError, IndexError):
            pass
    for name in ("x-ratelimit-reset", "x-userendpoint-ratelimit-reset-seconds") if resets else ():
        value = header_number(headers.get(name, ""))
        if value is not None:  # an epoch time when it is that large, else seconds from now
            return max(value - now if value > 1e9 else value, 0.0)
    return None


def header_number(text: str) -> float | None:
    """The number a rate-limit header starts with (``100``, or the IETF draft's ``100, 100;w=60``)."""
    try:
        return float(re.split(r"[,;]", text)[0].strip())
    except ValueError:
        return None


@dataclass
class RateLimitStatus:
    """The latest ``X-RateLimit-*`` values seen (v3: ``x-userendpoint-ratelimit-*``); None until seen."""

    limit: int | None = None
    remaining: int | None = None
    reset: float | None = None
    updated_at: float | None = field(default=None, compare=False)

    def update(self, headers: Mapping[str, str], now: float) -> None:
        for attr, names in (
            ("limit", ("x-ratelimit-limit", "x-userendpoint-ratelimit-limit")),
            ("remaining", ("x-ratelimit-remaining", "x-userendpoint-ratelimit-remaining")),
            ("reset", ("x-ratelimit-reset", "x-userendpoint-ratelimit-reset-seconds")),
        ):
            value = next((v for v in map(header_number, (headers.get(n, "") for n in names)) if v is not None), None)
            if value is not None:
                setattr(self, attr, value if attr == "reset" else int(value))
                self.updated_at = now
