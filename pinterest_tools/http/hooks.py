"""httpx event hooks: request logging, and the conversion of non-2xx responses into errors.

This is the project's one place where a non-2xx response becomes an ``ApiStatusError``
(see ``pinterest_tools.errors``), before the generated code parses it: the generated
parsers raise ``KeyError``/``JSONDecodeError`` on bodies Pinterest did not write (an HTML
502, ``{}``, a truncated JSON), and the body is read here defensively instead.

One exception: with :class:`~pinterest_tools.oauth.bearer.PinterestAuth` installed, a 401 is left
to the auth flow (hooks run *before* the flow sees a response), which refreshes the token
and resends once, and raises the same error through :meth:`ResponseHook.error` otherwise.

The generated clients build their ``httpx.Client`` and ``httpx.AsyncClient`` from the same
``httpx_args``, so each hook serves both: it does its work at once for a sync response
and returns an awaitable that does it for an async one (the body must then be read with
``await response.aread()``). A sync client ignores what a hook returns.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Generator
from functools import cache
from typing import Any

import httpx

from pinterest_tools.errors import ApiStatusError, api_error
from pinterest_tools.http.retry import EXTENSION, transport_error
from pinterest_tools.logs import http_log, log_request, log_response


class _Done:
    """An awaitable that has nothing left to do (the sync work already happened)."""

    def __await__(self) -> Generator[Any, None, None]:
        return
        yield


class _Later:
    """An awaitable that runs ``fn(arg)`` only when awaited (no 'never awaited' warning if it is not)."""

    def __init__(self, fn: Callable[[httpx.Response], Awaitable[None]], arg: httpx.Response) -> None:
        self.fn, self.arg = fn, arg

    def __await__(self) -> Generator[Any, None, None]:
        return self.fn(self.arg).__await__()


DONE = _Done()


def request_hook(request: httpx.Request) -> Awaitable[None]:
    """Log the request line (and, at -l 3, headers and body); needs no I/O, so it serves both clients."""
    log_request(request)
    return DONE


@cache
def _operation_patterns(version: int) -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    """(method, path regex, scopes) per operation, literal paths before templated ones."""
    if version == 3:
        from pinterest_api_v3.operations import OPERATIONS
    else:
        from pinterest_api_v5.operations import OPERATIONS  # type: ignore[assignment]
    rows = []
    for op in OPERATIONS.values():
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(op.path))
        rows.append((op.path.count("{"), op.method, re.compile(regex + "/?"), op.scopes))
    rows.sort(key=lambda row: row[0])
    return [(method, pattern, scopes) for _, method, pattern, scopes in rows]


def operation_scopes(version: int, method: str, path: str) -> tuple[str, ...]:
    """The scopes the description requires for ``method path`` (path relative to the base URL)."""
    for op_method, pattern, scopes in _operation_patterns(version):
        if op_method == method and pattern.fullmatch(path):
            return scopes
    return ()


class ResponseHook:
    """Logs responses at -l 3 and raises the typed error for every non-2xx one (401 optionally deferred)."""

    def __init__(self, version: int, base_url: str, *, defer_401: bool = False) -> None:
        self.version = version
        self.base_path = httpx.URL(base_url).path.rstrip("/")
        self.defer_401 = defer_401

    def __call__(self, response: httpx.Response) -> Awaitable[None]:
        if not isinstance(response.stream, httpx.SyncByteStream):
            return _Later(self._acheck, response)
        if self._needs_body(response):
            try:
                response.read()
            except httpx.HTTPError as exc:  # a body that breaks off here is a connection failure, typed
                raise transport_error(response.request, exc) from exc
        self._check(response)
        return DONE

    async def _acheck(self, response: httpx.Response) -> None:
        if self._needs_body(response):
            try:
                await response.aread()
            except httpx.HTTPError as exc:
                raise transport_error(response.request, exc) from exc
        self._check(response)

    def _needs_body(self, response: httpx.Response) -> bool:
        return not response.is_success or http_log.isEnabledFor(logging.DEBUG)

    def _check(self, response: httpx.Response) -> None:
        log_response(response)
        if response.is_success or (self.defer_401 and response.status_code == 401):
            return
        raise self.error(response)

    def error(self, response: httpx.Response) -> ApiStatusError:
        """The ApiStatusError for a non-2xx response whose body has been read."""
        request = response.request
        path = request.url.path
        relative = path[len(self.base_path) :] if path.startswith(self.base_path) else path
        info = response.extensions.get(EXTENSION) or {}
        return api_error(
            response.status_code,
            response.content,
            response.headers,
            method=request.method,
            path=path,
            scopes=operation_scopes(self.version, request.method, relative),
            retry_after=info.get("retry_after"),
            resets_at=info.get("resets_at"),
        )


def event_hooks(version: int, base_url: str, *, defer_401: bool = False) -> dict[str, list[Any]]:
    """The ``event_hooks`` entry of ``httpx_args`` for a client of API ``version`` at ``base_url``."""
    return {"request": [request_hook], "response": [ResponseHook(version, base_url, defer_401=defer_401)]}
