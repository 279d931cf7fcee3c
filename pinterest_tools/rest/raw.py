"""``client.with_raw_response.<namespace>.<method>(...)``: the parsed result with the HTTP response.

Pinterest's answers carry what a parsed model cannot: the status, ``x-pinterest-rid`` (the
id to quote to Pinterest's support), ``x-ratelimit-remaining``. A raw call runs the same
method and returns a :class:`RawResponse` holding the ``httpx.Response`` and the parsed
result (``None`` for a bodiless answer). For a paging method the raw call fetches the
first page: ``parsed`` is that :class:`~pinterest_tools.rest.paging.Page`.

The response is captured, not re-read: the clients' ``_send`` hands every response to
:func:`captured` while a raw call is running in the same context (thread or task), so a
raw call costs nothing more than the plain one.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    import httpx

    from pinterest_tools.paging import AsyncPaginator, Page, Paginator

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

_CAPTURE: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar("raw_capture", default=None)


def captured(response: httpx.Response) -> httpx.Response:
    """Keep ``response`` for the raw call running in this context, if any; ``response`` itself."""
    into = _CAPTURE.get()
    if into is not None:
        into.append(response)
    return response


@dataclass(frozen=True)
class RawResponse(Generic[R]):
    """The HTTP answer of one call and its parsed result."""

    http_response: httpx.Response
    parsed: R

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (case-insensitive), e.g. ``x-pinterest-rid``, ``x-ratelimit-remaining``."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """``x-pinterest-rid``: the id Pinterest's support asks for."""
        value: str | None = self.http_response.headers.get("x-pinterest-rid")
        return value


def _last(responses: list[httpx.Response], name: str) -> httpx.Response:
    if not responses:  # every facade method sends exactly one request before it returns
        raise UsageError(f"{name}: no request was sent, so there is no raw response")
    return responses[-1]


def raw(method: Callable[P, R]) -> Callable[P, RawResponse[R]]:
    """``method`` returning a :class:`RawResponse` of its result."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
        responses: list[httpx.Response] = []
        reset = _CAPTURE.set(responses)
        try:
            parsed = method(*args, **kwargs)
        finally:
            _CAPTURE.reset(reset)
        return RawResponse(_last(responses, method.__qualname__), parsed)

    return call


def raw_page(method: Callable[P, Paginator[T]]) -> Callable[P, RawResponse[Page[T]]]:
    """A paging ``method`` fetching its first page, returned with its HTTP answer."""

    def first(*args: P.args, **kwargs: P.kwargs) -> Page[T]:
        return method(*args, **kwargs).first_page()

    return raw(first)


def araw(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[RawResponse[R]]]:
    """The async :func:`raw`."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
        responses: list[httpx.Response] = []
        reset = _CAPTURE.set(responses)
        try:
            parsed = await method(*args, **kwargs)
        finally:
            _CAPTURE.reset(reset)
        return RawResponse(_last(responses, method.__qualname__), parsed)

    return call


def araw_page(method: Callable[P, AsyncPaginator[T]]) -> Callable[P, Awaitable[RawResponse[Page[T]]]]:
    """The async :func:`raw_page`."""

    async def first(*args: P.args, **kwargs: P.kwargs) -> Page[T]:
        return await method(*args, **kwargs).first_page()

    return araw(first)
