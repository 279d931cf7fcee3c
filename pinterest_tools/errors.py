"""The typed errors of pinterest_tools, and the hints that come with them.

The tree (every class is importable from ``pinterest_tools`` itself)::

    PinterestError                       root: message, optional hint, exit_code
    ├── ConfigError                      missing/invalid environment (exit 1)
    ├── UsageError                       invalid arguments (exit 2, like argparse)
    ├── TokenError                       token file, OAuth flow or refresh went wrong
    │   └── MissingTokenError            no token at all
    ├── ApiConnectionError               no HTTP response (connect error, dropped connection) after retries
    │   └── ApiTimeoutError              ... because a connect, read, write or pool timeout ran out
    ├── InvalidResponseError             a 2xx whose body could not be read (cut short, not JSON)
    └── ApiStatusError                   a non-2xx response: status_code, code, message, request_id, body
        ├── BadRequestError              400
        ├── AuthenticationError          401: the token was refused
        │   └── PermissionDeniedError    403: the token is known but may not do this (and Pinterest code 29)
        │       ├── InsufficientScopeError   Pinterest code 3: the token lacks a scope (sent as 401)
        │       └── RestrictedFeatureError   Pinterest code 3 "restricted feature: X": the app's access tier
        ├── NotFoundError                404
        ├── ConflictError                409
        ├── UnprocessableEntityError     422
        ├── RateLimitError               429 (retry_after)
        │   ├── SpamError                429 that Pinterest calls spam: retrying cannot help
        │   └── QuotaExhaustedError      the reset lies too far ahead (resets_at)
        └── InternalServerError          5xx

Other statuses (405, 413, ...) are a plain ``ApiStatusError``. The classes are named by
status as openai-python names its ``APIStatusError`` subclasses, with two departures, both
so that handlers written against 0.1.0 keep catching what they caught then:

- ``PermissionDeniedError`` is a subclass of ``AuthenticationError``, not its sibling:
  0.1.0 raised ``AuthenticationError`` for 401 and 403 alike, so an ``except
  AuthenticationError`` written for a 403 still catches it.
- ``InsufficientScopeError`` is a subclass of ``PermissionDeniedError``: a token that
  lacks a scope is known to Pinterest but not allowed to make this call, which is what a
  403 means, although Pinterest sends code 3 with a 401. It was a subclass of
  ``AuthenticationError`` in 0.1.0 and still is (through ``PermissionDeniedError``), so
  both ``except AuthenticationError`` and ``except PermissionDeniedError`` catch it; its
  ``status_code`` stays what Pinterest sent. The same holds for code 29 (a trial app
  writing outside the sandbox): a ``PermissionDeniedError`` whatever its status.

Why the API errors are built here and not by the generated clients: every generated
operation parses *any* status through its error model (``PinterestLibError.from_dict``),
which raises ``KeyError``/``JSONDecodeError`` on bodies Pinterest did not write (an HTML
502 from a proxy, ``{}``, a truncated JSON). The authenticated client therefore raises an
``ApiStatusError`` from an httpx response event hook (``pinterest_tools.http.hooks``) before the
generated code ever sees a non-2xx response; :func:`api_error` reads the body defensively.

Messages never contain secrets: they hold the method, the path, the status and Pinterest's
own message, never headers or request bodies.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

# Pinterest codes with a hint (v3's documented error codes; the v5 table uses the same numbers).
CODE_INSUFFICIENT_SCOPE = 3
CODE_LIMIT_EXCEEDED = 8
CODE_TRIAL_SANDBOX_ONLY = 29
HINT_TRIAL = "apps with Trial access may only write to the sandbox: rerun with --sandbox (or PINTEREST_SANDBOX=1)"
HINT_REAUTHORIZE = "run get_access_token to authorize again (get_access_token -w to save the new token)"
HINT_SPAM = "Pinterest refused this as spam (often the link's domain); retrying will not help"
# What reading a body can raise: JSONDecodeError is a ValueError; a generated from_dict raises the others.
PARSE_ERRORS = (ValueError, KeyError, TypeError, AttributeError)

E = TypeVar("E", bound="ApiStatusError")


class PinterestError(Exception):
    """Root of every error pinterest_tools raises on purpose; commands turn it into one line and an exit code."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's pickling calls ``cls(*self.args)``, which the subclasses' keyword-only and
        # extra positional arguments break (multiprocessing and caches unpickle errors): rebuild
        # from the attributes instead.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(kind: type[PinterestError], args: tuple[Any, ...], state: dict[str, Any]) -> PinterestError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(PinterestError):
    """The environment is missing something a command needs (app credentials, a valid API version)."""


