"""When ``copy_board`` tries a step again and when it stops the whole copy.

The wait for the rate limit is the transport's (``pinterest_tools.http.pacing``): every request
of the command's clients waits for room in its window, whichever worker sends it.

The transport already retries single requests (``pinterest_tools.http.retry``); these rules
sit above it, per copy step, because a copy of thousands of pins must ride out longer
outages, and must stop at once on what no retry cures (a token, a scope, the quota).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from pinterest_tools.cli.copying.pin_copy import NotCopyableError
from pinterest_tools.errors import (
    ApiConnectionError,
    ApiStatusError,
    AuthenticationError,
    InternalServerError,
    InvalidResponseError,
    PinterestError,
    QuotaExhaustedError,
    RateLimitError,
    SpamError,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


# ---------------------------------------------------------------------------- errors
def is_transient(exc: BaseException) -> bool:
    """Errors that trying again may cure; never spam, quota, auth or a refused request."""
    if isinstance(exc, (SpamError, QuotaExhaustedError)):
        return False
    return isinstance(exc, (ApiConnectionError, InvalidResponseError, RateLimitError, InternalServerError))


def is_fatal(exc: BaseException) -> bool:
    """Errors that end the whole copy: the token, its scopes, the quota, the configuration.

    ``AuthenticationError`` covers the 403s (``PermissionDeniedError``) and the missing scopes too.
    """
    return isinstance(exc, (AuthenticationError, QuotaExhaustedError)) or (
        isinstance(exc, PinterestError)
        and not isinstance(exc, (ApiStatusError, NotCopyableError))
        and not is_transient(exc)
    )


def read_with_retries(
    what: str,
    call: Callable[[], T],
    *,
    attempts: int = 6,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
    before: Callable[[], None] | None = None,
) -> T:
    """A read (safe to repeat), tried again on transient errors: waits ``backoff``, doubling, at most 30 s."""
    for attempt in range(1, attempts + 1):
        try:
            if before is not None:
                before()
            return call()
        except PinterestError as exc:
            if not is_transient(exc) or attempt == attempts:
                raise
            log.warning("%s: %s; trying again (%d of %d)", what, exc.message, attempt + 1, attempts)
            sleep(min(30.0, backoff * 2.0 ** (attempt - 1)))
    raise AssertionError("unreachable")
