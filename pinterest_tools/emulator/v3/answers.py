"""v3 and ads v4 answers: data built with ``pinterest_api_v3`` models inside v3's envelope,
and bookmark paging with v3's error codes.

Every success is ``{status: "success", code: 0, message: "ok", data, endpoint_name}``, plus
``bookmark`` at the root when another page exists (absent on the last page, as captured
from the live API). Paging is the emulator's (``wire.paging``), with v3's codes for its
failures: a page size over 250 is code 22, a bookmark that names no place in the list is
code 10 ("Bookmark not found", 404).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from starlette.responses import JSONResponse

from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.ids import digits
from pinterest_tools.emulator.wire.envelopes import v3_success
from pinterest_tools.emulator.wire.errors import ApiError
from pinterest_tools.emulator.wire.exchanges import notes
from pinterest_tools.emulator.wire.model_responses import Model
from pinterest_tools.emulator.wire.paging import MAX_PAGE_SIZE, Page, decode_bookmark, paginate

T = TypeVar("T")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Identified = TypeVar("Identified", bound=_HasId)


def endpoint_name(call: Call) -> str:
    operation_id = notes(call.request.scope).operation_id or "unknown"
    path: str = call.request.scope["path"]  # not ``request.url``, which builds a whole URL
    return operation_id if path.startswith("/ads/") else f"v3_{operation_id}"


def _plain(data: Any) -> Any:
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data.to_dict() if hasattr(data, "to_dict") else data


Data = Model | Sequence[Model] | Sequence[dict[str, Any]] | dict[str, Any] | None


def ok(call: Call, data: Data, bookmark: str | None = None) -> JSONResponse:
    """A success: ``data`` (models or plain JSON) in the envelope, ``bookmark`` when there is more."""
    return JSONResponse(v3_success(_plain(data), bookmark=bookmark, endpoint_name=endpoint_name(call)))


def page(call: Call, items: Sequence[T], *, listing: str, key: Callable[[T], int]) -> Page[T]:
    raw = call.query.get("page_size")
    if raw is not None and digits(raw) and int(raw) > MAX_PAGE_SIZE:
        raise ApiError(400, 22, f"Bookmark page size exceeds maximum ({MAX_PAGE_SIZE}).")
    bookmark = call.query.get("bookmark")
    if bookmark:
        try:
            decode_bookmark(listing, bookmark)
        except ApiError:
            raise ApiError(404, 10, "Bookmark not found.") from None
    return paginate(items, call.query, listing=listing, key=key)


def listed(
    call: Call, items: Sequence[Identified], render: Callable[[Identified], Model], *, listing: str
) -> JSONResponse:
    """One page of records with an ``id``, in id order, rendered."""
    found = page(call, items, listing=listing, key=lambda item: int(item.id))
    return ok(call, [render(item) for item in found.items], found.bookmark)