class UsageError(PinterestError):
    """Arguments that cannot work together; exit 2 like argparse."""

    exit_code = 2


class TokenError(PinterestError):
    """No usable token: a corrupt file, a refused refresh, a failed OAuth redirect."""


class MissingTokenError(TokenError):
    """No token at all (neither in the environment nor in the token file): ``str()`` says how to get one."""

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class ApiConnectionError(PinterestError):
    """No response at all: the connection failed or timed out (after the retries that were safe)."""


class ApiTimeoutError(ApiConnectionError):
    """No response in time: httpx's connect, read, write or pool timeout ran out (after the safe retries).

    A subclass of ``ApiConnectionError``, which 0.1.0 raised for timeouts too. A write that
    timed out waiting for its answer is not retried (the server may have acted); its hint
    says to check before repeating it.
    """


class InvalidResponseError(PinterestError):
    """A success status whose body the generated model could not read (truncated, not JSON, wrong shape).

    The server may well have acted (a create that succeeded but whose answer was cut short),
    so callers that repeat a write must first look whether it happened.
    """


class ApiStatusError(PinterestError):
    """A non-2xx response, with what Pinterest said about it.

    ``message`` is the whole line (``GET /v5/pins/1 failed: Pin not found. (HTTP 404, code
    50)``); ``api_message`` is Pinterest's own words alone (``Pin not found.``), for a script
    that prints ``status_code`` and ``code`` beside it.
    """

    def __init__(
        self,
        status_code: int,
        code: int | None,
        message: str,
        request_id: str | None = None,
        body: Any = None,
        *,
        hint: str | None = None,
        api_message: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.api_message = message if api_message is None else api_message
        self.status_code = status_code
        self.code = code
        self.request_id = request_id
        self.body = body


class BadRequestError(ApiStatusError):
    """400: Pinterest refused the request's parameters or body (``api_message`` says which)."""


class AuthenticationError(ApiStatusError):
    """401: the token was refused (expired, revoked, unknown); the base of the refusals of a token."""


class PermissionDeniedError(AuthenticationError):
    """403: the token is known but may not do this (another user's object, a trial app outside the sandbox).

    A subclass of ``AuthenticationError``, which 0.1.0 raised for a 403, so that handlers
    written for that keep working (see the module docstring).
    """


class InsufficientScopeError(PermissionDeniedError):
    """Pinterest code 3: the token works but lacks a scope this call needs.

    ``scopes``: every scope the call needs; ``missing_scopes``: those the token was not
    granted, only when its grant is known (a token file records it; a token given as a
    string does not, unless the client was given ``token_scopes``); empty when it cannot
    be told, and ``str()`` then says so instead of naming scopes the token may well have.
    ``command``: the command that saves a token with them (the call's scopes plus the
    granted ones, since the new token replaces the old one).
    """

    def __init__(
        self,
        *args: Any,
        scopes: Sequence[str] = (),
        missing_scopes: Sequence[str] | None = None,
        command: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.scopes = tuple(scopes)
        self.missing_scopes = tuple(() if missing_scopes is None else missing_scopes)
        self.command = command

    def __str__(self) -> str:
        if not self.missing_scopes:
            return f"{self.message}: {self.hint}" if self.hint else self.message
        return (
            f"{self.message}: the token lacks the scope(s) {', '.join(self.missing_scopes)};"
            f" run {self.command} to save a token with them"
        )


def scope_error(error: InsufficientScopeError, granted: Sequence[str]) -> InsufficientScopeError:
    """``error`` knowing the token's granted scopes (empty: unknown): its missing ones, the command and hint.

    The command asks for the call's scopes and keeps the granted ones, since the new token
    replaces the old one. With the grant unknown nothing is named as missing: the token
    may hold some of the call's scopes, and a command asking for the call's scopes alone
    would drop the app's others.
    """
    needed = error.scopes
    if not needed:
        return error
    missing = [scope for scope in needed if scope not in granted]
    wanted = ",".join(dict.fromkeys([*needed, *granted]))
    if granted:
        command = f"get_access_token -w -s {wanted}"
        hint = f"this call needs the scope(s) {','.join(needed)} and the token lacks {','.join(missing)}: run {command}"
    else:
        command = f"get_access_token -w -s {wanted},<the other scopes your app uses>"
        hint = (
            f"this call needs the scope(s) {','.join(needed)}; which of them the token lacks cannot be told"
            " (a token given as a string does not record its grant: pass token_scopes= to the client to know)."
            f" Run {command}"
        )
    return InsufficientScopeError(
        error.status_code,
        error.code,
        error.message,
        error.request_id,
        error.body,
        api_message=error.api_message,
        scopes=needed,
        missing_scopes=missing if granted else (),
        command=command,
        hint=hint,
    )


class SandboxUnavailableWarning(UserWarning):
    """A call the client sends to Pinterest's API sandbox although the sandbox does not serve it.

    Pinterest's description marks such operations ``x-sandbox: disabled`` (analytics, search,
    async reports, ...). A warning, not an error: the call still goes out (the sandbox's
    answer may change, and a test against the emulator wants to see it); turn it into an
    error with ``warnings.simplefilter("error", SandboxUnavailableWarning)``.
    """

    def __init__(self, operation_id: str) -> None:
        super().__init__(
            f"{operation_id} is not available in Pinterest's API sandbox (x-sandbox: disabled);"
            " it will be refused there: drop sandbox=True (or --sandbox) to call the production API"
        )
        self.operation_id = operation_id


class RestrictedFeatureError(PermissionDeniedError):
    """Pinterest code 3 with "restricted feature: X": the app's access tier does not allow ``feature``.

    Seen live when an app with Trial access edits a pin ("restricted feature: pin_edit"):
    no scope can fix it, so it is not an :class:`InsufficientScopeError`; Standard access
    (applied for in Pinterest's developer portal) lifts it.
    """

    def __init__(self, *args: Any, feature: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.feature = feature

    def __str__(self) -> str:
        return f"{self.message}: {self.hint}" if self.hint else self.message


_RESTRICTED = re.compile(r"restricted feature:\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def restricted_feature(said: str | None) -> str | None:
    """The feature a "restricted feature: X" message names, else None."""
    match = _RESTRICTED.search(said or "")
    return match.group(1) if match else None


class NotFoundError(ApiStatusError):
    """404: the pin, board, section or account does not exist (or is not visible to this token)."""


class ConflictError(ApiStatusError):
    """409: the request clashes with what exists (a second board or section of the same name)."""


class UnprocessableEntityError(ApiStatusError):
    """422: well-formed but refused as it stands (a catalog feed name already used, conversion events not processed)."""


class RateLimitError(ApiStatusError):
    """429 after the retries: ``retry_after`` is the wait in seconds the server asked for, if any."""

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class SpamError(RateLimitError):
    """A 429 whose message says spam: the content was refused, so it is never retried."""


class QuotaExhaustedError(RateLimitError):
    """A 429 whose reset is further away than waiting makes sense (Pinterest's daily quota, code 8)."""

    def __init__(self, *args: Any, resets_at: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resets_at = resets_at


class InternalServerError(ApiStatusError):
    """5xx after the retries that were safe: Pinterest (or a gateway in front of it) failed."""


# The class of each status that has one of its own (429 and 5xx are decided in api_error).
STATUS_ERRORS: dict[int, type[ApiStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
}


def parse_body(content: bytes) -> Any:
    """The JSON body, or the text (truncated) when it is not JSON: never raises."""
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return content[:500].decode("utf-8", "replace")


MESSAGE_KEYS = ("message", "error_description", "error", "detail")


def describe_body(body: Any) -> tuple[int | None, str | None]:
    """Pinterest's ``code`` and the best message of an error body; ``None`` for what a body lacks.

    Reads a v5 error (``code``, ``message``), a v3 envelope, an OAuth error
    (``error_description``) and the bodies Pinterest sends without ``code`` (seen live:
    ``{"message": "internal error"}``, ``{"message_detail": "Spam"}``): ``message_detail``
    is added to the message in brackets, or is the message when there is no other.
    """
    if not isinstance(body, dict):
        return None, None
    code = body.get("code")
    code = code if isinstance(code, int) and not isinstance(code, bool) else None
    texts = (body.get(key) for key in MESSAGE_KEYS)
    said = next((text.strip() for text in texts if isinstance(text, str) and text.strip()), None)
    detail = body.get("message_detail")
    detail = detail.strip() if isinstance(detail, str) and detail.strip() else None
    if detail and said and detail not in said:
        return code, f"{said} ({detail})"
    return code, said or detail


def api_error(
    status_code: int,
    content: bytes,
    headers: Mapping[str, str],
    *,
    method: str,
    path: str,
    scopes: Sequence[str] = (),
    retry_after: float | None = None,
    resets_at: float | None = None,
) -> ApiStatusError:
    """Build the ApiStatusError subclass for one response; ``scopes`` are those the operation needs.

    A 429 is told apart by what Pinterest says (spam, the quota); Pinterest's codes 29 and 3
    decide the class whatever the status; then the status does (the tree above).
    """
    body = parse_body(content)
    code, said = describe_body(body)
    request_id = headers.get("x-pinterest-rid")
    if said is None:
        kind = "no body" if not content else "a body Pinterest did not write" if isinstance(body, str) else "no message"
        said = f"HTTP {status_code} with {kind}"
    message = f"{method} {path} failed: {said}" + (f" (HTTP {status_code}, code {code})" if code is not None else "")
    detail = body.get("message_detail") if isinstance(body, dict) else None

    def error(kind: type[E], **extra: Any) -> E:
        return kind(status_code, code, message, request_id, body, api_message=said, **extra)

    if status_code == 429:
        if "spam" in f"{said} {detail}".lower():
            return error(SpamError, hint=HINT_SPAM)
        if resets_at is not None:
            when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(resets_at))
            hint = f"the request quota is used up; it resets at {when}"
            return error(QuotaExhaustedError, retry_after=retry_after, resets_at=resets_at, hint=hint)
        return error(RateLimitError, retry_after=retry_after, hint="too many requests; wait a little and try again")
    if code == CODE_TRIAL_SANDBOX_ONLY:
        return error(PermissionDeniedError, hint=HINT_TRIAL)
    feature = restricted_feature(said) if code == CODE_INSUFFICIENT_SCOPE else None
    if feature is not None:
        hint = (
            f"{feature} is a restricted feature that this app's access tier (Trial) does not allow;"
            " Standard access lifts it (apply in Pinterest's developer portal): no scope will help"
        )
        return error(RestrictedFeatureError, feature=feature, hint=hint)
    if code == CODE_INSUFFICIENT_SCOPE:
        if scopes:
            return scope_error(error(InsufficientScopeError, scopes=scopes), ())
        hint = "run get_access_token -w -s <scopes> (-s help lists them)"
        return error(InsufficientScopeError, hint=hint, command="get_access_token -w -s <scopes>")
    if status_code == 401:
        return error(AuthenticationError, hint=HINT_REAUTHORIZE)
    if status_code >= 500:
        return error(InternalServerError)
    return error(STATUS_ERRORS.get(status_code, ApiStatusError))
