"""Typed auto-paging over Pinterest's ``bookmark``: ``for board in client.boards.list(): ...``.

A list operation returns a :class:`Paginator` (``AsyncPaginator`` on ``AsyncPinterest``)
at once, without a request; iterating it yields the items of every page, fetching each
page when the previous one is used up. ``.pages()`` yields :class:`Page` objects instead
(``.items`` and ``.bookmark``, the bookmark of the *next* page, None on the last). To
resume later, pass a page's ``bookmark`` to the same method (``bookmark=page.bookmark``);
after stopping in the middle of a page's items, ``bookmark=paginator.bookmark`` fetches
that page again (``paginator.next_bookmark`` is the one after it).

Paging stops on the last page (no bookmark), on an empty page, and, with a warning and
never in an endless loop, on a bookmark seen before or after ``max_pages`` pages; the same
rules as :mod:`pinterest_tools.http.paging`, which pages the generated functions for the commands.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from pinterest_tools.http import DEFAULT_MAX_PAGES

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: its ``items`` and ``bookmark``, the bookmark of the next page (None on the last)."""

    items: list[T]
    bookmark: str | None


class _Stops:
    """The stop rules, shared by both paginators."""

    def __init__(self, name: str, bookmark: str | None, max_pages: int | None) -> None:
        self.name = name
        self.current: str | None = None  # the bookmark that fetched the latest page
        self.next: str | None = bookmark or None
        self.max_pages = DEFAULT_MAX_PAGES if max_pages is None else max_pages
        self.pages = 0
        self.done = False
        self.seen: set[str] = set()

    def accept(self, page: Page[T]) -> Page[T]:
        self.pages += 1
        following = page.bookmark
        if following is None or not page.items:
            self.done, following = True, None
        elif following in self.seen or following == self.next:
            log.warning("%s: Pinterest returned a bookmark it had returned before; stopping here", self.name)
            self.done, following = True, None  # resuming there would go round again
        elif self.pages >= self.max_pages:
            log.warning("%s: stopped after %d pages; resume with bookmark=%r", self.name, self.pages, following)
            self.done = True
        if following is not None:
            self.seen.add(following)
        self.current, self.next = self.next, following
        return page


class _Resumable:
    """``bookmark`` and ``next_bookmark`` of the latest page fetched, for resuming."""

    _stops: _Stops | None = None

    @property
    def bookmark(self) -> str | None:
        """The bookmark that fetched the latest page (None: the first page): resumes at that page."""
        return self._stops.current if self._stops else None

    @property
    def next_bookmark(self) -> str | None:
        """The bookmark of the page after the latest one (None: there is none, or nothing fetched yet)."""
        return self._stops.next if self._stops else None


class Paginator(_Resumable, Generic[T]):
    """The items of a list operation, page after page (``Iterator[T]``); ``.pages()`` for the pages."""

    def __init__(
        self,
        fetch: Callable[[str | None], Page[T]],
        *,
        name: str,
        bookmark: str | None = None,
        max_pages: int | None = None,
    ) -> None:
        self._fetch, self._name, self._bookmark, self._max_pages = fetch, name, bookmark, max_pages

    def pages(self) -> Iterator[Page[T]]:
        """The pages, each fetched when asked for."""
        stops = self._stops = _Stops(self._name, self._bookmark, self._max_pages)
        while not stops.done:
            yield stops.accept(self._fetch(stops.next))

    iter_pages = pages

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def first_page(self) -> Page[T]:
        """Only the first page (one request)."""
        return self._fetch(self._bookmark or None)


class AsyncPaginator(_Resumable, Generic[T]):
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

    async def pages(self) -> AsyncIterator[Page[T]]:
        stops = self._stops = _Stops(self._name, self._bookmark, self._max_pages)
        while not stops.done:
            yield stops.accept(await self._fetch(stops.next))

    iter_pages = pages

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def first_page(self) -> Page[T]:
        return await self._fetch(self._bookmark or None)
