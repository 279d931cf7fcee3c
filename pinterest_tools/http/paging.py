"""Bookmark paging over any generated list operation, v5 (``items``) or v3 (``data``), sync or async.

``operation`` is a generated endpoint module (``pinterest_api_v5.api.boards.boards_list``);
its ``sync_detailed``/``asyncio_detailed`` is called once per page, lazily, with the
operation's own arguments plus ``page_size`` and ``bookmark`` (httpx URL-encodes the
bookmark; upstream appended it raw). Paging stops on the last page (no bookmark), on an
empty page (as upstream did), and, with a warning and never in an endless loop, on a
bookmark seen before or after ``max_pages`` pages.

To resume later, pass ``bookmark=pager.next_bookmark`` (the page after the last one
fetched) or ``bookmark=pager.bookmark`` (that last page again, e.g. after stopping in the
middle of its items).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from pinterest_tools.errors import PinterestError, UsageError
from pinterest_tools.http import DEFAULT_MAX_PAGES, MAX_PAGE_SIZE

log = logging.getLogger(__name__)


@dataclass
class Page:
    """One page: its items, the bookmark of the next page (None on the last) and the raw response."""

    items: list[Any]
    next_bookmark: str | None
    bookmark: str | None
    response: Any


class _Pager:
    """State and stop rules shared by the four iterators; subclasses only fetch."""

    def __init__(
        self,
        operation: Any,
        *,
        client: Any,
        page_size: int | None = None,
        bookmark: str | None = None,
        max_pages: int | None = None,
        **kwargs: Any,
    ) -> None:
        """``client``: a PinterestClient or a generated client; ``kwargs``: the operation's own arguments."""
        if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
            raise UsageError(f"page size must be between 1 and {MAX_PAGE_SIZE}, not {page_size}")
        self.operation = operation
        self.name = getattr(operation, "__name__", str(operation)).rsplit(".", 1)[-1]
        self.client = getattr(client, "api", client)  # a PinterestClient or a generated client
        self.kwargs = kwargs | ({"page_size": page_size} if page_size is not None else {})
        self.next_bookmark = bookmark or None
        self.bookmark: str | None = None
        self.max_pages = max_pages if max_pages is not None else DEFAULT_MAX_PAGES
        self.pages = 0
        self.done = False
        self._seen: set[str] = set()

    def _call_kwargs(self) -> dict[str, Any]:
        return self.kwargs | ({"bookmark": self.next_bookmark} if self.next_bookmark else {}) | {"client": self.client}

    def _accept(self, response: Any) -> Page:
        parsed = response.parsed
        items = next(
            (v for v in (getattr(parsed, "items", None), getattr(parsed, "data", None)) if isinstance(v, list)), None
        )
        if items is None:
            raise PinterestError(f"{self.name} returned no list of items (HTTP {int(response.status_code)})")
        raw = getattr(parsed, "bookmark", None)
        following = raw if isinstance(raw, str) and raw else None
        self.pages += 1
        self.bookmark = self.next_bookmark
        page = Page(items, following, self.bookmark, response)
        self.next_bookmark = following
        if following is None or not items:
            self.done, self.next_bookmark = True, None
        elif following in self._seen or following == self.bookmark:
            log.warning("%s: Pinterest returned a bookmark it had returned before; stopping here", self.name)
            self.done, self.next_bookmark = True, None
        elif self.pages >= self.max_pages:
            log.warning("%s: stopped after %d pages; resume with bookmark %s", self.name, self.pages, following)
            self.done = True
        self._seen.add(following or "")
        return page


class PageIterator(_Pager, Iterator[Page]):
    """Pages, fetched one at a time as iteration asks for them."""

    def __next__(self) -> Page:
        if self.done:
            raise StopIteration
        return self._accept(self.operation.sync_detailed(**self._call_kwargs()))


class ItemIterator(Iterator[Any]):
    """The items of a :class:`PageIterator` (``.pages``), one by one."""

    def __init__(self, pages: PageIterator) -> None:
        self.pages = pages
        self._current: Iterator[Any] = iter(())

    def __next__(self) -> Any:
        while True:
            item = next(self._current, _END)
            if item is not _END:
                return item
            self._current = iter(next(self.pages).items)


class AsyncPageIterator(_Pager, AsyncIterator[Page]):
    """Pages through the operation's ``asyncio_detailed``."""

    async def __anext__(self) -> Page:
        if self.done:
            raise StopAsyncIteration
        return self._accept(await self.operation.asyncio_detailed(**self._call_kwargs()))


class AsyncItemIterator(AsyncIterator[Any]):
    """The items of an :class:`AsyncPageIterator` (``.pages``)."""

    def __init__(self, pages: AsyncPageIterator) -> None:
        self.pages = pages
        self._current: Iterator[Any] = iter(())

    async def __anext__(self) -> Any:
        while True:
            item = next(self._current, _END)
            if item is not _END:
                return item
            self._current = iter((await self.pages.__anext__()).items)


_END = object()


def iter_pages(operation: Any, **options: Any) -> PageIterator:
    """Pages of ``operation`` (a generated endpoint module), fetched lazily.

    Options: ``client`` (required), ``page_size`` (1..250; the API's default when None),
    ``bookmark`` (to resume), ``max_pages``, and the operation's own arguments.
    """
    return PageIterator(operation, **options)


def iter_items(operation: Any, **options: Any) -> ItemIterator:
    """The items of every page, one by one; takes :func:`iter_pages`'s options (``.pages`` has the bookmarks)."""
    return ItemIterator(iter_pages(operation, **options))


def aiter_pages(operation: Any, **options: Any) -> AsyncPageIterator:
    """The async form of :func:`iter_pages` (``async for page in aiter_pages(...)``)."""
    return AsyncPageIterator(operation, **options)


def aiter_items(operation: Any, **options: Any) -> AsyncItemIterator:
    """The async form of :func:`iter_items`."""
    return AsyncItemIterator(aiter_pages(operation, **options))
