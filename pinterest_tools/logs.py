"""Logging for commands: ``-l 0..3`` mapped onto :mod:`logging`, with secrets redacted everywhere.

Levels (upstream's verbosity, README of pinterest/api-quickstart):

=====  ===========  ===============================================================
``-l`` logging      shows
=====  ===========  ===============================================================
0      ERROR        only errors
1      WARNING      plus warnings (retries, paging stopped early)
2      INFO         plus what upstream shows a learner: ``GET /v5/pins/123`` per request
3      DEBUG        plus request and response headers and bodies, request ids
=====  ===========  ===============================================================

Redaction happens in a :class:`RedactingFilter` on the one handler, so it covers every
record whatever logger it comes from, at every level: secrets registered with
:func:`register_secret` as they become known (tokens, the app secret, OAuth codes, Basic
credentials) and, as a second net, anything shaped like a bearer/basic header or a
credential field (see ``SECRET_SUFFIXES``) in a form body, a query string, JSON or a repr.

This module imports only the standard library (and :mod:`pinterest_tools.library_log`).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import threading
import traceback
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from pinterest_tools.library_log import get_logger

if TYPE_CHECKING:
    import httpx

REDACTED = "<redacted>"
_SECRETS: set[str] = set()
_MIN_SECRET = 6
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SECRETS_LOCK = threading.Lock()
# Field names whose values are credentials: any name ending in a suffix (``partner_access_token``,
# ``x-amz-security-token``), and two exact names. The generated models hide the same fields in
# their reprs (``types._SECRET_SUFFIXES``; tests/test_logs.py keeps the two lists equal).
# Log lines match them in any case, with ``-``, ``_`` or nothing between words: a signed S3
# URL says ``X-Amz-Security-Token=``, an environment ``PINTEREST_ACCESS_TOKEN=``, JSON ``accessToken``.
SECRET_SUFFIXES = (
    "access_token",
    "refresh_token",
    "client_secret",
    "app_secret",
    "password",
    "passcode",
    "security_token",
    "cryptographic_key",
)
SECRET_NAMES = ("token", "code")
_SENSITIVE = "(?:[A-Za-z0-9_-]*(?:{})|{})".format(
    "|".join(suffix.replace("_", "[-_]?") for suffix in SECRET_SUFFIXES), "|".join(SECRET_NAMES)
)
LEVELS = {0: logging.ERROR, 1: logging.WARNING, 2: logging.INFO, 3: logging.DEBUG}
# Loggers whose INFO lines would repeat ours (httpx logs every URL) or flood level 3 (filelock
# logs each attempt while a lock is busy, several a second).
_QUIET = ("httpx", "httpcore", "urllib3", "filelock")


def _forms(secret: str) -> set[str]:
    """The ways a secret shows up in text: as it is, escaped by ``repr`` (str and bytes), JSON or a URL,
    and, when it holds control characters, each piece between them.

    A token with CR/LF in it is shown by httpx as ``b'Bearer abc\\r\\ndef'`` and printed on two
    lines elsewhere; redacting only the literal value would leave ``def`` in the error line.
    """
    forms = {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], quote(secret, safe="")}
    forms.add(repr(secret.encode("utf-8", "backslashreplace"))[2:-1])
    forms.update(_CONTROL.split(secret))
    return {form for form in forms if len(form) >= _MIN_SECRET}


def register_secret(secret: str | None) -> None:
    """Remember a secret so that no log line can show it (short values would redact ordinary words)."""
    if secret and len(secret) >= _MIN_SECRET:
        forms = _forms(secret)
        with _SECRETS_LOCK:
            _SECRETS.update(forms)


@functools.cache
def _field_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Secret-shaped fields and headers, compiled on the first redaction (about 1.5 ms: a process that
    logs nothing and fails nowhere, such as one facade call, never pays it)."""
    return [
        # Everything up to a space or quote: an escaped control character (``\\r``) does not end a credential.
        (re.compile(r"(?i)\b(bearer|basic)\s+[^\s'\"]+"), rf"\1 {REDACTED}"),
        # A query or form field (``code=...``), or a repr's keyword (``access_token='...'``).
        (re.compile(rf"(?i)(?<![A-Za-z0-9_-])({_SENSITIVE}=(?:'|\"|b'|b\")?)[^&\s\"']+"), rf"\1{REDACTED}"),
        # A JSON string, to its closing quote: an escaped quote (``\\"``) inside does not end it.
        (re.compile(rf"(?i)(\"{_SENSITIVE}\"\s*:\s*\")(?:[^\"\\]|\\.)*"), rf"\1{REDACTED}"),
        # JSON quoted inside a JSON string (``{\\"access_token\\": \\"...\\"}``): to the next ``\\"``.
        (re.compile(rf'(?i)(\\"{_SENSITIVE}\\"\s*:\s*\\")(?:[^"\\]|\\(?!"))*'), rf"\1{REDACTED}"),
        (re.compile(rf"(?i)('{_SENSITIVE}'\s*:\s*')[^']*"), rf"\1{REDACTED}"),
    ]


