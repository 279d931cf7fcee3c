"""Bookmark paging over any generated list operation, v5 (``items``) or v3 (``data``), sync or async.

``operation`` is a generated endpoint module (``pinterest_api_v5.api.boards.boards_list``);
its ``sync_detailed``/``asyncio_detailed`` is called once per page, lazily, with the
operation's own arguments plus ``page_size`` and ``bookmark`` (httpx URL-encodes the
bookmark; upstream appended it raw). This module only turns such a call into a fetch
function: the paginators, the stop rules and their warnings are :mod:`pinterest_tools.paging`'s,
the same as the facade's, and so is resuming (``bookmark=pager.next_bookmark`` for the page
after the last one fetched, ``bookmark=pager.bookmark`` for that last page again).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pinterest_tools.errors import PinterestError, UsageError
from pinterest_tools.paging import (
    MAX_PAGE_SIZE,
    AsyncItemIterator,
    AsyncPageIterator,
    AsyncPaginator,
    ItemIterator,
    Page,
    PageIterator,
    Paginator,
)

__all__ = ["aiter_items", "aiter_pages", "iter_items", "iter_pages"]


class _Operation:
    """One generated list operation with its arguments: the request for a bookmark, and the page of a response."""

    def __init__(self, operation: Any, client: Any, page_size: int | None, kwargs: dict[str, Any]) -> None:
        if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
            raise UsageError(f"page size must be between 1 and {MAX_PAGE_SIZE}, not {page_size}")
        self.operation = operation
        self.name = getattr(operation, "__name__", str(operation)).rsplit(".", 1)[-1]
        self.kwargs = kwargs | ({"page_size": page_size} if page_size is not None else {})
        self.kwargs["client"] = getattr(client, "api", client)  # a PinterestClient or a generated client

    def arguments(self, bookmark: str | None) -> dict[str, Any]:
        return self.kwargs | ({"bookmark": bookmark} if bookmark else {})

    def page(self, response: Any) -> Page[Any]:
        """The page of a generated ``Response``: v5's ``items`` or v3's ``data``, and its ``bookmark``."""
        parsed = response.parsed
        items = next(
            (v for v in (getattr(parsed, "items", None), getattr(parsed, "data", None)) if isinstance(v, list)), None
        )
        if items is None:
            raise PinterestError(f"{self.name} returned no list of items (HTTP {int(response.status_code)})")
        raw = getattr(parsed, "bookmark", None)
        return Page(items, raw if isinstance(raw, str) and raw else None, response)

    def fetch(self) -> Callable[[str | None], Page[Any]]:
        return lambda bookmark: self.page(self.operation.sync_detailed(**self.arguments(bookmark)))

    def afetch(self) -> Callable[[str | None], Awaitable[Page[Any]]]:
        async def fetch(bookmark: str | None) -> Page[Any]:
            return self.page(await self.operation.asyncio_detailed(**self.arguments(bookmark)))

        return fetch


def iter_pages(
    operation: Any,
    *,
    client: Any,
    page_size: int | None = None,
    bookmark: str | None = None,
    max_pages: int | None = None,
    **kwargs: Any,
) -> PageIterator[Any]:
    """Pages of ``operation`` (a generated endpoint module), fetched lazily.

    ``client``: a PinterestClient or a generated client; ``page_size``: 1..250 (the API's
    default when None); ``bookmark``: to resume; ``max_pages``: the bound of this run;
    ``kwargs``: the operation's own arguments.
    """
    call = _Operation(operation, client, page_size, kwargs)
    return Paginator(call.fetch(), name=call.name, bookmark=bookmark, max_pages=max_pages).pages()


def iter_items(operation: Any, **options: Any) -> ItemIterator[Any]:
    """The items of every page, one by one; takes :func:`iter_pages`'s options (``.pages`` has the bookmarks)."""
    return ItemIterator(iter_pages(operation, **options))


def aiter_pages(
    operation: Any,
    *,
    client: Any,
    page_size: int | None = None,
    bookmark: str | None = None,
    max_pages: int | None = None,
    **kwargs: Any,
) -> AsyncPageIterator[Any]:
    """The async form of :func:`iter_pages` (``async for page in aiter_pages(...)``)."""
    call = _Operation(operation, client, page_size, kwargs)
    return AsyncPaginator(call.afetch(), name=call.name, bookmark=bookmark, max_pages=max_pages).pages()


def aiter_items(operation: Any, **options: Any) -> AsyncItemIterator[Any]:
    """The async form of :func:`iter_items`."""
    return AsyncItemIterator(aiter_pages(operation, **options))
