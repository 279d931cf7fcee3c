"""Bookmark paging, the one implementation: the :class:`Page`, the stop rules and the paginators.

Pinterest pages a listing with an opaque ``bookmark``: each page's body carries the
bookmark of the next one, absent or empty on the last. A paginator is built around a
*fetch* function (bookmark in, :class:`Page` out; None asks for the first page) and
fetches each page only when iteration asks for it. Its two users only write that function:

- the facade's list methods (``client.boards.list()``, rendered by ``specgen/facade/``)
  return a :class:`Paginator` (``AsyncPaginator`` on ``AsyncPinterest``) at once, without a
  request; iterating it yields the items, ``.pages()`` the pages;
- :mod:`pinterest_tools.http.paging` (``iter_items``, ``iter_pages`` and their async forms)
  fetches through a generated operation's ``sync_detailed``/``asyncio_detailed``, for the
  commands and for code that uses the generated packages directly.

Stop rules, the same for both: paging stops on the last page (no bookmark) and on an empty
page (upstream stopped there too, and a page with nothing on it has nothing to follow);
with a warning, and never in an endless loop, it stops on a bookmark returned before (the
server is going round: resuming there would go round again, so nothing is offered to resume
from) and after ``max_pages`` pages (the log line names the bookmark to resume from: a
WARNING when the default bound cut a listing short, DEBUG when the caller asked for that
many pages, since stopping there is then what was asked).

Paging by hand: ``page = paginator.first_page()``, then ``while page.has_next_page(): page =
page.get_next_page()`` (``await page.get_next_page()`` on an :class:`AsyncPage`).

Resuming: ``paginator.next_bookmark`` is the bookmark of the page after the latest one
fetched, ``paginator.bookmark`` the one that fetched that latest page (to fetch it again
after stopping in the middle of its items); pass either as ``bookmark=`` to the same call.
A page's own ``bookmark`` is the one its body carried: the next page's.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pinterest_tools.errors import UsageError
from pinterest_tools.library_log import get_logger
from pinterest_tools.page_size import MAX_PAGE_SIZE as MAX_PAGE_SIZE  # the paging layers read it here

log = get_logger(__name__)

DEFAULT_MAX_PAGES = 10_000  # a pager stops there (with a warning and a bookmark to resume from)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: its ``items`` and ``bookmark``, the bookmark of the next page (None on the last).

    ``response`` is the raw response where the fetch kept it (the generated operation's
    ``Response`` in :mod:`pinterest_tools.http.paging`; None in the facade); it takes no
    part in comparing pages.
    """

    items: list[T]
    bookmark: str | None
    response: Any = field(default=None, compare=False, repr=False)
    # the fetch of the paginator this page came from: get_next_page() asks it for the next one
    _fetch: Any = field(default=None, compare=False, repr=False)

    def has_next_page(self) -> bool:
        """Whether a page follows: Pinterest sent a bookmark, and this page is not empty (paging stops at
        an empty page, as upstream did: a page with nothing on it has nothing to follow)."""
        return self.bookmark is not None and bool(self.items)

    def get_next_page(self) -> Page[T]:
        """The next page (one request); UsageError on the last page (see :meth:`has_next_page`)."""
        return _linked(self._fetch(self._next_bookmark()), self._fetch)

    def _next_bookmark(self) -> str:
        if self.bookmark is None or not self.items:
            raise UsageError("this is the last page: check has_next_page() before get_next_page()")
        if self._fetch is None:
            raise UsageError("this page was not fetched by a paginator: pass bookmark= to the list call instead")
        return self.bookmark


class AsyncPage(Page[T]):
    """A page of an :class:`AsyncPaginator`: ``await page.get_next_page()``."""

    async def get_next_page(self) -> AsyncPage[T]:  # type: ignore[override]
        """The next page (one request); UsageError on the last page (see :meth:`has_next_page`)."""
        return _alinked(await self._fetch(self._next_bookmark()), self._fetch)


def _linked(page: Page[T], fetch: Callable[[str | None], Page[T]]) -> Page[T]:
    """``page`` knowing the fetch that gets the page after it."""
    return Page(page.items, page.bookmark, page.response, fetch)