def redact(text: str) -> str:
    """``text`` with every registered secret and every secret-shaped field replaced."""
    for pattern, replacement in _field_patterns():  # first: a registered secret could hide a field's name
        text = pattern.sub(replacement, text)
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Formats each record's message (and traceback) early and redacts it before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _Handler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler configure_logging installed, so that a second call replaces it."""


def configure_logging(level: int, stream: TextIO | None = None) -> logging.Handler:
    """Install one redacting handler on the root logger for ``-l level`` (clamped to 0..3)."""
    level = min(max(level, 0), 3)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(old)
    handler = _Handler(stream if stream is not None else sys.stderr)
    fmt = "%(levelname)s %(name)s: %(message)s" if level >= 3 else "%(message)s"
    handler.setFormatter(logging.Formatter(fmt))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(LEVELS[level])
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


http_log = get_logger("pinterest_tools.http")


_HIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


@functools.cache
def _credential_name() -> re.Pattern[str]:
    return re.compile(rf"(?i){_SENSITIVE}")


def is_credential_name(name: str) -> bool:
    """Whether a field or header called ``name`` holds a credential (``SECRET_SUFFIXES``, ``SECRET_NAMES``,
    in any case, words joined by ``-``, ``_`` or nothing)."""
    return _credential_name().fullmatch(name) is not None


def _headers(headers: httpx.Headers) -> str:
    """``name: value, ...`` with the value of a credential header (``X-Amz-Security-Token``, say) hidden."""

    def hidden(name: str) -> bool:
        return name.lower() in _HIDDEN_HEADERS or is_credential_name(name)

    return ", ".join(f"{k}: {REDACTED if hidden(k) else v}" for k, v in headers.items())


_BODY_SHOWN = 4000  # bytes of a body a -l 3 line shows


def _body(content: bytes) -> str:
    """The start of a body, redacted before it is cut: a secret cut in two is no longer the registered value.

    Twice the shown length is redacted, so any secret shorter than the shown part is whole when it is.
    """
    if not content:
        return "(no body)"
    text = redact(content[: 2 * _BODY_SHOWN].decode("utf-8", "replace"))
    return text[:_BODY_SHOWN] + (" ..." if len(content) > _BODY_SHOWN else "")


def log_request(request: httpx.Request) -> None:
    """Level 2: ``GET /v5/pins/123``; level 3 adds the headers and the body (redacted)."""
    http_log.info("%s %s", request.method, request.url.raw_path.decode("ascii", "replace"))
    if http_log.isEnabledFor(logging.DEBUG):
        http_log.debug("request headers: %s", _headers(request.headers))
        try:
            body = _body(request.content)
        except Exception:  # httpx.RequestNotRead: a streamed upload, never read into memory
            body = "(streamed)"
        http_log.debug("request body: %s", body)


def log_response(response: httpx.Response) -> None:
    """Level 3: status, request id, headers and body of a response whose body has been read."""
    if http_log.isEnabledFor(logging.DEBUG):
        rid = response.headers.get("x-pinterest-rid", "-")
        http_log.debug("response: HTTP %d, x-pinterest-rid: %s", response.status_code, rid)
        http_log.debug("response headers: %s", _headers(response.headers))
        http_log.debug("response body: %s", _body(response.content))
