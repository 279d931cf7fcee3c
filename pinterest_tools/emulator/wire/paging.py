"""Bookmark paging as Pinterest does it: an opaque cursor and a bounded page size.

The bookmark records where the last page ended (the sort key of its last item) rather
than an offset, so deleting items while walking a list (``delete_board --all-boards``)
skips nothing, and it names the list it belongs to, so a bookmark from another list is
refused instead of silently paging something else.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pinterest_tools.emulator.wire.errors import invalid

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 250

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    bookmark: str | None


def page_size(query: Mapping[str, str], *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE) -> int:
    raw = query.get("page_size")
    if raw is None:
        return default
    try:
        size = int(raw)
    except ValueError:
        raise invalid(f"page_size: {raw!r} is not an integer.") from None
    if not 1 <= size <= maximum:
        raise invalid(f"page_size: {size} is not between 1 and {maximum}.")
    return size


def _listing_tag(listing: str) -> str:
    return hashlib.sha256(listing.encode()).hexdigest()[:12]


def encode_bookmark(listing: str, last_key: int) -> str:
    raw = json.dumps({"l": _listing_tag(listing), "k": last_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_bookmark(listing: str, bookmark: str) -> int:
    try:
        raw = json.loads(base64.urlsafe_b64decode(bookmark + "=" * (-len(bookmark) % 4)))
        if raw["l"] == _listing_tag(listing) and isinstance(raw["k"], int):
            return int(raw["k"])
    except (ValueError, KeyError, TypeError):
        pass
    raise invalid("Invalid bookmark.")


def paginate(
    items: Sequence[T],
    query: Mapping[str, str],
    *,
    listing: str,
    key: Callable[[T], int],
    default_size: int = DEFAULT_PAGE_SIZE,
) -> Page[T]:
    """One page of ``items`` (sorted by ``key``), from ``bookmark`` and ``page_size`` in the query.

    ``listing`` identifies the list (e.g. "boards:<user id>"); the next page's bookmark is
    None on the last page. The page starts after the bookmark's key by binary search, so
    a page costs the same at the end of a long list as at its start.
    """
    size = page_size(query, default=default_size)
    bookmark = query.get("bookmark")
    start = bisect.bisect_right(items, decode_bookmark(listing, bookmark), key=key) if bookmark else 0
    page = list(items[start : start + size])
    more = len(items) > start + size
    return Page(page, encode_bookmark(listing, key(page[-1])) if more else None)