def _alinked(page: Page[T], fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncPage[T]:
    return AsyncPage(page.items, page.bookmark, page.response, fetch)


P = TypeVar("P", bound=Page[Any])


class _Stops:
    """Where paging stands (bookmarks, pages fetched) and the stop rules, applied to each page fetched."""

    def __init__(self, name: str, bookmark: str | None, max_pages: int | None) -> None:
        self.name = name
        self.current: str | None = None  # the bookmark that fetched the latest page
        self.next: str | None = bookmark or None  # the bookmark of the page to fetch next
        self.max_pages = DEFAULT_MAX_PAGES if max_pages is None else max_pages
        # a bound the caller chose is no surprise (DEBUG); the default cutting a listing short is (WARNING)
        self.bound_level = logging.WARNING if max_pages is None else logging.DEBUG
        self.pages = 0
        self.done = False
        self.seen: set[str] = set()

    def accept(self, page: P) -> P:
        self.pages += 1
        following = page.bookmark
        if following is None or not page.items:
            self.done, following = True, None
        elif following in self.seen or following == self.next:
            log.warning("%s: Pinterest returned a bookmark it had returned before; stopping here", self.name)
            self.done, following = True, None  # resuming there would go round again
        elif self.pages >= self.max_pages:
            resume = "%s: stopped after %d pages; resume with bookmark=%r"
            log.log(self.bound_level, resume, self.name, self.pages, following)
            self.done = True
        if following is not None:
            self.seen.add(following)
        self.current, self.next = self.next, following
        return page


class _Position:
    """``bookmark``, ``next_bookmark`` and ``pages`` (how many were fetched) of a paging run."""

    _stops: _Stops | None = None

    @property
    def bookmark(self) -> str | None:
        """The bookmark that fetched the latest page (None: the first page): resumes at that page."""
        return self._stops.current if self._stops else None

    @property
    def next_bookmark(self) -> str | None:
        """The bookmark of the page after the latest one (None: there is none, or nothing fetched yet)."""
        return self._stops.next if self._stops else None


class PageIterator(_Position, Iterator[Page[T]]):
    """Pages, each fetched when ``next()`` asks for it; ``.pages`` counts those fetched."""

    _stops: _Stops

    def __init__(self, fetch: Callable[[str | None], Page[T]], stops: _Stops) -> None:
        self._fetch, self._stops = fetch, stops

    @property
    def pages(self) -> int:
        return self._stops.pages

    def __next__(self) -> Page[T]:
        stops = self._stops
        if stops.done:
            raise StopIteration
        return stops.accept(_linked(self._fetch(stops.next), self._fetch))


class ItemIterator(Iterator[T]):
    """The items of the pages of ``.pages`` (a :class:`PageIterator`, with the bookmarks), one by one."""

    def __init__(self, pages: PageIterator[T]) -> None:
        self.pages = pages
        self._items = itertools.chain.from_iterable(page.items for page in pages)

    def __next__(self) -> T:
        return next(self._items)


class AsyncPageIterator(_Position, AsyncIterator[AsyncPage[T]]):
    """The async form of :class:`PageIterator` (``async for page in ...``)."""

    _stops: _Stops

    def __init__(self, fetch: Callable[[str | None], Awaitable[Page[T]]], stops: _Stops) -> None:
        self._fetch, self._stops = fetch, stops

    @property
    def pages(self) -> int:
        return self._stops.pages

    async def __anext__(self) -> AsyncPage[T]:
        stops = self._stops
        if stops.done:
            raise StopAsyncIteration
        return stops.accept(_alinked(await self._fetch(stops.next), self._fetch))


_END: Any = object()


class AsyncItemIterator(AsyncIterator[T]):
    """The async form of :class:`ItemIterator`."""

    def __init__(self, pages: AsyncPageIterator[T]) -> None:
        self.pages = pages
        self._current: Iterator[T] = iter(())

    async def __anext__(self) -> T:
        while True:
            item = next(self._current, _END)
            if item is not _END:
                return item
            self._current = iter((await self.pages.__anext__()).items)


class Paginator(_Position, Generic[T]):
    """The items of a list operation, page after page (``for item in paginator``); ``.pages()`` for the pages.

    ``fetch(bookmark)`` fetches one page (None: the first); ``name`` names the listing in
    the warnings; ``bookmark`` resumes; ``max_pages`` bounds a run. Each iteration starts
    again from ``bookmark``; ``.bookmark``/``.next_bookmark`` follow the latest one.
    """

    def __init__(
        self,
        fetch: Callable[[str | None], Page[T]],
        *,
        name: str,
        bookmark: str | None = None,
        max_pages: int | None = None,
    ) -> None:
        self._fetch, self._name, self._bookmark, self._max_pages = fetch, name, bookmark, max_pages

    def pages(self) -> PageIterator[T]:
        """The pages, each fetched when asked for."""
        self._stops = _Stops(self._name, self._bookmark, self._max_pages)
        return PageIterator(self._fetch, self._stops)

    iter_pages = pages

    def __iter__(self) -> ItemIterator[T]:
        return ItemIterator(self.pages())

    def first_page(self) -> Page[T]:
        """Only the first page (one request); ``get_next_page()`` on it fetches the next."""
        return _linked(self._fetch(self._bookmark or None), self._fetch)


class AsyncPaginator(_Position, Generic[T]):
    """The async form of :class:`Paginator`: ``async for item in ...`` and ``async for page in ....pages()``."""

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[Page[T]]],
        *,
        name: str,
        bookmark: str | None = None,
        max_pages: int | None = None,
    ) -> None:
        self._fetch, self._name, self._bookmark, self._max_pages = fetch, name, bookmark, max_pages

    def pages(self) -> AsyncPageIterator[T]:
        """The pages, each fetched when asked for (``async for page in paginator.pages()``)."""
        self._stops = _Stops(self._name, self._bookmark, self._max_pages)
        return AsyncPageIterator(self._fetch, self._stops)

    iter_pages = pages

    def __aiter__(self) -> AsyncItemIterator[T]:
        return AsyncItemIterator(self.pages())

    async def first_page(self) -> AsyncPage[T]:
        """Only the first page (one request); ``await page.get_next_page()`` fetches the next."""
        return _alinked(await self._fetch(self._bookmark or None), self._fetch)
