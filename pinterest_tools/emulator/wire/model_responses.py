"""Small builders for v5 responses from generated models (single objects, lists and pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from starlette.responses import JSONResponse, Response


class Model(Protocol):
    """What every generated model offers."""

    def to_dict(self) -> dict[str, Any]: ...


def with_nulls(model: Model, *keys: str) -> dict[str, Any]:
    """``model.to_dict()`` with each of ``keys`` sent as ``null`` where the model has no value.

    A generated model built in code sends only the optional fields that are not None (so
    a request never clears what it did not name); Pinterest's answers do carry explicit
    nulls, such as ``bookmark: null`` on a last page.
    """
    data = model.to_dict()
    for key in keys:
        data.setdefault(key, None)
    return data


def model_response(model: Model, status: int = 200, *, nulls: tuple[str, ...] = ()) -> JSONResponse:
    """``model`` as JSON, with ``nulls`` sent as ``null`` when they have no value (see ``with_nulls``)."""
    return JSONResponse(with_nulls(model, *nulls), status)


def list_response(items: Sequence[Model], status: int = 200) -> JSONResponse:
    """A bare JSON array of models (e.g. the rows of ads analytics)."""
    return JSONResponse([item.to_dict() for item in items], status)


def page_response(page_model: Callable[..., Model], items: Sequence[Model], bookmark: str | None) -> JSONResponse:
    """A v5 list page, e.g. ``page_response(BoardsListResponse, boards, bookmark)``.

    The bookmark is ``null`` on the last page, as Pinterest sends it.
    """
    return model_response(page_model(items=list(items), bookmark=bookmark), nulls=("bookmark",))


def no_content() -> Response:
    return Response(status_code=204)
